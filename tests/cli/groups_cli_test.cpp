// `--groups G` on conv, explain conv and shape conv: the kernel holds C/G input channels per
// filter, filter o reads only its group's channels (checked against the naive reference cut
// into groups), and a G that does not fit the channels is PyTorch's error, exit 2.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_run.hpp"
#include "cli/grouped_reference.hpp"
#include "cli/npy_files.hpp"
#include "convscope/io/npy.hpp"
#include "core/reference.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::array;
using clitest::cli;
using clitest::readNpy;
using clitest::writeNpy;
using iotest::TempDir;
using nlohmann::json;

namespace {

// Input (4, 6, 5), kernel (6, 2, 3, 3) for groups 2, bias (6).
struct GroupedFiles {
    core::Tensor input;
    core::Weights kernel;
    std::vector<float> bias{0.5f, -1, 2, 0, 0.25f, -0.75f};
};

GroupedFiles writeGrouped(const TempDir& dir, std::mt19937& rng) {
    GroupedFiles f{reference::randomTensor(4, 6, 5, rng), reference::randomWeights(6, 2, 3, 3, rng)};
    writeNpy(dir / "in.npy", {4, 6, 5}, f.input.data);
    writeNpy(dir / "k.npy", {6, 2, 3, 3}, f.kernel.data);
    writeNpy(dir / "b.npy", {6}, f.bias);
    return f;
}

}  // namespace

TEST_CASE("cli conv --groups 2 gives the reference conv of each group's channels", "[cli][conv][groups]") {
    TempDir dir;
    std::mt19937 rng(21);
    const GroupedFiles f = writeGrouped(dir, rng);
    const auto r = cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                             "--bias", (dir / "b.npy").string(), "--padding", "1", "--stride", "1,2", "--groups", "2",
                             "--output", (dir / "out.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    core::ConvParams p;
    p.padding = {1, 1, 1, 1};
    p.strideW = 2;
    p.groups = 2;
    const auto expected = clitest::groupedConv(f.input, f.kernel, f.bias, p);
    REQUIRE(expected.has_value());
    const io::Array out = readNpy(dir / "out.npy");
    // (6 + 2 − 3) + 1 = 6 rows; floor((5 + 2 − 3)/2) + 1 = 3 columns.
    REQUIRE(out.shape == std::vector<std::int64_t>{6, 6, 3});
    for (std::size_t i = 0; i < out.data.size(); ++i) CHECK(reference::close(expected->data[i], out.data[i]));

    // Filter 4 is in group 1: changing input channels 0 and 1 (group 0) leaves it unchanged.
    core::Tensor changed = f.input;
    for (int c = 0; c < 2; ++c)
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 5; ++x) changed.at(c, y, x) += 10.0f;
    writeNpy(dir / "in2.npy", {4, 6, 5}, changed.data);
    REQUIRE(cli(dir, {"conv", "--input", (dir / "in2.npy").string(), "--kernel", (dir / "k.npy").string(), "--bias",
                      (dir / "b.npy").string(), "--padding", "1", "--stride", "1,2", "--groups", "2", "--output",
                      (dir / "out2.npy").string()})
                .status == 0);
    const io::Array out2 = readNpy(dir / "out2.npy");
    for (std::size_t i = 3 * 18; i < out.data.size(); ++i) CHECK(out2.data[i] == out.data[i]);
}

