#pragma once
// The element-wise activations: ReLU and leaky ReLU (PyTorch's nn.ReLU, nn.LeakyReLU).
#include <string>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core {

enum class ActivationKind { Relu, LeakyRelu };

struct Activation {
    ActivationKind kind = ActivationKind::Relu;
    float negativeSlope = 0.01f;  // leaky ReLU only; PyTorch's default
    // A ReLU's slope is not part of it (sessions do not store it): two ReLUs are the same layer.
    bool operator==(const Activation& o) const {
        return kind == o.kind && (kind == ActivationKind::Relu || negativeSlope == o.negativeSlope);
    }
};

// "relu", "leaky_relu": the layer's type in sessions.
const char* activationName(ActivationKind kind);
Result<ActivationKind> parseActivation(const std::string& name);

// relu(x) = max(0, x); leaky_relu(x) = x if x > 0 else slope·x. NaN stays NaN, as in PyTorch.
float activate(float x, const Activation& activation);

// The activation's derivative at x, as PyTorch's backward takes it: ReLU 0 where x ≤ 0, else 1
// (NaN included); leaky ReLU 1 where x > 0, else the slope.
float activationSlope(float x, const Activation& activation);

Result<LayerPlan> planLayer(const Activation& layer, const Shape& in);
Status runLayer(const Activation& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): from the gradient at the layer's output, the gradients of its
// input into `grad`. `in` and `out` are the forward pass's.
Status backwardLayer(const Activation& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// "ReLU", "leaky ReLU 0.01".
std::string layerLabel(const Activation& layer);
std::string pytorchModule(const Activation& layer, const Shape& in);
// "ReLU: max(0, -1.5) = 0", "leaky ReLU: 0.01·(-2) = -0.02": one value worked out.
std::string activationLine(const Activation& layer, float x);

}  // namespace convscope::core
