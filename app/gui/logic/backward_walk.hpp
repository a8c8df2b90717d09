#pragma once
// The playback in the backward pass: the selected block's gradients computed step by step, as
// the forward playback walks the sliding window. Three walks (PlaybackState::walk):
// - the weight gradient, one kernel tap (m, n) at a time: ∂L/∂K(m,n) pairs every output
//   gradient ∂L/∂Y(i,j) with the input cell X(s·i + d·m, s·j + d·n) it multiplied;
// - the input gradient, one output-gradient cell at a time: ∂L/∂Y(i,j) stamps the kernel back
//   onto the cells its window read (the scatter of the transposed convolution), the stamps
//   adding up to ∂L/∂X;
// - the pooling, one pooled gradient at a time: max pooling sends it to its window's winner,
//   average pooling spreads it over the window with PyTorch's divisor (then the activation's
//   slope, when the block has one, so the stamps add up to the ∂L/∂conv view).
// Every position comes from core's window geometry; the partial maps end equal to core's
// backward pass (the tests check both).
#include <cstdint>
#include <vector>

#include "focus.hpp"
#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

// The backward pass is shown: the playback walks a backward computation.
bool walksBackward(const PipelineResult& r);
// The walk the block can show: the chosen one when it has its layer (a conv for the weight and
// input gradients, a pooling for the pooling), else the first it has.
BackwardWalk walkOf(const PlaybackState& p, const PipelineResult& r);
bool hasWalk(const PipelineResult& r, BackwardWalk walk);
std::int64_t backwardSteps(const PipelineResult& r, BackwardWalk walk);
// The steps the playback walks now: the backward walk's in the backward pass, else the forward's.
std::int64_t walkLength(const PlaybackState& p, const PipelineResult& r, TransposedMode mode = TransposedMode::Scatter);

// One cell a step adds to, and what it adds.
struct Stamp {
    GridPos at;
    float added = 0.0f;
};

struct BackwardStep {
    BackwardWalk walk = BackwardWalk::WeightGradient;
    int filter = 0;  // the filter (the pooled channel) whose gradient the step reads
    // Weight gradient: the tap, and the input cells (padded coordinates, as the input view
    // shows them) each paired with the output gradient at the same (i, j), row-major.
    int m = -1, n = -1;
    std::vector<GridPos> inputCells;
    // Input gradient / pooling: the output-gradient cell (on ∂L/∂Y, or on ∂L/∂pool) …
    GridPos out;
    float gradient = 0.0f;
    // … and what it adds to each cell of ∂L/∂X (unpadded; a padding cell's share goes to the
    // cell it copies, zero padding drops it) or of the map before the pooling. Input gradient:
    // one per kernel tap that lands in the input, in tap order, with its kernel value.
    std::vector<Stamp> stamps;
    std::vector<float> kernel;  // input gradient: K(m,n) of each stamp
    std::vector<GridPos> taps;  // input gradient: (m,n) of each stamp
    int winner = -1;            // max pooling: the stamp index of the winner (−1: none)
    std::int64_t divisor = 1;   // average pooling
    float slope = 1.0f;         // pooling: the activation's slope at the winner (max), 1 without one
};

BackwardStep backwardStepAt(const PipelineResult& r, BackwardWalk walk, std::int64_t step);

// The map the input or pooling walk builds, after steps 0…step: the plane of ∂L/∂X the input
// gradient view shows (the shown input channel), or of the gradient before the pooling (the
// shown filter). Row-major, the view's height × width. Empty for the weight walk.
void partialGradient(const PipelineResult& r, BackwardWalk walk, std::int64_t step, std::vector<float>& out);

// The view the walk builds (its partial map or progressive reveal) and the view its steps read.
View builtView(BackwardWalk walk);

}  // namespace convscope::gui
