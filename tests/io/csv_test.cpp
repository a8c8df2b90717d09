// CSV: exact round trips (shortest text that reads back as the same float), the lenient
// parts (comments, blank lines, CRLF, spaces) and errors that name the line.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "convscope/io/csv.hpp"

using namespace convscope::io;

namespace {

bool sameValue(float a, float b) {
    if (std::isnan(a)) return std::isnan(b);
    return a == b;
}

}  // namespace

TEST_CASE("encodeCsv then parseCsv gives back every value exactly, nan and inf included", "[csv]") {
    Array a;
    a.shape = {2, 4};
    a.data = {0.1f,
              -2.5f,
              1.0f / 3.0f,
              std::numeric_limits<float>::quiet_NaN(),
              std::numeric_limits<float>::infinity(),
              -std::numeric_limits<float>::infinity(),
              std::numeric_limits<float>::denorm_min(),
              std::numeric_limits<float>::max()};
    const std::string text = encodeCsv(a);
    auto back = parseCsv(text);
    REQUIRE(back.ok());
    CHECK(back->shape == a.shape);
    REQUIRE(back->data.size() == a.data.size());
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        INFO("value " << i << " text:\n" << text);
        CHECK(sameValue(a.data[i], back->data[i]));
    }
}

TEST_CASE("encodeCsv writes one row a line with the shortest text for each value", "[csv]") {
    Array a;
    a.shape = {2, 3};
    a.data = {0.1f, 1, -3, 2.5f, std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::infinity()};
    CHECK(encodeCsv(a) == "0.1,1,-3\n2.5,nan,-inf\n");
}

TEST_CASE("random floats survive the CSV round trip bit for bit", "[csv]") {
    std::mt19937 rng(4);
    std::uniform_int_distribution<std::uint32_t> bits;
    Array a;
    a.shape = {50, 20};
    for (int i = 0; i < 1000; ++i) {
        float v;
        std::uint32_t b;
        do {
            b = bits(rng);
            std::memcpy(&v, &b, 4);
        } while (!std::isfinite(v) || v == 0.0f);  // -0 is written as "0" on purpose
        a.data.push_back(v);
    }
    auto back = parseCsv(encodeCsv(a));
    REQUIRE(back.ok());
    REQUIRE(back->data.size() == a.data.size());
    for (std::size_t i = 0; i < a.data.size(); ++i) CHECK(back->data[i] == a.data[i]);
}

TEST_CASE("parseCsv skips comments and blank lines and accepts spaces, CRLF and a BOM", "[csv]") {
    auto a = parseCsv("\xEF\xBB\xBF# a comment\r\n\r\n 1, 2 ,+3\r\n4,5e-1,-6\r\n\n");
    REQUIRE(a.ok());
    CHECK(a->shape == std::vector<std::int64_t>{2, 3});
    CHECK(a->data == std::vector<float>{1, 2, 3, 4, 0.5f, -6});
    auto last = parseCsv("7,8");  // no final newline
    REQUIRE(last.ok());
    CHECK(last->shape == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("parseCsv reads nan, inf and -inf", "[csv]") {
    auto a = parseCsv("nan,inf,-inf\n");
    REQUIRE(a.ok());
    CHECK(std::isnan(a->data[0]));
    CHECK(a->data[1] == std::numeric_limits<float>::infinity());
    CHECK(a->data[2] == -std::numeric_limits<float>::infinity());
}

TEST_CASE("parseCsv refuses ragged rows, naming the line", "[csv][errors]") {
    SECTION("second line short") {
        auto a = parseCsv("1,2,3\n4,5\n");
        REQUIRE_FALSE(a.ok());
        CHECK(a.error().parameter == "file");
        CHECK_THAT(a.error().message, Catch::Contains("line 2") && Catch::Contains("2 values") && Catch::Contains("3"));
    }
    SECTION("line numbers count comments and blank lines") {
        auto a = parseCsv("# header\n1,2\n\n3,4,5\n");
        REQUIRE_FALSE(a.ok());
        CHECK_THAT(a.error().message, Catch::Contains("line 4"));
    }
}

TEST_CASE("parseCsv refuses fields that are not numbers, naming the line and the text", "[csv][errors]") {
    auto word = parseCsv("1,2\n3,abc\n");
    REQUIRE_FALSE(word.ok());
    CHECK_THAT(word.error().message, Catch::Contains("line 2") && Catch::Contains("abc"));
    auto empty = parseCsv("1,,2\n");
    REQUIRE_FALSE(empty.ok());
    CHECK_THAT(empty.error().message, Catch::Contains("line 1") && Catch::Contains("field 2"));
    auto trailing = parseCsv("1,2,\n");
    REQUIRE_FALSE(trailing.ok());
    auto semicolons = parseCsv("1;2\n");
    REQUIRE_FALSE(semicolons.ok());
    auto hex = parseCsv("1.5x\n");
    REQUIRE_FALSE(hex.ok());
}

TEST_CASE("parseCsv refuses a file with no numbers", "[csv][errors]") {
    auto empty = parseCsv("");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().parameter == "file");
    CHECK_THAT(empty.error().message, Catch::Contains("no numbers"));
    CHECK_FALSE(parseCsv("# only a comment\n\n").ok());
    CHECK_FALSE(parseCsv("\n\n\n").ok());
}
