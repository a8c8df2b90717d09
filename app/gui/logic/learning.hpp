#pragma once
// The learn mode's loop, run once a frame on the UI thread: it hands chunks of SGD steps to
// the pipeline's worker (never runs them here), and takes back the layers and losses they
// give, so the kernel and the output views converge live while frames stay smooth.
#include <cstdint>

#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

// Work per chunk: a frame's worth, so the views show every few steps.
inline constexpr double kLearnChunkMs = 12.0;

// Applies a finished chunk (unless the person edited the stack meanwhile: their edit wins)
// and asks for the next while running or while Step has steps to do.
void driveLearning(State& state, Pipeline& pipeline);

// Every layer's weights and bias (conv and transposed conv) set to zeros, or to random values
// in ±0.5 (seeded), and the loss curve cleared: the start of a learning run.
void resetWeights(State& state, bool random, std::uint32_t seed);

}  // namespace convscope::gui
