#pragma once
// The sliding window's walk: first over every conv output position (row-major), then over
// every pooled position. One step index covers both, so the scrubber, the arrow keys and
// the animation share one number. A transposed block walks its own way, which `mode` (the
// Transposed tab's) picks: over its input cells (the scatter, Stage::Scatter) or over its
// output cells (the equivalent convolution, Stage::Conv); see transposed_walk.hpp.
#include <cstdint>

#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

enum class Stage { Conv, Pool, Scatter };

struct StepPosition {
    Stage stage = Stage::Conv;
    int row = 0;
    int col = 0;
};

std::int64_t convSteps(const PipelineResult& r);
std::int64_t totalSteps(const PipelineResult& r, TransposedMode mode = TransposedMode::Scatter);
StepPosition positionOf(const PipelineResult& r, std::int64_t step, TransposedMode mode = TransposedMode::Scatter);

// These four walk the backward pass's steps in the backward pass (backward_walk.hpp).
// Keeps the step inside the current range (after the output size changed).
void clampStep(PlaybackState& p, const PipelineResult& r, TransposedMode mode = TransposedMode::Scatter);
// Advances by dt seconds at the playback speed, wrapping at the end; no-op when paused.
void advance(PlaybackState& p, const PipelineResult& r, double dt, TransposedMode mode = TransposedMode::Scatter);
void stepBy(PlaybackState& p, const PipelineResult& r, std::int64_t delta,
            TransposedMode mode = TransposedMode::Scatter);

// How many cells of each map are revealed at this step (progressive fill).
struct Reveal {
    std::int64_t conv = 0;
    std::int64_t pool = 0;
    // A transposed block's output: cells revealed by the equivalent walk, and input cells
    // stamped so far by the scatter (the view shows the partial sums); −1: all.
    std::int64_t transposed = -1;
    std::int64_t stamps = -1;
};
Reveal revealAt(const PlaybackState& p, const PipelineResult& r, TransposedMode mode = TransposedMode::Scatter);

}  // namespace convscope::gui
