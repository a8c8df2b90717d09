#pragma once
// The conv2d layer: PyTorch's nn.Conv2d (cross-correlation summed over the input channels
// of the filter's group, plus bias) with stride, padding (numbers, per side, PyTorch's
// "same"/"valid", TensorFlow/ONNX's same_upper/same_lower),
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

// The engine's parameters, the padding spec resolved against the kernel and the input
// (same_upper / same_lower depend on its height and width).
Result<ConvParams> convParams(const Conv2d& layer, const Shape& in);

Result<LayerPlan> planLayer(const Conv2d& layer, const Shape& in);
Status runLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): from the gradient at the layer's output, the gradients of its
// input, weights and bias into `grad`. `in` and `out` are the forward pass's.
Status backwardLayer(const Conv2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// "conv 8×3×3" (filters × kernel), "conv 8×3×3 g4" with groups, "conv 3×3×3 dw" depthwise.
std::string layerLabel(const Conv2d& layer);
// "nn.Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), …)". Padding that
// nn.Conv2d cannot state (different on the two sides of an axis: per side, same_upper or
// same_lower at most strides) becomes a padding module first, as PyTorch users write it:
// "nn.Sequential(nn.ZeroPad2d((left, right, top, bottom)), nn.Conv2d(…, padding=0, …))".
std::string pytorchModule(const Conv2d& layer, const Shape& in);
// True when pytorchModule wraps the conv in such an nn.Sequential (its weights are then
// `model[i][1].weight`).
bool pytorchNeedsPadModule(const Conv2d& layer, const Shape& in);
// What the same layer would cost as a full conv (groups = 1) on the same input.
LayerCost fullConvCost(const Conv2d& layer, const LayerPlan& plan);

}  // namespace convscope::core
