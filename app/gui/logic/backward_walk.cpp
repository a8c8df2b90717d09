#include "backward_walk.hpp"

#include <algorithm>

#include "convscope/core/conv.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/trace.hpp"
#include "playback.hpp"

namespace convscope::gui {

namespace {

// The gradient arriving at the block's pooling (its pooled view's map).
const core::Tensor& pooledGradient(const PipelineResult& r) {
    return r.grads.atOutput(r.block.pool);
}

int pooledPlane(const PipelineResult& r) {
    return std::clamp(r.convInputs.selected.filter, 0, std::max(0, pooledGradient(r).channels - 1));
}

}  // namespace

bool walksBackward(const PipelineResult& r) {
    return r.hasConv && r.hasGrads && r.convInputs.gradient.pass == Pass::Backward &&
           r.block.last < static_cast<int>(r.grads.layers.size());
}

bool hasWalk(const PipelineResult& r, BackwardWalk walk) {
    if (!walksBackward(r)) return false;
    return walk == BackwardWalk::Pooling ? r.block.pool >= 0 && r.hasPool : r.block.conv >= 0;
}

BackwardWalk walkOf(const PlaybackState& p, const PipelineResult& r) {
    if (hasWalk(r, p.walk)) return p.walk;
    for (BackwardWalk w : {BackwardWalk::WeightGradient, BackwardWalk::InputGradient, BackwardWalk::Pooling})
        if (hasWalk(r, w)) return w;
    return p.walk;
}

std::int64_t backwardSteps(const PipelineResult& r, BackwardWalk walk) {
    if (!hasWalk(r, walk)) return 0;
    switch (walk) {
        case BackwardWalk::WeightGradient: {
            const core::Weights& k = r.convInputs.conv()->weights;
            return std::int64_t{k.height} * k.width;
        }
        case BackwardWalk::InputGradient: {
            // Every filter of the shown channel's group stamps onto it.
            const core::Tensor& g = r.grads.atOutput(r.block.conv);
            const int perGroupOut = r.convInputs.conv()->weights.outChannels / r.convParams.groups;
            return std::int64_t{perGroupOut} * g.height * g.width;
        }
        case BackwardWalk::Pooling: {
            const core::Tensor& g = pooledGradient(r);
            return std::int64_t{g.height} * g.width;
        }
    }
    return 0;
}

std::int64_t walkLength(const PlaybackState& p, const PipelineResult& r, TransposedMode mode) {
    return walksBackward(r) ? backwardSteps(r, walkOf(p, r)) : totalSteps(r, mode);
}

View builtView(BackwardWalk walk) {
    switch (walk) {
        case BackwardWalk::WeightGradient: return View::GradKernel;
        case BackwardWalk::InputGradient: return View::GradInput;
        case BackwardWalk::Pooling: return View::GradConv;
    }
    return View::None;
}

BackwardStep backwardStepAt(const PipelineResult& r, BackwardWalk walk, std::int64_t step) {
    BackwardStep s;
    s.walk = walk;
    s.filter = r.convInputs.selected.filter;
    const std::int64_t total = backwardSteps(r, walk);
    if (total <= 0) return s;
    step = std::clamp<std::int64_t>(step, 0, total - 1);
    const auto& rows = r.convPlan.rows;
    const auto& cols = r.convPlan.cols;
    switch (walk) {
        case BackwardWalk::WeightGradient: {
            const core::Weights& k = r.convInputs.conv()->weights;
            s.m = static_cast<int>(step / k.width);
            s.n = static_cast<int>(step % k.width);
            const core::Tensor& g = r.grads.atOutput(r.block.conv);
            for (int i = 0; i < g.height; ++i)
                for (int j = 0; j < g.width; ++j)
                    s.inputCells.push_back({static_cast<int>(core::tapIndex(rows, i, s.m) + rows.padBefore),
                                            static_cast<int>(core::tapIndex(cols, j, s.n) + cols.padBefore)});
            break;
        }
        case BackwardWalk::InputGradient: {
            const core::Weights& k = r.convInputs.conv()->weights;
            const core::Tensor& g = r.grads.atOutput(r.block.conv);
            const int channel = r.inputChannel();
            const int perGroupIn = k.inChannels;
            const int perGroupOut = k.outChannels / r.convParams.groups;
            const std::int64_t cells = std::int64_t{g.height} * g.width;
            s.filter = channel / perGroupIn * perGroupOut + static_cast<int>(step / cells);
            s.out = {static_cast<int>(step % cells / g.width), static_cast<int>(step % cells % g.width)};
            s.gradient = g.at(s.filter, s.out.row, s.out.col);
            for (int m = 0; m < k.height; ++m)
                for (int n = 0; n < k.width; ++n) {
                    // The padded cell tap (m, n) of this output read, and the input cell it copies.
                    const auto y = core::sourceIndex(core::tapIndex(rows, s.out.row, m), rows.input, r.convParams.mode);
                    const auto x = core::sourceIndex(core::tapIndex(cols, s.out.col, n), cols.input, r.convParams.mode);
                    if (y < 0 || x < 0) continue;
                    const float w = k.at(s.filter, channel % perGroupIn, m, n);
                    s.stamps.push_back({{static_cast<int>(y), static_cast<int>(x)}, w * s.gradient});
                    s.kernel.push_back(w);
                    s.taps.push_back({m, n});
                }
            break;
        }
        case BackwardWalk::Pooling: {
            const core::Tensor& g = pooledGradient(r);
            s.filter = pooledPlane(r);
            s.out = {static_cast<int>(step / g.width), static_cast<int>(step % g.width)};
            s.gradient = g.at(s.filter, s.out.row, s.out.col);
            auto t = core::tracePool(r.activated(), r.poolParams, s.filter, s.out.row, s.out.col);
            if (!t) break;
            const core::Activation* activation = r.convInputs.activation();
            const auto slopeAt = [&](const core::PoolTap& tap) {
                return activation ? core::activationSlope(r.conv().at(s.filter, tap.row, tap.col), *activation) : 1.0f;
            };
            if (t->mode == core::PoolMode::Max) {
                if (t->winner < 0) break;
                const core::PoolTap& w = t->taps[static_cast<std::size_t>(t->winner)];
                s.slope = slopeAt(w);
                s.stamps.push_back({{w.row, w.col}, s.gradient * s.slope});
                s.winner = 0;
            } else {
                s.divisor = t->divisor.divisor;
                for (const core::PoolTap& tap : t->taps)
                    if (tap.cell == core::PoolCell::Input)
                        s.stamps.push_back(
                            {{tap.row, tap.col}, s.gradient / static_cast<float>(s.divisor) * slopeAt(tap)});
            }
            break;
        }
    }
    return s;
}

void partialGradient(const PipelineResult& r, BackwardWalk walk, std::int64_t step, std::vector<float>& out) {
    out.clear();
    if (walk == BackwardWalk::WeightGradient || !hasWalk(r, walk)) return;
    const core::Tensor& shape = walk == BackwardWalk::InputGradient ? r.stageInput() : r.activated();
    out.assign(static_cast<std::size_t>(shape.height) * static_cast<std::size_t>(shape.width), 0.0f);
    const std::int64_t last = std::min(step, backwardSteps(r, walk) - 1);
    for (std::int64_t k = 0; k <= last; ++k)
        for (const Stamp& st : backwardStepAt(r, walk, k).stamps)
            out[static_cast<std::size_t>(st.at.row) * static_cast<std::size_t>(shape.width) +
                static_cast<std::size_t>(st.at.col)] += st.added;
}

}  // namespace convscope::gui
