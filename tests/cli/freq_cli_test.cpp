// `convscope-cli freq`: the magnitude file against numpy's (tests/golden/freq_cases.json),
// the summary in JSON, the slice of a 4-D kernel, and the size limits.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_run.hpp"
#include "convscope/io/npy.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using clitest::Run;
using iotest::TempDir;
using nlohmann::json;

namespace {

json fixture(const std::string& name) {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/freq_cases.json");
    REQUIRE(in.good());
    const json all = json::parse(in);  // kept: the loop must not outlive it
    for (const json& c : all["cases"])
        if (c["name"] == name) return c;
    FAIL("no case " << name);
    return {};
}

std::string writeKernel(const TempDir& dir, std::vector<std::int64_t> shape, std::vector<float> values) {
    io::Array a;
    a.shape = std::move(shape);
    a.data = std::move(values);
    const std::string path = (dir / "k.npy").string();
    iotest::writeBytes(path, io::encodeNpyFloat32(a));
    return path;
}

}  // namespace

TEST_CASE("cli freq writes numpy's shifted |fft2| and reports a Laplacian as high-pass with DC gain 0", "[cli][freq]") {
    TempDir dir;
    const json c = fixture("laplacian 3x3 N=9");
    const std::string kernel = writeKernel(dir, {3, 3}, c["kernel"]["values"].get<std::vector<float>>());
    const std::string out = (dir / "f.npy").string();
    const Run r = cli(dir, {"freq", "--kernel", kernel, "--size", "9", "--output", out, "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto mag = io::parseNpy(iotest::readBytes(out));
    REQUIRE(mag.ok());
    CHECK(mag->shape == std::vector<std::int64_t>{9, 9});
    const auto expected = c["magnitude"].get<std::vector<double>>();
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("cell " << i);
        CHECK(mag->data[i] == Approx(expected[i]).margin(1e-5));
    }
    const json j = json::parse(r.out);
    CHECK(j["dc_gain"] == 0.0);
    CHECK(j["dc_index"] == json::array({4, 4}));
    CHECK(j["kind"] == "high-pass");
    CHECK(j["separable"] == false);
}

TEST_CASE("cli freq on a 4-D kernel takes the chosen filter and channel, and finds its factors", "[cli][freq]") {
    TempDir dir;
    // Filter 1, channel 0 is [1 2 1]ᵀ·[1 0 −1] (Sobel); everything else is zero.
    std::vector<float> values(2 * 2 * 9, 0.0f);
    const float sobel[9] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
    std::copy(sobel, sobel + 9, values.begin() + 18);
    const std::string kernel = writeKernel(dir, {2, 2, 3, 3}, values);
    const Run r = cli(dir, {"freq", "--kernel", kernel, "--size", "16", "--filter", "1", "--channel", "0", "--output",
                            (dir / "f.npy").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("DC gain (sum of weights) 0") && Catch::Contains("band-pass") &&
                          Catch::Contains("separable (rank 1)"));
    const Run j = cli(dir, {"freq", "--kernel", kernel, "--size", "16", "--filter", "1", "--output",
                            (dir / "f.npy").string(), "--json"});
    const json report = json::parse(j.out);
    const auto col = report["column"].get<std::vector<double>>();
    const auto row = report["row"].get<std::vector<double>>();
    REQUIRE(col.size() == 3);
    REQUIRE(row.size() == 3);
    for (int m = 0; m < 3; ++m)
        for (int n = 0; n < 3; ++n) CHECK(col[m] * row[n] == Approx(sobel[m * 3 + n]).margin(1e-5));
}

TEST_CASE("cli freq refuses a size past 512 or below the kernel, and a filter outside, with exit 2",
          "[cli][freq][errors]") {
    TempDir dir;
    const std::string kernel = writeKernel(dir, {3, 3}, std::vector<float>(9, 1.0f));
    const std::string out = (dir / "f.npy").string();
    const Run big = cli(dir, {"freq", "--kernel", kernel, "--size", "1024", "--output", out});
    CHECK(big.status == 2);
    CHECK_THAT(big.err, Catch::Contains("512"));
    CHECK(cli(dir, {"freq", "--kernel", kernel, "--size", "2", "--output", out}).status == 2);
    CHECK(cli(dir, {"freq", "--kernel", kernel, "--filter", "1", "--output", out}).status == 2);
    CHECK(cli(dir, {"freq", "--kernel", (dir / "none.npy").string(), "--output", out}).status == 1);
    CHECK_FALSE(std::filesystem::exists(out));
}
