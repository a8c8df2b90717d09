#include "convscope/core/pool_backward.hpp"

#include <algorithm>

#include "convscope/core/errors.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

Status checkGradient(const PoolPlan& plan, const Tensor& gradOut) {
    if (gradOut.channels == plan.channels && gradOut.height == plan.outHeight && gradOut.width == plan.outWidth)
        return Ok{};
    return engineError(ErrorId::GradientShapeMismatch, "gradient",
                       {{"gradient", shapeText(gradOut.channels, gradOut.height, gradOut.width)},
                        {"output", shapeText(plan.channels, plan.outHeight, plan.outWidth)}});
}

// Zeroes the input gradient and runs scatter(c, y0, y1) over output rows. Each output row's
// window covers input rows [y·s − pad, y·s − pad + span); when the stride is at least the
// span, windows of different output rows never share an input row, so bands of rows run at
// once, each zeroing its own input rows just before it adds to them (while they are in the
// cache). Otherwise a channel is one task, and its rows are added in PyTorch's order.
template <class Scatter>
void scatterRows(const PoolPlan& plan, Tensor& gradInput, Scatter scatter) {
    const std::int64_t span = effectiveKernel(plan.rows.kernel, plan.rows.dilation);
    const int oh = plan.outHeight;
    const std::int64_t height = plan.rows.input;
    const bool apart = plan.rows.stride >= span;
    const int bandRows = apart ? 32 : oh;
    const int bands = (oh + bandRows - 1) / bandRows;
    // Every window's cells are visited and every input cell is zeroed.
    const double work =
        static_cast<double>(plan.channels) *
        (static_cast<double>(oh) * plan.outWidth * static_cast<double>(plan.rows.kernel * plan.cols.kernel) +
         static_cast<double>(height) * static_cast<double>(plan.cols.input));
    parallelFor(plan.channels * bands, threadsFor(work), [&](int task, int) {
        const int c = task / bands;
        const int y0 = task % bands * bandRows;
        const int y1 = std::min(oh, y0 + bandRows);
        // The input rows this band's windows reach (the bands' rows tile the input).
        auto rowOf = [&](int y) {
            return std::clamp<std::int64_t>(y * plan.rows.stride - plan.rows.padBefore, 0, height);
        };
        const std::int64_t r0 = y0 == 0 ? 0 : rowOf(y0);
        const std::int64_t r1 = y1 == oh ? height : rowOf(y1);
        float* plane = gradInput.plane(c);
        std::fill(plane + r0 * plan.cols.input, plane + r1 * plan.cols.input, 0.0f);
        scatter(c, y0, y1);
    });
}

// in[winners[k]] += g[k] for k in [begin, end), in k's order (PyTorch's, which matters where
// windows overlap). The winners and gradients are read a block at a time before any of the
// block's adds: in a plain loop each store is followed by the load of an index a few cells on,
// and when the two addresses are equal modulo 4 KiB (at stride 2 they advance at the same
// byte rate, so for some placements of the buffers it happens on every cell) the load waits
// for the store. That made the scatter 3.5× slower for unlucky buffer addresses.
void addAtWinners(float* in, const std::int64_t* winners, const float* g, std::size_t begin, std::size_t end) {
    constexpr std::size_t block = 64;
    std::size_t k = begin;
    for (; k + block <= end; k += block) {
        std::int64_t at[block];
        float value[block];
        for (std::size_t j = 0; j < block; ++j) {
            at[j] = winners[k + j];
            value[j] = g[k + j];
        }
        for (std::size_t j = 0; j < block; ++j) in[at[j]] += value[j];
    }
    for (; k < end; ++k) in[winners[k]] += g[k];
}

}  // namespace

Status maxPool2dBackwardInto(const PoolOutput& forward, const Tensor& gradOut, int height, int width,
                             const PoolParams& params, Tensor& gradInput) {
    auto plan = planPool(gradOut.channels, height, width, params);
    if (!plan) return plan.error();
    if (auto s = checkGradient(*plan, gradOut); !s) return s;
    gradInput.reshape(plan->channels, height, width);
    const std::size_t outPlane = gradOut.planeSize();
    scatterRows(*plan, gradInput, [&](int c, int y0, int y1) {
        float* in = gradInput.plane(c);
        const float* g = gradOut.plane(c);
        const std::int64_t* winners = forward.indices.data() + static_cast<std::size_t>(c) * outPlane;
        addAtWinners(in, winners, g, static_cast<std::size_t>(y0) * gradOut.width,
                     static_cast<std::size_t>(y1) * gradOut.width);
    });
    return Ok{};
}

Status avgPool2dBackwardInto(const Tensor& gradOut, int height, int width, const PoolParams& params,
                             Tensor& gradInput) {
    auto plan = planPool(gradOut.channels, height, width, params);
    if (!plan) return plan.error();
    if (auto s = checkGradient(*plan, gradOut); !s) return s;
    gradInput.reshape(plan->channels, height, width);
    scatterRows(*plan, gradInput, [&](int c, int y0, int y1) {
        float* in = gradInput.plane(c);
        const float* g = gradOut.plane(c);
        for (int y = y0; y < y1; ++y) {
            const AxisSpan rs = poolSpan(plan->rows, y);
            for (int x = 0; x < gradOut.width; ++x) {
                const AxisSpan cs = poolSpan(plan->cols, x);
                const std::int64_t divisor = avgDivisor(*plan, params, y, x).divisor;
                if (divisor == 0) continue;  // a window with no input cell: nothing to spread over
                // PyTorch divides the gradient once, then adds the quotient to every cell.
                const float share = g[static_cast<std::size_t>(y) * gradOut.width + x] / static_cast<float>(divisor);
                for (std::int64_t r = rs.start; r < rs.end; ++r)
                    for (std::int64_t q = cs.start; q < cs.end; ++q) in[r * width + q] += share;
            }
        }
    });
    return Ok{};
}

}  // namespace convscope::core
