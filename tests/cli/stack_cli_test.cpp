// `convscope-cli stack`: a session's list of layers run from the command line, each layer's
// output written as .npy and checked against the naive reference applied layer by layer;
// its report's shapes, formulas, fields and costs worked out by hand.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_run.hpp"
#include "cli/grouped_reference.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/session.hpp"
#include "core/reference.hpp"
#include "io/temp_dir.hpp"

using namespace convscope;
using clitest::cli;
using nlohmann::json;

namespace {

core::Conv2d convLayer(core::Weights w, std::vector<float> bias, int padding, int groups = 1) {
    core::Conv2d c;
    c.weights = std::move(w);
    c.bias = std::move(bias);
    c.padding = {core::PaddingSpec::Kind::Explicit, padding, padding};
    c.groups = groups;
    return c;
}

// 3×10×10 → conv(3→4, 3×3, pad 1) → ReLU → max 2 → depthwise 3×3 (pad 1, groups 4)
// → pointwise conv(4→2, 1×1) → leaky ReLU 0.5.
io::Session studentSession(std::mt19937& rng) {
    io::Session s;
    s.grid = reference::randomTensor(3, 10, 10, rng);
    s.layers = {convLayer(reference::randomWeights(4, 3, 3, 3, rng), {0.1f, -0.2f, 0.3f, -0.4f}, 1),
                core::Activation{core::ActivationKind::Relu},
                core::MaxPool2d{},
                convLayer(reference::randomWeights(4, 1, 3, 3, rng), {0.5f, 0.5f, -0.5f, 0}, 1, 4),
                convLayer(reference::randomWeights(2, 4, 1, 1, rng), {}, 0),
                core::Activation{core::ActivationKind::LeakyRelu, 0.5f}};
    return s;
}

// One layer by its definition: the naive conv (sliced per group), relu / leaky relu
// (the test data has no NaN), the naive pooling.
core::Tensor byDefinition(const core::Layer& layer, const core::Tensor& x) {
    if (const auto* c = std::get_if<core::Conv2d>(&layer)) {
        auto p = core::convParams(*c, core::shapeOf(x));
        REQUIRE(p.ok());
        auto out = clitest::groupedConv(x, c->weights, c->bias, *p);
        REQUIRE(out.has_value());
        return *out;
    }
    if (const auto* a = std::get_if<core::Activation>(&layer)) {
        core::Tensor t = x;
        for (float& v : t.data)
            if (v < 0) v = a->kind == core::ActivationKind::Relu ? 0.0f : v * a->negativeSlope;
        return t;
    }
    auto pooled = reference::pool2d(x, core::poolParams(layer));
    REQUIRE(pooled.has_value());
    return pooled->values;
}

void checkFile(const std::filesystem::path& file, const core::Tensor& expected) {
    INFO(file.string());
    auto a = io::readArray(file);
    REQUIRE(a.ok());
    REQUIRE(a->shape == std::vector<std::int64_t>{expected.channels, expected.height, expected.width});
    for (std::size_t k = 0; k < expected.data.size(); ++k) CHECK(reference::close(expected.data[k], a->data[k]));
}

}  // namespace

