#include "convscope/core/stack.hpp"

#include <algorithm>
#include <cmath>

#include "convscope/core/errors.hpp"

namespace convscope::core {

namespace {

// The English message names the stage; the id and values stay for a translation.
Error inStage(std::size_t index, Error e) {
    e.message = "stage " + std::to_string(index + 1) + ": " + e.message;
    return e;
}

}  // namespace

const char* activationName(Activation kind) {
    switch (kind) {
        case Activation::None: return "none";
        case Activation::Relu: return "relu";
        case Activation::LeakyRelu: return "leaky_relu";
    }
    return "none";
}

Result<Activation> parseActivation(const std::string& name) {
    for (Activation a : {Activation::None, Activation::Relu, Activation::LeakyRelu})
        if (name == activationName(a)) return a;
    return engineError(ErrorId::UnknownActivation, "activation", {{"name", name}});
}

float activate(float x, const ActivationParams& activation) {
    // `x > 0` is false for NaN, so NaN needs its own case to pass through unchanged.
    if (activation.kind == Activation::None || x > 0.0f || std::isnan(x)) return x;
    return activation.kind == Activation::Relu ? 0.0f : activation.negativeSlope * x;
}

Result<ConvParams> convParams(const ConvLayer& layer) {
    return makeConvParams(layer.strideH, layer.strideW, layer.padding, layer.dilationH, layer.dilationW, layer.mode,
                          layer.weights.height, layer.weights.width);
}

Result<StagePlan> planStage(int channels, int height, int width, const Stage& stage) {
    StagePlan p;
    p.inChannels = channels;
    p.inHeight = height;
    p.inWidth = width;
    auto params = convParams(stage.conv);
    if (!params) return params.error();
    p.convParams = *params;
    auto conv = planConv(channels, height, width, stage.conv.weights, &stage.conv.bias, p.convParams);
    if (!conv) return conv.error();
    p.conv = *conv;
    p.outChannels = conv->outChannels;
    p.outHeight = conv->outHeight;
    p.outWidth = conv->outWidth;
    if (stage.poolEnabled) {
        auto pool = planPool(conv->outChannels, conv->outHeight, conv->outWidth, stage.pool);
        if (!pool) return pool.error();
        p.pool = *pool;
        p.outHeight = pool->outHeight;
        p.outWidth = pool->outWidth;
    }
    return p;
}

Result<std::vector<StagePlan>> planStack(int channels, int height, int width, const std::vector<Stage>& stages) {
    if (stages.empty() || stages.size() > static_cast<std::size_t>(kMaxStages))
        return engineError(ErrorId::StackSize, "stages",
                           {{"max", std::to_string(kMaxStages)}, {"count", std::to_string(stages.size())}});
    std::vector<StagePlan> plans;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        auto plan = planStage(channels, height, width, stages[i]);
        if (!plan) return inStage(i, plan.error());
        channels = plan->outChannels;
        height = plan->outHeight;
        width = plan->outWidth;
        plans.push_back(*plan);
    }
    return plans;
}

Status runStageInto(const Tensor& input, const Stage& stage, StageOutput& out, ConvWorkspace& workspace) {
    auto params = convParams(stage.conv);
    if (!params) return params.error();
    if (auto s = conv2dInto(input, stage.conv.weights, stage.conv.bias, *params, out.conv, workspace); !s) return s;
    out.activated.reshape(out.conv.channels, out.conv.height, out.conv.width);
    std::transform(out.conv.data.begin(), out.conv.data.end(), out.activated.data.begin(),
                   [&](float x) { return activate(x, stage.activation); });
    out.pooled = stage.poolEnabled;
    if (stage.poolEnabled) return pool2dInto(out.activated, stage.pool, out.pool);
    out.pool = PoolOutput{};
    return Ok{};
}

Result<std::vector<StageOutput>> runStack(const Tensor& input, const std::vector<Stage>& stages) {
    auto plans = planStack(input.channels, input.height, input.width, stages);
    if (!plans) return plans.error();
    std::vector<StageOutput> outputs(stages.size());
    ConvWorkspace workspace;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const Tensor& in = i == 0 ? input : outputs[i - 1].output();
        if (auto s = runStageInto(in, stages[i], outputs[i], workspace); !s) return inStage(i, s.error());
    }
    return outputs;
}

// ---- Receptive fields -------------------------------------------------------------------

