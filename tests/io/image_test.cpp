// Images: tiny PGM/PPM files built by hand (stb_image reads PNM), the size guard that runs
// on the header before decoding, and encodePngGrey decoded back.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "convscope/io/image.hpp"

using namespace convscope::io;

namespace {

std::string pnm(const std::string& magic, int w, int h, const std::vector<unsigned char>& pixels) {
    std::string s = magic + "\n" + std::to_string(w) + " " + std::to_string(h) + "\n255\n";
    s.append(reinterpret_cast<const char*>(pixels.data()), pixels.size());
    return s;
}

}  // namespace

TEST_CASE("a grey PGM decodes to an (H,W) array scaled to [0,1]", "[image]") {
    // 3 wide, 2 high: 0, 51, 255 / 102, 204, 0 → /255 = 0, 0.2, 1 / 0.4, 0.8, 0
    auto a = decodeImage(pnm("P5", 3, 2, {0, 51, 255, 102, 204, 0}), "grey.pgm");
    REQUIRE(a.ok());
    CHECK(a->shape == std::vector<std::int64_t>{2, 3});
    REQUIRE(a->data.size() == 6);
    const std::vector<float> expected{0, 51 / 255.0f, 1, 102 / 255.0f, 204 / 255.0f, 0};
    for (std::size_t i = 0; i < 6; ++i) CHECK(a->data[i] == expected[i]);
}

TEST_CASE("a colour PPM decodes to a (3,H,W) array of R, G and B planes", "[image]") {
    // 2×2 pixels: red, green / blue, white
    auto a = decodeImage(pnm("P6", 2, 2, {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255}), "colour.ppm");
    REQUIRE(a.ok());
    CHECK(a->shape == std::vector<std::int64_t>{3, 2, 2});
    CHECK(a->data == std::vector<float>{1, 0, 0, 1,    // R
                                        0, 1, 0, 1,    // G
                                        0, 0, 1, 1});  // B
}

TEST_CASE("corrupt image bytes give an error naming the file", "[image][errors]") {
    auto junk = decodeImage("this is not an image at all", "junk.png");
    REQUIRE_FALSE(junk.ok());
    CHECK(junk.error().parameter == "file");
    CHECK_THAT(junk.error().message, Catch::Contains("junk.png"));
    auto empty = decodeImage("", "empty.png");
    CHECK_FALSE(empty.ok());
    // A PNG signature followed by garbage.
    auto badPng = decodeImage(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(40, 'x'), "bad.png");
    CHECK_FALSE(badPng.ok());
}

TEST_CASE("a truncated PGM/PPM (fewer pixel bytes than the header promises) is refused", "[image][errors]") {
    // The header promises 4×4 = 16 grey bytes; the file holds 3. Decoding must fail rather than
    // return an image whose missing pixels are whatever the decoder's buffer held.
    auto grey = decodeImage(pnm("P5", 4, 4, {1, 2, 3}), "short.pgm");
    CHECK_FALSE(grey.ok());
    auto colour = decodeImage(pnm("P6", 2, 2, {255, 0, 0, 0}), "short.ppm");
    CHECK_FALSE(colour.ok());
}

TEST_CASE("an image header claiming 9000x9000 is refused for size before decoding", "[image][errors]") {
    // No pixel data at all: only the header is read, and the side limit stops it.
    auto a = decodeImage("P5 9000 9000 255\n", "huge.pgm");
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("9000") && Catch::Contains(std::to_string(kMaxImageSide)));
}

TEST_CASE("an image within the side limit but over the pixel limit is refused", "[image][errors]") {
    // 7000·7000 = 49 MP > 40 MP, each side < 8192.
    auto a = decodeImage("P5 7000 7000 255\n", "wide.pgm");
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("7000") && Catch::Contains("40 MP"));
}

TEST_CASE("encodePngGrey maps min to black and max to white, and decodes back", "[image]") {
    // −1 … 3: t = (v + 1)/4 → 0, 0.25, 0.5, 1 → grey 0, 64 (63.75 rounded), 128 (127.5 rounded), 255
    const std::vector<float> plane{-1, 0, 1, 3};
    auto png = encodePngGrey(plane, 2, 2);
    REQUIRE(png.ok());
    CHECK(png->substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    auto back = decodeImage(*png, "out.png");
    REQUIRE(back.ok());
    CHECK(back->shape == std::vector<std::int64_t>{2, 2});
    CHECK(back->data == std::vector<float>{0, 64 / 255.0f, 128 / 255.0f, 1});
}

TEST_CASE("encodePngGrey keeps the layout of a non-square plane", "[image]") {
    // 2 rows × 3 cols, increasing along each row: the decoded picture must be 2×3 with the
    // same order (a swapped width/height would show as a 3×2 image).
    auto png = encodePngGrey({0, 1, 2, 3, 4, 5}, 2, 3);
    REQUIRE(png.ok());
    auto back = decodeImage(*png, "out.png");
    REQUIRE(back.ok());
    CHECK(back->shape == std::vector<std::int64_t>{2, 3});
    CHECK(back->data.front() == 0.0f);
    CHECK(back->data.back() == 1.0f);
    for (std::size_t i = 1; i < back->data.size(); ++i) CHECK(back->data[i] > back->data[i - 1]);
}

TEST_CASE("encodePngGrey draws a constant plane mid grey and NaN black, ignoring inf in the range", "[image]") {
    auto flat = encodePngGrey({5, 5, 5, 5}, 2, 2);
    REQUIRE(flat.ok());
    auto flatBack = decodeImage(*flat, "flat.png");
    REQUIRE(flatBack.ok());
    for (float v : flatBack->data) CHECK(v == 128 / 255.0f);  // 0.5·255 = 127.5 → 128

    const float inf = std::numeric_limits<float>::infinity();
    auto special = encodePngGrey({std::numeric_limits<float>::quiet_NaN(), 0, 2, inf}, 2, 2);
    REQUIRE(special.ok());
    auto back = decodeImage(*special, "special.png");
    REQUIRE(back.ok());
    // The finite range is 0…2: NaN → 0, 0 → 0, 2 → 1, +inf → 1.
    CHECK(back->data == std::vector<float>{0, 0, 1, 1});
}

TEST_CASE("image extensions are recognised", "[image]") {
    for (const char* ext : {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm"}) CHECK(isImageExtension(ext));
    for (const char* ext : {".npy", ".csv", ".txt", ""}) CHECK_FALSE(isImageExtension(ext));
}
