#pragma once
// The conv2d layer: PyTorch's nn.Conv2d (cross-correlation summed over the input channels
// of the filter's group, plus bias) with stride, padding (numbers, "same" or "valid"),
// dilation, groups and the four padding modes.
#include <string>
#include <vector>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core {

struct Conv2d {
    Weights weights{1, 1, 3, 3};  // (OC, C/groups, KH, KW)
    std::vector<float> bias;      // empty: no bias; else OC values
    Hw stride{1, 1};
    PaddingSpec padding{PaddingSpec::Kind::Explicit, 1, 1};
    Hw dilation{1, 1};
    int groups = 1;
    PaddingMode mode = PaddingMode::Zeros;
    bool operator==(const Conv2d& o) const {  // the bias bit for bit, as Weights (tensor.hpp)
        return weights == o.weights && sameBits(bias, o.bias) && stride == o.stride && padding == o.padding &&
               dilation == o.dilation && groups == o.groups && mode == o.mode;
    }
};

// The engine's parameters, the padding spec resolved against the kernel.
Result<ConvParams> convParams(const Conv2d& layer);

Result<LayerPlan> planLayer(const Conv2d& layer, const Shape& in);
Status runLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): from the gradient at the layer's output, the gradients of its
// input, weights and bias into `grad`. `in` and `out` are the forward pass's.
Status backwardLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// "conv 8×3×3" (filters × kernel), "conv 8×3×3 g4" with groups, "conv 3×3×3 dw" depthwise.
std::string layerLabel(const Conv2d& layer);
// "nn.Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), …)".
std::string pytorchModule(const Conv2d& layer, const Shape& in);
// What the same layer would cost as a full conv (groups = 1) on the same input.
LayerCost fullConvCost(const Conv2d& layer, const LayerPlan& plan);

}  // namespace convscope::core
