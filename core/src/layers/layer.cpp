#include "convscope/core/layers/layer.hpp"

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
