#pragma once
// Convolution as one matrix product (im2col): PyTorch's torch.nn.functional.unfold. Every
// output position's window, flattened, is one column; the kernel flattened is one row per
// filter; conv2d = kernel row · column for every column. The Matrix view and
// `convscope-cli unfold` show it.
#include <cstdint>

#include "convscope/core/conv.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// The unfolded input, (C·KH·KW) rows × L = OH·OW columns, in unfold's layout: row
// c·KH·KW + m·KW + n holds tap (m, n) of channel c, column oh·OW + ow the window of output
// (oh, ow). Padding cells read what the conv's padding mode gives (zeros: 0, as unfold).
// Returned as a Tensor of one channel, height = rows, width = columns. Errors: the conv's
// own (planConv), or a matrix past the size limit.
Result<Tensor> unfold(const Tensor& input, int kernelH, int kernelW, const ConvParams& params);

// The full convolution matrix of a one-channel conv: (OH·OW) × (H·W), row r holding the
// weights that output r multiplies each input cell by (0 where it does not read it), so
// out = C · in and a transposed conv with the same kernel is out = Cᵀ · in. Zero padding
// only (the other modes fold several taps onto one cell, which this adds up); for small
// inputs (the Matrix view's "C and Cᵀ").
Result<Tensor> convolutionMatrix(int height, int width, const Weights& kernel, const ConvParams& params);

}  // namespace convscope::core
