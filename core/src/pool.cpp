#include "convscope/core/pool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "convscope/core/errors.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/text.hpp"
#include "pool_kernels.hpp"
#include "streaming.hpp"

namespace convscope::core {

const char* poolModeName(PoolMode mode) {
    return mode == PoolMode::Max ? "max" : "avg";
}

Result<PoolMode> parsePoolMode(const std::string& name) {
    if (name == "max") return PoolMode::Max;
    if (name == "avg") return PoolMode::Avg;
    return engineError(ErrorId::UnknownPoolMode, "mode", {{"name", name}});
}

namespace {

Status checkPoolPadding(const AxisWindow& w, Axis axis) {
    // PyTorch: pad ≤ kernel/2 (integer division), so every window holds a real cell.
    if (w.padBefore > w.kernel / 2) {
        const std::string a = axisName(axis);
        return engineError(
            ErrorId::PoolPaddingTooLarge, "padding",
            {{"axis", a}, {"pad", num(w.padBefore)}, {"window", num(w.kernel)}, {"half", num(w.kernel / 2)}});
    }
    return Ok{};
}

}  // namespace

Result<PoolPlan> planPool(int channels, int height, int width, const PoolParams& params) {
    if (channels < 1 || height < 1 || width < 1) return emptyInputError(channels, height, width);
    if (params.mode == PoolMode::Avg && (params.dilationH != 1 || params.dilationW != 1))
        return engineError(ErrorId::AvgPoolDilation, "dilation",
                           {{"dilation_h", num(params.dilationH)}, {"dilation_w", num(params.dilationW)}});
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
        return engineError(
            ErrorId::PoolOutputTooLarge, "output",
            {{"channels", num(channels)}, {"height", num(*oh)}, {"width", num(*ow)}, {"limit", num(kMaxValues)}});
    plan.channels = channels;
    plan.outHeight = static_cast<int>(*oh);
    plan.outWidth = static_cast<int>(*ow);
    return plan;
}

AxisSpan poolSpan(const AxisWindow& w, std::int64_t output) {
    std::int64_t start = output * w.stride - w.padBefore;
    std::int64_t end = std::min(start + effectiveKernel(w.kernel, w.dilation), w.input);
    if (start < 0) start += (-start + w.dilation - 1) / w.dilation * w.dilation;  // first tap at or past 0
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

namespace {

// One output position by PyTorch's scan — any window, padding, dilation or ceil mode.
void poolAt(const float* in, const PoolPlan& plan, const PoolParams& params, const AxisSpan& rs, const AxisSpan& cs,
            std::int64_t y, std::int64_t x, float& value, std::int64_t* index) {
    const std::int64_t width = plan.cols.input;
    if (params.mode == PoolMode::Max) {
        // Row-major, strictly greater wins (the first of equal maxima stays), and any NaN
        // takes over.
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
        value = bestValue;
        *index = best;
    } else {
        const AvgDivisor d = avgDivisor(plan, params, y, x);
        float sum = 0.0f;
        for (std::int64_t r = rs.start; r < rs.end; ++r)
            for (std::int64_t q = cs.start; q < cs.end; ++q) sum += in[r * width + q];
        value = d.inputCells == 0 ? 0.0f : sum / static_cast<float>(d.divisor);
    }
}

// The outputs [lo, hi) whose windows lie inside the input.
std::pair<std::int64_t, std::int64_t> insideOutputs(const AxisWindow& w, std::int64_t outputs) {
    const std::int64_t lo = std::min(outputs, (w.padBefore + w.stride - 1) / w.stride);
    const std::int64_t room = w.input + w.padBefore - effectiveKernel(w.kernel, w.dilation);
    const std::int64_t hi = room < 0 ? 0 : std::min(outputs, room / w.stride + 1);
    return {lo, std::max(lo, hi)};
}

}  // namespace

Status pool2dInto(const Tensor& input, const PoolParams& params, PoolOutput& out) {
    auto planned = planPool(input.channels, input.height, input.width, params);
    if (!planned) return planned.error();
    const PoolPlan& plan = *planned;
    out.values.reshape(plan.channels, plan.outHeight, plan.outWidth);
    const bool max = params.mode == PoolMode::Max;
    if (max)
        out.indices.resize(out.values.size());
    else
        out.indices.clear();

    const int oh = plan.outHeight;
    const int ow = plan.outWidth;
    std::vector<AxisSpan> colSpans(static_cast<std::size_t>(ow));
    for (int x = 0; x < ow; ++x) colSpans[static_cast<std::size_t>(x)] = poolSpan(plan.cols, x);

    // The vector path: windows inside the input, dilation 1, horizontal stride 1 or 2, and
    // flat indices that fit its int32 lanes.
    const bool vector = params.dilationH == 1 && params.dilationW == 1 &&
                        (params.strideW == 1 || params.strideW == 2) &&
                        input.planeSize() <= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
    const auto rowsIn = insideOutputs(plan.rows, oh);
    const auto colsIn = insideOutputs(plan.cols, ow);

    const bool stream = detail::streamOutput(
        input.size() * sizeof(float), out.values.size() * sizeof(float) + out.indices.size() * sizeof(std::int64_t));
    const int threads = threadsFor(static_cast<double>(out.values.size()) * params.windowH * params.windowW);
    // Small bands, so that a thread the OS preempts mid-band holds up little.
    const int bandRows = threads > 1 ? std::max(1, (oh + 16 * threads - 1) / (16 * threads)) : oh;
    const int bandsPerChannel = (oh + bandRows - 1) / bandRows;
    parallelFor(plan.channels * bandsPerChannel, threads, [&](int task, int) {
        const int c = task / bandsPerChannel;
        const int y0 = task % bandsPerChannel * bandRows;
        const int y1 = std::min(oh, y0 + bandRows);
        const float* in = input.plane(c);
        float* values = out.values.plane(c);
        std::int64_t* indices =
            max ? out.indices.data() + static_cast<std::size_t>(c) * out.values.planeSize() : nullptr;
        // Vector rows [vy0, vy1) from column vx0 up to the column the kernel stops at.
        int vy0 = y0, vy1 = y0, vx0 = 0, vEnd = 0;
        if (vector) {
            vy0 = static_cast<int>(std::clamp<std::int64_t>(rowsIn.first, y0, y1));
            vy1 = static_cast<int>(std::clamp<std::int64_t>(rowsIn.second, vy0, y1));
            detail::PoolRows job;
            job.in = in;
            job.inWidth = input.width;
            job.values = values;
            job.indices = indices;
            job.outWidth = ow;
            job.y0 = vy0;
            job.y1 = vy1;
            job.x0 = vx0 = static_cast<int>(colsIn.first);
            job.x1 = static_cast<int>(colsIn.second);
            job.windowH = params.windowH;
            job.windowW = params.windowW;
            job.strideH = params.strideH;
            job.strideW = params.strideW;
            job.padH = params.padH;
            job.padW = params.padW;
            job.divisor = static_cast<float>(std::int64_t{params.windowH} * params.windowW);
            job.stream = stream;
            vEnd = vy1 > vy0 ? detail::poolInterior(job) : vx0;
        }
        for (int y = y0; y < y1; ++y) {
            const AxisSpan rs = poolSpan(plan.rows, y);
            const bool vectorRow = y >= vy0 && y < vy1;
            for (int x = 0; x < ow; ++x) {
                if (vectorRow && x == vx0) x = vEnd;
                if (x >= ow) break;
                const std::size_t at = static_cast<std::size_t>(y) * static_cast<std::size_t>(ow) + x;
                poolAt(in, plan, params, rs, colSpans[static_cast<std::size_t>(x)], y, x, values[at],
                       max ? indices + at : nullptr);
            }
        }
    });
    return Ok{};
}

Result<PoolOutput> pool2d(const Tensor& input, const PoolParams& params) {
    PoolOutput out;
    if (auto s = pool2dInto(input, params, out); !s) return s.error();
    return out;
}

}  // namespace convscope::core
