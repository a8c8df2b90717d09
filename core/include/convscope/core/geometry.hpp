#pragma once
// Sliding-window geometry, one axis at a time. Conv and pool share these functions, so
// the sizes the CLI prints, the GUI draws and the engine computes are one arithmetic.
// All arithmetic is int64: parameters are int32, so no product below can overflow.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "convscope/core/result.hpp"

namespace convscope::core {

enum class Axis { Height, Width };

// "height"/"width"; "row"/"col" — for messages.
const char* axisName(Axis axis);
const char* axisLetter(Axis axis);  // "h" / "w"

// One axis of a sliding window over an input of `input` cells.
//
// A transposed convolution is described by its equivalent convolution (the same numbers): a
// stride-1 window of the flipped kernel over the input with `upsample` − 1 zeros inserted
// between neighbouring cells (its stride), padded by d·(k−1) − p before and
// d·(k−1) − p + output_padding after. That padding is negative when p > d·(k−1): the
// equivalent convolution then crops instead of padding. Window positions count in that
// zero-inserted line, where input cell i sits at i·upsample; `transposed` only changes how
// the size formula is written (a stride-1 transposed conv inserts no zeros).
struct AxisWindow {
    std::int64_t input = 1;
    std::int64_t kernel = 1;
    std::int64_t stride = 1;
    std::int64_t padBefore = 0;  // top or left
    std::int64_t padAfter = 0;   // bottom or right
    std::int64_t dilation = 1;
    bool ceilMode = false;      // pooling only
    std::int64_t upsample = 1;  // transposed conv: its stride (zeros inserted between cells)
    bool transposed = false;

    // Cells of the zero-inserted input: (input − 1)·upsample + 1 (the input itself for a conv).
    std::int64_t upsampledInput() const { return (input - 1) * upsample + 1; }
    std::int64_t paddedInput() const { return upsampledInput() + padBefore + padAfter; }
    bool operator==(const AxisWindow&) const = default;
};

// d(k−1)+1: the span one window covers, gaps included.
std::int64_t effectiveKernel(std::int64_t kernel, std::int64_t dilation);

// The number of window positions along the axis, PyTorch's rule:
//   floor((H + pb + pa − d(k−1) − 1)/s) + 1, or with ceil mode ceil(…) + 1 minus the last
//   window when it would start past the input and the leading padding.
// May be ≤ 0; outputSize() below turns that into an error.
std::int64_t countWindows(const AxisWindow& w);

// True when ceil mode's extra window was removed because it would start in the trailing
// padding (PyTorch drops it so every window reads at least one real or leading-pad cell).
bool ceilWindowRemoved(const AxisWindow& w);

// The size formula with this axis's numbers filled in, without the result:
// "floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1"; for a transposed conv, PyTorch's
// "(4 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1" ((H − 1)·s − 2p + d·(k − 1) + output_padding + 1).
std::string outputSizeFormula(const AxisWindow& w);

// Upper bound on any array the engine allocates (values), so absurd settings fail with a
// message instead of exhausting memory: 2^28 floats = 1 GiB.
inline constexpr std::int64_t kMaxValues = std::int64_t{1} << 28;

// True when the product of the (non-negative) factors is above kMaxValues; never overflows.
bool productExceedsLimit(std::initializer_list<std::int64_t> factors);

// Checks kernel/stride/dilation ≥ 1, padding ≥ 0 and input ≥ 1. `kernelWord` names the
// window in messages and as the error's parameter ("kernel" for conv, "window" for pool).
Status checkWindowRanges(const AxisWindow& w, Axis axis, const std::string& kernelWord = "kernel");

// checkWindowRanges, then output ≥ 1; a size error shows the formula with its numbers.
Result<std::int64_t> outputSize(const AxisWindow& w, Axis axis, const std::string& kernelWord = "kernel");

// Input index read by tap j of output position o (may lie in the padding: < 0 or ≥ input).
// For a transposed conv: the position in the zero-inserted input (input cell i is at
// i·upsample), read with the flipped kernel's tap j, which is the kernel's tap k − 1 − j.
inline std::int64_t tapIndex(const AxisWindow& w, std::int64_t o, std::int64_t j) {
    return o * w.stride - w.padBefore + j * w.dilation;
}

// PyTorch's transposed-conv parameters of a transposed window, back from its equivalent
// convolution: padding p = d·(k−1) − padBefore, output_padding = padAfter − padBefore.
std::int64_t transposedPadding(const AxisWindow& w);
std::int64_t transposedOutputPadding(const AxisWindow& w);

// One (output position, tap) pair that reads a given input index.
struct Reader {
    std::int64_t output;
    std::int64_t tap;
    bool operator==(const Reader&) const = default;
};

// Every output position (with the tap that does it) that reads input index i, in
// increasing output order. O(kernel).
std::vector<Reader> readersOf(const AxisWindow& w, std::int64_t outputs, std::int64_t i);

// Input indices (0…input−1) that no window reads: the rows/cols dropped by the floor at the
// end, and with dilation or large strides the holes between windows. O(input + outputs),
// however large the kernel.
std::vector<std::int64_t> uncoveredInputs(const AxisWindow& w, std::int64_t outputs);

// How many input indices no window reads, and the first `keep` of them: what messages and
// the CLI's JSON show. Memory is one bit per input cell plus `keep` indices, so a
// 2^28-row `shape` query does not build a 2 GiB list (its JSON took 12 GB and 90 s).
struct UncoveredSummary {
    std::int64_t count = 0;
    std::vector<std::int64_t> first;
};
UncoveredSummary summarizeUncovered(const AxisWindow& w, std::int64_t outputs, std::size_t keep);

}  // namespace convscope::core
