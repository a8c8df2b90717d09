#include "playback.hpp"

#include <algorithm>
#include <cmath>

#include "backward_walk.hpp"
#include "transposed_walk.hpp"

namespace convscope::gui {

std::int64_t convSteps(const PipelineResult& r) {
    // A lone pooling has no map of its own before the pool: its walk is the pooling's alone.
    const bool ownMap = r.block.conv >= 0 || r.block.activation >= 0;
    return r.hasConv && ownMap ? std::int64_t{r.conv().height} * r.conv().width : 0;
}

std::int64_t totalSteps(const PipelineResult& r, TransposedMode mode) {
    if (transposedLayer(r)) return transposedSteps(r, mode);
    const std::int64_t pool = r.hasPool ? std::int64_t{r.pool().values.height} * r.pool().values.width : 0;
    return convSteps(r) + pool;
}

StepPosition positionOf(const PipelineResult& r, std::int64_t step, TransposedMode mode) {
    if (transposedLayer(r)) {
        const TransposedCell at = transposedCellAt(r, mode, step);
        return {mode == TransposedMode::Equivalent ? Stage::Conv : Stage::Scatter, at.row, at.col};
    }
    const std::int64_t n = convSteps(r);
    if (step < n || !r.hasPool) {
        const int w = std::max(1, r.conv().width);
        return {Stage::Conv, static_cast<int>(step / w), static_cast<int>(step % w)};
    }
    const int w = std::max(1, r.pool().values.width);
    return {Stage::Pool, static_cast<int>((step - n) / w), static_cast<int>((step - n) % w)};
}

void clampStep(PlaybackState& p, const PipelineResult& r, TransposedMode mode) {
    p.step = std::clamp<std::int64_t>(p.step, 0, std::max<std::int64_t>(0, walkLength(p, r, mode) - 1));
}

void advance(PlaybackState& p, const PipelineResult& r, double dt, TransposedMode mode) {
    if (!p.playing) return;
    const std::int64_t total = walkLength(p, r, mode);
    if (total <= 0) return;
    p.accumulator += dt * static_cast<double>(p.speed);
    const auto whole = static_cast<std::int64_t>(std::floor(p.accumulator));
    p.accumulator -= static_cast<double>(whole);
    p.step = (p.step + whole) % total;
}

void stepBy(PlaybackState& p, const PipelineResult& r, std::int64_t delta, TransposedMode mode) {
    const std::int64_t total = walkLength(p, r, mode);
    if (total <= 0) return;
    p.step = std::clamp<std::int64_t>(p.step + delta, 0, total - 1);
    p.accumulator = 0.0;
}

Reveal revealAt(const PlaybackState& p, const PipelineResult& r, TransposedMode mode) {
    if (transposedLayer(r)) {
        if (p.showWholeMap) return {0, 0, -1, -1};
        if (mode == TransposedMode::Equivalent) return {0, 0, p.step + 1, -1};
        return {0, 0, -1, p.step + 1};
    }
    const std::int64_t convAll = convSteps(r);
    const std::int64_t poolAll = totalSteps(r) - convAll;
    if (p.showWholeMap) return {convAll, poolAll};
    if (p.step < convAll) return {p.step + 1, 0};
    return {convAll, p.step - convAll + 1};
}

}  // namespace convscope::gui
