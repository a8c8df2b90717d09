// `convscope --export-animation` under a virtual display (run through xvfb-run by CTest): the
// GIF of the default scene has one frame per playback position, its frames are the app's own
// rendering — equal to --screenshot renderings of the same positions, quantised the same way —
// it is identical run to run, and every bad option or path is exit status 1 with a message.
#include <stb_image.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "convscope/io/session.hpp"
#include "gif_frames.hpp"
#include "logic/pipeline.hpp"
#include "logic/playback.hpp"
#include "logic/quantize.hpp"
#include "logic/session_bridge.hpp"

namespace fs = std::filesystem;
using namespace convscope;
using namespace convscope::gui;

namespace {

// Small, to keep the test quick (the window's minimum size).
const std::string kSize = "--size 1024x700";

int run(const std::string& args) {
    const std::string cmd = std::string(CONVSCOPE_APP_PATH) + " " + args;
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The app's default scene, paused at `step`, rendered by --screenshot: RGBA bytes.
std::vector<unsigned char> screenshotAt(std::int64_t step, int& width, int& height) {
    io::Session session = toSession(defaultState());
    session.step = step;
    session.playing = false;
    const fs::path file = fs::temp_directory_path() / "convscope_anim_step.json";
    const fs::path png = fs::temp_directory_path() / "convscope_anim_step.png";
    REQUIRE(io::saveSession(file, session).ok());
    REQUIRE(run("--screenshot " + png.string() + " --frames 3 " + kSize + " --session " + file.string()) == 0);
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
    REQUIRE(pixels != nullptr);
    std::vector<unsigned char> rgba(pixels, pixels + static_cast<std::ptrdiff_t>(width) * height * 4);
    stbi_image_free(pixels);
    fs::remove(file);
    fs::remove(png);
    return rgba;
}

std::int64_t defaultPositions() {
    Pipeline p;
    (void)p.update(defaultState().compute);
    (void)p.finish();
    return totalSteps(p.result());
}

}  // namespace

TEST_CASE("the default scene's GIF has a frame per position, each the app's own rendering", "[gui][animation]") {
    const std::int64_t positions = defaultPositions();
    REQUIRE(positions == 7 * 7 + 3 * 3);  // conv positions, then pooled ones
    const fs::path gif = fs::temp_directory_path() / "convscope_anim_window.gif";
    fs::remove(gif);
    REQUIRE(run("--no-autosave --export-animation " + gif.string() + " --fps 5 --region window " + kSize) == 0);
    const giftest::Frames frames = giftest::decodeGif(gif);
    CHECK(frames.width == 1024);
    CHECK(frames.height == 700);
    REQUIRE(static_cast<std::int64_t>(frames.rgba.size()) == positions);
    for (int delay : frames.delays) CHECK(delay == 20);  // 5 frames per second
    // Consecutive frames differ: the window moves every position.
    // (Compared first: Catch would print megabytes of pixels on a failure.)
    const bool moved = frames.rgba[0] != frames.rgba[1] && frames.rgba[48] != frames.rgba[49];
    CHECK(moved);

    // First, second, last conv position, first and last pooled position.
    for (const std::int64_t step : {0, 1, 48, 49, 57}) {
        INFO("position " << step);
        int width = 0, height = 0;
        const auto shot = screenshotAt(step, width, height);
        REQUIRE(width == frames.width);
        REQUIRE(height == frames.height);
        // The GIF holds the screenshot's pixels through the same deterministic palette.
        const auto expected = expand(quantize(shot, width, height));
        const auto& frame = frames.rgba[static_cast<std::size_t>(step)];
        std::size_t differ = 0;
        for (std::size_t i = 0; i < frame.size(); ++i) differ += frame[i] != expected[i];
        CHECK(differ == 0);
        // And the palette costs little: the flat colours stay exact, ramps and text edges move
        // by a few levels.
        double error = 0;
        for (std::size_t i = 0; i < frame.size(); ++i) error += std::abs(int(frame[i]) - int(shot[i]));
        error /= static_cast<double>(frame.size());
        CAPTURE(error);
        CHECK(error < 0.5);  // measured 0.13–0.17
    }
    fs::remove(gif);
}

TEST_CASE("the views-only GIF is smaller than the window and identical run to run", "[gui][animation]") {
    const fs::path a = fs::temp_directory_path() / "convscope_anim_a.gif";
    const fs::path b = fs::temp_directory_path() / "convscope_anim_b.gif";
    REQUIRE(run("--export-animation " + a.string() + " --positions 45-52 " + kSize) == 0);
    REQUIRE(run("--export-animation " + b.string() + " --positions 45-52 " + kSize) == 0);
    const giftest::Frames frames = giftest::decodeGif(a);
    CHECK(frames.rgba.size() == 8);
    CHECK(frames.width < 1024);
    CHECK(frames.height < 700);
    CHECK(frames.delays.front() == 50);  // the default scene plays 2 positions a second
    const bool identical = readAll(a) == readAll(b);
    CHECK(identical);
    fs::remove(a);
    fs::remove(b);
}

TEST_CASE("a bad export option or path is exit status 1 and leaves no file", "[gui][animation]") {
    const fs::path dir = fs::temp_directory_path() / "convscope_anim_bad";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string out = (dir / "out.gif").string();
    const fs::path broken = dir / "broken.json";
    { std::ofstream(broken) << "{ not json"; }
    for (const std::string& args :
         std::vector<std::string>{"--fps 0", "--fps fast", "--region screen", "--size 10x10", "--positions 9-2",
                                  "--session " + broken.string(), "--positions 500-600"}) {
        INFO(args);
        CHECK(run("--export-animation " + out + " " + args + " 2>/dev/null") == 1);
    }
    CHECK(run("--export-animation " + (dir / "missing" / "out.gif").string() + " 2>/dev/null") == 1);
    CHECK(run("--export-animation " + dir.string() + " 2>/dev/null") == 1);  // a folder
    fs::remove(broken);
    CHECK(fs::is_empty(dir));  // no GIF, no temp file
    fs::remove_all(dir);
}