TEST_CASE("cli stack runs every layer of a session and writes each layer's output", "[cli][stack]") {
    iotest::TempDir dir;
    std::mt19937 rng(11);
    const io::Session session = studentSession(rng);
    REQUIRE(io::saveSession(dir / "s.json", session).ok());

    const auto run =
        cli(dir, {"stack", "--session", (dir / "s.json").string(), "--output-dir", dir.path().string(), "--json"});
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto j = json::parse(run.out);
    REQUIRE(j["layers"].size() == 6);
    const auto& l = j["layers"];
    CHECK(l[0]["type"] == "conv2d");
    CHECK(l[1]["type"] == "relu");
    CHECK(l[2]["type"] == "max_pool2d");
    CHECK(l[5]["type"] == "leaky_relu");
    // Shapes by the size formula: (10 + 2 − 3) + 1 = 10, pooled by 2 → 5, the depthwise conv
    // keeps 5 (pad 1), the pointwise too.
    CHECK(l[0]["output"] == json({4, 10, 10}));
    CHECK(l[2]["output"] == json({4, 5, 5}));
    CHECK(l[3]["output"] == json({4, 5, 5}));
    CHECK(l[4]["output"] == json({2, 5, 5}));
    CHECK(l[0]["height_formula"] == "floor((10 + 2·1 − 1·(3−1) − 1)/1) + 1");
    CHECK(l[2]["width_formula"] == "floor((10 + 2·0 − 1·(2−1) − 1)/2) + 1");
    CHECK(l[1]["height_formula"].is_null());  // element-wise: no window
    // Fields: 3×3 (start −1); ReLU keeps it; the pool makes 4 with jump 2; the depthwise
    // 3×3 adds 2·2: 8, start −1 − 1·2 = −3; the 1×1 adds nothing.
    CHECK(l[1]["receptive_field"]["size"] == json({3, 3}));
    CHECK(l[2]["receptive_field"]["size"] == json({4, 4}));
    CHECK(l[2]["receptive_field"]["jump"] == json({2, 2}));
    CHECK(l[3]["receptive_field"]["size"] == json({8, 8}));
    CHECK(l[3]["receptive_field"]["start"] == json({-3, -3}));
    CHECK(l[4]["receptive_field"]["size"] == json({8, 8}));
    // Costs: conv 4·3·3·3 + 4 = 112 parameters, 27 multiply-adds for each of 4·10·10 outputs.
    CHECK(l[0]["cost"] == json({{"parameters", 112}, {"multiply_adds", 10800}}));
    CHECK(l[0]["full_conv_cost"].is_null());
    CHECK(l[1]["cost"] == json({{"parameters", 0}, {"multiply_adds", 0}}));
    // Depthwise: 4·1·3·3 + 4 = 40 parameters, 9 per output of 4·5·5; as a full conv each
    // filter would read all 4 channels: 4·4·3·3 + 4 = 148, 36·100 = 3600.
    CHECK(l[3]["cost"] == json({{"parameters", 40}, {"multiply_adds", 900}}));
    CHECK(l[3]["full_conv_cost"] == json({{"parameters", 148}, {"multiply_adds", 3600}}));
    CHECK(l[4]["cost"] == json({{"parameters", 8}, {"multiply_adds", 200}}));
    CHECK(j["total_cost"] == json({{"parameters", 112 + 40 + 8}, {"multiply_adds", 10800 + 900 + 200}}));

    // Each layer's file equals the reference applied layer after layer.
    core::Tensor x = session.grid;
    for (std::size_t i = 0; i < session.layers.size(); ++i) {
        x = byDefinition(session.layers[i], x);
        checkFile(dir / ("layer" + std::to_string(i + 1) + ".npy"), x);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "layer7.npy"));
}

TEST_CASE("cli stack prints each layer's formula with numbers, field and cost", "[cli][stack]") {
    iotest::TempDir dir;
    std::mt19937 rng(13);
    REQUIRE(io::saveSession(dir / "s.json", studentSession(rng)).ok());
    const auto run = cli(dir, {"stack", "--session", (dir / "s.json").string()});
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.out, Catch::Contains("input     3×10×10"));
    CHECK_THAT(run.out, Catch::Contains("O_h = floor((10 + 2·1 − 1·(3−1) − 1)/1) + 1 = 10"));
    CHECK_THAT(run.out, Catch::Contains("O_w = floor((10 + 2·0 − 1·(2−1) − 1)/2) + 1 = 5"));
    CHECK_THAT(run.out, Catch::Contains("receptive field 8×8, jump 2,2, start -3,-3"));
    CHECK_THAT(run.out, Catch::Contains("40 parameters, 900 multiply-adds (as a full conv, groups = 1: 148 "
                                        "parameters, 3600 multiply-adds)"));
    CHECK_THAT(run.out, Catch::Contains("total     160 parameters, 11900 multiply-adds"));
    CHECK_FALSE(std::filesystem::exists(dir / "layer1.npy"));  // no --output-dir, no files
}

TEST_CASE("cli stack with an impossible layer exits 2 naming the layer and writes nothing", "[cli][stack][errors]") {
    iotest::TempDir dir;
    std::mt19937 rng(12);
    io::Session session = studentSession(rng);
    // Layer 5 (the pointwise conv) made 7×7, larger than the 5×5 map reaching it.
    std::get<core::Conv2d>(session.layers[4]).weights = reference::randomWeights(2, 4, 7, 7, rng);
    REQUIRE(io::saveSession(dir / "s.json", session).ok());
    const auto run = cli(dir, {"stack", "--session", (dir / "s.json").string(), "--output-dir", dir.path().string()});
    CHECK(run.status == 2);
    CHECK_THAT(run.err, Catch::StartsWith("convscope-cli: layer 5: "));
    CHECK_FALSE(std::filesystem::exists(dir / "layer1.npy"));

    // A grouped conv whose groups do not divide the channels reaching it: PyTorch's rule.
    session = studentSession(rng);
    std::get<core::Conv2d>(session.layers[3]).groups = 3;
    REQUIRE(io::saveSession(dir / "g.json", session).ok());
    const auto grouped = cli(dir, {"stack", "--session", (dir / "g.json").string()});
    CHECK(grouped.status == 2);
    CHECK_THAT(grouped.err, Catch::Contains("layer 4: ") && Catch::Contains("groups = 3"));
}

