#include "convscope/core/layers/conv2d.hpp"

#include <optional>

#include "convscope/core/text.hpp"

namespace convscope::core {

Result<ConvParams> convParams(const Conv2d& layer, const Shape& in) {
    return makeConvParams(layer.stride.h, layer.stride.w, layer.padding, layer.dilation.h, layer.dilation.w, layer.mode,
                          layer.weights.height, layer.weights.width, layer.groups, in.height, in.width);
}

namespace {

LayerCost costOf(const Conv2d& layer, const Shape& out, int sliceChannels) {
    const Weights& k = layer.weights;
    const std::int64_t perFilter = std::int64_t{sliceChannels} * k.height * k.width;
    LayerCost cost;
    cost.parameters = perFilter * k.outChannels + static_cast<std::int64_t>(layer.bias.size());
    cost.multiplyAdds = perFilter * out.channels * out.height * out.width;
    return cost;
}

std::string pair(const Hw& v) {
    return "(" + num(v.h) + ", " + num(v.w) + ")";
}

}  // namespace

Result<LayerPlan> planLayer(const Conv2d& layer, const Shape& in) {
    auto params = convParams(layer, in);
    if (!params) return params.error();
    auto conv = planConv(in.channels, in.height, in.width, layer.weights, &layer.bias, *params);
    if (!conv) return conv.error();
    LayerPlan p;
    p.in = in;
    p.out = {conv->outChannels, conv->outHeight, conv->outWidth};
    p.windows = {conv->rows, conv->cols, params->mode, false};
    p.cost = costOf(layer, p.out, layer.weights.inChannels);
    p.conv = *params;
    return p;
}

Status runLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace) {
    out.indices.clear();
    return conv2dInto(in, layer.weights, layer.bias, plan.conv, out.values, workspace.conv);
}

Status backwardLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput&,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace) {
    return conv2dBackwardInto(in, layer.weights, layer.bias, plan.conv, gradOut, grad.input, grad.weight, grad.bias,
                              workspace.conv);
}

LayerCost fullConvCost(const Conv2d& layer, const LayerPlan& plan) {
    return costOf(layer, plan.out, plan.in.channels);
}

std::string layerLabel(const Conv2d& layer) {
    const Weights& k = layer.weights;
    std::string label = "conv " + shapeText(k.outChannels, k.height, k.width);
    // Depthwise: one group per input channel, each slice reading one channel.
    if (layer.groups > 1) label += k.inChannels == 1 ? " dw" : " g" + num(layer.groups);
    return label;
}

namespace {

// The padding nn.Conv2d cannot state itself (sides of an axis differ), resolved; none
// when PyTorch's own padding argument says it.
std::optional<Padding2D> padModuleSides(const Conv2d& layer, const Shape& in) {
    using Kind = PaddingSpec::Kind;
    const Kind kind = layer.padding.kind;
    if (kind == Kind::Explicit || kind == Kind::Same || kind == Kind::Valid) return std::nullopt;
    auto params = convParams(layer, in);
    if (!params) return std::nullopt;  // invalid: the plain module shows the settings
    const Padding2D& p = params->padding;
    if (p.top == p.bottom && p.left == p.right) return std::nullopt;
    return p;
}

const char* padModuleName(PaddingMode mode) {
    switch (mode) {
        case PaddingMode::Zeros: return "nn.ZeroPad2d";
        case PaddingMode::Reflect: return "nn.ReflectionPad2d";
        case PaddingMode::Replicate: return "nn.ReplicationPad2d";
        case PaddingMode::Circular: return "nn.CircularPad2d";  // PyTorch ≥ 2.1
    }
    return "nn.ZeroPad2d";
}

}  // namespace

bool pytorchNeedsPadModule(const Conv2d& layer, const Shape& in) {
    return padModuleSides(layer, in).has_value();
}

std::string pytorchModule(const Conv2d& layer, const Shape& in) {
    const Weights& k = layer.weights;
    const std::optional<Padding2D> sides = padModuleSides(layer, in);
    std::string padding;
    switch (layer.padding.kind) {
        case PaddingSpec::Kind::Same: padding = "'same'"; break;
        case PaddingSpec::Kind::Valid: padding = "'valid'"; break;
        case PaddingSpec::Kind::Explicit: padding = pair({layer.padding.height, layer.padding.width}); break;
        case PaddingSpec::Kind::PerSide:
        case PaddingSpec::Kind::SameUpper:
        case PaddingSpec::Kind::SameLower: {
            // Equal sides on each axis: PyTorch's own argument says it.
            auto params = convParams(layer, in);
            const Padding2D p = params ? params->padding : layer.padding.sides;
            padding = sides ? "(0, 0)" : pair({p.top, p.left});
            break;
        }
    }
    // With a padding module the conv pads nothing, so its padding_mode does not matter.
    const std::string conv = "nn.Conv2d(" + num(in.channels) + ", " + num(k.outChannels) +
                             ", kernel_size=" + pair({k.height, k.width}) + ", stride=" + pair(layer.stride) +
                             ", padding=" + padding + ", dilation=" + pair(layer.dilation) +
                             ", groups=" + num(layer.groups) + ", bias=" + (layer.bias.empty() ? "False" : "True") +
                             ", padding_mode='" + paddingModeName(sides ? PaddingMode::Zeros : layer.mode) + "')";
    if (!sides) return conv;
    return std::string("nn.Sequential(") + padModuleName(layer.mode) + "((" + num(sides->left) + ", " +
           num(sides->right) + ", " + num(sides->top) + ", " + num(sides->bottom) + ")), " + conv + ")";
}

}  // namespace convscope::core
