// Stacks of conv → activation → pool: shapes flowing through, activations, per-channel
// partial sums, and receptive fields checked against a brute-force dependency search.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "convscope/core/stack.hpp"
#include "convscope/core/trace.hpp"
#include "reference.hpp"

using namespace convscope::core;
using reference::randomTensor;
using reference::randomWeights;

namespace {

Stage convStage(Weights w, int pad, int stride = 1, int dilation = 1) {
    Stage s;
    s.conv.weights = std::move(w);
    s.conv.padding = {PaddingSpec::Kind::Explicit, pad, pad};
    s.conv.strideH = s.conv.strideW = stride;
    s.conv.dilationH = s.conv.dilationW = dilation;
    return s;
}

// The student's stack from the issue: conv(3→4, 3×3, pad 1) → ReLU → max 2 → conv(4→2, 3×3).
std::vector<Stage> studentStack(std::mt19937& rng) {
    Stage first = convStage(randomWeights(4, 3, 3, 3, rng), 1);
    first.activation.kind = Activation::Relu;
    Stage second = convStage(randomWeights(2, 4, 3, 3, rng), 0);
    second.poolEnabled = false;
    return {first, second};
}

}  // namespace

TEST_CASE("relu and leaky relu act as PyTorch's, NaN passing through") {
    const ActivationParams relu{Activation::Relu, 0.01f};
    const ActivationParams leaky{Activation::LeakyRelu, 0.2f};
    const ActivationParams none{};
    CHECK(activate(-2.0f, relu) == 0.0f);
    CHECK(activate(3.5f, relu) == 3.5f);
    CHECK(activate(-2.0f, leaky) == Approx(-0.4f));
    CHECK(activate(3.0f, leaky) == 3.0f);
    CHECK(activate(-2.0f, none) == -2.0f);
    CHECK(std::isnan(activate(std::numeric_limits<float>::quiet_NaN(), relu)));
    CHECK(std::isnan(activate(std::numeric_limits<float>::quiet_NaN(), leaky)));
    CHECK(activate(-std::numeric_limits<float>::infinity(), relu) == 0.0f);
    CHECK(parseActivation("leaky_relu").value() == Activation::LeakyRelu);
    CHECK_FALSE(parseActivation("tanh").ok());
}

TEST_CASE("shapes flow through a stack by the size formula") {
    std::mt19937 rng(1);
    auto plans = planStack(3, 32, 32, studentStack(rng));
    REQUIRE(plans.ok());
    REQUIRE(plans->size() == 2);
    // Stage 1: (32 + 2 − 3)/1 + 1 = 32, pooled by 2 → 16; stage 2: 16 − 3 + 1 = 14, not pooled.
    CHECK((*plans)[0].conv.outHeight == 32);
    CHECK((*plans)[0].outChannels == 4);
    CHECK((*plans)[0].outHeight == 16);
    CHECK((*plans)[0].outWidth == 16);
    CHECK((*plans)[1].inChannels == 4);
    CHECK((*plans)[1].outChannels == 2);
    CHECK((*plans)[1].outHeight == 14);
    CHECK((*plans)[1].outWidth == 14);
}

TEST_CASE("a stack's error names the stage at fault") {
    std::mt19937 rng(2);
    auto stages = studentStack(rng);
    stages[1].conv.weights = randomWeights(2, 3, 3, 3, rng);  // expects 3 channels, gets 4
    auto plans = planStack(3, 32, 32, stages);
    REQUIRE_FALSE(plans.ok());
    CHECK(plans.error().message.rfind("stage 2: ", 0) == 0);

    stages = studentStack(rng);
    stages[1].conv.weights = randomWeights(2, 4, 17, 17, rng);  // larger than the 16×16 map
    auto run = runStack(randomTensor(3, 32, 32, rng), stages);
    REQUIRE_FALSE(run.ok());
    CHECK(run.error().message.rfind("stage 2: ", 0) == 0);

    CHECK_FALSE(planStack(1, 8, 8, {}).ok());
    CHECK_FALSE(planStack(1, 8, 8, std::vector<Stage>(kMaxStages + 1)).ok());
}

