#pragma once
// The avg_pool2d layer: PyTorch's nn.AvgPool2d (window, stride, padding, ceil mode,
// count_include_pad), each channel pooled on its own.
#include <string>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core {

struct AvgPool2d {
    Hw kernel{2, 2};
    Hw stride{2, 2};
    Hw padding{0, 0};
    bool ceilMode = false;
    bool countIncludePad = true;
    bool operator==(const AvgPool2d&) const = default;
};

PoolParams poolParams(const AvgPool2d& layer);

Result<LayerPlan> planLayer(const AvgPool2d& layer, const Shape& in);
Status runLayer(const AvgPool2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): from the gradient at the layer's output, the gradients of its
// input into `grad`. `in` and `out` are the forward pass's.
Status backwardLayer(const AvgPool2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// "avg 2", "avg 3/2".
std::string layerLabel(const AvgPool2d& layer);
std::string pytorchModule(const AvgPool2d& layer, const Shape& in);

}  // namespace convscope::core
