// .npy: round trips through our encoder, every supported dtype from hand-built bytes (the
// layout NumPy writes), and a clear error for each kind of bad file.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "convscope/io/npy.hpp"

using namespace convscope::io;

namespace {

// A .npy file as NumPy writes it: magic, version, little-endian header length, the header
// dict padded with spaces to a multiple of 64 and ended by '\n', then the raw data.
std::string npyBytes(const std::string& descr, const std::string& shape, const std::string& payload,
                     const std::string& fortran = "False", int major = 1) {
    std::string header = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    const std::size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const std::size_t len = header.size();
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>((len >> 8) & 0xff);
    if (major != 1) {
        out += '\0';
        out += '\0';
    }
    return out + header + payload;
}

template <class T>
std::string raw(const std::vector<T>& values) {
    std::string bytes(values.size() * sizeof(T), '\0');
    std::memcpy(bytes.data(), values.data(), bytes.size());  // the host is little-endian
    return bytes;
}

bool sameBits(float a, float b) {
    std::uint32_t x, y;
    std::memcpy(&x, &a, 4);
    std::memcpy(&y, &b, 4);
    return x == y;
}

}  // namespace

TEST_CASE("encodeNpyFloat32 then parseNpy gives back the shape and every bit of every value", "[npy]") {
    Array a;
    a.shape = {2, 3};
    a.data = {0.1f,
              -2.5f,
              std::numeric_limits<float>::quiet_NaN(),
              std::numeric_limits<float>::infinity(),
              -std::numeric_limits<float>::infinity(),
              std::numeric_limits<float>::denorm_min()};
    const std::string bytes = encodeNpyFloat32(a);
    auto back = parseNpy(bytes);
    REQUIRE(back.ok());
    CHECK(back->shape == a.shape);
    REQUIRE(back->data.size() == a.data.size());
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        INFO("value " << i);
        CHECK(sameBits(back->data[i], a.data[i]));
    }
}

TEST_CASE("encodeNpyFloat32 writes a header NumPy reads: v1.0, '<f4', C order, data 64-byte aligned", "[npy]") {
    Array a;
    a.shape = {3, 28, 28};
    a.data.assign(3 * 28 * 28, 1.0f);
    const std::string bytes = encodeNpyFloat32(a);
    REQUIRE(bytes.size() > 10);
    CHECK(bytes.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
    const std::size_t headerLen =
        static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    CHECK((10 + headerLen) % 64 == 0);
    CHECK(bytes.size() == 10 + headerLen + a.data.size() * 4);
    const std::string header = bytes.substr(10, headerLen);
    CHECK_THAT(header, Catch::Contains("'descr': '<f4'") && Catch::Contains("'fortran_order': False"));
    CHECK_THAT(header, Catch::Contains("'shape': (3,28,28)") || Catch::Contains("'shape': (3, 28, 28)"));
    CHECK(header.back() == '\n');
}

TEST_CASE("a 1-D shape is written as a Python 1-tuple, '(3,)'", "[npy]") {
    // "(3)" would be an int to NumPy's header parser, not a shape.
    Array a;
    a.shape = {3};
    a.data = {1, 2, 3};
    const std::string bytes = encodeNpyFloat32(a);
    CHECK_THAT(bytes, Catch::Contains("(3,)"));
    auto back = parseNpy(bytes);
    REQUIRE(back.ok());
    CHECK(back->shape == std::vector<std::int64_t>{3});
}

TEST_CASE("encodeNpyInt64 writes an '<i8' file whose header and values read back", "[npy]") {
    const std::vector<std::int64_t> values{0, 5, -1, std::int64_t{1} << 40};
    const std::string bytes = encodeNpyInt64({2, 2}, values);
    CHECK_THAT(bytes, Catch::Contains("'descr': '<i8'"));
    const std::size_t headerLen =
        static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    CHECK((10 + headerLen) % 64 == 0);
    REQUIRE(bytes.size() == 10 + headerLen + 32);
    // The payload is the int64 values themselves, little-endian.
    CHECK(bytes.substr(10 + headerLen) == raw(values));
    auto back = parseNpy(bytes);
    REQUIRE(back.ok());
    CHECK(back->shape == std::vector<std::int64_t>{2, 2});
    CHECK(back->data == std::vector<float>{0, 5, -1, 1099511627776.0f});
}

TEST_CASE("parseNpy reads every supported dtype as float32", "[npy]") {
    SECTION("<f8") {
        auto a = parseNpy(npyBytes("<f8", "(3,)", raw<double>({1.5, -2.25, 0.1})));
        REQUIRE(a.ok());
        CHECK(a->data == std::vector<float>{1.5f, -2.25f, 0.1f});  // 0.1 rounds to the float 0.1f
    }
    SECTION("<i4") {
        auto a = parseNpy(npyBytes("<i4", "(2, 2)", raw<std::int32_t>({-7, 0, 42, 2147483647})));
        REQUIRE(a.ok());
        CHECK(a->shape == std::vector<std::int64_t>{2, 2});
        CHECK(a->data == std::vector<float>{-7, 0, 42, 2147483648.0f});
    }
    SECTION("<i8") {
        auto a = parseNpy(npyBytes("<i8", "(2,)", raw<std::int64_t>({-3, std::int64_t{1} << 33})));
        REQUIRE(a.ok());
        CHECK(a->data == std::vector<float>{-3, 8589934592.0f});
    }
    SECTION("|u1") {
        auto a = parseNpy(npyBytes("|u1", "(1, 3)", std::string("\x00\x80\xff", 3)));
        REQUIRE(a.ok());
        CHECK(a->shape == std::vector<std::int64_t>{1, 3});
        CHECK(a->data == std::vector<float>{0, 128, 255});
    }
    SECTION("|i1") {
        auto a = parseNpy(npyBytes("|i1", "(2,)", std::string("\xff\x7f", 2)));
        REQUIRE(a.ok());
        CHECK(a->data == std::vector<float>{-1, 127});
    }
    SECTION("<f4 in a version 2.0 file (4-byte header length)") {
        auto a = parseNpy(npyBytes("<f4", "(2,)", raw<float>({3.5f, -1.0f}), "False", 2));
        REQUIRE(a.ok());
        CHECK(a->data == std::vector<float>{3.5f, -1.0f});
    }
    SECTION("a 0-d array holds one value") {
        auto a = parseNpy(npyBytes("<f4", "()", raw<float>({7.0f})));
        REQUIRE(a.ok());
        CHECK(a->shape.empty());
        CHECK(a->data == std::vector<float>{7.0f});
    }
}

TEST_CASE("parseNpy refuses a file without the .npy magic", "[npy][errors]") {
    auto a = parseNpy("PK\x03\x04 this is a zip file, not npy");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().parameter == "file");
    CHECK_THAT(a.error().message, Catch::Contains("NUMPY"));
    CHECK_FALSE(parseNpy("").ok());
    CHECK_FALSE(parseNpy("\x93NUM").ok());
}