TEST_CASE("cli conv --groups C is depthwise: each channel with its own filter", "[cli][conv][groups]") {
    TempDir dir;
    std::mt19937 rng(22);
    const core::Tensor input = reference::randomTensor(3, 5, 5, rng);
    const core::Weights kernel = reference::randomWeights(6, 1, 3, 3, rng);  // channel multiplier 2
    writeNpy(dir / "in.npy", {3, 5, 5}, input.data);
    writeNpy(dir / "k.npy", {6, 1, 3, 3}, kernel.data);
    const auto r =
        cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(), "--padding",
                  "same", "--padding-mode", "reflect", "--groups", "3", "--output", (dir / "out.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    core::ConvParams p;
    p.padding = {1, 1, 1, 1};
    p.mode = core::PaddingMode::Reflect;
    p.groups = 3;
    const auto expected = clitest::groupedConv(input, kernel, {}, p);
    REQUIRE(expected.has_value());
    const io::Array out = readNpy(dir / "out.npy");
    REQUIRE(out.shape == std::vector<std::int64_t>{6, 5, 5});
    for (std::size_t i = 0; i < out.data.size(); ++i) CHECK(reference::close(expected->data[i], out.data[i]));
}

TEST_CASE("cli explain conv --groups lists only the taps of the filter's group", "[cli][explain][groups]") {
    TempDir dir;
    std::mt19937 rng(23);
    writeGrouped(dir, rng);
    const std::vector<std::string> common{"--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(),
                                          "--bias",  (dir / "b.npy").string(),  "--groups", "2"};
    std::vector<std::string> convArgs{"conv"};
    convArgs.insert(convArgs.end(), common.begin(), common.end());
    convArgs.insert(convArgs.end(), {"--output", (dir / "out.npy").string()});
    REQUIRE(cli(dir, convArgs).status == 0);
    const io::Array out = readNpy(dir / "out.npy");  // (6, 4, 3), no padding
    REQUIRE(out.shape == std::vector<std::int64_t>{6, 4, 3});

    std::vector<std::string> explainArgs{"explain", "conv"};
    explainArgs.insert(explainArgs.end(), common.begin(), common.end());
    explainArgs.insert(explainArgs.end(), {"--at", "2,1", "--channel", "4", "--json"});
    const auto r = cli(dir, explainArgs);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["taps"].size() == 18);  // C/G = 2 channels × 3 × 3
    for (const json& tap : j["taps"]) {
        const int c = tap["channel"].get<int>();
        CHECK((c == 2 || c == 3));  // filter 4 of 6 in 2 groups: group 1, input channels 2 and 3
    }
    CHECK(reference::close(j["sum"].get<float>(), out.data[4 * 12 + 2 * 3 + 1]));
}

TEST_CASE("cli groups that do not fit the channels are PyTorch's errors, exit 2, no file", "[cli][groups][errors]") {
    TempDir dir;
    std::mt19937 rng(24);
    writeGrouped(dir, rng);
    const auto conv = [&](const std::string& groups) {
        return cli(dir, {"conv", "--input", (dir / "in.npy").string(), "--kernel", (dir / "k.npy").string(), "--groups",
                         groups, "--output", (dir / "out.npy").string()});
    };
    // 6 filters into 4 groups.
    const auto four = conv("4");
    CHECK(four.status == 2);
    CHECK_THAT(four.err, Catch::Contains("groups = 4 must divide the 6 filter(s)"));
    // 3 groups of 2-channel slices need 6 input channels; the input has 4.
    const auto three = conv("3");
    CHECK(three.status == 2);
    CHECK_THAT(three.err, Catch::Contains("groups = 3") && Catch::Contains("3·2 = 6"));
    const auto zero = conv("0");
    CHECK(zero.status == 2);
    CHECK_THAT(zero.err, Catch::Contains("groups must be at least 1 (got 0)"));
    const auto text = conv("two");
    CHECK(text.status == 2);
    CHECK_THAT(text.err, Catch::Contains("--groups 'two' is not an integer"));
    CHECK_FALSE(std::filesystem::exists(dir / "out.npy"));
}

TEST_CASE("cli shape conv --groups: the size formula as without groups; a kernel file's filters must divide",
          "[cli][shape][groups]") {
    TempDir dir;
    std::mt19937 rng(25);
    writeGrouped(dir, rng);
    const auto sized = cli(dir, {"shape", "conv", "--input-shape", "9,9", "--kernel", "3", "--groups", "4"});
    INFO(sized.err);
    REQUIRE(sized.status == 0);
    CHECK_THAT(sized.out, Catch::Contains("O_h = floor((9 + 2·0 − 1·(3−1) − 1)/1) + 1 = 7"));
    const auto file = cli(dir, {"shape", "conv", "--input-shape", "9,9", "--kernel", (dir / "k.npy").string(),
                                "--groups", "3", "--stride", "2"});
    INFO(file.err);
    REQUIRE(file.status == 0);  // 6 filters, 3 groups: input 2·3 = 6 channels
    CHECK_THAT(file.out, Catch::Contains("O_w = floor((9 + 2·0 − 1·(3−1) − 1)/2) + 1 = 4"));
    const auto bad =
        cli(dir, {"shape", "conv", "--input-shape", "9,9", "--kernel", (dir / "k.npy").string(), "--groups", "4"});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("groups = 4 must divide the 6 filter(s)"));
    const auto zero = cli(dir, {"shape", "conv", "--input-shape", "9,9", "--kernel", "3", "--groups", "0"});
    CHECK(zero.status == 2);
    CHECK_THAT(zero.err, Catch::Contains("groups must be at least 1 (got 0)"));
}
