#pragma once
// 2-D convolution exactly as PyTorch's nn.Conv2d computes it: cross-correlation (no kernel
// flip), summed over input channels, plus bias; stride, per-side padding, dilation, and the
// padding modes zeros / reflect / replicate / circular.
#include <cstdint>
#include <string>
#include <vector>

#include "convscope/core/geometry.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

enum class PaddingMode { Zeros, Reflect, Replicate, Circular };

const char* paddingModeName(PaddingMode mode);
Result<PaddingMode> parsePaddingMode(const std::string& name);

struct Padding2D {
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
    bool operator==(const Padding2D&) const = default;
};

// How a person states padding, in each framework's words:
// - Explicit: numbers per axis, the same on both sides (PyTorch's `padding=(1, 2)`);
// - Same / Valid: PyTorch's "same" (stride 1 only) and "valid" (none);
// - PerSide: top, bottom, left, right (ONNX's `pads`, TensorFlow's explicit paddings);
// - SameUpper / SameLower: TensorFlow's "SAME" and ONNX's auto_pad for any stride, output
//   ceil(H/s), the odd cell at the end (upper) or at the start (lower). Their amounts depend
//   on the input size, so they resolve only once it is known.
struct PaddingSpec {
    enum class Kind { Explicit, Same, Valid, PerSide, SameUpper, SameLower };
    PaddingSpec() = default;
    PaddingSpec(Kind k, int h, int w, Padding2D s = {}) : kind(k), height(h), width(w), sides(s) {}
    static PaddingSpec perSide(Padding2D s) { return {Kind::PerSide, 0, 0, s}; }

    Kind kind = Kind::Explicit;
    int height = 0;   // Explicit
    int width = 0;    // Explicit
    Padding2D sides;  // PerSide
    bool operator==(const PaddingSpec&) const = default;
};

// "same_upper" etc.: the names the CLI and sessions use for the kinds that have one word
// (Same "same", Valid "valid", SameUpper "same_upper", SameLower "same_lower"); Explicit and
// PerSide are numbers, so nullptr.
const char* paddingKindName(PaddingSpec::Kind kind);

// TensorFlow/ONNX SAME along one axis: total max(0, (ceil(H/s) − 1)·s + d·(k − 1) + 1 − H),
// split with the odd cell after (upper) or before (lower). Assumes H, k, s, d ≥ 1.
struct AxisPadding {
    std::int64_t before = 0;
    std::int64_t after = 0;
};
AxisPadding sameAxisPadding(std::int64_t input, std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                            bool upper);

struct ConvParams {
    int strideH = 1;
    int strideW = 1;
    Padding2D padding;
    int dilationH = 1;
    int dilationW = 1;
    PaddingMode mode = PaddingMode::Zeros;
    // Input channels and filters split into `groups` equal groups; filter o reads only the
    // input channels of group o / (filters / groups). Depthwise: groups = channels.
    int groups = 1;
    bool operator==(const ConvParams&) const = default;
};

// Per-side padding for a spec. "same" pads d·(k−1) in total per axis, the odd unit on the
// bottom/right as PyTorch does, and needs stride 1; "valid" is no padding; same_upper and
// same_lower follow sameAxisPadding on an input of inputH × inputW (other kinds ignore it).
Result<Padding2D> resolvePadding(const PaddingSpec& spec, int kernelH, int kernelW, int dilationH, int dilationW,
                                 int strideH, int strideW, int inputH = 0, int inputW = 0);

// ConvParams from the settings as people give them, with the padding spec resolved
// against the kernel (and the input, for same_upper / same_lower): the one way the CLI, the
// sessions and the app build parameters.
Result<ConvParams> makeConvParams(int strideH, int strideW, const PaddingSpec& padding, int dilationH, int dilationW,
                                  PaddingMode mode, int kernelH, int kernelW, int groups = 1, int inputH = 0,
                                  int inputW = 0);

// Everything derived from the shapes and parameters, validated.
struct ConvPlan {
    AxisWindow rows;
    AxisWindow cols;
    int outChannels = 0;
    int outHeight = 0;
    int outWidth = 0;
};

// Validates every rule PyTorch enforces (groups, channel match, bias length, ≥ 1 sizes, reflect
// padding < input, circular padding ≤ input, output ≥ 1) and the output size limit.
Result<ConvPlan> planConv(int inChannels, int inHeight, int inWidth, const Weights& weights,
                          const std::vector<float>* bias, const ConvParams& params);

// The input index a padded position copies along one axis of `size` cells: itself inside
// the input, the mirrored / clamped / wrapped index in the padding, or −1 for zero padding.
// Assumes the padding passed planConv's checks.
std::int64_t sourceIndex(std::int64_t i, std::int64_t size, PaddingMode mode);

// The input cell that position t of a window's (zero-inserted) padded line reads (tapIndex):
// sourceIndex for a conv or pooling; for a transposed conv t / upsample when t is a
// multiple of it, −1 for an inserted zero or padding. Everything that follows windows back
// to the input (lineage, readers) goes through it, so transposed layers need no case of their own.
std::int64_t windowSource(const AxisWindow& w, std::int64_t t, PaddingMode mode);

// Reusable buffers for conv2dInto, owned by whoever recomputes often: each thread's padded
// copy of the input rows it is working on, and the column and tap tables of the last call.
struct ConvWorkspace {
    std::vector<float> padded;
    std::vector<std::int32_t> columnSource;
    std::vector<std::int32_t> taps;
};

// Computes into `out` (reshaped, storage reused). Bias may be empty (no bias) or OC long.
// The weights are (OC, C/groups, KH, KW), as PyTorch's.
// Runs on up to threadCount() threads (parallel.hpp). Sums in float, so results match
// PyTorch's to float rounding, not bit for bit; they do not depend on the thread count, and
// differ between vector instruction sets (vector_isa.hpp) at most in the last bits.
Status conv2dInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias, const ConvParams& params,
                  Tensor& out, ConvWorkspace& workspace);

Result<Tensor> conv2d(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                      const ConvParams& params);

}  // namespace convscope::core