TEST_CASE("parseNpy refuses a truncated header", "[npy][errors]") {
    const std::string full = npyBytes("<f4", "(2, 3)", raw<float>({1, 2, 3, 4, 5, 6}));
    auto a = parseNpy(full.substr(0, 30));  // the header says 118 bytes; 20 are there
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("truncated"));
}

TEST_CASE("parseNpy refuses truncated data, saying how many bytes the shape needs", "[npy][errors]") {
    // (2, 3) float32 needs 24 bytes; give 20.
    auto a = parseNpy(npyBytes("<f4", "(2, 3)", raw<float>({1, 2, 3, 4, 5})));
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("truncated") && Catch::Contains("24") && Catch::Contains("20"));
}

TEST_CASE("parseNpy refuses Fortran-ordered arrays", "[npy][errors]") {
    auto a = parseNpy(npyBytes("<f4", "(2, 2)", raw<float>({1, 2, 3, 4}), "True"));
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("Fortran"));
}

TEST_CASE("parseNpy refuses big-endian data by name", "[npy][errors]") {
    auto a = parseNpy(npyBytes(">f4", "(1,)", std::string("\x3f\x80\x00\x00", 4)));
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("big-endian") && Catch::Contains(">f4"));
}

TEST_CASE("parseNpy refuses an unsupported dtype by name", "[npy][errors]") {
    auto complex = parseNpy(npyBytes("<c8", "(1,)", std::string(8, '\0')));
    REQUIRE_FALSE(complex.ok());
    CHECK_THAT(complex.error().message, Catch::Contains("<c8"));
    auto text = parseNpy(npyBytes("<U3", "(1,)", std::string(12, '\0')));
    REQUIRE_FALSE(text.ok());
    CHECK_THAT(text.error().message, Catch::Contains("<U3"));
}

TEST_CASE("parseNpy refuses a shape whose product is absurd, before allocating", "[npy][errors]") {
    SECTION("product beyond the value limit") {
        auto a = parseNpy(npyBytes("<f4", "(100000, 100000, 100000)", ""));
        REQUIRE_FALSE(a.ok());
        CHECK_THAT(a.error().message, Catch::Contains("268435456"));
    }
    SECTION("product that overflows int64") {
        auto a = parseNpy(npyBytes("<f4", "(4611686018427387904, 4)", ""));
        REQUIRE_FALSE(a.ok());
        CHECK_THAT(a.error().message, Catch::Contains("limit"));
    }
    SECTION("a dimension that does not fit in int64") {
        auto a = parseNpy(npyBytes("<f4", "(99999999999999999999999,)", ""));
        REQUIRE_FALSE(a.ok());
    }
}

TEST_CASE("parseNpy refuses malformed header dicts", "[npy][errors]") {
    CHECK_FALSE(parseNpy(npyBytes("<f4", "[2, 2]", raw<float>({1, 2, 3, 4}))).ok());  // not a tuple
    CHECK_FALSE(parseNpy(npyBytes("<f4", "(2, x)", raw<float>({1, 2, 3, 4}))).ok());
    CHECK_FALSE(parseNpy(npyBytes("<f4", "(2, 2)", raw<float>({1, 2, 3, 4}), "Maybe")).ok());
    // An unknown format version.
    std::string v9 = npyBytes("<f4", "(1,)", raw<float>({1}));
    v9[6] = 9;
    auto a = parseNpy(v9);
    REQUIRE_FALSE(a.ok());
    CHECK_THAT(a.error().message, Catch::Contains("9"));
}
