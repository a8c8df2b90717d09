// convscope-cli as a user runs it: real files in a temp folder, the process's exit status,
// stdout and stderr. Expected numbers come from the naive reference in tests/core.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"
#include "cli/npy_files.hpp"
#include "convscope/io/csv.hpp"
#include "convscope/io/npy.hpp"
#include "core/reference.hpp"
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
using nlohmann::json;

namespace {

// Small integers: every sum is exact in float and double alike.
std::vector<float> smallInts(std::size_t n, std::mt19937& rng) {
    std::vector<float> v(n);
    for (float& x : v) x = static_cast<float>(reference::randomInt(rng, -5, 5));
    return v;
}

core::Tensor asTensor(const io::Array& a) {
    const bool planar = a.shape.size() == 2;
    core::Tensor t(planar ? 1 : static_cast<int>(a.shape[0]), static_cast<int>(a.shape[planar ? 0 : 1]),
                   static_cast<int>(a.shape[planar ? 1 : 2]));
    t.data = a.data;
    return t;
}

core::Weights asWeights(const io::Array& a) {
    const bool planar = a.shape.size() == 2;
    core::Weights w(planar ? 1 : static_cast<int>(a.shape[0]), planar ? 1 : static_cast<int>(a.shape[1]),
                    static_cast<int>(a.shape[planar ? 0 : 2]), static_cast<int>(a.shape[planar ? 1 : 3]));
    w.data = a.data;
    return w;
}

void checkClose(const std::vector<float>& expected, const std::vector<float>& actual) {
    REQUIRE(expected.size() == actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i);
        CHECK(reference::close(expected[i], actual[i]));
    }
}

// A 4×4 input and a 3×3 kernel for the error cases.
struct Files {
    fs::path input, kernel, output;
};
Files smallConvFiles(const TempDir& dir) {
    Files f{dir / "in.npy", dir / "k.npy", dir / "out.npy"};
    writeNpy(f.input, array({4, 4}, std::vector<float>(16, 1.0f)));
    writeNpy(f.kernel, array({3, 3}, std::vector<float>(9, 1.0f)));
    return f;
}

}  // namespace

