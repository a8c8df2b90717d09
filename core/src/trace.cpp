#include "convscope/core/trace.hpp"

#include <cmath>
#include <limits>

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

Status checkPosition(int channels, int height, int width, int channel, int row, int col) {
    if (channel < 0 || channel >= channels)
        return engineError(ErrorId::ChannelOutside, "channel",
                           {{"channel", num(channel)}, {"channels", num(channels)}, {"last", num(channels - 1)}});
    if (row < 0 || row >= height || col < 0 || col >= width)
        return engineError(ErrorId::PositionOutside, "at",
                           {{"row", num(row)},
                            {"col", num(col)},
                            {"height", num(height)},
                            {"width", num(width)},
                            {"last_row", num(height - 1)},
                            {"last_col", num(width - 1)}});
    return Ok{};
}

Status checkTapCount(std::int64_t taps, const std::string& what) {
    if (taps <= kMaxTraceTaps) return Ok{};
    return engineError(ErrorId::TraceTooLarge, what,
                       {{"what", what}, {"taps", num(taps)}, {"limit", num(kMaxTraceTaps)}});
}

}  // namespace

Result<ConvTrace> traceConv(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                            const ConvParams& params, int outChannel, int outRow, int outCol) {
    auto plan = planConv(input.channels, input.height, input.width, weights, &bias, params);
    if (!plan) return plan.error();
    if (auto s = checkPosition(plan->outChannels, plan->outHeight, plan->outWidth, outChannel, outRow, outCol); !s)
        return s.error();
    if (auto s = checkTapCount(std::int64_t{weights.inChannels} * weights.height * weights.width, "kernel"); !s)
        return s.error();
    // With groups the filter reads only its group's input channels.
    const int firstChannel = outChannel / (weights.outChannels / params.groups) * weights.inChannels;

    ConvTrace t;
    t.outChannel = outChannel;
    t.outRow = outRow;
    t.outCol = outCol;
    t.hasBias = !bias.empty();
    t.bias = t.hasBias ? bias[static_cast<std::size_t>(outChannel)] : 0.0f;
    double sum = 0.0;
    for (int c = firstChannel; c < firstChannel + weights.inChannels; ++c)
        for (int m = 0; m < weights.height; ++m)
            for (int n = 0; n < weights.width; ++n) {
                ConvTap tap;
                tap.channel = c;
                tap.m = m;
                tap.n = n;
                tap.row = static_cast<int>(tapIndex(plan->rows, outRow, m));
                tap.col = static_cast<int>(tapIndex(plan->cols, outCol, n));
                tap.padding = tap.row < 0 || tap.row >= input.height || tap.col < 0 || tap.col >= input.width;
                const auto sr = sourceIndex(tap.row, input.height, params.mode);
                const auto sc = sourceIndex(tap.col, input.width, params.mode);
                if (sr >= 0 && sc >= 0) {
                    tap.sourceRow = static_cast<int>(sr);
                    tap.sourceCol = static_cast<int>(sc);
                    tap.input = input.at(c, tap.sourceRow, tap.sourceCol);
                }
                tap.weight = weights.at(outChannel, c - firstChannel, m, n);
                tap.product = tap.input * tap.weight;
                sum += static_cast<double>(tap.product);
                t.taps.push_back(tap);
            }
    t.sum = static_cast<float>(sum + static_cast<double>(t.bias));
    return t;
}

std::vector<float> channelSums(const ConvTrace& trace) {
    std::vector<double> sums;
    for (const ConvTap& tap : trace.taps) {
        // Taps come channel by channel, so a new channel starts a new sum.
        if (sums.empty() || tap.channel != trace.taps[0].channel + static_cast<int>(sums.size()) - 1)
            sums.push_back(0.0);
        sums.back() += static_cast<double>(tap.product);
    }
    return {sums.begin(), sums.end()};
}

Result<PoolTrace> tracePool(const Tensor& input, const PoolParams& params, int channel, int outRow, int outCol) {
    auto plan = planPool(input.channels, input.height, input.width, params);
    if (!plan) return plan.error();
    if (auto s = checkPosition(plan->channels, plan->outHeight, plan->outWidth, channel, outRow, outCol); !s)
        return s.error();
    if (auto s = checkTapCount(std::int64_t{params.windowH} * params.windowW, "window"); !s) return s.error();

    PoolTrace t;
    t.mode = params.mode;
    t.channel = channel;
    t.outRow = outRow;
    t.outCol = outCol;
    const AxisWindow& rw = plan->rows;
    const AxisWindow& cw = plan->cols;
    auto cellKind = [](const AxisWindow& w, std::int64_t i) {
        if (i >= 0 && i < w.input) return PoolCell::Input;
        if (i >= -w.padBefore && i < w.input + w.padAfter) return PoolCell::Padding;
        return PoolCell::Outside;
    };
    for (int a = 0; a < params.windowH; ++a)
        for (int b = 0; b < params.windowW; ++b) {
            PoolTap tap;
            tap.wr = a;
            tap.wc = b;
            tap.row = static_cast<int>(tapIndex(rw, outRow, a));
            tap.col = static_cast<int>(tapIndex(cw, outCol, b));
            const PoolCell rk = cellKind(rw, tap.row);
            const PoolCell ck = cellKind(cw, tap.col);
            tap.cell = (rk == PoolCell::Outside || ck == PoolCell::Outside)   ? PoolCell::Outside
                       : (rk == PoolCell::Padding || ck == PoolCell::Padding) ? PoolCell::Padding
                                                                              : PoolCell::Input;
            if (tap.cell == PoolCell::Input) tap.value = input.at(channel, tap.row, tap.col);
            t.taps.push_back(tap);
        }

    if (params.mode == PoolMode::Max) {
        // Same scan as pool2d: row-major over the input cells, '>' keeps the first of equal
        // maxima, a NaN always takes over.
        float best = -std::numeric_limits<float>::infinity();
        const AxisSpan rs = poolSpan(rw, outRow);
        const AxisSpan cs = poolSpan(cw, outCol);
        t.winnerFlatIndex = rs.start * input.width + cs.start;
        for (std::size_t i = 0; i < t.taps.size(); ++i) {
            const PoolTap& tap = t.taps[i];
            if (tap.cell != PoolCell::Input) continue;
            if (tap.value > best || std::isnan(tap.value)) {
                best = tap.value;
                t.winner = static_cast<int>(i);
                t.winnerFlatIndex = std::int64_t{tap.row} * input.width + tap.col;
            }
        }
        t.result = best;
    } else {
        t.divisor = avgDivisor(*plan, params, outRow, outCol);
        t.rule = params.countIncludePad ? DivisorRule::IncludePad : DivisorRule::ExcludePad;
        float sum = 0.0f;  // float, in row-major order, as PyTorch accumulates
        for (const PoolTap& tap : t.taps)
            if (tap.cell == PoolCell::Input) sum += tap.value;
        t.sum = sum;
        t.result = t.divisor.inputCells == 0 ? 0.0f : sum / static_cast<float>(t.divisor.divisor);
    }
    return t;
}

}  // namespace convscope::core
