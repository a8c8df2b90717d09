#include "convscope/core/geometry.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

const char* axisName(Axis axis) {
    return axis == Axis::Height ? "height" : "width";
}
const char* axisLetter(Axis axis) {
    return axis == Axis::Height ? "h" : "w";
}

bool productExceedsLimit(std::initializer_list<std::int64_t> factors) {
    std::int64_t product = 1;
    for (std::int64_t f : factors) {
        if (f <= 0) return false;
        if (product > kMaxValues / f) return true;
        product *= f;
    }
    return product > kMaxValues;
}

std::int64_t effectiveKernel(std::int64_t kernel, std::int64_t dilation) {
    return dilation * (kernel - 1) + 1;
}

namespace {

// Floor division that rounds toward −∞ for negative numerators too (C++ truncates).
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int64_t numerator(const AxisWindow& w) {
    return w.paddedInput() - w.dilation * (w.kernel - 1) - 1;
}

std::int64_t countBeforeCeilRule(const AxisWindow& w) {
    return floorDiv(numerator(w) + (w.ceilMode ? w.stride - 1 : 0), w.stride) + 1;
}

}  // namespace

bool ceilWindowRemoved(const AxisWindow& w) {
    if (!w.ceilMode) return false;
    const std::int64_t n = countBeforeCeilRule(w);
    return n >= 1 && (n - 1) * w.stride >= w.input + w.padBefore;
}

std::int64_t countWindows(const AxisWindow& w) {
    std::int64_t n = countBeforeCeilRule(w);
    if (ceilWindowRemoved(w)) --n;
    return n;
}

std::int64_t transposedPadding(const AxisWindow& w) {
    return w.dilation * (w.kernel - 1) - w.padBefore;
}

std::int64_t transposedOutputPadding(const AxisWindow& w) {
    return w.padAfter - w.padBefore;
}

std::string outputSizeFormula(const AxisWindow& w) {
    if (w.transposed)
        return "(" + num(w.input) + " − 1)·" + num(w.upsample) + " − 2·" + num(transposedPadding(w)) + " + " +
               num(w.dilation) + "·(" + num(w.kernel) + " − 1) + " + num(transposedOutputPadding(w)) + " + 1";
    std::string pad = w.padBefore == w.padAfter ? "2·" + num(w.padBefore) : num(w.padBefore) + " + " + num(w.padAfter);
    return std::string(w.ceilMode ? "ceil" : "floor") + "((" + num(w.input) + " + " + pad + " − " + num(w.dilation) +
           "·(" + num(w.kernel) + "−1) − 1)/" + num(w.stride) + ") + 1";
}

Status checkWindowRanges(const AxisWindow& w, Axis axis, const std::string& kernelWord) {
    const std::string a = axisName(axis);
    auto tooSmall = [&](const std::string& name, std::int64_t value) {
        return engineError(ErrorId::ValueTooSmall, name, {{"name", name}, {"axis", a}, {"value", num(value)}});
    };
    if (w.kernel < 1) return tooSmall(kernelWord, w.kernel);
    if (w.stride < 1) return tooSmall("stride", w.stride);
    if (w.dilation < 1) return tooSmall("dilation", w.dilation);
    if (w.padBefore < 0 || w.padAfter < 0)
        return engineError(ErrorId::PaddingNegativeAxis, "padding",
                           {{"axis", a}, {"value", num(std::min(w.padBefore, w.padAfter))}});
    if (w.input < 1) return tooSmall("input", w.input);
    return Ok{};
}

namespace {

// A transposed window's ranges are checked by its plan (planConvTranspose), in PyTorch's
// order; what is left is the size itself.
Result<std::int64_t> transposedOutputSize(const AxisWindow& w, Axis axis) {
    const std::int64_t n = countWindows(w);
    if (n >= 1) return n;
    return engineError(ErrorId::ConvTransposeOutputTooSmall, "padding",
                       {{"axis", axisName(axis)}, {"size", num(n)}, {"formula", outputSizeFormula(w)}});
}

}  // namespace

