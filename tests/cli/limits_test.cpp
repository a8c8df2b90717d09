// convscope-cli at the limits: extreme option values, empty and lying files, NaN and inf in
// the data. Each gives a clear error with the README's exit status (2: arguments or geometry,
// 1: unreadable input) and no output file, or a correct result — never a crash or a hang.
// Runs that used to hang are bounded with `timeout`, so a regression fails instead of
// stalling the suite.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"
#include "cli/npy_files.hpp"
#include "convscope/io/csv.hpp"
#include "convscope/io/npy.hpp"
#include "float_specials.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::array;
using clitest::cli;
using clitest::readNpy;
using clitest::Run;
using clitest::writeNpy;
namespace fs = std::filesystem;
using iotest::readBytes;
using iotest::TempDir;
using iotest::writeBytes;

namespace {

// The CLI under `timeout`: a run that hangs is killed and reported as status 124 or 137.
Run cliWithin(int seconds, const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"-s", "KILL", std::to_string(seconds), CONVSCOPE_CLI_PATH});
    std::string cmd = "timeout";
    for (const std::string& a : args) cmd += " " + clitest::quote(a);
    const fs::path out = dir / ".stdout";
    const fs::path err = dir / ".stderr";
    cmd += " >" + clitest::quote(out.string()) + " 2>" + clitest::quote(err.string());
    const int raw = std::system(cmd.c_str());
    Run r;
    if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
    r.out = readBytes(out);
    r.err = readBytes(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

// Writes `a` as dir/name and returns that path.
fs::path npyFile(const TempDir& dir, const std::string& name, const io::Array& a) {
    writeNpy(dir / name, a);
    return dir / name;
}

// A v1.0 .npy header for `shape` with `payload` bytes after it (however many the shape needs).
std::string npyHeader(const std::string& shape, const std::string& payload) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    return out + header + payload;
}

// The 4×4 input 1…16 row by row and a 3×3 kernel of ones.
struct SmallFiles {
    fs::path input, kernel, output;
};
SmallFiles smallFiles(const TempDir& dir) {
    std::vector<float> v(16);
    for (int i = 0; i < 16; ++i) v[static_cast<std::size_t>(i)] = static_cast<float>(i + 1);
    return {npyFile(dir, "in.npy", array({4, 4}, v)), npyFile(dir, "k.npy", array({3, 3}, std::vector<float>(9, 1))),
            dir / "out.npy"};
}

