#pragma once
// The max_pool2d layer: PyTorch's nn.MaxPool2d (window, stride, padding, dilation, ceil mode),
// each channel pooled on its own; the winner's index is kept for the views.
#include <string>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core {

struct MaxPool2d {
    Hw kernel{2, 2};
    Hw stride{2, 2};  // PyTorch's default is the window; sessions write it out
    Hw padding{0, 0};
    Hw dilation{1, 1};
    bool ceilMode = false;
    bool operator==(const MaxPool2d&) const = default;
};

PoolParams poolParams(const MaxPool2d& layer);

Result<LayerPlan> planLayer(const MaxPool2d& layer, const Shape& in);
Status runLayer(const MaxPool2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): from the gradient at the layer's output, the gradients of its
// input into `grad`. `in` and `out` are the forward pass's.
Status backwardLayer(const MaxPool2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// "max 2", "max 3/2" (window/stride when they differ), "max 2×3".
std::string layerLabel(const MaxPool2d& layer);
std::string pytorchModule(const MaxPool2d& layer, const Shape& in);

}  // namespace convscope::core
