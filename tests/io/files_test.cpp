// Files: readArray by extension, atomic writes that leave nothing behind on failure, and
// the array roles (input, kernel, bias) the CLI builds from what it reads.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "convscope/io/array.hpp"
#include "convscope/io/csv.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/npy.hpp"
#include "io/temp_dir.hpp"

using namespace convscope::io;
namespace fs = std::filesystem;
using iotest::readBytes;
using iotest::TempDir;
using iotest::writeBytes;

TEST_CASE("readArray reads .npy, .csv and images by their extension, case-insensitively", "[files]") {
    TempDir dir;
    Array a;
    a.shape = {2, 2};
    a.data = {1, 2, 3, 4};
    writeBytes(dir / "a.npy", encodeNpyFloat32(a));
    writeBytes(dir / "b.CSV", "5,6\n7,8\n");
    writeBytes(dir / "c.pgm", std::string("P5\n2 1\n255\n\x00\xff", 13));
    auto npy = readArray(dir / "a.npy");
    REQUIRE(npy.ok());
    CHECK(npy->data == a.data);
    auto csv = readArray(dir / "b.CSV");
    REQUIRE(csv.ok());
    CHECK(csv->data == std::vector<float>{5, 6, 7, 8});
    auto pgm = readArray(dir / "c.pgm");
    REQUIRE(pgm.ok());
    CHECK(pgm->shape == std::vector<std::int64_t>{1, 2});
    CHECK(pgm->data == std::vector<float>{0, 1});
}

TEST_CASE("readArray refuses an unknown extension by name", "[files][errors]") {
    TempDir dir;
    writeBytes(dir / "data.txt", "1,2\n");
    auto a = readArray(dir / "data.txt");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().parameter == "file");
    CHECK_THAT(a.error().message, Catch::Contains(".txt") && Catch::Contains(".npy"));
}

TEST_CASE("readArray reports a missing file", "[files][errors]") {
    TempDir dir;
    auto a = readArray(dir / "missing.npy");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().parameter == "file");
    CHECK_THAT(a.error().message, Catch::Contains("missing.npy") && Catch::Contains("no such file"));
}

TEST_CASE("readArray refuses a folder and names the file of a parse error", "[files][errors]") {
    TempDir dir;
    fs::create_directory(dir / "folder.npy");
    auto folder = readArray(dir / "folder.npy");
    REQUIRE_FALSE(folder.ok());
    CHECK_THAT(folder.error().message, Catch::Contains("folder"));
    writeBytes(dir / "bad.npy", "not numpy");
    auto bad = readArray(dir / "bad.npy");
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::Contains("bad.npy") && Catch::Contains("NUMPY"));
}

TEST_CASE("readFile refuses a file over the size limit before reading it", "[files][errors]") {
    TempDir dir;
    writeBytes(dir / "big.csv", std::string(100, '1'));
    auto r = readFile(dir / "big.csv", 99);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("100") && Catch::Contains("99"));
    auto ok = readFile(dir / "big.csv", 100);
    REQUIRE(ok.ok());
    CHECK(ok->size() == 100);
}

TEST_CASE("writeFileAtomic creates the file with the bytes and leaves no temp files", "[files]") {
    TempDir dir;
    const std::string bytes("binary\0data\n", 12);
    REQUIRE(writeFileAtomic(dir / "out.npy", bytes).ok());
    CHECK(readBytes(dir / "out.npy") == bytes);
    CHECK(dir.entries() == std::vector<std::string>{"out.npy"});
    // Overwriting replaces the content, still with no leftovers.
    REQUIRE(writeFileAtomic(dir / "out.npy", "new").ok());
    CHECK(readBytes(dir / "out.npy") == "new");
    CHECK(dir.entries() == std::vector<std::string>{"out.npy"});
}

