#pragma once
// Edits of the stack's structure: stages and filters added or removed, and the channel
// counts kept consistent. conformStack() runs once per frame after every panel, lesson and
// file has had its say, so a picture turning RGB, a session or a lesson never leaves a
// kernel with the wrong number of input channels or a selection pointing nowhere.
#include "state.hpp"

namespace convscope::gui {

// Every stage's kernel gets as many input channels as the map flowing into it has (new
// slices copy slice 0; extra ones are dropped), every bias as many values as filters, and
// the selection is moved back inside the stack.
void conformStack(ComputeInputs& c);

// A new last stage: a 3×3 conv with as many filters as the stage before it has, ReLU, and
// 2×2 max pooling. Returns false at core::kMaxStages.
bool addStage(ComputeInputs& c);
// Removes the selected stage (never the only one).
bool removeStage(ComputeInputs& c);

// A new filter on the selected stage, from the next edge preset (so the maps differ) when
// the kernel is 3×3, else a copy of the selected filter; its bias 0. False at kMaxFilters.
bool addFilter(ComputeInputs& c);
// Removes the selected filter of the selected stage (never the only one).
bool removeFilter(ComputeInputs& c);

// The KH×KW slice of filter f, input channel ch, as a pointer into the weights.
inline std::size_t sliceOffset(const core::Weights& w, int f, int ch) {
    return (static_cast<std::size_t>(f) * static_cast<std::size_t>(w.inChannels) + static_cast<std::size_t>(ch)) *
           static_cast<std::size_t>(w.height) * static_cast<std::size_t>(w.width);
}
inline float* kernelSlice(core::Weights& w, int f, int ch) {
    return w.data.data() + sliceOffset(w, f, ch);
}
inline const float* kernelSlice(const core::Weights& w, int f, int ch) {
    return w.data.data() + sliceOffset(w, f, ch);
}

}  // namespace convscope::gui