TEST_CASE("cli stack runs a version 2 session as its stages' layers", "[cli][stack]") {
    iotest::TempDir dir;
    // Stage 1: conv 2×2 (stride 2) → ReLU → max 2; stage 2: 1×1 conv, no activation, no pool.
    const std::string v2 = R"({"format": "convscope-session", "version": 2,
      "input": {"grid": {"shape": [1, 4, 4], "values": [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16]}},
      "kernel": {"shape": [1, 1, 1, 1], "values": [-1]}, "bias": [],
      "conv": {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "padding_mode": "zeros"},
      "activation": {"kind": "relu", "negative_slope": 0.01},
      "pool": {"enabled": true, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
               "dilation": [1, 1], "ceil_mode": false, "count_include_pad": true},
      "later_stages": [{"kernel": {"shape": [1, 1, 1, 1], "values": [3]}, "bias": [1],
        "conv": {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "padding_mode": "zeros"},
        "activation": {"kind": "none"},
        "pool": {"enabled": false, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
                 "dilation": [1, 1], "ceil_mode": false, "count_include_pad": true}}]})";
    REQUIRE(io::writeFileAtomic(dir / "v2.json", v2).ok());
    const auto run =
        cli(dir, {"stack", "--session", (dir / "v2.json").string(), "--output-dir", dir.path().string(), "--json"});
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto j = json::parse(run.out);
    REQUIRE(j["layers"].size() == 4);
    CHECK(j["layers"][3]["type"] == "conv2d");
    // −x, then ReLU keeps the negated negatives: 2, 4, 6, …; max 2×2 of those; then 3·x + 1.
    core::Tensor expected(1, 2, 2);
    expected.data = {3 * 6 + 1, 3 * 8 + 1, 3 * 14 + 1, 3 * 16 + 1};
    checkFile(dir / "layer4.npy", expected);
    CHECK_FALSE(std::filesystem::exists(dir / "layer5.npy"));
}

TEST_CASE("cli conv and pool --session compute the first conv2d / pooling layer on what reaches it", "[cli][stack]") {
    iotest::TempDir dir;
    std::mt19937 rng(14);
    io::Session s;
    s.grid = reference::randomTensor(2, 6, 6, rng);
    // A ReLU first: the conv reads the rectified input, the pooling the conv's output.
    s.layers = {core::Activation{core::ActivationKind::Relu},
                convLayer(reference::randomWeights(2, 1, 3, 3, rng), {1, -1}, 1, 2), core::AvgPool2d{}};
    REQUIRE(io::saveSession(dir / "s.json", s).ok());
    const core::Tensor rectified = byDefinition(s.layers[0], s.grid);
    const core::Tensor conv = byDefinition(s.layers[1], rectified);
    const core::Tensor pooled = byDefinition(s.layers[2], conv);

    const auto c = cli(dir, {"conv", "--session", (dir / "s.json").string(), "--output", (dir / "c.npy").string()});
    INFO(c.err);
    REQUIRE(c.status == 0);
    checkFile(dir / "c.npy", conv);
    const auto p = cli(dir, {"pool", "--session", (dir / "s.json").string(), "--output", (dir / "p.npy").string()});
    INFO(p.err);
    REQUIRE(p.status == 0);
    checkFile(dir / "p.npy", pooled);

    s.layers = {core::Activation{core::ActivationKind::Relu}};
    REQUIRE(io::saveSession(dir / "relu.json", s).ok());
    const auto none =
        cli(dir, {"pool", "--session", (dir / "relu.json").string(), "--output", (dir / "n.npy").string()});
    CHECK(none.status == 2);
    CHECK_THAT(none.err, Catch::Contains("no pooling layer"));
    CHECK_FALSE(std::filesystem::exists(dir / "n.npy"));
}