TEST_CASE("each channel's partial sum plus the bias is the output value") {
    std::mt19937 rng(3);
    const Tensor input = randomTensor(3, 6, 6, rng);
    ConvLayer layer;
    layer.weights = randomWeights(2, 3, 3, 3, rng);
    layer.bias = {0.5f, -0.25f};
    const ConvParams params = *convParams(layer);
    const Tensor out = *conv2d(input, layer.weights, layer.bias, params);
    for (int oc = 0; oc < 2; ++oc) {
        auto trace = traceConv(input, layer.weights, layer.bias, params, oc, 2, 3);
        REQUIRE(trace.ok());
        const auto partial = channelSums(*trace);
        REQUIRE(partial.size() == 3);
        // Each partial sum is its channel's products, recomputed here from the input and weights.
        for (int c = 0; c < 3; ++c) {
            double expected = 0.0;
            for (int m = 0; m < 3; ++m)
                for (int n = 0; n < 3; ++n) {
                    const int r = 2 + m - 1, col = 3 + n - 1;  // padding 1
                    if (r >= 0 && r < 6 && col >= 0 && col < 6)
                        expected += double(input.at(c, r, col)) * layer.weights.at(oc, c, m, n);
                }
            CHECK(partial[c] == Approx(expected).epsilon(1e-5));
        }
        CHECK(partial[0] + partial[1] + partial[2] + layer.bias[oc] == Approx(out.at(oc, 2, 3)).epsilon(1e-5));
        CHECK(trace->sum == Approx(out.at(oc, 2, 3)).epsilon(1e-5));
    }
}

namespace {

// Every map of a run, level by level as windowLayers numbers them: the input, then each
// conv output (activated), then each pool output.
std::vector<Tensor> levelMaps(const Tensor& input, const std::vector<Stage>& stages) {
    std::vector<Tensor> maps{input};
    auto outputs = runStack(input, stages);
    REQUIRE(outputs.ok());
    for (const StageOutput& s : *outputs) {
        maps.push_back(s.activated);
        if (s.pooled) maps.push_back(s.pool.values);
    }
    return maps;
}

bool anyNaN(const Tensor& t, int row, int col) {
    for (int c = 0; c < t.channels; ++c)
        if (std::isnan(t.at(c, row, col))) return true;
    return false;
}

// Brute force: a NaN put into input pixel (r, c) turns exactly the cells that depend on it
// into NaN (conv multiplies it by every weight — NaN·0 is NaN too — and ReLU and both
// poolings pass it on).
void checkLineageAgainstNaN(const std::vector<Stage>& stages, int channels, int h, int w, std::mt19937& rng) {
    const Tensor input = randomTensor(channels, h, w, rng);
    auto plans = planStack(channels, h, w, stages);
    REQUIRE(plans.ok());
    const auto layers = windowLayers(stages, *plans);
    std::vector<std::vector<std::vector<char>>> feeds;  // per input pixel, per level, cells it reaches
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            Tensor poisoned = input;
            for (int ch = 0; ch < channels; ++ch) poisoned.at(ch, r, c) = std::numeric_limits<float>::quiet_NaN();
            const auto maps = levelMaps(poisoned, stages);
            REQUIRE(maps.size() == layers.size() + 1);
            const CellSets sets = lineage(layers, 0, r, c);
            for (std::size_t level = 1; level < maps.size(); ++level)
                for (int y = 0; y < maps[level].height; ++y)
                    for (int x = 0; x < maps[level].width; ++x) {
                        INFO("input (" << r << "," << c << ") level " << level << " cell (" << y << "," << x << ")");
                        CHECK(sets.contains(static_cast<int>(level), y, x) == anyNaN(maps[level], y, x));
                    }
            // And backwards: the footprint of each last-level cell holds (r, c) exactly when
            // the NaN reached that cell.
            const std::size_t last = maps.size() - 1;
            for (int y = 0; y < maps[last].height; ++y)
                for (int x = 0; x < maps[last].width; ++x) {
                    const CellSets back = lineage(layers, static_cast<int>(last), y, x);
                    INFO("last-level cell (" << y << "," << x << ") and input (" << r << "," << c << ")");
                    CHECK(back.contains(0, r, c) == anyNaN(maps[last], y, x));
                }
        }
}

}  // namespace

