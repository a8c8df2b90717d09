#pragma once
// Pooling's backward pass, as PyTorch's max_pool2d_backward / avg_pool2d_backward.
#include <cstdint>
#include <vector>

#include "convscope/core/pool.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// The input gradient of max pooling: each output's gradient goes to its window's winner —
// the cell the forward pass picked (`forward.indices`, PyTorch's choice among ties) — and
// overlapping windows that pick the same cell add up. gradInput becomes (C, height, width).
Status maxPool2dBackwardInto(const PoolOutput& forward, const Tensor& gradOut, int height, int width,
                             const PoolParams& params, Tensor& gradInput);

// The input gradient of average pooling: each output's gradient, divided by the forward
// pass's divisor (ceil mode and count_include_pad included), goes to every input cell of its
// window; padding cells take none.
Status avgPool2dBackwardInto(const Tensor& gradOut, int height, int width, const PoolParams& params, Tensor& gradInput);

}  // namespace convscope::core
