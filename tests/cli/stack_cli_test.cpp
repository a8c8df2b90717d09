// `convscope-cli stack`: a session's whole stack run from the command line, each stage's
// output written as .npy and checked against the naive reference applied stage by stage.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_run.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/session.hpp"
#include "core/reference.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;

namespace {

// conv(3→4, 3×3, pad 1) → ReLU → max 2 → conv(4→2, 3×3, no padding) → leaky ReLU, no pool.
io::Session studentSession(std::mt19937& rng) {
    io::Session s;
    s.grid = reference::randomTensor(3, 10, 10, rng);
    core::Stage first;
    first.conv.weights = reference::randomWeights(4, 3, 3, 3, rng);
    first.conv.bias = {0.1f, -0.2f, 0.3f, -0.4f};
    first.activation.kind = core::Activation::Relu;
    core::Stage second;
    second.conv.weights = reference::randomWeights(2, 4, 3, 3, rng);
    second.conv.padding = {core::PaddingSpec::Kind::Explicit, 0, 0};
    second.activation = {core::Activation::LeakyRelu, 0.5f};
    second.poolEnabled = false;
    s.stages = {first, second};
    return s;
}

// relu / leaky_relu by their definitions (the test data has no NaN).
core::Tensor activated(core::Tensor t, const core::ActivationParams& a) {
    for (float& v : t.data) {
        if (v > 0 || a.kind == core::Activation::None) continue;
        v = a.kind == core::Activation::Relu ? 0.0f : v * a.negativeSlope;
    }
    return t;
}

}  // namespace

TEST_CASE("cli stack runs every stage of a session and writes each stage's output", "[cli][stack]") {
    iotest::TempDir dir;
    std::mt19937 rng(11);
    const io::Session session = studentSession(rng);
    REQUIRE(io::saveSession(dir / "s.json", session).ok());

    const auto run =
        cli(dir, {"stack", "--session", (dir / "s.json").string(), "--output-dir", dir.path().string(), "--json"});
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto j = nlohmann::json::parse(run.out);
    // Shapes by the size formula: (10 + 2 − 3) + 1 = 10, pooled by 2 → 5; then 5 − 3 + 1 = 3.
    CHECK(j["stages"][0]["output"] == nlohmann::json({4, 5, 5}));
    CHECK(j["stages"][1]["output"] == nlohmann::json({2, 3, 3}));
    // Fields: 3×3 (start −1), the pool makes 4 with jump 2, then 4 + 2·2 = 8.
    CHECK(j["stages"][0]["receptive_field"]["size"] == nlohmann::json({4, 4}));
    CHECK(j["stages"][1]["receptive_field"]["size"] == nlohmann::json({8, 8}));
    CHECK(j["stages"][1]["receptive_field"]["jump"] == nlohmann::json({2, 2}));

    // Each stage's file equals the reference: conv, activation, pool, stage after stage.
    core::Tensor x = session.grid;
    for (std::size_t i = 0; i < session.stages.size(); ++i) {
        const core::Stage& st = session.stages[i];
        auto conv = reference::conv2d(x, st.conv.weights, st.conv.bias, *core::convParams(st.conv));
        REQUIRE(conv);
        x = activated(*conv, st.activation);
        if (st.poolEnabled) x = reference::pool2d(x, st.pool)->values;
        auto file = io::readArray(dir / ("stage" + std::to_string(i + 1) + ".npy"));
        REQUIRE(file.ok());
        REQUIRE(file->shape == std::vector<std::int64_t>{x.channels, x.height, x.width});
        for (std::size_t k = 0; k < x.data.size(); ++k) CHECK(reference::close(x.data[k], file->data[k]));
    }
}

TEST_CASE("cli stack with an impossible stage exits 2 naming the stage and writes nothing", "[cli][stack][errors]") {
    iotest::TempDir dir;
    std::mt19937 rng(12);
    io::Session session = studentSession(rng);
    session.stages[1].conv.weights = reference::randomWeights(2, 4, 7, 7, rng);  // larger than the 5×5 map
    REQUIRE(io::saveSession(dir / "s.json", session).ok());
    const auto run = cli(dir, {"stack", "--session", (dir / "s.json").string(), "--output-dir", dir.path().string()});
    CHECK(run.status == 2);
    CHECK(run.err.find("stage 2") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "stage1.npy"));
}
