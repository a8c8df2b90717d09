#pragma once
// The sliding window's walk: first over every conv output position (row-major), then over
// every pooled position. One step index covers both, so the scrubber, the arrow keys and
// the animation share one number.
#include <cstdint>

#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

enum class Stage { Conv, Pool };

struct StepPosition {
    Stage stage = Stage::Conv;
    int row = 0;
    int col = 0;
};

std::int64_t convSteps(const PipelineResult& r);
std::int64_t totalSteps(const PipelineResult& r);
StepPosition positionOf(const PipelineResult& r, std::int64_t step);

// These four walk the backward pass's steps in the backward pass (backward_walk.hpp).
// Keeps the step inside the current range (after the output size changed).
void clampStep(PlaybackState& p, const PipelineResult& r);
// Advances by dt seconds at the playback speed, wrapping at the end; no-op when paused.
void advance(PlaybackState& p, const PipelineResult& r, double dt);
void stepBy(PlaybackState& p, const PipelineResult& r, std::int64_t delta);

// How many cells of each map are revealed at this step (progressive fill).
struct Reveal {
    std::int64_t conv = 0;
    std::int64_t pool = 0;
};
Reveal revealAt(const PlaybackState& p, const PipelineResult& r);

}  // namespace convscope::gui
