#include "convscope/core/pool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "convscope/core/text.hpp"

namespace convscope::core {

const char* poolModeName(PoolMode mode) {
    return mode == PoolMode::Max ? "max" : "avg";
}

Result<PoolMode> parsePoolMode(const std::string& name) {
    if (name == "max") return PoolMode::Max;
    if (name == "avg") return PoolMode::Avg;
    return makeError("mode", "pool mode '" + name + "' is not one of max, avg");
}

namespace {

Status checkPoolPadding(const AxisWindow& w, Axis axis) {
    // PyTorch: pad ≤ kernel/2 (integer division), so every window holds a real cell.
    if (w.padBefore > w.kernel / 2) {
        const std::string a = axisName(axis);
        return makeError("padding", "pool padding " + a + " (" + num(w.padBefore) +
                                        ") must be at most half the window " + a + ": " + num(w.kernel) +
                                        "/2 = " + num(w.kernel / 2));
    }
    return Ok{};
}

}  // namespace

Result<PoolPlan> planPool(int channels, int height, int width, const PoolParams& params) {
    if (channels < 1 || height < 1 || width < 1)
        return makeError("input", "the input is empty (" + num(channels) + "×" + num(height) + "×" + num(width) + ")");
    if (params.mode == PoolMode::Avg && (params.dilationH != 1 || params.dilationW != 1))
        return makeError("dilation", "dilation applies to max pooling only; average pooling needs dilation 1 (got " +
                                         num(params.dilationH) + "," + num(params.dilationW) + ")");
    PoolPlan plan;
    plan.rows = {height, params.windowH, params.strideH, params.padH, params.padH, params.dilationH, params.ceilMode};
    plan.cols = {width, params.windowW, params.strideW, params.padW, params.padW, params.dilationW, params.ceilMode};
    // Ranges first, then PyTorch's pad rule, then the output size: each message names
    // the first thing to fix.
    if (auto s = checkWindowRanges(plan.rows, Axis::Height, "window"); !s) return s.error();
    if (auto s = checkWindowRanges(plan.cols, Axis::Width, "window"); !s) return s.error();
    if (auto s = checkPoolPadding(plan.rows, Axis::Height); !s) return s.error();
    if (auto s = checkPoolPadding(plan.cols, Axis::Width); !s) return s.error();
    auto oh = outputSize(plan.rows, Axis::Height, "window");
    if (!oh) return oh.error();
    auto ow = outputSize(plan.cols, Axis::Width, "window");
    if (!ow) return ow.error();
    if (productExceedsLimit({*oh, *ow, channels}))
        return makeError("output", "the pooled output would be " + num(channels) + "×" + num(*oh) + "×" + num(*ow) +
                                       " values, more than the limit of " + num(kMaxValues));
    plan.channels = channels;
    plan.outHeight = static_cast<int>(*oh);
    plan.outWidth = static_cast<int>(*ow);
    return plan;
}

AxisSpan poolSpan(const AxisWindow& w, std::int64_t output) {
    std::int64_t start = output * w.stride - w.padBefore;
    std::int64_t end = std::min(start + effectiveKernel(w.kernel, w.dilation), w.input);
    while (start < 0) start += w.dilation;
    return {start, end, w.dilation};
}

AvgDivisor avgDivisor(const PoolPlan& plan, const PoolParams& params, std::int64_t row, std::int64_t col) {
    // PyTorch: the window is first clipped to input + padding (ceil mode can overhang it),
    // that area is the count_include_pad divisor; then clipped to the input itself.
    auto clip = [](const AxisWindow& w, std::int64_t o, std::int64_t& padded, std::int64_t& inside) {
        const std::int64_t start = o * w.stride - w.padBefore;
        const std::int64_t end = std::min(start + w.kernel, w.input + w.padAfter);
        padded = end - start;
        inside = std::max<std::int64_t>(0, std::min(end, w.input) - std::max<std::int64_t>(start, 0));
    };
    std::int64_t ph, ih, pw, iw;
    clip(plan.rows, row, ph, ih);
    clip(plan.cols, col, pw, iw);
    AvgDivisor d{0, ih * iw, ph * pw, std::int64_t{params.windowH} * params.windowW};
    d.divisor = params.countIncludePad ? d.paddedCells : d.inputCells;
    return d;
}

Status pool2dInto(const Tensor& input, const PoolParams& params, PoolOutput& out) {
    auto planned = planPool(input.channels, input.height, input.width, params);
    if (!planned) return planned.error();
    const PoolPlan& plan = *planned;
    out.values.reshape(plan.channels, plan.outHeight, plan.outWidth);
    if (params.mode == PoolMode::Max)
        out.indices.resize(out.values.size());
    else
        out.indices.clear();

    const std::int64_t width = input.width;
    std::vector<AxisSpan> colSpans(static_cast<std::size_t>(plan.outWidth));
    for (int x = 0; x < plan.outWidth; ++x) colSpans[static_cast<std::size_t>(x)] = poolSpan(plan.cols, x);

    for (int c = 0; c < plan.channels; ++c) {
        const float* in = input.plane(c);
        float* o = out.values.plane(c);
        for (int y = 0; y < plan.outHeight; ++y) {
            const AxisSpan rs = poolSpan(plan.rows, y);
            for (int x = 0; x < plan.outWidth; ++x) {
                const AxisSpan& cs = colSpans[static_cast<std::size_t>(x)];
                const std::size_t at =
                    static_cast<std::size_t>(y) * static_cast<std::size_t>(plan.outWidth) + static_cast<std::size_t>(x);
                if (params.mode == PoolMode::Max) {
                    // PyTorch's scan: row-major, strictly greater wins (first of equal maxima
                    // stays), and any NaN takes over.
                    std::int64_t best = rs.start * width + cs.start;
                    float bestValue = -std::numeric_limits<float>::infinity();
                    for (std::int64_t r = rs.start; r < rs.end; r += rs.step)
                        for (std::int64_t q = cs.start; q < cs.end; q += cs.step) {
                            const float v = in[r * width + q];
                            if (v > bestValue || std::isnan(v)) {
                                bestValue = v;
                                best = r * width + q;
                            }
                        }
                    o[at] = bestValue;
                    out.indices[static_cast<std::size_t>(c) * out.values.planeSize() + at] = best;
                } else {
                    const AvgDivisor d = avgDivisor(plan, params, y, x);
                    float sum = 0.0f;
                    for (std::int64_t r = rs.start; r < rs.end; ++r)
                        for (std::int64_t q = cs.start; q < cs.end; ++q) sum += in[r * width + q];
                    o[at] = d.inputCells == 0 ? 0.0f : sum / static_cast<float>(d.divisor);
                }
            }
        }
    }
    return Ok{};
}

Result<PoolOutput> pool2d(const Tensor& input, const PoolParams& params) {
    PoolOutput out;
    if (auto s = pool2dInto(input, params, out); !s) return s.error();
    return out;
}

}  // namespace convscope::core
