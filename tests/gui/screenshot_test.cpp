// The real app under a virtual display (run through xvfb-run by CTest): it renders the
// default scene and the picture must show what a newcomer is promised — a signed conv map
// in diverging colours, the hatched padding, the sliding window and the output cell.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "convscope/core/kernels.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/session.hpp"

namespace fs = std::filesystem;
using namespace convscope;

namespace {

struct Picture {
    int width = 0;
    int height = 0;
    std::vector<float> rgb;  // (3,H,W) in [0,1]
    float at(int c, int y, int x) const {
        return rgb[(static_cast<std::size_t>(c) * static_cast<std::size_t>(height) + static_cast<std::size_t>(y)) *
                       static_cast<std::size_t>(width) +
                   static_cast<std::size_t>(x)];
    }
};

Picture screenshot(const std::string& args, const std::string& name) {
    const fs::path out = fs::temp_directory_path() / ("convscope_" + name + ".png");
    fs::remove(out);
    const std::string cmd = std::string(CONVSCOPE_APP_PATH) + " --screenshot " + out.string() + " " + args;
    REQUIRE(std::system(cmd.c_str()) == 0);
    auto array = io::readArray(out);
    REQUIRE(array.ok());
    REQUIRE(array->shape.size() == 3);
    Picture p{static_cast<int>(array->shape[2]), static_cast<int>(array->shape[1]), array->data};
    fs::remove(out);
    return p;
}

// Counts pixels in a rectangle for which `pred(r, g, b)` holds.
template <class Pred>
int count(const Picture& p, int x0, int y0, int x1, int y1, Pred pred) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            if (pred(p.at(0, y, x), p.at(1, y, x), p.at(2, y, x))) ++n;
    return n;
}

}  // namespace

TEST_CASE("the default scene shows the views, padding, window and a signed conv map", "[gui][screenshot]") {
    const Picture p = screenshot("--frames 4", "default");
    REQUIRE(p.width == 1280);
    REQUIRE(p.height == 800);
    // The views occupy the upper right; the controls the left third.
    const int vx0 = 340, vy0 = 0, vx1 = 1280, vy1 = 440;
    auto blue = [](float r, float g, float b) { return b > 0.6f && b > r + 0.3f && g < 0.6f; };
    auto red = [](float r, float g, float b) { return r > 0.6f && r > b + 0.4f && g < 0.4f; };
    auto hatch = [](float r, float g, float b) { return r > 0.5f && g > 0.3f && g < 0.8f && b < 0.35f && r > g; };
    auto yellow = [](float r, float g, float b) { return r > 0.9f && g > 0.75f && b < 0.2f; };
    auto green = [](float r, float g, float b) { return g > 0.8f && r < 0.3f && b > 0.3f && b < 0.6f; };
    CHECK(count(p, vx0, vy0, vx1, vy1, blue) > 200);    // negative weights / outputs
    CHECK(count(p, vx0, vy0, vx1, vy1, red) > 200);     // positive ones
    CHECK(count(p, vx0, vy0, vx1, vy1, hatch) > 300);   // padding ring
    CHECK(count(p, vx0, vy0, vx1, vy1, yellow) > 100);  // the sliding window's outline
    CHECK(count(p, vx0, vy0, vx1, vy1, green) > 20);    // the output cell being computed
    // The controls are drawn (text and widgets, not an empty panel).
    auto bright = [](float r, float g, float b) { return r + g + b > 2.4f; };
    CHECK(count(p, 0, 0, 320, 800, bright) > 500);
}

