// Inputs the fuzzers (tests/fuzz) found or that guard the same limits, fed to the readers
// as bytes: each must give a clean error or the right array. The same bytes are kept in
// tests/fuzz/corpus/<target>/regress-* so the fuzzers start from them too.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "convscope/core/stack.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/csv.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/npy.hpp"
#include "convscope/io/session.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;

namespace {

std::string bytes(std::initializer_list<unsigned char> b) {
    return std::string(b.begin(), b.end());
}

// The fuzzers' committed seeds and regressions.
std::filesystem::path corpus(const std::string& target) {
    return std::filesystem::path(CONVSCOPE_GOLDEN_DIR).parent_path() / "fuzz" / "corpus" / target;
}

}  // namespace

TEST_CASE("fuzz regression: encodeCsv keeps the sign of -0, so the file reads back bit for bit", "[fuzz][csv]") {
    // formatValue shows −0 as "0" to people; a CSV written for data must keep it.
    io::Array a;
    a.shape = {1, 3};
    a.data = {-0.0f, 0.0f, -1.5f};
    const std::string text = io::encodeCsv(a);
    CHECK(text == "-0,0,-1.5\n");
    auto back = io::parseCsv(text);
    REQUIRE(back.ok());
    CHECK(std::signbit(back->data[0]));
    CHECK_FALSE(std::signbit(back->data[1]));
}

TEST_CASE("fuzz regression: a PNM header that reads as 0x0 is refused, not returned as an empty image",
          "[fuzz][image]") {
    // stb reads "!2" as width 0 and height 0, and "decodes" an image with no pixels.
    const std::string pnm = "P5 !2 1 65535 " + bytes({0xff, 0xff, 0, 0});
    auto image = io::decodeImage(pnm, "zero.pgm");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("zero.pgm") && Catch::Contains("no pixels"));
}

TEST_CASE("fuzz regression: PGM/PPM header numbers past 2^31 are refused before stb reads them", "[fuzz][image]") {
    // stb 2.27 accumulates them in an int: undefined behaviour on overflow.
    for (const std::string pnm : {"P52222222222\n1 255\n", "P6 1 1 99999999999 abc", "P5 1 #c\n 3000000000 255 x"}) {
        INFO(pnm);
        auto image = io::decodeImage(pnm, "big.pgm");
        REQUIRE_FALSE(image.ok());
        CHECK_THAT(image.error().message, Catch::Contains("big.pgm") && Catch::Contains("2147483647"));
    }
    // The largest number that fits is read (and then refused as too wide, not as malformed).
    auto image = io::decodeImage("P5 2147483647 1 255 x", "wide.pgm");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("2147483647×1") && Catch::Contains("limit"));
}

