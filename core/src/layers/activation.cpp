#include "convscope/core/layers/activation.hpp"

#include <algorithm>
#include <cmath>

#include "convscope/core/errors.hpp"
#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

const char* activationName(ActivationKind kind) {
    return kind == ActivationKind::Relu ? "relu" : "leaky_relu";
}

Result<ActivationKind> parseActivation(const std::string& name) {
    for (ActivationKind a : {ActivationKind::Relu, ActivationKind::LeakyRelu})
        if (name == activationName(a)) return a;
    return engineError(ErrorId::UnknownActivation, "activation", {{"name", name}});
}

float activate(float x, const Activation& activation) {
    // `x > 0` is false for NaN, so NaN needs its own case to pass through unchanged.
    if (x > 0.0f || std::isnan(x)) return x;
    return activation.kind == ActivationKind::Relu ? 0.0f : activation.negativeSlope * x;
}

Result<LayerPlan> planLayer(const Activation&, const Shape& in) {
    if (in.channels < 1 || in.height < 1 || in.width < 1) return emptyInputError(in.channels, in.height, in.width);
    LayerPlan p;
    p.in = in;
    p.out = in;
    p.windows = elementWiseWindows(in);
    return p;
}

Status runLayer(const Activation& layer, const LayerPlan&, const Tensor& in, LayerOutput& out, LayerWorkspace&) {
    out.indices.clear();
    out.values.reshape(in.channels, in.height, in.width);
    std::transform(in.data.begin(), in.data.end(), out.values.data.begin(),
                   [&](float x) { return activate(x, layer); });
    return Ok{};
}

float activationSlope(float x, const Activation& activation) {
    // PyTorch: ReLU stops the gradient where its output is ≤ 0 (a NaN output passes it);
    // leaky ReLU passes it where its input is > 0 and scales it by the slope elsewhere (NaN too).
    if (activation.kind == ActivationKind::Relu) return x <= 0.0f ? 0.0f : 1.0f;
    return x > 0.0f ? 1.0f : activation.negativeSlope;
}

Status backwardLayer(const Activation& layer, const LayerPlan&, const Tensor& in, const LayerOutput&,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace&) {
    if (shapeOf(gradOut) != shapeOf(in))
        return engineError(ErrorId::GradientShapeMismatch, "gradient",
                           {{"gradient", shapeText(gradOut.channels, gradOut.height, gradOut.width)},
                            {"output", shapeText(in.channels, in.height, in.width)}});
    grad.weight = Weights{};
    grad.bias.clear();
    grad.input.reshape(in.channels, in.height, in.width);
    // A product only where the gradient passes: 0·inf would be NaN, PyTorch's where() gives 0.
    for (std::size_t k = 0; k < in.size(); ++k) {
        const float slope = activationSlope(in.data[k], layer);
        grad.input.data[k] = slope == 1.0f ? gradOut.data[k] : slope == 0.0f ? 0.0f : slope * gradOut.data[k];
    }
    return Ok{};
}

std::string layerLabel(const Activation& layer) {
    return layer.kind == ActivationKind::Relu ? "ReLU" : "leaky ReLU " + formatValue(layer.negativeSlope);
}

std::string pytorchModule(const Activation& layer, const Shape&) {
    return layer.kind == ActivationKind::Relu ? "nn.ReLU()"
                                              : "nn.LeakyReLU(negative_slope=" + formatValue(layer.negativeSlope) + ")";
}

std::string activationLine(const Activation& layer, float x) {
    const std::string value = formatOperand(x);
    const std::string result = formatValue(activate(x, layer));
    if (layer.kind == ActivationKind::Relu) return "ReLU: max(0, " + value + ") = " + result;
    return "leaky ReLU: " + std::string(x > 0 ? value : formatValue(layer.negativeSlope) + "·" + value) + " = " +
           result;
}

}  // namespace convscope::core