TEST_CASE("writeFileAtomic into a missing folder fails and creates nothing", "[files][errors]") {
    TempDir dir;
    const auto target = dir / "no_such_folder" / "out.npy";
    auto s = writeFileAtomic(target, "data");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().parameter == "output");
    CHECK_THAT(s.error().message, Catch::Contains("no_such_folder"));
    CHECK_FALSE(fs::exists(target));
    CHECK(dir.entries().empty());
}

TEST_CASE("writeFileAtomic onto a folder fails and leaves the folder alone", "[files][errors]") {
    TempDir dir;
    fs::create_directory(dir / "out.npy");
    writeBytes(dir / "out.npy" / "inside", "keep");
    CHECK_FALSE(writeFileAtomic(dir / "out.npy", "data").ok());
    CHECK(fs::is_directory(dir / "out.npy"));
    CHECK(readBytes(dir / "out.npy" / "inside") == "keep");
    CHECK(dir.entries() == std::vector<std::string>{"out.npy"});
}

TEST_CASE("writeFilesAtomic with one bad target leaves every other target as it was", "[files][errors]") {
    TempDir dir;
    writeBytes(dir / "values.npy", "old values");
    const auto bad = dir / "missing" / "indices.npy";
    SECTION("bad target second") {
        auto s = writeFilesAtomic({{dir / "values.npy", "new values"}, {bad, "new indices"}});
        CHECK_FALSE(s.ok());
    }
    SECTION("bad target first") {
        auto s = writeFilesAtomic({{bad, "new indices"}, {dir / "values.npy", "new values"}});
        CHECK_FALSE(s.ok());
    }
    CHECK(readBytes(dir / "values.npy") == "old values");
    CHECK(dir.entries() == std::vector<std::string>{"values.npy"});  // no temp files left behind
}

TEST_CASE("writeFilesAtomic writes every file when all targets are good", "[files]") {
    TempDir dir;
    writeBytes(dir / "a.npy", "old");
    REQUIRE(writeFilesAtomic({{dir / "a.npy", "A"}, {dir / "b.npy", "B"}}).ok());
    CHECK(readBytes(dir / "a.npy") == "A");
    CHECK(readBytes(dir / "b.npy") == "B");
    CHECK(dir.entries() == std::vector<std::string>{"a.npy", "b.npy"});
}

TEST_CASE("writeArray encodes by extension and refuses what the format cannot hold", "[files]") {
    TempDir dir;
    Array plane;
    plane.shape = {2, 2};
    plane.data = {1, 2, 3, 4};
    REQUIRE(writeArray(dir / "p.csv", plane).ok());
    CHECK(readBytes(dir / "p.csv") == "1,2\n3,4\n");
    REQUIRE(writeArray(dir / "p.npy", plane).ok());
    auto back = readArray(dir / "p.npy");
    REQUIRE(back.ok());
    CHECK(back->shape == plane.shape);
    CHECK(back->data == plane.data);
    REQUIRE(writeArray(dir / "p.png", plane).ok());
    auto png = readArray(dir / "p.png");
    REQUIRE(png.ok());
    CHECK(png->shape == plane.shape);
    // A square plane cannot tell rows from columns, nor does a shape show the pixels: a
    // 2×3 plane 0…5 reads back 2×3, black to white along each row, in order.
    Array wide;
    wide.shape = {2, 3};
    wide.data = {0, 1, 2, 3, 4, 5};
    REQUIRE(writeArray(dir / "w.png", wide).ok());
    auto widePng = readArray(dir / "w.png");
    REQUIRE(widePng.ok());
    CHECK(widePng->shape == wide.shape);
    REQUIRE(widePng->data.size() == 6);
    CHECK(widePng->data.front() == 0.0f);
    CHECK(widePng->data.back() == 1.0f);
    for (std::size_t i = 1; i < 6; ++i) CHECK(widePng->data[i] > widePng->data[i - 1]);

    Array stack;
    stack.shape = {2, 1, 2};
    stack.data = {1, 2, 3, 4};
    auto csv = writeArray(dir / "s.csv", stack);
    REQUIRE_FALSE(csv.ok());
    CHECK_THAT(csv.error().message, Catch::Contains("(2, 1, 2)") && Catch::Contains(".npy"));
    CHECK_FALSE(writeArray(dir / "s.png", stack).ok());
    auto txt = writeArray(dir / "s.txt", plane);
    REQUIRE_FALSE(txt.ok());
    CHECK_THAT(txt.error().message, Catch::Contains(".txt"));
    CHECK(dir.entries() == std::vector<std::string>{"p.csv", "p.npy", "p.png", "w.png"});
}

