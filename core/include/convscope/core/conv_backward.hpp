#pragma once
// The two halves of a convolution's backward pass, as engine functions a layer kind calls:
//
// - The transposed convolution (PyTorch's conv_transpose2d without bias): every input cell
//   stamps the kernel, scaled by its value, onto the output. A conv2d's input gradient is the
//   transposed convolution of its output gradient with its own weights; a conv_transpose2d
//   layer's forward pass is the same call.
// - The correlation of a (padded) map with a gradient that gives a weight gradient: tap
//   (i, j) of filter o, slice c is Σ_y,x G[o, y, x]·P[c, y·s + i·d, x·s + j·d]. A conv2d
//   passes its padded input and its output gradient; a conv_transpose2d layer passes its
//   zero-padded output gradient as P and its input as G.
// - A conv_transpose2d layer's input gradient is the forward conv2d of its output gradient
//   with its own weights (conv2dInto, conv.hpp).
//
// Sums are in float (per row; rows are added in double), so results equal PyTorch's to float
// rounding; they do not depend on the thread count.
#include <cstdint>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// A transposed convolution's geometry: input cell (y, x) with tap (i, j) lands on output
// (y·sh − padTop + i·dh, x·sw − padLeft + j·dw); cells that land outside the output
// (outHeight × outWidth) are dropped, as PyTorch's padding and output_padding crop them.
struct TransposedConv {
    int strideH = 1;
    int strideW = 1;
    int padTop = 0;
    int padLeft = 0;
    int dilationH = 1;
    int dilationW = 1;
    int groups = 1;
    int outHeight = 1;
    int outWidth = 1;
};

struct ConvBackwardWorkspace {
    ConvWorkspace conv;
    Weights flipped;               // the stride-1 transposed conv's weights, as a forward conv's
    Tensor padded;                 // the conv's input with its padding, in the padding mode
    Tensor paddedGrad;             // the gradient of that padded input, before folding
    std::vector<double> partials;  // the weight gradient's sums, per band of rows
};

// out (groups·w.inChannels, outHeight, outWidth) = conv_transpose2d(in, w) with w laid out
// as PyTorch's conv2d weight (in.channels = w.outChannels filters, each reading
// w.inChannels output channels of its group) — which is also conv_transpose2d's own layout
// (in_channels, out_channels/groups, kH, kW). Expects valid shapes (the caller's plan).
void convTranspose2dInto(const Tensor& in, const Weights& w, const TransposedConv& geometry, Tensor& out,
                         ConvBackwardWorkspace& workspace);

// grad (w's shape) = the correlation above, with P the padded input (channels = groups ·
// gradWeight.inChannels) and G the output gradient (gradWeight.outChannels channels).
void convWeightGradInto(const Tensor& padded, const Tensor& gradOut, int strideH, int strideW, int dilationH,
                        int dilationW, int groups, Weights& gradWeight, ConvBackwardWorkspace& workspace);

// The input with its padding written out in the padding mode (zeros, reflected, replicated
// or wrapped cells), (C, H + top + bottom, W + left + right). A negative amount crops that
// many cells from its side instead (a transposed conv's output_padding rows that no input
// cell reaches); the result must keep at least one row and column.
void padInto(const Tensor& in, const Padding2D& padding, PaddingMode mode, Tensor& padded);

// The reverse of padInto for gradients: each padded cell's gradient goes to the input cell
// it copies (zero padding copies none), added to the cell's own.
void foldPaddingInto(const Tensor& paddedGrad, const Padding2D& padding, PaddingMode mode, Tensor& grad);

// conv2d's three gradients, as autograd gives them. `gradBias` is left empty when `bias` is.
Status conv2dBackwardInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                          const ConvParams& params, const Tensor& gradOut, Tensor& gradInput, Weights& gradWeight,
                          std::vector<float>& gradBias, ConvBackwardWorkspace& workspace);

// conv_transpose2d's three gradients, as autograd gives them, for weights (C, OC/groups, KH,
// KW) and `geometry` the layer's (its outHeight × outWidth the forward output, output_padding
// included). The input gradient is conv2d(gradOut, weights) with the layer's stride, padding,
// dilation and groups — output_padding only grew the output by cells no input reaches; the
// weight gradient dW[c, o, m, n] = Σ_i,j in[c, i, j]·gradOut[o, i·s − p + m·d, j·s − p + n·d]
// within the group; the bias gradient Σ gradOut per output channel (`gradBias` left empty
// when `bias` is). Expects the shapes of a valid plan; a gradient of another shape than the
// output is an error.
Status convTranspose2dBackwardInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                                   const TransposedConv& geometry, const Tensor& gradOut, Tensor& gradInput,
                                   Weights& gradWeight, std::vector<float>& gradBias, ConvBackwardWorkspace& workspace);

}  // namespace convscope::core
