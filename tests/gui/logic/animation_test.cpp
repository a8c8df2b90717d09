// Animation export without a window: the quantiser is exact when it can be and repeatable
// always, the GIF writer's files decode (giflib) to the frames given, and a cancelled or
// failed export leaves no file behind.
#include <catch2/catch.hpp>
#include <fstream>

#include "../../io/temp_dir.hpp"
#include "../gif_frames.hpp"
#include "logic/animation.hpp"
#include "logic/quantize.hpp"

using namespace convscope;
using namespace convscope::gui;
namespace fs = std::filesystem;

namespace {

std::vector<unsigned char> flatFrame(int w, int h, unsigned char r, unsigned char g, unsigned char b) {
    std::vector<unsigned char> rgba;
    for (int i = 0; i < w * h; ++i) rgba.insert(rgba.end(), {r, g, b, 255});
    return rgba;
}

// Every pixel a different colour: more than 256, so median cut runs.
std::vector<unsigned char> rampFrame(int w, int h) {
    std::vector<unsigned char> rgba;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            rgba.insert(rgba.end(), {static_cast<unsigned char>(x * 7), static_cast<unsigned char>(y * 5),
                                     static_cast<unsigned char>((x + y) * 3), 255});
    return rgba;
}

std::size_t filesIn(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("few colours are kept exactly; many are reduced the same way every time", "[gui][animation]") {
    auto frame = flatFrame(8, 4, 10, 20, 30);
    for (int i = 0; i < 8; ++i) frame[4 * static_cast<std::size_t>(i)] = static_cast<unsigned char>(100 + i);
    const IndexedImage exact = quantize(frame, 8, 4);
    CHECK(exact.palette.size() == 9);
    CHECK(expand(exact) == frame);

    const auto ramp = rampFrame(64, 48);
    const IndexedImage a = quantize(ramp, 64, 48), b = quantize(ramp, 64, 48);
    CHECK(a.palette.size() <= 256);
    CHECK(a.palette.size() > 200);
    CHECK(a.palette == b.palette);
    CHECK(a.indices == b.indices);
    // Close to the original: the mean error per channel is a few levels.
    const auto back = expand(a);
    double error = 0;
    for (std::size_t i = 0; i < ramp.size(); ++i) error += std::abs(int(ramp[i]) - int(back[i]));
    CHECK(error / static_cast<double>(ramp.size()) < 6.0);
}

TEST_CASE("a GIF export decodes to one frame per frame given, looping, at the frame rate", "[gui][animation]") {
    iotest::TempDir dir;
    const fs::path out = dir.path() / "walk.gif";
    auto writer = openAnimationWriter(out, 16, 8, 4.0, 5);
    REQUIRE(writer.ok());
    // Whole changes, then the same frame again, then one pixel changed: the writer stores only
    // what changed, and every decoded frame is still the whole picture.
    auto onePixel = rampFrame(16, 8);
    onePixel[4 * (3 * 16 + 5)] = 1;
    const std::vector<std::vector<unsigned char>> frames = {flatFrame(16, 8, 255, 0, 0), flatFrame(16, 8, 0, 255, 0),
                                                            rampFrame(16, 8), rampFrame(16, 8), onePixel};
    for (const auto& f : frames) REQUIRE((*writer)->addFrame(f).ok());
    CHECK_FALSE(fs::exists(out));  // nothing at the target until commit
    REQUIRE((*writer)->commit().ok());
    const giftest::Frames d = giftest::decodeGif(out);
    CHECK(d.width == 16);
    CHECK(d.height == 8);
    CHECK(d.loops);
    REQUIRE(d.rgba.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) CHECK(d.rgba[i] == frames[i]);  // ≤ 256 colours: exact
    CHECK(d.delays == std::vector<int>{25, 25, 25, 25, 25});
    CHECK(filesIn(dir.path()) == 1);  // no temp file left
}

TEST_CASE("a cancelled export leaves the old file as it was and no temp file", "[gui][animation]") {
    iotest::TempDir dir;
    const fs::path out = dir.path() / "walk.gif";
    { std::ofstream(out) << "old"; }
    {
        auto writer = openAnimationWriter(out, 4, 4, 2.0, 2);
        REQUIRE(writer.ok());
        REQUIRE((*writer)->addFrame(flatFrame(4, 4, 1, 2, 3)).ok());
        CHECK(filesIn(dir.path()) == 2);  // the target and the temp file
        (*writer)->abort();
    }
    CHECK(filesIn(dir.path()) == 1);
    std::ifstream in(out);
    std::string text;
    in >> text;
    CHECK(text == "old");

    // A frame of the wrong size fails the export the same way.
    auto writer = openAnimationWriter(out, 4, 4, 2.0, 2);
    REQUIRE(writer.ok());
    CHECK_FALSE((*writer)->addFrame(flatFrame(5, 4, 1, 2, 3)).ok());
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("an unwritable target is refused before any frame, naming the path", "[gui][animation]") {
    auto missing = openAnimationWriter("/no/such/folder/out.gif", 4, 4, 2.0, 1);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/no/such/folder/out.gif") != std::string::npos);
    iotest::TempDir dir;
    auto folder = openAnimationWriter(dir.path(), 4, 4, 2.0, 1);
    CHECK_FALSE(folder.ok());
}

TEST_CASE("a PNG sequence is numbered and appears only when complete", "[gui][animation]") {
    iotest::TempDir dir;
    const fs::path out = dir.path() / "step.png";
    auto writer = openAnimationWriter(out, 4, 4, 2.0, 2);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->addFrame(flatFrame(4, 4, 9, 9, 9)).ok());
    REQUIRE((*writer)->addFrame(flatFrame(4, 4, 7, 7, 7)).ok());
    CHECK_FALSE(fs::exists(dir.path() / "step-0001.png"));
    REQUIRE((*writer)->commit().ok());
    CHECK(fs::exists(dir.path() / "step-0001.png"));
    CHECK(fs::exists(dir.path() / "step-0002.png"));
    CHECK(filesIn(dir.path()) == 2);
    CHECK(sequenceFrame("a/b.png", 41, 12000).filename() == "b-00042.png");
}

TEST_CASE("command-line values for the animation are checked", "[gui][animation]") {
    CHECK(parseFps("2") == 2.0);
    CHECK(parseFps("0.5") == 0.5);
    CHECK_FALSE(parseFps("0"));
    CHECK_FALSE(parseFps("51"));
    CHECK_FALSE(parseFps("2x"));
    CHECK_FALSE(parseFps(""));
    CHECK(parseRegion("views") == AnimationRegion::Views);
    CHECK(parseRegion("window") == AnimationRegion::Window);
    CHECK_FALSE(parseRegion("screen"));
    AnimationOptions o;
    REQUIRE(parsePositions("3-10", o));
    CHECK(o.first == 2);
    CHECK(o.last == 9);
    CHECK_FALSE(parsePositions("0-3", o));
    CHECK_FALSE(parsePositions("5-3", o));
    CHECK_FALSE(parsePositions("5", o));
    CHECK(positionsToExport(o, 58).first == 2);
    CHECK(positionsToExport(o, 58).count == 8);
    CHECK(positionsToExport(o, 5).count == 3);  // cut at the end of the playback
    CHECK(positionsToExport(AnimationOptions{}, 58).count == 58);
    CHECK(positionsToExport(o, 2).count == 0);
    CHECK(gifDelay(2.0) == 50);
    CHECK(gifDelay(50.0) == 2);
}
