#pragma once
// What every layer kind shares: the shapes that flow through a stack, a layer's plan (its
// shapes, windows and cost, validated), its output and its reusable buffers. Each kind
// (conv2d.hpp, activation.hpp, max_pool2d.hpp, avg_pool2d.hpp) fills these in its own files;
// layer.hpp gathers the kinds into one type.
#include <cstdint>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/conv_backward.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// A per-axis pair, as PyTorch's `stride=(2, 1)`: one type instead of …H/…W fields.
struct Hw {
    int h = 1;
    int w = 1;
    bool operator==(const Hw&) const = default;
};

// A map's shape: channels × height × width.
struct Shape {
    int channels = 0;
    int height = 0;
    int width = 0;
    bool operator==(const Shape&) const = default;
};
inline Shape shapeOf(const Tensor& t) {
    return {t.channels, t.height, t.width};
}

// A layer's window along each axis, for receptive fields and lineage. Every layer has one:
// an element-wise layer's is 1×1 with stride 1 (each output cell reads its own input cell),
// so level i of a stack is always the output of layer i − 1.
struct LayerWindows {
    AxisWindow rows;
    AxisWindow cols;
    PaddingMode mode = PaddingMode::Zeros;  // what a padding cell reads (pooling: nothing)
    bool elementWise = false;
};
LayerWindows elementWiseWindows(const Shape& in);

// What a layer costs: learned values (weights and bias) and multiply-adds of one forward pass.
struct LayerCost {
    std::int64_t parameters = 0;
    std::int64_t multiplyAdds = 0;
};

struct LayerPlan {
    Shape in;
    Shape out;
    LayerWindows windows;
    LayerCost cost;
    // The engine's parameters, resolved and validated: a conv2d's in `conv`, a pooling's in
    // `pool`; the other kinds leave them at their defaults (a transposed conv's are its own
    // fields and its windows).
    ConvParams conv;
    PoolParams pool;
};

// A layer's map; max pooling also keeps PyTorch's flat index of each winner (`indices`,
// empty for the other kinds) — the shape of pool2d's output, so pooling writes into it.
using LayerOutput = PoolOutput;

// A transposed conv's per-thread rows of partial sums (conv_transpose2d.hpp).
struct ConvTransposeWorkspace {
    std::vector<float> rows;
};

// Buffers a layer reuses from one run to the next (allocated once by whoever recomputes).
struct LayerWorkspace {
    ConvWorkspace conv;
    ConvTransposeWorkspace convTranspose;
};

// What the backward pass of one layer gives, as PyTorch's autograd: the gradient of the loss
// with respect to the layer's input, and for a layer with weights the gradients of its
// weights and bias (PyTorch's shapes; empty for the kinds without them).
struct LayerGrad {
    Tensor input;
    Weights weight;
    std::vector<float> bias;
};

// Buffers the backward passes reuse: the conv's padded input and padded input gradient, its
// flipped weights (the input gradient of a stride-1 conv runs as a forward conv), the weight
// gradient's partial sums, and the forward conv's own workspace.
struct BackwardWorkspace {
    ConvBackwardWorkspace conv;
};

}  // namespace convscope::core