TEST_CASE("fuzz regression: huge sizes in PNG, JPEG, GIF and BMP headers are named as too large", "[fuzz][image]") {
    // stb's own header check refuses these as "too large" and then reports only "unknown
    // image type"; the size guard reads the header first so the message says what is wrong.
    struct Case {
        const char* what;
        std::string data;
        const char* size;
    };
    const Case cases[] = {
        {"PNG 100000×100000",
         bytes({0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I',  'H',  'D',  'R', 0x00,
                0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8,    0, 0, 0, 0,  0x8D, 0x39, 0x54, 0x14}),
         "100000×100000"},
        // SOI, then a baseline frame header: 8 bit, height 65535, width 40000, 3 components.
        {"JPEG 40000×65535", bytes({0xFF, 0xD8, 0xFF, 0xE0, 0, 4,    0, 0, 0xFF, 0xC0, 0, 17,   8, 0xFF,
                                    0xFF, 0x9C, 0x40, 3,    1, 0x11, 0, 2, 0x11, 0,    3, 0x11, 0}),
         "40000×65535"},
        {"GIF 65535×2", bytes({'G', 'I', 'F', '8', '9', 'a', 0xFF, 0xFF, 2, 0, 0, 0, 0}), "65535×2"},
        // BITMAPINFOHEADER with height −100000 (top-down rows).
        {"BMP 4×100000", bytes({'B', 'M', 0, 0, 0, 0, 0, 0,    0,    0,    54,   0, 0, 0,  40,
                                0,   0,   0, 4, 0, 0, 0, 0x60, 0x79, 0xFE, 0xFF, 1, 0, 24, 0}),
         "4×100000"},
        {"PGM 9000×1", "P5 9000 1 255 x", "9000×1"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        auto image = io::decodeImage(c.data, "big");
        REQUIRE_FALSE(image.ok());
        CHECK_THAT(image.error().message, Catch::Contains(c.size) && Catch::Contains("limit"));
    }
}

TEST_CASE("fuzz regression: a .npy shape with a zero dimension holds no values, however large the others",
          "[fuzz][npy]") {
    io::Array empty;
    empty.shape = {2147483648, 0};
    auto a = io::parseNpy(io::encodeNpyFloat32(empty));
    REQUIRE(a.ok());
    CHECK(a->shape == std::vector<std::int64_t>{2147483648, 0});
    CHECK(a->data.empty());
    // As an input it is refused for its empty dimension, not for its size.
    auto t = io::toTensor(*a, "input");
    REQUIRE_FALSE(t.ok());
    CHECK_THAT(t.error().message, Catch::Contains("at least 1"));
}

TEST_CASE("fuzz regression: a JPEG Huffman table of more than 256 codes is refused before stb reads it",
          "[fuzz][image]") {
    // stb_image 2.27 writes past its 257-entry size list while building such a table, in
    // stbi_info already. Counts 255 + 45 = 300 codes, then the first symbols.
    std::string jpeg = bytes({0xFF, 0xD8, 0xFF, 0xC4, 0x01, 0x3F, 0x00, 255, 45});
    jpeg += std::string(14, '\0') + std::string(300, '\x01');
    auto image = io::decodeImage(jpeg, "dht.jpg");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("dht.jpg") && Catch::Contains("Huffman"));

    // stb finds the start-of-image marker behind any 0xFF fill bytes: so must the check.
    image = io::decodeImage("\xFF\xFF\xFF" + jpeg, "filled.jpg");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("Huffman"));

    // The fuzzer's file: the bad table comes after another DHT and stray bytes.
    const std::string found = iotest::readBytes(corpus("image") / "regress-jpeg-dht-315-codes.jpg");
    REQUIRE(found.size() == 323);
    image = io::decodeImage(found, "found.jpg");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("Huffman"));
}

TEST_CASE("fuzz regression: a JPEG scan that uses an undefined Huffman table is refused", "[fuzz][image]") {
    // stb 2.27 decodes with whatever the never-built table holds and indexes outside it.
    // Start, a 1×1 one-component baseline frame, then a scan using DC/AC table 0: no DHT.
    const std::string jpeg = bytes({0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8,    0, 1,  0, 1,    1,    1,    0x11, 0,
                                    0xFF, 0xDA, 0,    8,    1, 1,  0x00, 0, 63, 0, 0x55, 0xAA, 0xFF, 0xD9});
    auto image = io::decodeImage(jpeg, "nodht.jpg");
    REQUIRE_FALSE(image.ok());
    CHECK_THAT(image.error().message, Catch::Contains("nodht.jpg") && Catch::Contains("no DHT segment defines"));
}

TEST_CASE("fuzz regression: real JPEGs, baseline and progressive, still decode past the Huffman check",
          "[fuzz][image]") {
    // Made by netpbm's pnmtojpeg (tests/fuzz/make_corpus.py): the progressive file has
    // Huffman tables between its scans, which the check walks to.
    for (const char* name : {"rgb-4x4.jpg", "rgb-4x4-progressive.jpg"}) {
        INFO(name);
        auto image = io::decodeImage(iotest::readBytes(corpus("image") / name), name);
        REQUIRE(image.ok());
        CHECK(image->shape == std::vector<std::int64_t>{3, 4, 4});
    }
}

