// Pictures as conv inputs: channel choice and the area filter that shrinks them.
#include <catch2/catch.hpp>

#include "convscope/io/image_input.hpp"

using namespace convscope;

namespace {

io::Array rgbImage() {
    // 2×2 RGB: red, green / blue, white.
    io::Array a;
    a.shape = {3, 2, 2};
    a.data = {1, 0, 0, 1,   // R plane
              0, 1, 0, 1,   // G plane
              0, 0, 1, 1};  // B plane
    return a;
}

}  // namespace

TEST_CASE("an RGB picture becomes one channel: luminance or the chosen colour", "[io][image]") {
    auto lum = io::imageToInput(rgbImage(), io::ImageChannel::Luminance, 0);
    REQUIRE(lum.ok());
    REQUIRE(lum->channels == 1);
    CHECK(lum->at(0, 0, 0) == Approx(0.299f));
    CHECK(lum->at(0, 0, 1) == Approx(0.587f));
    CHECK(lum->at(0, 1, 0) == Approx(0.114f));
    CHECK(lum->at(0, 1, 1) == Approx(1.0f));
    auto green = io::imageToInput(rgbImage(), io::ImageChannel::Green, 0);
    REQUIRE(green.ok());
    CHECK(green->data == std::vector<float>{0, 1, 0, 1});
    auto red = io::imageToInput(rgbImage(), io::ImageChannel::Red, 0);
    REQUIRE(red.ok());
    CHECK(red->data == std::vector<float>{1, 0, 0, 1});
    auto blue = io::imageToInput(rgbImage(), io::ImageChannel::Blue, 0);
    REQUIRE(blue.ok());
    CHECK(blue->data == std::vector<float>{0, 0, 1, 1});
}

TEST_CASE("rgb keeps a colour picture's planes in R, G, B order and triples a grey one", "[io][image]") {
    // A channel count alone would pass with the planes swapped (BGR) or a grey picture's
    // copies left empty: the conv's input channels are these planes, in this order.
    auto all = io::imageToInput(rgbImage(), io::ImageChannel::Rgb, 0);
    REQUIRE(all.ok());
    CHECK(all->channels == 3);
    CHECK(all->height == 2);
    CHECK(all->width == 2);
    CHECK(all->data == rgbImage().data);
    io::Array grey;
    grey.shape = {2, 2};
    grey.data = {0.25f, 0.5f, 0.75f, 1};
    auto tripled = io::imageToInput(grey, io::ImageChannel::Rgb, 0);
    REQUIRE(tripled.ok());
    CHECK(tripled->channels == 3);
    CHECK(tripled->data == std::vector<float>{0.25f, 0.5f, 0.75f, 1, 0.25f, 0.5f, 0.75f, 1, 0.25f, 0.5f, 0.75f, 1});
}

TEST_CASE("shrinking averages the covered area, fractional edges weighted", "[io][image]") {
    core::Tensor t(1, 4, 4);
    for (int i = 0; i < 16; ++i) t.data[static_cast<std::size_t>(i)] = static_cast<float>(i);
    // 4×4 → 2×2: each output is the mean of a 2×2 block, e.g. (0+1+4+5)/4 = 2.5.
    const core::Tensor half = io::shrinkArea(t, 2, 2);
    CHECK(half.data == std::vector<float>{2.5f, 4.5f, 10.5f, 12.5f});
    // 4 columns → 3: the middle output covers columns 1⅓…2⅔: (⅔·1 + ⅔·2)/(4/3) = 1.5 on row 0.
    const core::Tensor third = io::shrinkArea(t, 4, 3);
    CHECK(third.at(0, 0, 1) == Approx(1.5f));
    CHECK(third.at(0, 0, 0) == Approx((1.0f * 0 + 1.0f / 3 * 1) / (4.0f / 3)));
}

TEST_CASE("maxSide keeps the aspect ratio and leaves small pictures alone", "[io][image]") {
    io::Array wide;
    wide.shape = {10, 40};
    wide.data.assign(400, 0.5f);
    auto shrunk = io::imageToInput(wide, io::ImageChannel::Luminance, 8);
    REQUIRE(shrunk.ok());
    CHECK(shrunk->width == 8);
    CHECK(shrunk->height == 2);
    CHECK(shrunk->at(0, 1, 7) == Approx(0.5f));
    auto kept = io::imageToInput(wide, io::ImageChannel::Luminance, 64);
    REQUIRE(kept.ok());
    CHECK(kept->width == 40);
    CHECK(kept->height == 10);
}

TEST_CASE("a file that is not a picture is refused by name", "[io][image]") {
    auto r = io::loadImageInput("notes.txt", io::ImageChannel::Luminance, 0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("not an image") != std::string::npos);
}

TEST_CASE("a crop takes a rectangle of the full picture before shrinking; one outside is refused", "[io][image]") {
    io::Array grid;
    grid.shape = {4, 6};
    for (int i = 0; i < 24; ++i) grid.data.push_back(static_cast<float>(i));
    auto part = io::imageToInput(grid, io::ImageChannel::Luminance, 0, io::ImageCrop{2, 1, 3, 2});
    REQUIRE(part.ok());
    CHECK(part->height == 2);
    CHECK(part->width == 3);
    CHECK(part->data == std::vector<float>{8, 9, 10, 14, 15, 16});  // rows 1–2, cols 2–4 of 0…23
    auto outside = io::imageToInput(grid, io::ImageChannel::Luminance, 0, io::ImageCrop{4, 0, 3, 2});
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message.find("does not fit in the 6×4 picture") != std::string::npos);
}
