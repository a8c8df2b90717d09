// --padding T,B,L,R, same_upper and same_lower on conv, explain conv and shape conv, as a user
// runs them. Expected numbers come from the naive reference in tests/core, given the sides
// worked out here by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_run.hpp"
#include "convscope/io/npy.hpp"
#include "core/reference.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using clitest::Run;
namespace fs = std::filesystem;
using iotest::TempDir;

namespace {

struct ConvFiles {
    core::Tensor input;
    core::Weights kernel;
    fs::path in, k, out;
};

// A random (H,W) input and (KH,KW) kernel written as .npy.
ConvFiles convFiles(const TempDir& dir, int h, int w, int kh, int kw) {
    std::mt19937 rng(static_cast<unsigned>(h * 100 + w * 10 + kh));
    ConvFiles f{reference::randomTensor(1, h, w, rng), reference::randomWeights(1, 1, kh, kw, rng), dir / "in.npy",
                dir / "k.npy", dir / "out.npy"};
    io::Array a;
    a.shape = {h, w};
    a.data = f.input.data;
    iotest::writeBytes(f.in, io::encodeNpyFloat32(a));
    a.shape = {kh, kw};
    a.data = f.kernel.data;
    iotest::writeBytes(f.k, io::encodeNpyFloat32(a));
    return f;
}

void checkOutput(const ConvFiles& f, const core::ConvParams& p) {
    auto out = io::parseNpy(iotest::readBytes(f.out));
    REQUIRE(out.ok());
    const auto expected = reference::conv2d(f.input, f.kernel, {}, p);
    REQUIRE(expected.has_value());
    REQUIRE(out->shape == std::vector<std::int64_t>{expected->height, expected->width});
    for (std::size_t i = 0; i < out->data.size(); ++i) {
        INFO("value " << i);
        CHECK(reference::close(expected->data[i], out->data[i]));
    }
}

}  // namespace

TEST_CASE("cli conv --padding T,B,L,R pads each side by its own amount", "[cli][padding]") {
    TempDir dir;
    const ConvFiles f = convFiles(dir, 5, 6, 3, 3);
    const Run r = cli(dir, {"conv", "--input", f.in.string(), "--kernel", f.k.string(), "--padding", "0,2,1,3",
                            "--output", f.out.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    core::ConvParams p;
    p.padding = {0, 2, 1, 3};
    checkOutput(f, p);  // (5 + 0 + 2 − 2) × (6 + 1 + 3 − 2) = 5 × 8
}

TEST_CASE("cli conv --padding same_upper / same_lower at stride 2 put the odd cell at the end / start",
          "[cli][padding]") {
    TempDir dir;
    // H = 8, k = 3, s = 2: ceil(8/2) = 4, total (4 − 1)·2 + 3 − 8 = 1. W = 7: total 2.
    const ConvFiles f = convFiles(dir, 8, 7, 3, 3);
    for (const auto& [name, sides] :
         {std::pair{"same_upper", core::Padding2D{0, 1, 1, 1}}, std::pair{"same_lower", core::Padding2D{1, 0, 1, 1}}}) {
        INFO(name);
        const Run r = cli(dir, {"conv", "--input", f.in.string(), "--kernel", f.k.string(), "--stride", "2",
                                "--padding", name, "--output", f.out.string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        core::ConvParams p;
        p.strideH = p.strideW = 2;
        p.padding = sides;
        checkOutput(f, p);
    }
}

TEST_CASE("cli shape conv --padding same_upper shows how the padding was worked out", "[cli][padding][shape]") {
    TempDir dir;
    const Run r = cli(
        dir, {"shape", "conv", "--input-shape", "8,7", "--kernel", "3", "--stride", "2", "--padding", "same_upper"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("max(0, (ceil(8/2) − 1)·2 + 1·(3−1) + 1 − 8) = 1 → top 0, bottom 1"));
    CHECK_THAT(r.out, Catch::Contains("max(0, (ceil(7/2) − 1)·2 + 1·(3−1) + 1 − 7) = 2 → left 1, right 1"));
    CHECK_THAT(r.out, Catch::Contains("O_h = floor((8 + 0 + 1 − 1·(3−1) − 1)/2) + 1 = 4"));
    const Run lower = cli(dir, {"shape", "conv", "--input-shape", "8,7", "--kernel", "3", "--stride", "2", "--padding",
                                "same_lower", "--json"});
    REQUIRE(lower.status == 0);
    const auto j = nlohmann::json::parse(lower.out);
    CHECK(j["height"]["pad_before"] == 1);
    CHECK(j["height"]["pad_after"] == 0);
    CHECK(j["height"]["size"] == 4);
    CHECK(j["width"]["size"] == 4);
}

TEST_CASE("cli explain conv with per-side padding reads padding only where it lies", "[cli][padding][explain]") {
    TempDir dir;
    const ConvFiles f = convFiles(dir, 4, 4, 2, 2);
    // Top 1, nothing else: output (0,0)'s window is rows −1…0, so its first kernel row reads padding.
    const Run r = cli(dir, {"explain", "conv", "--input", f.in.string(), "--kernel", f.k.string(), "--padding",
                            "1,0,0,0", "--at", "0,0", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    int padded = 0;
    for (const auto& tap : j["taps"]) padded += tap["padding"].get<bool>() ? 1 : 0;
    CHECK(padded == 2);
}

TEST_CASE("cli refuses malformed or negative per-side padding with exit 2, writing nothing", "[cli][padding][errors]") {
    TempDir dir;
    const ConvFiles f = convFiles(dir, 4, 4, 2, 2);
    for (const auto& [padding, says] :
         {std::pair{"1,2,3", "T,B,L,R"}, std::pair{"1,2,x,0", "T,B,L,R"}, std::pair{"0,-1,0,0", "must not be negative"},
          std::pair{"same_middle", "same_upper"}}) {
        INFO(padding);
        const Run r = cli(dir, {"conv", "--input", f.in.string(), "--kernel", f.k.string(), "--padding", padding,
                                "--output", f.out.string()});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(says));
        CHECK_FALSE(fs::exists(f.out));
    }
}