Result<std::int64_t> outputSize(const AxisWindow& w, Axis axis, const std::string& kernelWord) {
    if (w.transposed) return transposedOutputSize(w, axis);
    if (auto s = checkWindowRanges(w, axis, kernelWord); !s) return s.error();
    const std::string a = axisName(axis);
    const std::int64_t n = countWindows(w);
    if (n >= 1) return n;

    const std::int64_t span = effectiveKernel(w.kernel, w.dilation);
    return engineError(span == w.kernel ? ErrorId::OutputTooSmall : ErrorId::OutputTooSmallDilated, kernelWord,
                       {{"axis", a},
                        {"size", num(n)},
                        {"formula", outputSizeFormula(w)},
                        {"kernel_word", kernelWord},
                        {"kernel", num(w.kernel)},
                        {"dilation", num(w.dilation)},
                        {"span", num(span)},
                        {"comparison", axis == Axis::Height ? "taller" : "wider"},
                        {"padded", num(w.paddedInput())}});
}

std::vector<Reader> readersOf(const AxisWindow& w, std::int64_t outputs, std::int64_t i) {
    std::vector<Reader> readers;
    // Tap j of output o reads o·s − pb + j·d, so o = (i + pb − j·d)/s when that divides
    // (i·upsample in a transposed conv's zero-inserted line).
    for (std::int64_t j = w.kernel - 1; j >= 0; --j) {
        const std::int64_t t = i * w.upsample + w.padBefore - j * w.dilation;
        if (t < 0 || t % w.stride != 0) continue;
        const std::int64_t o = t / w.stride;
        if (o < outputs) readers.push_back({o, j});
    }
    std::sort(readers.begin(), readers.end(), [](const Reader& a, const Reader& b) { return a.output < b.output; });
    return readers;
}

UncoveredSummary summarizeUncovered(const AxisWindow& w, std::int64_t outputs, std::size_t keep) {
    const std::int64_t n = std::max<std::int64_t>(w.input, 0);
    std::vector<bool> covered(static_cast<std::size_t>(n), false);
    if (w.transposed) {
        // A transposed conv: input i is stamped onto outputs i·s − p + j·d (j < k); it is read
        // when the first of them at or after 0 is still a tap and inside the output. O(input).
        const std::int64_t p = transposedPadding(w);
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t first = i * w.upsample - p;
            const std::int64_t j = first >= 0 ? 0 : (-first + w.dilation - 1) / w.dilation;
            covered[static_cast<std::size_t>(i)] = j < w.kernel && first + j * w.dilation < outputs;
        }
        outputs = 0;
    }
    // Window o reads o·s − pb + j·d (j < k): a run with step d inside one residue class
    // mod d. Marking tap by tap costs outputs·kernel — 10^16 steps for a kernel of 10^8 over
    // 10^8 rows, a hang found by fuzzing `shape`. Instead: windows o and o + d/gcd(s,d) read
    // the same class, and within a class later windows start no earlier, so each class
    // remembers how far it is marked and every cell is marked at most once:
    // O(input + outputs) whatever the kernel.
    if (w.kernel < 1 || w.stride < 1 || w.dilation < 1) outputs = 0;  // not a window: nothing is read
    const std::int64_t d = w.dilation;
    const std::int64_t period = d / std::gcd(w.stride, d);
    auto ceilDiv = [](std::int64_t a, std::int64_t b) { return (a + b - 1) / b; };  // a ≥ 0, b > 0
    for (std::int64_t first = 0; first < std::min(period, outputs); ++first) {
        std::int64_t next = std::numeric_limits<std::int64_t>::min();  // class cells below are marked
        for (std::int64_t o = first; o < outputs; o += period) {
            std::int64_t lo = tapIndex(w, o, 0);
            std::int64_t hi = tapIndex(w, o, w.kernel - 1);
            if (lo < 0) lo += ceilDiv(-lo, d) * d;          // first tap inside the input
            if (hi >= n) hi -= ceilDiv(hi - n + 1, d) * d;  // last tap inside the input
            for (std::int64_t i = std::max(lo, next); i <= hi; i += d) covered[static_cast<std::size_t>(i)] = true;
            next = std::max(next, hi + d);
        }
    }
    UncoveredSummary summary;
    for (std::int64_t i = 0; i < n; ++i) {
        if (covered[static_cast<std::size_t>(i)]) continue;
        if (summary.first.size() < keep) summary.first.push_back(i);
        ++summary.count;
    }
    return summary;
}

std::vector<std::int64_t> uncoveredInputs(const AxisWindow& w, std::int64_t outputs) {
    return summarizeUncovered(w, outputs, std::numeric_limits<std::size_t>::max()).first;
}

}  // namespace convscope::core