TEST_CASE("cli conv on .npy files writes the reference's numbers, 2-D in → 2-D out", "[cli][conv]") {
    TempDir dir;
    std::mt19937 rng(1);
    const io::Array in = array({6, 7}, {});
    io::Array input = in;
    input.data.resize(42);
    reference::fillRandom(input.data, rng);
    io::Array kernel = array({3, 3}, std::vector<float>(9));
    reference::fillRandom(kernel.data, rng);
    writeNpy(dir / "in.npy", input);
    writeNpy(dir / "k.npy", kernel);
    const Run r =
        cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(), "--stride", "2",
                  "--padding", "1", "--padding-mode", "reflect", "--output", (dir / "out.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const io::Array out = readNpy(dir / "out.npy");
    core::ConvParams p;
    p.strideH = p.strideW = 2;
    p.padding = {1, 1, 1, 1};
    p.mode = core::PaddingMode::Reflect;
    const auto expected = reference::conv2d(asTensor(input), asWeights(kernel), {}, p);
    REQUIRE(expected.has_value());
    // floor((6 + 2 − 3)/2) + 1 = 3, floor((7 + 2 − 3)/2) + 1 = 4
    CHECK(out.shape == std::vector<std::int64_t>{3, 4});
    checkClose(expected->data, out.data);
}

TEST_CASE("cli conv on .csv files writes a .csv with the reference's numbers", "[cli][conv]") {
    TempDir dir;
    // Input 3×4, kernel 2×2 [1 −1; 0.5 2], no padding: output 2×3.
    writeBytes(dir / "in.csv", "1,2,3,4\n0,-1,0.5,2\n3,3,0,1\n");
    writeBytes(dir / "k.csv", "1,-1\n0.5,2\n");
    const Run r = cli(dir, {"conv", "--input", (dir / "in.csv").string(), "--kernel", (dir / "k.csv").string(),
                            "--output", (dir / "out.csv").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto out = io::parseCsv(readBytes(dir / "out.csv"));
    REQUIRE(out.ok());
    CHECK(out->shape == std::vector<std::int64_t>{2, 3});
    // O(0,0) = 1 − 2 + 0.5·0 + 2·(−1) = −3      O(0,1) = 2 − 3 + 0.5·(−1) + 2·0.5 = −0.5
    // O(0,2) = 3 − 4 + 0.5·0.5 + 2·2 = 3.25      O(1,0) = 0 + 1 + 1.5 + 6 = 8.5
    // O(1,1) = −1 − 0.5 + 1.5 + 0 = 0            O(1,2) = 0.5 − 2 + 0 + 2 = 0.5
    CHECK(out->data == std::vector<float>{-3, -0.5f, 3.25f, 8.5f, 0, 0.5f});
}

TEST_CASE("cli conv with a 3-D input, a 4-D kernel and a bias writes a 3-D output", "[cli][conv]") {
    TempDir dir;
    std::mt19937 rng(2);
    const io::Array input = array({2, 5, 6}, smallInts(60, rng));
    const io::Array kernel = array({3, 2, 3, 3}, smallInts(54, rng));
    const io::Array bias = array({3}, {0.5f, -1, 2});
    writeNpy(dir / "in.npy", input);
    writeNpy(dir / "k.npy", kernel);
    writeNpy(dir / "b.npy", bias);
    const Run r = cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                            "--bias", (dir / "b.npy").string(), "--padding", "1,0", "--dilation", "1,2", "--output",
                            (dir / "out.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const io::Array out = readNpy(dir / "out.npy");
    core::ConvParams p;
    p.padding = {1, 1, 0, 0};
    p.dilationW = 2;
    const auto expected = reference::conv2d(asTensor(input), asWeights(kernel), bias.data, p);
    REQUIRE(expected.has_value());
    // rows floor((5 + 2 − 2 − 1)/1) + 1 = 5; cols floor((6 − 4 − 1)/1) + 1 = 2
    CHECK(out.shape == std::vector<std::int64_t>{3, 5, 2});
    CHECK(out.data == expected->data);
}

TEST_CASE("cli conv keeps a one-channel 3-D input 3-D", "[cli][conv]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
    writeNpy(dir / "k.npy", array({2, 2}, {1, 1, 1, 1}));
    const Run r = cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                            "--output", (dir / "out.npy").string()});
    REQUIRE(r.status == 0);
    const io::Array out = readNpy(dir / "out.npy");
    CHECK(out.shape == std::vector<std::int64_t>{1, 2, 2});
    CHECK(out.data == std::vector<float>{12, 16, 24, 28});  // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
}

TEST_CASE("cli pool max with --indices writes the values and int64 indices", "[cli][pool]") {
    TempDir dir;
    std::mt19937 rng(3);
    io::Array input = array({5, 7}, std::vector<float>(35));
    reference::fillRandom(input.data, rng);
    writeNpy(dir / "in.npy", input);
    const Run r = cli(dir, {"pool", "--input", (dir / "in.npy").string(), "--mode", "max", "--window", "3", "--stride",
                            "2", "--padding", "1", "--ceil-mode", "--output", (dir / "out.npy").string(), "--indices",
                            (dir / "idx.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    core::PoolParams p;
    p.windowH = p.windowW = 3;
    p.strideH = p.strideW = 2;
    p.padH = p.padW = 1;
    p.ceilMode = true;
    const auto expected = reference::pool2d(asTensor(input), p);
    REQUIRE(expected.has_value());
    const io::Array values = readNpy(dir / "out.npy");
    CHECK(values.shape == std::vector<std::int64_t>{3, 4});
    CHECK(values.data == expected->values.data);
    const std::string idxBytes = readBytes(dir / "idx.npy");
    CHECK_THAT(idxBytes, Catch::Contains("'<i8'"));
    const io::Array indices = readNpy(dir / "idx.npy");
    CHECK(indices.shape == std::vector<std::int64_t>{3, 4});
    REQUIRE(indices.data.size() == expected->indices.size());
    for (std::size_t i = 0; i < indices.data.size(); ++i)
        CHECK(indices.data[i] == static_cast<float>(expected->indices[i]));
}

TEST_CASE("cli pool avg on a 3-D input writes a 3-D output with the reference's numbers", "[cli][pool]") {
    TempDir dir;
    std::mt19937 rng(4);
    io::Array input = array({2, 4, 5}, std::vector<float>(40));
    reference::fillRandom(input.data, rng);
    writeNpy(dir / "in.npy", input);
    const Run r = cli(dir, {"pool", "--input", (dir / "in.npy").string(), "--mode", "avg", "--window", "2", "--padding",
                            "1", "--exclude-pad", "--output", (dir / "out.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    core::PoolParams p;
    p.mode = core::PoolMode::Avg;
    p.padH = p.padW = 1;
    p.countIncludePad = false;
    const auto expected = reference::pool2d(asTensor(input), p);
    REQUIRE(expected.has_value());
    const io::Array out = readNpy(dir / "out.npy");
    // stride defaults to the window: floor((4 + 2 − 2)/2) + 1 = 3, floor((5 + 2 − 2)/2) + 1 = 3
    CHECK(out.shape == std::vector<std::int64_t>{2, 3, 3});
    CHECK(out.data == expected->values.data);
}

TEST_CASE("cli explain conv --json lists every tap and a sum equal to the conv output", "[cli][explain]") {
    TempDir dir;
    std::mt19937 rng(5);
    writeNpy(dir / "in.npy", array({2, 4, 5}, smallInts(40, rng)));
    writeNpy(dir / "k.npy", array({2, 2, 3, 3}, smallInts(36, rng)));
    writeNpy(dir / "b.npy", array({2}, {0.5f, -2}));
    const std::vector<std::string> common{"--input",        (dir / "in.npy").string(),
                                          "--kernel",       (dir / "k.npy").string(),
                                          "--bias",         (dir / "b.npy").string(),
                                          "--padding",      "1",
                                          "--padding-mode", "circular"};
    std::vector<std::string> convArgs{"conv"};
    convArgs.insert(convArgs.end(), common.begin(), common.end());
    convArgs.insert(convArgs.end(), {"--output", (dir / "out.npy").string()});
    REQUIRE(cli(dir, convArgs).status == 0);
    const io::Array out = readNpy(dir / "out.npy");
    REQUIRE(out.shape == std::vector<std::int64_t>{2, 4, 5});

    std::vector<std::string> explainArgs{"explain", "conv"};
    explainArgs.insert(explainArgs.end(), common.begin(), common.end());
    explainArgs.insert(explainArgs.end(), {"--at", "0,4", "--channel", "1", "--json"});
    const Run r = cli(dir, explainArgs);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    REQUIRE(j["taps"].is_array());
    CHECK(j["taps"].size() == 18);  // 2 channels × 3 × 3
    int padded = 0;
    for (const json& tap : j["taps"]) {
        for (const char* key : {"m", "n", "row", "col", "padding", "input", "weight", "product"}) {
            INFO("key " << key);
            CHECK(tap.contains(key));
        }
        CHECK(tap["product"].get<float>() == tap["input"].get<float>() * tap["weight"].get<float>());
        if (tap["padding"].get<bool>()) ++padded;
    }
    // Output (0,4) with padding 1 reads rows −1..1 and cols 3..5: row −1 and col 5 are padding,
    // 3 + 3 − 1 = 5 taps per channel.
    CHECK(padded == 10);
    CHECK(j["bias"].get<float>() == -2.0f);
    // out is (2,4,5): channel 1, row 0, col 4
    CHECK(j["sum"].get<float>() == out.data[1 * 20 + 0 * 5 + 4]);
}

TEST_CASE("cli explain pool --json gives the window, result and winner of pool", "[cli][explain]") {
    TempDir dir;
    // 3×4 input, max window 2, stride 2, padding 1. Output (1,1) reads (1,1)=4 (1,2)=8
    // (2,1)=0 (2,2)=9 → 9 at (2,2), index 2·4 + 2 = 10.
    writeNpy(dir / "in.npy", array({3, 4}, {1, 5, 2, 0, 3, 4, 8, 6, 7, 0, 9, 1}));
    const Run r = cli(dir, {"explain", "pool", "--input", (dir / "in.npy").string(), "--mode", "max", "--window", "2",
                            "--padding", "1", "--at", "1,1", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["result"].get<float>() == 9.0f);
    CHECK(j["window"].size() == 4);
    CHECK(j["winner"]["row"] == 2);
    CHECK(j["winner"]["col"] == 2);
    CHECK(j["winner"]["index"] == 10);

    // Average at (0,0): rows −1..0, cols −1..0 hold only (0,0)=1; count_include_pad: 1/4.
    const Run avg = cli(dir, {"explain", "pool", "--input", (dir / "in.npy").string(), "--mode", "avg", "--window", "2",
                              "--padding", "1", "--at", "0,0", "--json"});
    REQUIRE(avg.status == 0);
    const json a = json::parse(avg.out);
    CHECK(a["result"].get<float>() == 0.25f);
    CHECK(a["divisor"] == 4);
    CHECK(a["divisor_rule"] == "count_include_pad");
    CHECK(a["input_cells"] == 1);
}

TEST_CASE("cli explain conv prints the dot product as text", "[cli][explain]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({2, 2}, {1, 2, 3, 4}));
    writeNpy(dir / "k.npy", array({2, 2}, {1, 0, 0, -1}));
    const Run r = cli(dir, {"explain", "conv", "--input", (dir / "in.npy").string(), "--kernel",
                            (dir / "k.npy").string(), "--at", "0,0"});
    REQUIRE(r.status == 0);
    // 1·1 + 2·0 + 3·0 + 4·(−1) = −3
    CHECK_THAT(r.out, Catch::Contains("O(0,0) = 1·1 + 2·0 + 3·0 + 4·(-1) = -3"));
}

TEST_CASE("cli shape conv prints the worked size formula", "[cli][shape]") {
    TempDir dir;
    const Run r =
        cli(dir, {"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--stride", "2", "--padding", "1"});
    REQUIRE(r.status == 0);
    // floor((28 + 2 − 2 − 1)/2) + 1 = floor(27/2) + 1 = 14
    CHECK_THAT(r.out, Catch::Contains("O_h = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14"));
    CHECK_THAT(r.out, Catch::Contains("O_w = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14"));
}

TEST_CASE("cli shape conv warns about rows dropped by the floor", "[cli][shape]") {
    TempDir dir;
    const Run r = cli(dir, {"shape", "conv", "--input-shape", "6,5", "--kernel", "3", "--stride", "2"});
    REQUIRE(r.status == 0);
    // rows: floor(3/2) + 1 = 2 windows read rows 0–4: row 5 is dropped. cols: floor(2/2) + 1 = 2, all read.
    CHECK_THAT(r.out, Catch::Contains("row 5") && Catch::Contains("dropped by the floor"));
    CHECK_THAT(r.out, !Catch::Contains("col"));
}

TEST_CASE("cli shape conv with a huge kernel size is a usage error, not a crash", "[cli][shape][errors]") {
    // The kernel (2·10^9) is far taller than the input (28): output size ≤ 0, exit 2.
    TempDir dir;
    const Run r = cli(dir, {"shape", "conv", "--input-shape", "28,28", "--kernel", "2000000000"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("kernel"));
}

TEST_CASE("cli padding 2000000000 is refused for size with exit 2, not a crash", "[cli][errors]") {
    // Each output axis would be 4·10^9 + 26 long: far past the value limit.
    TempDir dir;
    const Run shape = cli(dir, {"shape", "conv", "--input-shape", "28,28", "--kernel", "3", "--padding", "2000000000"});
    CHECK(shape.status == 2);
    CHECK_THAT(shape.err, Catch::Contains("268435456"));
    const Files f = smallConvFiles(dir);
    const Run conv = cli(dir, {"conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--padding",
                               "2000000000", "--output", f.output.string()});
    CHECK(conv.status == 2);
    CHECK_THAT(conv.err, Catch::Contains("268435456"));
    CHECK_FALSE(fs::exists(f.output));
}

TEST_CASE("cli --padding same with an even kernel keeps the input's size", "[cli][conv]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({5, 6}, std::vector<float>(30, 1.0f)));
    for (int k : {2, 4}) {
        writeNpy(dir / "k.npy", array({k, k}, std::vector<float>(static_cast<std::size_t>(k * k), 1.0f)));
        const Run r = cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                                "--padding", "same", "--output", (dir / "out.npy").string()});
        INFO("kernel " << k << ": " << r.err);
        REQUIRE(r.status == 0);
        const io::Array out = readNpy(dir / "out.npy");
        CHECK(out.shape == std::vector<std::int64_t>{5, 6});
        // The extra padding is at the bottom/right: the top-left output sees the full k×k
        // block of ones only when no padding is before it (k = 2: pad 0 before).
        if (k == 2) CHECK(out.data[0] == 4.0f);
        if (k == 4) CHECK(out.data[0] == 9.0f);  // pad 1 before: rows 0..2 × cols 0..2 are real
    }
}

TEST_CASE("cli NaN in the input propagates to the conv output", "[cli][conv]") {
    TempDir dir;
    writeBytes(dir / "in.csv", "1,nan,1\n1,1,1\n1,1,1\n");
    writeBytes(dir / "k.csv", "1,1\n1,1\n");
    const Run r = cli(dir, {"conv", "--input", (dir / "in.csv").string(), "--kernel", (dir / "k.csv").string(),
                            "--output", (dir / "out.csv").string()});
    REQUIRE(r.status == 0);
    auto out = io::parseCsv(readBytes(dir / "out.csv"));
    REQUIRE(out.ok());
    REQUIRE(out->data.size() == 4);
    CHECK(std::isnan(out->data[0]));  // window (0,0) reads the NaN
    CHECK(std::isnan(out->data[1]));  // so does (0,1)
    CHECK(out->data[2] == 4.0f);
    CHECK(out->data[3] == 4.0f);
}

TEST_CASE("cli stride 2147483647 on a small input gives a 1x1 output", "[cli][conv]") {
    // PyTorch accepts any positive stride, so exit 0 is the only right answer: a test that
    // also accepted exit 2 would pass if the CLI began refusing large strides.
    TempDir dir;
    const Files f = smallConvFiles(dir);
    const Run r = cli(dir, {"conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--stride",
                            "2147483647", "--output", f.output.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    // floor((4 − 2 − 1)/2147483647) + 1 = 1: the single window at (0,0) sums nine ones.
    const io::Array out = readNpy(f.output);
    CHECK(out.shape == std::vector<std::int64_t>{1, 1});
    CHECK(out.data == std::vector<float>{9});
}

TEST_CASE("cli invalid arguments exit 2, name the parameter and write no output", "[cli][errors]") {
    TempDir dir;
    const Files f = smallConvFiles(dir);
    auto conv = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"conv",     "--input",        f.input.string(), "--kernel", f.kernel.string(),
                                      "--output", f.output.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(dir, args);
    };
    struct Case {
        std::vector<std::string> extra;
        std::vector<std::string> mentions;
    };
    const std::vector<Case> cases{
        {{"--stride", "0"}, {"stride", "0"}},
        {{"--padding", "-1"}, {"padding", "-1"}},
        {{"--dilation", "0"}, {"dilation"}},
        {{"--padding", "same", "--stride", "2"}, {"same", "stride"}},
        {{"--stride", "abc"}, {"stride", "abc"}},
        {{"--stride", "2147483648"}, {"stride", "2147483648"}},
        {{"--padding", "1,x"}, {"padding"}},
        {{"--padding-mode", "mirror"}, {"padding mode", "mirror"}},
        {{"--padding", "4", "--padding-mode", "reflect"}, {"reflect", "(4)"}},
        {{"--bogus", "1"}, {"bogus"}},
    };
    for (const Case& c : cases) {
        const Run r = conv(c.extra);
        INFO("args: " << c.extra[0] << " " << c.extra[1] << " → " << r.err);
        CHECK(r.status == 2);
        for (const std::string& m : c.mentions) CHECK_THAT(r.err, Catch::Contains(m));
        CHECK_FALSE(fs::exists(f.output));
    }
}

TEST_CASE("cli a kernel larger than the input exits 2 with the worked formula", "[cli][errors]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({4, 4}, std::vector<float>(16, 1.0f)));
    writeNpy(dir / "k.npy", array({5, 5}, std::vector<float>(25, 1.0f)));
    const Run r = cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                            "--output", (dir / "out.npy").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("kernel") && Catch::Contains("floor((4 + 2·0 − 1·(5−1) − 1)/1) + 1 = 0"));
    CHECK_FALSE(fs::exists(dir / "out.npy"));
}

TEST_CASE("cli pool with invalid arguments exits 2 and writes nothing", "[cli][errors]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({4, 4}, std::vector<float>(16, 1.0f)));
    auto pool = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"pool", "--input", (dir / "in.npy").string(), "--output",
                                      (dir / "out.npy").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(dir, args);
    };
    const Run window0 = pool({"--mode", "max", "--window", "0"});
    CHECK(window0.status == 2);
    CHECK_THAT(window0.err, Catch::Contains("window"));
    const Run pad = pool({"--mode", "max", "--window", "2", "--padding", "2"});
    CHECK(pad.status == 2);
    CHECK_THAT(pad.err, Catch::Contains("padding"));
    const Run avgDilated = pool({"--mode", "avg", "--window", "2", "--dilation", "2"});
    CHECK(avgDilated.status == 2);
    CHECK_THAT(avgDilated.err, Catch::Contains("dilation"));
    const Run mode = pool({"--mode", "median", "--window", "2"});
    CHECK(mode.status == 2);
    CHECK_THAT(mode.err, Catch::Contains("median"));
    const Run avgIndices = pool({"--mode", "avg", "--window", "2", "--indices", (dir / "idx.npy").string()});
    CHECK(avgIndices.status == 2);
    CHECK_THAT(avgIndices.err, Catch::Contains("indices"));
    CHECK_FALSE(fs::exists(dir / "idx.npy"));
    CHECK_FALSE(fs::exists(dir / "out.npy"));
}

TEST_CASE("cli explain at a position outside the output exits 2 naming the position", "[cli][errors]") {
    TempDir dir;
    const Files f = smallConvFiles(dir);  // 4×4 input, 3×3 kernel → 2×2
    const Run r =
        cli(dir, {"explain", "conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--at", "2,0"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("(2,0)") && Catch::Contains("2×2"));
    const Run channel = cli(dir, {"explain", "conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--at",
                                  "0,0", "--channel", "1"});
    CHECK(channel.status == 2);
    CHECK_THAT(channel.err, Catch::Contains("channel"));
    const Run junk =
        cli(dir, {"explain", "conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--at", "5"});
    CHECK(junk.status == 2);
    CHECK_THAT(junk.err, Catch::Contains("--at"));
}

TEST_CASE("cli unreadable input or unwritable output exits 1 and writes nothing", "[cli][errors]") {
    TempDir dir;
    const Files f = smallConvFiles(dir);
    SECTION("missing input file") {
        const Run r = cli(dir, {"conv", "--input", (dir / "missing.npy").string(), "--kernel", f.kernel.string(),
                                "--output", f.output.string()});
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains("missing.npy"));
        CHECK_FALSE(fs::exists(f.output));
    }
    SECTION("corrupt .npy input") {
        // A v1.0 header that claims 64 bytes but stops after 15.
        writeBytes(dir / "bad.npy", std::string("\x93NUMPY\x01\x00\x40\x00", 10) + "{'descr': '<f4'");
        const Run r = cli(dir, {"pool", "--input", (dir / "bad.npy").string(), "--mode", "max", "--window", "2",
                                "--output", f.output.string()});
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains("bad.npy"));
        CHECK_FALSE(fs::exists(f.output));
    }
    SECTION("output folder does not exist") {
        const fs::path out = dir / "no_such_folder" / "out.npy";
        const Run r =
            cli(dir, {"conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--output", out.string()});
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains("no_such_folder"));
        CHECK_FALSE(fs::exists(dir / "no_such_folder"));
    }
    SECTION("pool indices into a missing folder: the values file is not written either") {
        const Run r = cli(dir, {"pool", "--input", f.input.string(), "--mode", "max", "--window", "2", "--output",
                                f.output.string(), "--indices", (dir / "nope" / "idx.npy").string()});
        CHECK(r.status == 1);
        CHECK_FALSE(fs::exists(f.output));
    }
}

TEST_CASE("cli a failing run leaves an existing output file byte-identical", "[cli][errors]") {
    TempDir dir;
    const Files f = smallConvFiles(dir);
    const std::string previous = "previous result, not to be touched";
    writeBytes(f.output, previous);
    writeBytes(dir / "bad.npy", "garbage");
    const std::vector<std::vector<std::string>> failing{
        {"conv", "--input", f.input.string(), "--kernel", f.kernel.string(), "--stride", "0", "--output",
         f.output.string()},
        {"conv", "--input", (dir / "bad.npy").string(), "--kernel", f.kernel.string(), "--output", f.output.string()},
        {"conv", "--input", (dir / "missing.npy").string(), "--kernel", f.kernel.string(), "--output",
         f.output.string()},
        {"pool", "--input", f.input.string(), "--mode", "max", "--window", "9", "--output", f.output.string()},
        {"pool", "--input", f.input.string(), "--mode", "max", "--window", "2", "--output", f.output.string(),
         "--indices", (dir / "nope" / "i.npy").string()},
    };
    for (const auto& args : failing) {
        const Run r = cli(dir, args);
        INFO(r.err);
        CHECK(r.status != 0);
        CHECK(r.status != -1);
        CHECK(readBytes(f.output) == previous);
    }
    // Only the files the test made remain: no temp files from the failed writes.
    CHECK(dir.entries() == std::vector<std::string>{"bad.npy", "in.npy", "k.npy", "out.npy"});
}

TEST_CASE("cli demo runs and shows one worked dot product", "[cli]") {
    TempDir dir;
    const Run r = cli(dir, {"demo"});
    CHECK(r.status == 0);
    // The demo's Sobel-x at (1,1) reads rows 0–2, cols 0–2 of the bar image:
    // −0 + 0 + 9 − 0 + 0 + 2·9 − 0 + 0 + 9 = 36. The whole line, not "O(1,1) =" and "= 36"
    // apart: the demo also prints "sum = 36" and "max{…} = 36", which would pass for it.
    CHECK_THAT(r.out, Catch::Contains("O(1,1) = 0·(-1) + 0·0 + 9·1 + 0·(-2) + 1·0 + 9·2 + 0·(-1) + 1·0 + 9·1 = 36\n"));
}

TEST_CASE("cli pool refuses --indices naming the same file as --output and writes nothing", "[cli][pool]") {
    TempDir dir;
    writeNpy(dir / "in.npy", array({4, 4}, std::vector<float>(16, 1.0f)));
    const Run r = cli(dir, {"pool", "--input", (dir / "in.npy").string(), "--mode", "max", "--window", "2", "--output",
                            (dir / "out.npy").string(), "--indices", (dir / "out.npy").string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("same file") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.npy"));
}