TEST_CASE("fuzz regression: every regress-* input in the fuzz corpora is refused with a message", "[fuzz]") {
    int files = 0;
    for (const char* target : {"npy", "image"})
        for (const auto& entry : std::filesystem::directory_iterator(corpus(target))) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("regress-", 0) != 0) continue;
            INFO(target << "/" << name);
            const std::string data = iotest::readBytes(entry.path());
            if (std::string(target) == "npy") {
                // The zero-dimension array reads (it holds no values); as an input it is refused.
                auto a = io::parseNpy(data);
                auto t = a ? io::toTensor(*a, "input") : core::Result<core::Tensor>(a.error());
                REQUIRE_FALSE(t.ok());
                CHECK_FALSE(t.error().message.empty());
            } else {
                auto image = io::decodeImage(data, name);
                REQUIRE_FALSE(image.ok());
                CHECK_THAT(image.error().message, Catch::Contains(name));
                // A reason follows the name (stb leaves its own empty for some PNGs).
                CHECK_THAT(image.error().message, !Catch::EndsWith(": "));
            }
            ++files;
        }
    CHECK(files >= 10);
}

TEST_CASE("fuzz regression: a session integer past 2^63 is named as written, not wrapped to a negative number",
          "[fuzz][session]") {
    // Found reading session.cpp while writing fuzz_session: the JSON parser keeps such a
    // number unsigned, and reading it as int64 turned 2^64 − 1 into "version is -1".
    const std::string good = io::sessionToJson(io::Session{});
    auto edited = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    auto version = io::parseSession(
        edited("\"version\": " + std::to_string(io::kSessionVersion), "\"version\": 18446744073709551615"));
    REQUIRE_FALSE(version.ok());
    CHECK_THAT(version.error().message, Catch::Contains("version is 18446744073709551615, outside 1…"));
    auto step = io::parseSession(edited("\"step\": 0", "\"step\": 9223372036854775808"));
    REQUIRE_FALSE(step.ok());
    CHECK_THAT(step.error().message, Catch::Contains("playback.step is 9223372036854775808, outside 0…"));
    // Negative ones and ones just past the range are shown as before.
    auto dx = io::parseSession(edited("\"dx\": 1", "\"dx\": -4"));
    REQUIRE_FALSE(dx.ok());
    CHECK_THAT(dx.error().message, Catch::Contains("shift.dx is -4, outside -3…3"));
}

TEST_CASE("fuzz seeds: every session seed loads and round-trips, every bad-* one is refused", "[fuzz][session]") {
    int loaded = 0, refused = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus("session"))) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        auto s = io::parseSession(iotest::readBytes(entry.path()));
        if (name.rfind("bad-", 0) == 0 || name == "empty.json") {
            REQUIRE_FALSE(s.ok());
            CHECK_FALSE(s.error().message.empty());
            ++refused;
            continue;
        }
        REQUIRE(s.ok());
        // Whatever version it was, it is written as version 3 and reads back the same.
        const std::string text = io::sessionToJson(*s);
        CHECK_THAT(text, Catch::Contains("\"version\": 3"));
        auto again = io::parseSession(text);
        REQUIRE(again.ok());
        CHECK(io::sessionToJson(*again) == text);
        ++loaded;
    }
    CHECK(loaded >= 30);
    CHECK(refused >= 10);
}

TEST_CASE("fuzz seeds: each lesson's scene in version 3 is the same session as its version 2 scene",
          "[fuzz][session][lessons]") {
    // v2-lesson-*: the lesson scenes as they were before layers; lesson-*: as shipped now.
    int pairs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus("session"))) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("v2-lesson-", 0) != 0) continue;
        INFO(name);
        auto before = io::parseSession(iotest::readBytes(entry.path()));
        auto now = io::parseSession(iotest::readBytes(corpus("session") / name.substr(3)));
        REQUIRE(before.ok());
        REQUIRE(now.ok());
        CHECK(nlohmann::json::parse(iotest::readBytes(entry.path()))["version"] == 2);
        CHECK(*before == *now);
        ++pairs;
    }
    CHECK(pairs == 10);
}

TEST_CASE("fuzz seed: a grouped conv whose groups do not divide the channels parses, and its plan names the layer",
          "[fuzz][session]") {
    auto s = io::parseSession(iotest::readBytes(corpus("session") / "v3-groups-do-not-divide.json"));
    REQUIRE(s.ok());
    auto input = io::sessionInput(*s);
    REQUIRE(input.ok());
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), s->layers);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.failed == 0);
    CHECK_THAT(plan.namedError().message, Catch::StartsWith("layer 1: groups = 2"));
}
