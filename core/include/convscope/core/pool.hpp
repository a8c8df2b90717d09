#pragma once
// Max and average pooling exactly as PyTorch's max_pool2d / avg_pool2d: window, stride,
// symmetric padding, dilation (max only), ceil mode, count_include_pad, each channel pooled
// on its own.
#include <cstdint>
#include <string>
#include <vector>

#include "convscope/core/geometry.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

enum class PoolMode { Max, Avg };

const char* poolModeName(PoolMode mode);
Result<PoolMode> parsePoolMode(const std::string& name);

struct PoolParams {
    PoolMode mode = PoolMode::Max;
    int windowH = 2;
    int windowW = 2;
    int strideH = 2;  // PyTorch's default stride is the window; callers set it explicitly
    int strideW = 2;
    int padH = 0;
    int padW = 0;
    int dilationH = 1;
    int dilationW = 1;
    bool ceilMode = false;
    bool countIncludePad = true;  // avg only: padding cells count in the divisor
    bool operator==(const PoolParams&) const = default;
};

struct PoolPlan {
    AxisWindow rows;
    AxisWindow cols;
    int channels = 0;
    int outHeight = 0;
    int outWidth = 0;
};

// PyTorch's rules: window, stride, dilation ≥ 1; padding ≥ 0 and at most half the window
// (k/2, rounded down); dilation only with max; output ≥ 1; size limit.
Result<PoolPlan> planPool(int channels, int height, int width, const PoolParams& params);

struct PoolOutput {
    Tensor values;
    // Max only: per output value, PyTorch's flat index (row·W + col) of the winner in its
    // channel of the unpadded input. Empty for avg.
    std::vector<std::int64_t> indices;
};

// Computes into `out` (storage reused). Runs on up to threadCount() threads (parallel.hpp);
// the values and indices are the same whatever the thread count or vector instructions:
// max scans each window as PyTorch does, avg sums it in float, row-major, then divides once.
Status pool2dInto(const Tensor& input, const PoolParams& params, PoolOutput& out);
Result<PoolOutput> pool2d(const Tensor& input, const PoolParams& params);

// The input cells (clipped to the input) that one output position's window reads along one
// axis, PyTorch's way: start..end exclusive with the dilation step. For max pool the start
// is advanced past leading padding in steps of d; for avg (d = 1) simply clipped.
struct AxisSpan {
    std::int64_t start;
    std::int64_t end;  // exclusive
    std::int64_t step;
};
AxisSpan poolSpan(const AxisWindow& w, std::int64_t output);

// Average pooling's divisor at one output position, with the two counts behind it.
struct AvgDivisor {
    std::int64_t divisor;
    std::int64_t inputCells;   // window cells inside the input
    std::int64_t paddedCells;  // window cells inside input + padding (ceil mode can clip)
    std::int64_t fullWindow;   // kh·kw
};
AvgDivisor avgDivisor(const PoolPlan& plan, const PoolParams& params, std::int64_t row, std::int64_t col);

}  // namespace convscope::core
