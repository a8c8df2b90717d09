#include "convscope/core/layers/layer.hpp"

#include <type_traits>

namespace convscope::core {

LayerWindows elementWiseWindows(const Shape& in) {
    LayerWindows w;
    w.rows.input = in.height;
    w.cols.input = in.width;
    w.elementWise = true;
    return w;
}

std::string layerType(const Layer& layer) {
    struct Type {
        std::string operator()(const Conv2d&) const { return "conv2d"; }
        std::string operator()(const ConvTranspose2d&) const { return "conv_transpose2d"; }
        std::string operator()(const Activation& a) const { return activationName(a.kind); }
        std::string operator()(const MaxPool2d&) const { return "max_pool2d"; }
        std::string operator()(const AvgPool2d&) const { return "avg_pool2d"; }
    };
    return std::visit(Type{}, layer);
}

Result<LayerPlan> planLayer(const Layer& layer, const Shape& in) {
    return std::visit([&](const auto& kind) { return planLayer(kind, in); }, layer);
}

Status runLayer(const Layer& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace) {
    return std::visit([&](const auto& kind) { return runLayer(kind, plan, in, out, workspace); }, layer);
}

Status backwardLayer(const Layer& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace) {
    return std::visit([&](const auto& kind) { return backwardLayer(kind, plan, in, out, gradOut, grad, workspace); },
                      layer);
}

std::string layerLabel(const Layer& layer) {
    return std::visit([](const auto& kind) { return layerLabel(kind); }, layer);
}

std::string pytorchModule(const Layer& layer, const Shape& in) {
    return std::visit([&](const auto& kind) { return pytorchModule(kind, in); }, layer);
}

namespace {

// The learned values of the kinds that have them, const or not as the layer (L: Layer or
// const Layer). Every kind is named: a new one does not compile until it says.
template <class Value, class L>
auto* learned(L& layer, Value Conv2d::*ofConv, Value ConvTranspose2d::*ofTransposed) {
    using Pointer = std::conditional_t<std::is_const_v<L>, const Value*, Value*>;
    return std::visit(
        [&](auto& kind) -> Pointer {
            using Kind = std::remove_cvref_t<decltype(kind)>;
            if constexpr (std::is_same_v<Kind, Conv2d>)
                return &(kind.*ofConv);
            else if constexpr (std::is_same_v<Kind, ConvTranspose2d>)
                return &(kind.*ofTransposed);
            else if constexpr (std::is_same_v<Kind, Activation> || std::is_same_v<Kind, MaxPool2d> ||
                               std::is_same_v<Kind, AvgPool2d>)
                return nullptr;
            else
                static_assert(sizeof(Kind) == 0, "a new layer kind says here whether it has weights");
        },
        layer);
}

}  // namespace

Weights* layerWeights(Layer& layer) {
    return learned(layer, &Conv2d::weights, &ConvTranspose2d::weights);
}
const Weights* layerWeights(const Layer& layer) {
    return learned(layer, &Conv2d::weights, &ConvTranspose2d::weights);
}
std::vector<float>* layerBias(Layer& layer) {
    return learned(layer, &Conv2d::bias, &ConvTranspose2d::bias);
}
const std::vector<float>* layerBias(const Layer& layer) {
    return learned(layer, &Conv2d::bias, &ConvTranspose2d::bias);
}

PoolParams poolParams(const Layer& pool) {
    if (const auto* max = std::get_if<MaxPool2d>(&pool)) return poolParams(*max);
    if (const auto* avg = std::get_if<AvgPool2d>(&pool)) return poolParams(*avg);
    return PoolParams{};
}

Layer poolLayer(const PoolParams& p) {
    if (p.mode == PoolMode::Max)
        return MaxPool2d{
            {p.windowH, p.windowW}, {p.strideH, p.strideW}, {p.padH, p.padW}, {p.dilationH, p.dilationW}, p.ceilMode};
    return AvgPool2d{{p.windowH, p.windowW}, {p.strideH, p.strideW}, {p.padH, p.padW}, p.ceilMode, p.countIncludePad};
}

}  // namespace convscope::core