std::vector<std::string> convArgs(const SmallFiles& f, std::vector<std::string> extra) {
    std::vector<std::string> args{"conv",     "--input",        f.input.string(), "--kernel", f.kernel.string(),
                                  "--output", f.output.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::vector<std::string> poolArgs(const SmallFiles& f, std::vector<std::string> extra) {
    std::vector<std::string> args{"pool", "--input", f.input.string(), "--output", f.output.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_CASE("limits: stride 2147483647 is a valid stride: one window, at the top-left", "[cli][limits]") {
    TempDir dir;
    const SmallFiles f = smallFiles(dir);
    // floor((4 − 3)/2147483647) + 1 = 1: the window at (0,0) sums rows 0–2 × cols 0–2:
    // 1+2+3 + 5+6+7 + 9+10+11 = 54.
    const Run conv = cli(dir, convArgs(f, {"--stride", "2147483647"}));
    INFO(conv.err);
    REQUIRE(conv.status == 0);
    io::Array out = readNpy(f.output);
    CHECK(out.shape == std::vector<std::int64_t>{1, 1});
    CHECK(out.data == std::vector<float>{54});

    // Pooling 2×2 with that stride: floor((4 − 2)/2147483647) + 1 = 1, max{1, 2, 5, 6} = 6.
    const Run pool = cli(dir, poolArgs(f, {"--mode", "max", "--window", "2", "--stride", "2147483647"}));
    INFO(pool.err);
    REQUIRE(pool.status == 0);
    out = readNpy(f.output);
    CHECK(out.shape == std::vector<std::int64_t>{1, 1});
    CHECK(out.data == std::vector<float>{6});

    const Run shape = cli(dir, {"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--stride", "2147483647"});
    CHECK(shape.status == 0);
    CHECK_THAT(shape.out, Catch::Contains("floor((28 + 2·0 − 1·(3−1) − 1)/2147483647) + 1 = 1"));
}

TEST_CASE("limits: negative padding, window 0 and dilation 0 exit 2 naming the value, with no output",
          "[cli][limits]") {
    TempDir dir;
    const SmallFiles f = smallFiles(dir);
    struct Case {
        std::vector<std::string> args;
        std::vector<std::string> mentions;
    };
    const std::vector<Case> cases{
        {convArgs(f, {"--padding", "-1"}), {"padding", "-1"}},
        {convArgs(f, {"--padding", "0,-1"}), {"padding", "-1"}},
        {convArgs(f, {"--dilation", "0"}), {"dilation", "0"}},
        {convArgs(f, {"--dilation", "1,0"}), {"dilation width", "0"}},
        {convArgs(f, {"--stride", "-2147483648"}), {"stride", "-2147483648"}},
        {poolArgs(f, {"--mode", "max", "--window", "0"}), {"window", "0"}},
        {poolArgs(f, {"--mode", "avg", "--window", "2,0"}), {"window width", "0"}},
        {poolArgs(f, {"--mode", "max", "--window", "2", "--padding", "-1"}), {"padding", "-1"}},
        {poolArgs(f, {"--mode", "max", "--window", "2", "--dilation", "0"}), {"dilation", "0"}},
        {poolArgs(f, {"--mode", "max", "--window", "2", "--stride", "0"}), {"stride", "0"}},
        {{"shape", "conv", "--input-shape", "8,8", "--kernel", "3", "--padding", "-1"}, {"padding", "-1"}},
        {{"shape", "conv", "--input-shape", "8,8", "--kernel", "0"}, {"kernel", "0"}},
        {{"shape", "conv", "--input-shape", "8,8", "--kernel", "3", "--dilation", "0"}, {"dilation", "0"}},
        {{"shape", "pool", "--input-shape", "8,8", "--window", "0"}, {"window", "0"}},
        {{"shape", "conv", "--input-shape", "0,8", "--kernel", "1"}, {"input", "0"}},
        {{"shape", "conv", "--input-shape", "-5,8", "--kernel", "1"}, {"input", "-5"}},
    };
    for (const Case& c : cases) {
        const Run r = cli(dir, c.args);
        INFO(c.args[0] << " … " << c.args[c.args.size() - 2] << " " << c.args.back() << " → " << r.err);
        CHECK(r.status == 2);
        for (const std::string& m : c.mentions) CHECK_THAT(r.err, Catch::Contains(m));
        CHECK_FALSE(fs::exists(f.output));
    }
}

TEST_CASE("limits: sizes past int32 or the value limit exit 2 without overflow", "[cli][limits]") {
    TempDir dir;
    struct Case {
        std::vector<std::string> args;
        std::string mention;
    };
    const std::vector<Case> cases{
        // 2147483647² values: over the limit of 2^28.
        {{"shape", "conv", "--input-shape", "2147483647,2147483647", "--kernel", "1"}, "268435456"},
        // Padded input 2·2147483647 + 28 rows: int64 arithmetic, then the limit.
        {{"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--padding", "2147483647"}, "268435456"},
        // Dilated kernel 2147483647·2 + 1 cells, far taller than the input.
        {{"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--dilation", "2147483647"}, "would be"},
        {{"shape", "conv", "--input-shape", "28,28", "--kernel", "2147483647", "--dilation", "2147483647", "--padding",
          "same"},
         "same"},
        {{"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--stride", "2147483648"}, "out of range"},
        {{"shape", "pool", "--input-shape", "2147483647,2147483647", "--window", "1"}, "268435456"},
    };
    for (const Case& c : cases) {
        const Run r = cli(dir, c.args);
        INFO(c.args[3] << " " << c.args.back() << " → " << r.err);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(c.mention));
    }
}

TEST_CASE("limits: a huge window over a small input is a quick result, not a hang", "[cli][limits]") {
    TempDir dir;
    const SmallFiles f = smallFiles(dir);
    // Window 2·10^9 with padding 10^9 (= window/2, allowed): every window covers the whole
    // 4×4 input, floor((4 + 2·10^9 − (2·10^9 − 1) − 1)/1) + 1 = 5 windows per axis.
    const std::vector<std::string> huge{"--mode",    "max",        "--window", "2000000000",
                                        "--padding", "1000000000", "--stride", "1"};
    std::vector<std::string> shapeArgs{"shape", "pool", "--input-shape", "4,4"};
    shapeArgs.insert(shapeArgs.end(), huge.begin() + 2, huge.end());
    const Run shape = cliWithin(20, dir, shapeArgs);
    INFO(shape.err);
    REQUIRE(shape.status == 0);
    CHECK_THAT(shape.out, Catch::Contains(") + 1 = 5"));

    std::vector<std::string> poolRun = poolArgs(f, huge);
    const Run pool = cliWithin(20, dir, poolRun);
    CHECK(pool.status == 0);
    if (pool.status == 0) {
        const io::Array out = readNpy(f.output);
        CHECK(out.shape == std::vector<std::int64_t>{5, 5});
        CHECK(out.data == std::vector<float>(25, 16));  // the max of 1…16 everywhere
    }

    // Its trace would list 4·10^18 window cells: refused, exit 2.
    std::vector<std::string> explain{"explain", "pool", "--input", f.input.string(), "--at", "0,0"};
    explain.insert(explain.end(), huge.begin(), huge.end());
    const Run traced = cliWithin(20, dir, explain);
    CHECK(traced.status == 2);
    CHECK_THAT(traced.err, Catch::Contains("window") && Catch::Contains("trace"));
}

TEST_CASE("limits: the coverage notes of a huge kernel over a tall input are quick", "[cli][limits]") {
    // 4·10^6 rows, kernel 2·10^6 rows: 2·10^6 + 1 windows of 2·10^6 taps. Counting tap by
    // tap took 4·10^12 steps; `shape` now answers at once.
    TempDir dir;
    const Run r = cliWithin(
        20, dir, {"shape", "conv", "--input-shape", "4000000,1", "--kernel", "2000000,1", "--stride", "1", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["height"]["size"] == 2000001);
    CHECK(j["height"]["uncovered"].empty());
    CHECK(j["height"]["uncovered_count"] == 0);
}

TEST_CASE("limits: a tall input read by one window gives a short JSON answer with the count", "[cli][limits]") {
    // 2^22 rows, one window of one row: 2^22 − 1 rows are never read. The JSON lists the
    // first 1000 and the count (the full list was 4 million numbers; at 2^28 rows it took 12 GB).
    TempDir dir;
    const Run r = cliWithin(
        20, dir, {"shape", "conv", "--input-shape", "4194304,1", "--kernel", "1", "--stride", "4194304", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.size() < 100'000);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["height"]["size"] == 1);
    CHECK(j["height"]["uncovered_count"] == 4194303);
    REQUIRE(j["height"]["uncovered"].size() == 1000);
    CHECK(j["height"]["uncovered"][0] == 1);
    CHECK(j["height"]["uncovered"][999] == 1000);
    CHECK(j["width"]["uncovered_count"] == 0);
    CHECK_THAT(j["warnings"][0].get<std::string>(), Catch::Contains("(4194303 in all)"));
}

TEST_CASE("limits: empty .npy, .csv and .png files exit 1 naming the file, with no output", "[cli][limits]") {
    TempDir dir;
    const SmallFiles f = smallFiles(dir);
    for (const std::string name : {"empty.npy", "empty.csv", "empty.png"}) {
        writeBytes(dir / name, "");
        const std::string empty = (dir / name).string();
        const std::vector<std::vector<std::string>> runs{
            {"conv", "--input", empty, "--kernel", f.kernel.string(), "--output", f.output.string()},
            {"conv", "--input", f.input.string(), "--kernel", empty, "--output", f.output.string()},
            {"conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--bias", empty, "--output",
             f.output.string()},
            {"pool", "--input", empty, "--mode", "max", "--window", "2", "--output", f.output.string()},
            {"explain", "conv", "--input", empty, "--kernel", f.kernel.string(), "--at", "0,0"},
        };
        for (const auto& args : runs) {
            const Run r = cli(dir, args);
            INFO(name << " as " << args[args.size() - 3] << ": " << r.err);
            CHECK(r.status == 1);
            CHECK_THAT(r.err, Catch::Contains(name));
            CHECK_FALSE(fs::exists(f.output));
        }
    }
}

TEST_CASE("limits: .npy headers claiming huge or empty shapes exit 1 before allocating", "[cli][limits]") {
    TempDir dir;
    const SmallFiles f = smallFiles(dir);
    struct Case {
        std::string shape;
        std::string mention;
    };
    const std::vector<Case> cases{
        {"(1000000, 1000000)", "limit"},                          // 10^12 values
        {"(4611686018427387904, 4611686018427387904)", "limit"},  // 2^124: overflows int64
        {"(9223372036854775807,)", "too large"},                  // the largest int64, refused as it is read
        {"(99999999999999999999,)", "too large"},                 // not even an int64
        {"(16384, 16384)", "truncated"},                          // within the limit, but no data
        // No values at all: read, then refused as an input for its dimension 0.
        {"(2147483648, 0)", "input has shape (2147483648, 0): every dimension must be at least 1"},
    };
    for (const Case& c : cases) {
        writeBytes(dir / "big.npy", npyHeader(c.shape, std::string(64, '\0')));
        const Run r = cli(dir, {"conv", "--input", (dir / "big.npy").string(), "--kernel", f.kernel.string(),
                                "--output", f.output.string()});
        INFO(c.shape << " → " << r.err);
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains(c.mention));
        if (c.mention.find("input") == std::string::npos) CHECK_THAT(r.err, Catch::Contains("big.npy"));
        CHECK_FALSE(fs::exists(f.output));
    }
}

TEST_CASE("limits: a PNG header claiming 100000x100000 is refused for size before decoding", "[cli][limits]") {
    // A valid signature and IHDR chunk (CRC included) and nothing else: decoding would need
    // 10^10 bytes; the refusal must name the size and the limit, not call it unreadable.
    const unsigned char png[] = {0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n',  // signature
                                 0,    0,    0,    13,   'I',  'H',  'D',  'R',   // IHDR, 13 bytes
                                 0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0,  // 100000 × 100000
                                 8,    0,    0,    0,    0,                       // grey, 8 bit
                                 0x8D, 0x39, 0x54, 0x14};                         // CRC
    TempDir dir;
    writeBytes(dir / "huge.png", std::string(reinterpret_cast<const char*>(png), sizeof png));
    const SmallFiles f = smallFiles(dir);
    const Run r = cli(dir, {"pool", "--input", (dir / "huge.png").string(), "--mode", "max", "--window", "2",
                            "--output", f.output.string()});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("100000×100000") && Catch::Contains("limit"));
    CHECK_FALSE(fs::exists(f.output));
}

TEST_CASE("limits: inf and NaN in a conv input follow IEEE arithmetic, as PyTorch", "[cli][limits][nan]") {
    TempDir dir;
    //   1  inf  1
    //   1   1   1
    //   1   1  -inf
    const fs::path in = npyFile(dir, "in.npy", array({3, 3}, {1, kInf, 1, 1, 1, 1, 1, 1, -kInf}));
    SECTION("a 2×2 kernel of ones: windows reading inf are inf, the one reading −inf is −inf") {
        const fs::path k = npyFile(dir, "k.npy", array({2, 2}, {1, 1, 1, 1}));
        const Run r =
            cli(dir, {"conv", "--input", in.string(), "--kernel", k.string(), "--output", (dir / "out.npy").string()});
        REQUIRE(r.status == 0);
        const io::Array out = readNpy(dir / "out.npy");
        // (0,0): 1 + inf + 1 + 1; (0,1): inf + 1 + 1 + 1; (1,0): 1+1+1+1; (1,1): 1 + 1 + 1 − inf
        CHECK(out.data == std::vector<float>{kInf, kInf, 4, -kInf});
    }
    SECTION("a zero weight on inf gives NaN (inf·0), shown as nan in .csv and in explain") {
        const fs::path k = npyFile(dir, "k.npy", array({2, 2}, {1, 0, 1, 1}));
        const Run r =
            cli(dir, {"conv", "--input", in.string(), "--kernel", k.string(), "--output", (dir / "out.csv").string()});
        REQUIRE(r.status == 0);
        // (0,0): 1·1 + inf·0 + … = NaN; (0,1): inf·1 + 1·0 + 1 + 1 = inf; (1,0): 1 + 0 + 1 + 1 = 3;
        // (1,1): 1 + 0 + 1 − inf = −inf
        CHECK(readBytes(dir / "out.csv") == "nan,inf\n3,-inf\n");
        const Run e =
            cli(dir, {"explain", "conv", "--input", in.string(), "--kernel", k.string(), "--at", "0,0", "--json"});
        REQUIRE(e.status == 0);
        const auto j = nlohmann::json::parse(e.out);
        CHECK(j["sum"] == "nan");
        CHECK(j["taps"][1]["input"] == "inf");
        CHECK(j["taps"][1]["product"] == "nan");
    }
}

TEST_CASE("limits: NaN wins max pooling and spreads through average pooling", "[cli][limits][nan]") {
    TempDir dir;
    //   1  nan  3  -inf
    //   4   2   5  -inf
    const fs::path in = npyFile(dir, "in.npy", array({2, 4}, {1, kNaN, 3, -kInf, 4, 2, 5, -kInf}));
    const Run mx = cli(dir, {"pool", "--input", in.string(), "--mode", "max", "--window", "2", "--output",
                             (dir / "max.npy").string(), "--indices", (dir / "idx.npy").string()});
    REQUIRE(mx.status == 0);
    const io::Array values = readNpy(dir / "max.npy");
    REQUIRE(values.data.size() == 2);
    CHECK(std::isnan(values.data[0]));  // max{1, nan, 4, 2} = nan, as max_pool2d
    CHECK(values.data[1] == 5);         // max{3, −inf, 5, −inf} = 5
    const auto idx = io::parseNpy(readBytes(dir / "idx.npy"));
    REQUIRE(idx.ok());
    CHECK(idx->data == std::vector<float>{1, 6});  // the NaN at (0,1), the 5 at (1,2)

    const Run avg = cli(dir, {"pool", "--input", in.string(), "--mode", "avg", "--window", "2", "--output",
                              (dir / "avg.csv").string()});
    REQUIRE(avg.status == 0);
    CHECK(readBytes(dir / "avg.csv") == "nan,-inf\n");  // (1+nan+4+2)/4; (3−inf+5−inf)/4

    // A window of −inf only: −inf, at the window's first cell.
    const fs::path low = npyFile(dir, "low.npy", array({1, 2}, {-kInf, -kInf}));
    const Run allLow = cli(dir, {"pool", "--input", low.string(), "--mode", "max", "--window", "1,2", "--output",
                                 (dir / "low-out.npy").string(), "--indices", (dir / "low-idx.npy").string()});
    REQUIRE(allLow.status == 0);
    CHECK(readNpy(dir / "low-out.npy").data == std::vector<float>{-kInf});
    CHECK(io::parseNpy(readBytes(dir / "low-idx.npy"))->data == std::vector<float>{0});
}

TEST_CASE("limits: a NaN in a .csv kernel reaches every output", "[cli][limits][nan]") {
    TempDir dir;
    writeBytes(dir / "in.csv", "1,2,3\n4,5,6\n7,8,9\n");
    writeBytes(dir / "k.csv", "0,nan\n0,0\n");
    const Run r = cli(dir, {"conv", "--input", (dir / "in.csv").string(), "--kernel", (dir / "k.csv").string(),
                            "--padding", "1", "--output", (dir / "out.csv").string()});
    REQUIRE(r.status == 0);
    // Every window multiplies some cell, padding zeros included, by the NaN: 0·NaN is NaN too.
    auto out = io::parseCsv(readBytes(dir / "out.csv"));
    REQUIRE(out.ok());
    CHECK(out->shape == std::vector<std::int64_t>{4, 4});
    for (float v : out->data) CHECK(std::isnan(v));
}