TEST_CASE("encodeIndices writes int64 .npy or one-channel .csv", "[files]") {
    auto npy = encodeIndices("i.npy", {1, 2, 2}, {0, 3, 5, 7});
    REQUIRE(npy.ok());
    auto parsed = parseNpy(*npy);
    REQUIRE(parsed.ok());
    CHECK(parsed->shape == std::vector<std::int64_t>{1, 2, 2});
    CHECK(parsed->data == std::vector<float>{0, 3, 5, 7});
    auto csv = encodeIndices("i.csv", {2, 2}, {0, 3, 5, 7});
    REQUIRE(csv.ok());
    CHECK(*csv == "0,3\n5,7\n");
    CHECK_FALSE(encodeIndices("i.csv", {2, 1, 2}, {0, 1, 2, 3}).ok());
    CHECK_FALSE(encodeIndices("i.png", {2, 2}, {0, 1, 2, 3}).ok());
}

TEST_CASE("toTensor, toWeights and toBias take the ranks each role allows", "[files]") {
    Array plane;
    plane.shape = {2, 3};
    plane.data = {1, 2, 3, 4, 5, 6};
    auto t = toTensor(plane, "input");
    REQUIRE(t.ok());
    CHECK((t->channels == 1 && t->height == 2 && t->width == 3));
    Array stack;
    stack.shape = {2, 1, 3};
    stack.data = plane.data;
    auto t3 = toTensor(stack, "input");
    REQUIRE(t3.ok());
    CHECK((t3->channels == 2 && t3->height == 1 && t3->width == 3));

    Array vec;
    vec.shape = {6};
    vec.data = plane.data;
    auto bad = toTensor(vec, "input");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "input");
    CHECK_THAT(bad.error().message, Catch::Contains("(6)"));

    auto w = toWeights(plane, "kernel");
    REQUIRE(w.ok());
    CHECK((w->outChannels == 1 && w->inChannels == 1 && w->height == 2 && w->width == 3));
    Array bank;
    bank.shape = {3, 2, 1, 1};
    bank.data = plane.data;
    auto w4 = toWeights(bank, "kernel");
    REQUIRE(w4.ok());
    CHECK((w4->outChannels == 3 && w4->inChannels == 2 && w4->height == 1 && w4->width == 1));
    CHECK_FALSE(toWeights(stack, "kernel").ok());

    auto b = toBias(vec, "bias");
    REQUIRE(b.ok());
    CHECK(b->size() == 6);
    Array row;
    row.shape = {1, 6};
    row.data = plane.data;
    CHECK(toBias(row, "bias").ok());  // a one-line CSV
    CHECK_FALSE(toBias(plane, "bias").ok());

    Array zero;
    zero.shape = {0, 3};
    auto z = toTensor(zero, "input");
    REQUIRE_FALSE(z.ok());
    CHECK_THAT(z.error().message, Catch::Contains("at least 1"));
}

TEST_CASE("fromTensor drops the channel axis only for one-channel planes when asked", "[files]") {
    convscope::core::Tensor one(1, 2, 3, 1.0f);
    CHECK(fromTensor(one, true).shape == std::vector<std::int64_t>{2, 3});
    CHECK(fromTensor(one, false).shape == std::vector<std::int64_t>{1, 2, 3});
    convscope::core::Tensor two(2, 2, 3, 1.0f);
    CHECK(fromTensor(two, true).shape == std::vector<std::int64_t>{2, 2, 3});
}