namespace {

// The default scene as a session, with every conv value shown at once.
io::Session wholeMapSession() {
    io::Session s;
    const float grid[49] = {0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0, 1, 3, 1, 0, 0, 0, 1, 3, 1, 0, 0, 0, 1, 3,
                            1, 0, 0, 0, 1, 3, 1, 0, 0, 0, 1, 3, 1, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0};
    s.grid.data.assign(grid, grid + 49);
    auto& conv = std::get<core::Conv2d>(s.layers.front());
    conv.weights = core::findKernelPreset("sobel_x")->weights();
    conv.padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    s.wholeMap = true;
    s.playing = false;
    return s;
}

Picture screenshotOf(const io::Session& session, const std::string& name) {
    const fs::path file = fs::temp_directory_path() / ("convscope_" + name + ".json");
    REQUIRE(io::saveSession(file, session).ok());
    Picture p = screenshot("--frames 3 --session " + file.string(), name);
    fs::remove(file);
    return p;
}

// The conv and pool canvases at the default 1280×800 layout (below the stack strip and
// the view titles, above the legends).
constexpr int kConvX0 = 790, kConvX1 = 1010, kPoolX0 = 1040, kPoolX1 = 1265, kMapY0 = 80, kMapY1 = 400;

bool signedColour(float r, float g, float b) {
    return (b > 0.6f && b > r + 0.3f) || (r > 0.6f && r > b + 0.4f && g < 0.4f);
}
bool mapCell(float r, float g, float b) {
    return std::fabs(r - g) < 0.02f && std::fabs(g - b) < 0.02f && r > 0.5f;
}

}  // namespace

TEST_CASE("a session changes the picture the right way", "[gui][screenshot][session]") {
    io::Session session = wholeMapSession();
    const Picture edges = screenshotOf(session, "edges");
    // Sobel on a diagonal stroke: strong positive and negative responses in the conv view.
    CHECK(count(edges, kConvX0, kMapY0, kConvX1, kMapY1, signedColour) > 2000);

    // A zero kernel makes every conv value 0: the conv view loses its blues and reds.
    core::Weights& k = std::get<core::Conv2d>(session.layers.front()).weights;
    std::fill(k.data.begin(), k.data.end(), 0.0f);
    const Picture flat = screenshotOf(session, "flat");
    CHECK(count(flat, kConvX0, kMapY0, kConvX1, kMapY1, signedColour) < 50);

    // With pooling the pooled view shows a grey map; without a pooling layer there is no
    // pooled view, and the conv view (blues and reds) widens into its place.
    CHECK(count(edges, kPoolX0, kMapY0, kPoolX1, kMapY1, mapCell) > 2000);
    CHECK(count(edges, kPoolX0, kMapY0, kPoolX1, kMapY1, signedColour) < 50);
    session = wholeMapSession();
    session.layers.pop_back();
    const Picture noPool = screenshotOf(session, "nopool");
    CHECK(count(noPool, kPoolX0, kMapY0, kPoolX1, kMapY1, signedColour) > 500);
}

TEST_CASE("a broken --session file stops a screenshot run with status 1 and a message", "[gui][session]") {
    const fs::path file = fs::temp_directory_path() / "convscope_broken_session.json";
    { std::ofstream(file) << "{ not json"; }
    const std::string cmd = std::string(CONVSCOPE_APP_PATH) + " --screenshot /tmp/convscope_unused.png --session " +
                            file.string() + " 2>/dev/null";
    const int status = std::system(cmd.c_str());
    fs::remove(file);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
}

TEST_CASE("the app refuses a bad --size with a message and exit status 2", "[gui]") {
    const std::string cmd = std::string(CONVSCOPE_APP_PATH) + " --screenshot /tmp/x.png --size 10x10 2>/dev/null";
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
}