TEST_CASE("lineage marks exactly the cells a NaN reaches") {
    std::mt19937 rng(4);
    SECTION("the student's stack") {
        checkLineageAgainstNaN(studentStack(rng), 3, 10, 10, rng);
    }
    SECTION("dilation, stride and reflect padding leave holes and mirror reads") {
        Stage a = convStage(randomWeights(2, 1, 3, 3, rng), 2, 1, 2);
        a.conv.mode = PaddingMode::Reflect;
        a.poolEnabled = false;
        Stage b = convStage(randomWeights(1, 2, 2, 2, rng), 0, 2);
        b.pool.mode = PoolMode::Avg;
        b.pool.windowH = b.pool.windowW = 3;
        b.pool.strideH = b.pool.strideW = 2;
        b.pool.padH = b.pool.padW = 1;
        b.pool.ceilMode = true;
        checkLineageAgainstNaN({a, b}, 1, 11, 9, rng);
    }
    SECTION("dilated max pooling and circular padding") {
        Stage a = convStage(randomWeights(1, 1, 3, 1, rng), 1);
        a.conv.padding = {PaddingSpec::Kind::Explicit, 1, 0};
        a.conv.mode = PaddingMode::Circular;
        a.pool.dilationH = a.pool.dilationW = 2;
        a.activation.kind = Activation::LeakyRelu;
        checkLineageAgainstNaN({a}, 1, 9, 8, rng);
    }
}

TEST_CASE("receptive field size, jump and start describe each cell's footprint") {
    std::mt19937 rng(5);
    // No padding reads outside the input here, so every footprint is the formula's span.
    Stage a = convStage(randomWeights(2, 1, 3, 3, rng), 0, 1, 2);  // dilated: holes inside the field
    a.poolEnabled = false;
    Stage b = convStage(randomWeights(1, 2, 3, 3, rng), 0, 2);
    b.pool.windowH = b.pool.windowW = 3;
    b.pool.strideH = b.pool.strideW = 1;
    const std::vector<Stage> stages{a, b};
    auto plans = planStack(1, 40, 40, stages);
    REQUIRE(plans.ok());
    const auto layers = windowLayers(stages, *plans);
    const auto fields = receptiveFields(layers);
    const auto sizes = levelSizes(layers);
    REQUIRE(fields.size() == layers.size() + 1);
    for (std::size_t level = 0; level < fields.size(); ++level)
        for (std::int64_t o = 0; o < sizes[level].height; ++o) {
            const CellSets sets = lineage(layers, static_cast<int>(level), o, 0);
            const auto& rows = sets.rows[0];
            const auto first = std::find(rows.begin(), rows.end(), 1) - rows.begin();
            const auto last = rows.rend() - std::find(rows.rbegin(), rows.rend(), 1) - 1;
            INFO("level " << level << " row " << o);
            CHECK(first == fields[level].rows.start + o * fields[level].rows.jump);
            CHECK(last - first + 1 == fields[level].rows.size);
        }
    // By hand: dilated 3×3 spans 5, stride-2 3×3 adds 2·1, 3×3 pool adds 2·2: 5 + 2 + 4 = 11.
    CHECK(fields.back().rows.size == 11);
    CHECK(fields.back().cols.jump == 2);
}

TEST_CASE("padding moves a field's start before the input") {
    std::mt19937 rng(6);
    const auto stages = studentStack(rng);
    auto plans = planStack(3, 32, 32, stages);
    REQUIRE(plans.ok());
    const auto fields = receptiveFields(windowLayers(stages, *plans));
    // conv pad 1: start −1; pool 2 (stride 2): start −1, jump 2; conv 3×3 pad 0: start −1.
    CHECK(fields[1].rows == FieldAxis{3, 1, -1});
    CHECK(fields[2].rows == FieldAxis{4, 2, -1});
    CHECK(fields[3].rows == FieldAxis{8, 2, -1});
}
