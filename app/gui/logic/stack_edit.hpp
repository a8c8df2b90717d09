#pragma once
// Edits of the stack's structure: layers and filters added or removed, and the channel
// counts kept consistent. conformStack() runs once per frame after every panel, lesson and
// file has had its say, so a picture turning RGB, a session or a lesson never leaves a
// kernel with the wrong number of input channels or a selection pointing nowhere.
#include "state.hpp"

namespace convscope::gui {

// Every conv's kernel gets as many input channels as its group's share of the map flowing
// into it (new slices copy slice 0; extra ones are dropped; a channel count its groups do
// not divide is left for the engine to report), every bias as many values as filters, and
// the selection is moved back inside the stack.
void conformStack(ComputeInputs& c);

// The channels the stack's first conv or transposed conv reads (its slices times its groups)
// when only layers that keep the channel count come before it; 0 when it has none. A new
// picture opens in colour when this is 3, so a trained RGB kernel keeps its three slices.
int channelsRead(const std::vector<core::Layer>& layers);

// The kinds + inserts, in the order the strip offers them.
enum class NewLayer { Conv, ConvTranspose, Relu, LeakyRelu, MaxPool, AvgPool };
inline constexpr NewLayer kNewLayers[] = {NewLayer::Conv,      NewLayer::ConvTranspose, NewLayer::Relu,
                                          NewLayer::LeakyRelu, NewLayer::MaxPool,       NewLayer::AvgPool};

// Inserts a layer of `kind` after the selected one and selects it: a 3×3 conv with as many
// filters as the map has channels (each averaging its own channel, so the maps pass through
// recognisably), an activation, or 2×2 pooling. Returns false at core::kMaxLayers.
bool insertLayer(ComputeInputs& c, NewLayer kind);
// Removes the selected layer (never the only one).
bool removeLayer(ComputeInputs& c);

// Whole stacks to start from, on the current input's channels.
enum class StackPreset {
    Single,              // conv 3×3 → max 2: the default scene's shape
    VggBlock,            // conv 3×3 → ReLU → conv 3×3 → ReLU → max 2
    DepthwiseSeparable,  // depthwise 3×3 (groups = C) → pointwise 1×1 → ReLU
    FullConv,            // the full 3×3 conv it replaces: conv 3×3 (C → 2C) → ReLU
    // An autoencoder's round trip: conv 3×3 stride 2 padding 1 → ReLU → transposed conv 3×3
    // stride 2 padding 1, its output_padding (1 on an even side, 0 on an odd one) bringing the
    // map back to the input's size.
    RoundTrip,
};
inline constexpr StackPreset kStackPresets[] = {StackPreset::Single, StackPreset::VggBlock,
                                                StackPreset::DepthwiseSeparable, StackPreset::FullConv,
                                                StackPreset::RoundTrip};
void applyStackPreset(ComputeInputs& c, StackPreset preset);

// The selected block's activation (none: removed) and pooling (on: a 2×2 max pooling at the
// block's end; off: removed). A block is never left empty: a lone activation or pooling
// stays. The selection keeps pointing at the same layer.
void setBlockActivation(ComputeInputs& c, const core::Activation* activation);
void setBlockPooling(ComputeInputs& c, bool on);

// A new filter on the selected block's conv, from the next edge preset (so the maps differ)
// when the kernel is 3×3, else a copy of the selected filter; its bias 0. False at kMaxFilters.
bool addFilter(ComputeInputs& c);
// Removes the selected filter of the selected block's conv (never the only one).
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