TEST_CASE("presentation mode gives the window to the maps and keeps the sum under them", "[gui][screenshot]") {
    const io::Session session = wholeMapSession();
    const fs::path file = fs::temp_directory_path() / "convscope_presenting.json";
    REQUIRE(io::saveSession(file, session).ok());
    const Picture normal = screenshot("--frames 3 --session " + file.string(), "normal");
    const Picture shown = screenshot("--frames 3 --presentation --session " + file.string(), "presenting");
    fs::remove(file);
    REQUIRE(shown.width == 1280);
    auto hatch = [](float r, float g, float b) { return r > 0.5f && g > 0.3f && g < 0.8f && b < 0.35f && r > g; };
    auto bright = [](float r, float g, float b) { return r + g + b > 2.4f; };
    // Where the controls were, the padded input now is: its hatched padding ring.
    CHECK(count(normal, 60, 80, 320, 520, hatch) == 0);
    CHECK(count(shown, 60, 80, 320, 520, hatch) > 2000);
    // The controls collapsed to a strip of a few buttons: below them, no slider text.
    CHECK(count(normal, 0, 240, 36, 800, bright) > 100);
    CHECK(count(shown, 0, 240, 36, 800, bright) < 20);
    // The conv map is larger: many more pixels in its signed colours over the views' rows.
    const int before = count(normal, 330, 40, 1280, 560, signedColour);
    const int after = count(shown, 40, 40, 1280, 560, signedColour);
    CHECK(after > before * 3 / 2);
    // Under the views, the computation is still there, in large type: its text is taller, so
    // a band of the same rows holds more bright (text) pixels than normal text would.
    CHECK(count(shown, 40, 560, 860, 800, bright) > count(normal, 340, 450, 860, 690, bright));
}

TEST_CASE("the backward pass shows a transposed conv's block without crashing", "[gui][screenshot][backward]") {
    // conv → ReLU → transposed conv, the transposed conv's block shown in the backward pass:
    // its kernel-gradient title once indexed the gradients by the block's (absent) conv.
    io::Session session = wholeMapSession();
    session.layers.pop_back();  // the max pool
    core::ConvTranspose2d up;
    up.weights = core::Weights(1, 1, 2, 2);
    up.weights.data = {1, -2, 3, -4};
    up.stride = {2, 2};
    session.layers.push_back(core::Activation{});
    session.layers.push_back(up);
    session.shownLayer = 2;
    const fs::path file = fs::temp_directory_path() / "convscope_backward_transposed.json";
    REQUIRE(io::saveSession(file, session).ok());
    const Picture p = screenshot("--frames 3 --backward --session " + file.string(), "backward_transposed");
    fs::remove(file);
    // The gradient maps are drawn in the signed colours.
    CHECK(count(p, 0, 0, p.width, p.height, signedColour) > 500);
}

TEST_CASE("a large map drawn in a few hundred pixels is filtered, not aliased", "[gui][screenshot][large]") {
    // 2048² of alternating black and white columns: each screen pixel of the input view covers
    // several columns, so a filtered view is an even mid grey; sampling one cell per pixel
    // (aliasing) gives black and white stripes or moiré instead.
    const int side = 2048;
    io::Array stripes;
    stripes.shape = {side, side};
    stripes.data.resize(static_cast<std::size_t>(side) * side);
    for (std::size_t i = 0; i < stripes.data.size(); ++i) stripes.data[i] = static_cast<float>(i % 2);
    const fs::path png = fs::temp_directory_path() / "convscope_stripes_picture.png";
    REQUIRE(io::writeArray(png, stripes).ok());
    io::Session session = wholeMapSession();
    io::SessionImage image;
    image.path = png.string();
    image.maxSide = 0;  // full resolution
    session.image = image;
    const Picture p = screenshotOf(session, "stripes");
    fs::remove(png);
    // The input view's canvas at the default layout, inside the picture (not its padding).
    const int x0 = 380, x1 = 520, y0 = 150, y1 = 300;
    const int pixels = (x1 - x0) * (y1 - y0);
    const auto midGrey = [](float r, float g, float b) {
        return std::fabs(r - g) < 0.03f && std::fabs(g - b) < 0.03f && r > 0.35f && r < 0.7f;
    };
    const auto extreme = [](float r, float, float) { return r < 0.2f || r > 0.85f; };
    CHECK(count(p, x0, y0, x1, y1, midGrey) > pixels * 9 / 10);
    CHECK(count(p, x0, y0, x1, y1, extreme) < pixels / 100);
}
