#pragma once
// The conv_transpose2d layer: PyTorch's nn.ConvTranspose2d (the "deconvolution" of decoders).
// Each input cell stamps value × kernel onto the output, the stamps `stride` apart and
// adding up where they overlap; the output is then cropped by `padding` on every side and
// grown by `output_padding` at the bottom/right:
//   out[o][y][x] = bias[o] + Σ_c Σ_{m,n} in[c][i][j] · w[c][o'][m][n]
//   where y = i·s − p + m·d and x = j·s − p + n·d (o' = o within its group),
// and the output size is (H − 1)·s − 2p + d·(k − 1) + output_padding + 1.
// The same numbers come from a plain convolution of the zero-inserted, padded input with the
// kernel flipped by 180°: the layer's windows (LayerWindows, geometry.hpp) describe that
// equivalent convolution, so receptive fields and lineage need no case of their own.
// Zero padding only, as PyTorch.
#include <string>
#include <vector>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core {

struct ConvTranspose2d {
    // (C, OC/groups, KH, KW) as PyTorch's weight: Weights' `outChannels` field holds the
    // input channels C and `inChannels` the output channels of one group.
    Weights weights{1, 1, 3, 3};
    std::vector<float> bias;  // empty: no bias; else OC = weights.inChannels·groups values
    Hw stride{2, 2};
    Hw padding{0, 0};
    Hw outputPadding{0, 0};
    Hw dilation{1, 1};
    int groups = 1;
    bool operator==(const ConvTranspose2d& o) const {  // the bias bit for bit, as Weights (tensor.hpp)
        return weights == o.weights && sameBits(bias, o.bias) && stride == o.stride && padding == o.padding &&
               outputPadding == o.outputPadding && dilation == o.dilation && groups == o.groups;
    }
    int outChannels() const { return weights.inChannels * groups; }
};

// One axis of a transposed conv as the window of its equivalent convolution (geometry.hpp):
// input H, kernel k, stride 1, upsample s, padding d·(k−1) − p before and
// d·(k−1) − p + output_padding after. No checks.
AxisWindow transposedWindow(std::int64_t input, std::int64_t kernel, std::int64_t stride, std::int64_t padding,
                            std::int64_t outputPadding, std::int64_t dilation);

// The transposed window that carries a conv's output back onto the conv's input cells, with
// the conv's own padding on each side (asymmetric "same" padding too): what a conv's input
// gradient is (∂L/∂in = conv_transpose2d(∂L/∂out, the conv's weights)), the output exactly the
// conv's input size even where the conv's floor dropped rows.
AxisWindow gradientWindow(const AxisWindow& conv);

// Validates every rule PyTorch enforces for conv_transpose2d, in its order (kernel, stride,
// padding, dilation ≥ 1 / ≥ 0, output_padding ≥ 0, groups, output_padding < stride or
// dilation, channels, bias, output ≥ 1) and the engine's size limit.
Result<LayerPlan> planLayer(const ConvTranspose2d& layer, const Shape& in);
Status runLayer(const ConvTranspose2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);

// The backward pass (autograd's): the input gradient is the conv2d of the output gradient with
// the same weights, stride, padding, dilation and groups; the weight gradient (C, OC/groups,
// KH, KW) correlates the input with the output gradient; the bias gradient sums it per
// channel (convTranspose2dBackwardInto, conv_backward.hpp). `in` and `out` are the forward
// pass's.
Status backwardLayer(const ConvTranspose2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);

// The computation for any transposed windows (the layer's, or gradientWindow's; their input
// and kernel sizes are taken from `input` and `weights`): `out` is reshaped to
// OC × countWindows(rows) × countWindows(cols), its storage reused. The weights
// are (C, OC/groups, KH, KW); bias empty or OC long. Threads: parallel.hpp. Checks that the
// arguments fit together (channels, groups, bias, kernel, windows), not PyTorch's parameter
// rules (planLayer does).
Status convTranspose2dInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                           const AxisWindow& rows, const AxisWindow& cols, int groups, Tensor& out,
                           ConvTransposeWorkspace& workspace);
Result<Tensor> convTranspose2d(const Tensor& input, const ConvTranspose2d& layer);

// One output value, contribution by contribution.
struct ConvTransposeTerm {
    int channel = 0;   // input channel
    int inputRow = 0;  // the input cell whose stamp lands here
    int inputCol = 0;
    int m = 0;  // the kernel tap (row, col) of the stamp that lands here
    int n = 0;
    float input = 0.0f;
    float weight = 0.0f;
    float product = 0.0f;
};
struct ConvTransposeTrace {
    int outChannel = 0;
    int outRow = 0;
    int outCol = 0;
    std::vector<ConvTransposeTerm> terms;  // by channel, then kernel row m, then kernel col n
    bool hasBias = false;
    float bias = 0.0f;
    float sum = 0.0f;  // Σ products + bias, accumulated in double, rounded once
};
Result<ConvTransposeTrace> traceConvTranspose(const Tensor& input, const ConvTranspose2d& layer, int outChannel,
                                              int outRow, int outCol);

// "convT 8×3×3/2" (filters × kernel / stride), " g2" with groups.
std::string layerLabel(const ConvTranspose2d& layer);
// "nn.ConvTranspose2d(8, 3, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), …)".
std::string pytorchModule(const ConvTranspose2d& layer, const Shape& in);

}  // namespace convscope::core