std::vector<WindowLayer> windowLayers(const std::vector<Stage>& stages, const std::vector<StagePlan>& plans) {
    std::vector<WindowLayer> layers;
    for (std::size_t i = 0; i < plans.size() && i < stages.size(); ++i) {
        const int stage = static_cast<int>(i);
        layers.push_back({stage, false, plans[i].conv.rows, plans[i].conv.cols, stages[i].conv.mode});
        if (stages[i].poolEnabled)
            layers.push_back({stage, true, plans[i].pool.rows, plans[i].pool.cols, PaddingMode::Zeros});
    }
    return layers;
}

StageLevels stageLevels(const std::vector<WindowLayer>& layers, int stage) {
    StageLevels levels;
    for (const WindowLayer& layer : layers) {
        if (layer.stage < stage) ++levels.input;
        if (layer.stage <= stage) ++levels.output;
    }
    levels.conv = levels.input + 1;
    return levels;
}

namespace {

FieldAxis nextField(const FieldAxis& f, const AxisWindow& w) {
    return {f.size + (effectiveKernel(w.kernel, w.dilation) - 1) * f.jump, f.jump * w.stride,
            f.start - w.padBefore * f.jump};
}

// Marks every input cell that output cells `out` read along one axis.
std::vector<char> sourcesAlong(const AxisWindow& w, PaddingMode mode, const std::vector<char>& out) {
    std::vector<char> in(static_cast<std::size_t>(w.input), 0);
    for (std::size_t o = 0; o < out.size(); ++o) {
        if (!out[o]) continue;
        for (std::int64_t j = 0; j < w.kernel; ++j) {
            const std::int64_t src = sourceIndex(tapIndex(w, static_cast<std::int64_t>(o), j), w.input, mode);
            if (src >= 0) in[static_cast<std::size_t>(src)] = 1;
        }
    }
    return in;
}

// Marks every output cell that reads at least one of the input cells `in` along one axis.
std::vector<char> readersAlong(const AxisWindow& w, PaddingMode mode, const std::vector<char>& in) {
    std::vector<char> out(static_cast<std::size_t>(countWindows(w)), 0);
    for (std::size_t o = 0; o < out.size(); ++o)
        for (std::int64_t j = 0; j < w.kernel && !out[o]; ++j) {
            const std::int64_t src = sourceIndex(tapIndex(w, static_cast<std::int64_t>(o), j), w.input, mode);
            if (src >= 0 && in[static_cast<std::size_t>(src)]) out[o] = 1;
        }
    return out;
}

}  // namespace

std::vector<FieldGeometry> receptiveFields(const std::vector<WindowLayer>& layers) {
    std::vector<FieldGeometry> fields{FieldGeometry{}};
    for (const WindowLayer& layer : layers) {
        const FieldGeometry& f = fields.back();
        fields.push_back({nextField(f.rows, layer.rows), nextField(f.cols, layer.cols)});
    }
    return fields;
}

std::vector<LevelSize> levelSizes(const std::vector<WindowLayer>& layers) {
    std::vector<LevelSize> sizes;
    if (layers.empty()) return sizes;
    sizes.push_back({layers.front().rows.input, layers.front().cols.input});
    for (const WindowLayer& layer : layers) sizes.push_back({countWindows(layer.rows), countWindows(layer.cols)});
    return sizes;
}

CellSets lineage(const std::vector<WindowLayer>& layers, int level, std::int64_t row, std::int64_t col) {
    const std::vector<LevelSize> sizes = levelSizes(layers);
    CellSets sets;
    for (const LevelSize& s : sizes) {
        sets.rows.emplace_back(static_cast<std::size_t>(s.height), 0);
        sets.cols.emplace_back(static_cast<std::size_t>(s.width), 0);
    }
    if (level < 0 || static_cast<std::size_t>(level) >= sizes.size()) return sets;
    const auto L = static_cast<std::size_t>(level);
    if (row < 0 || row >= sizes[L].height || col < 0 || col >= sizes[L].width) return sets;
    sets.rows[L][static_cast<std::size_t>(row)] = 1;
    sets.cols[L][static_cast<std::size_t>(col)] = 1;
    for (std::size_t l = L; l > 0; --l) {
        const WindowLayer& layer = layers[l - 1];
        sets.rows[l - 1] = sourcesAlong(layer.rows, layer.mode, sets.rows[l]);
        sets.cols[l - 1] = sourcesAlong(layer.cols, layer.mode, sets.cols[l]);
    }
    for (std::size_t l = L; l < layers.size(); ++l) {
        const WindowLayer& layer = layers[l];
        sets.rows[l + 1] = readersAlong(layer.rows, layer.mode, sets.rows[l]);
        sets.cols[l + 1] = readersAlong(layer.cols, layer.mode, sets.cols[l]);
    }
    return sets;
}

}  // namespace convscope::core
