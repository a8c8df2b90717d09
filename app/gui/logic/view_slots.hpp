#pragma once
// What the views show, as data: the selected block's maps, one slot each, left to right.
// Each layer kind names the maps it contributes (mapsOf); a block strings its layers' maps
// together. A kind with maps of its own (a transposed conv's scatter, a gradient) adds a View,
// its entry in mapsOf and a way to draw it (views_panel.cpp) — the columns, textures, colour
// scales, zoom and export follow from the slot list.
#include <optional>
#include <string_view>
#include <vector>

#include "block.hpp"
#include "convscope/core/layers/layer.hpp"
#include "state.hpp"

namespace convscope::gui {

struct ViewSlot {
    View view = View::None;
    int layer = -1;       // the layer whose map it is (for Input: the block's first layer reads it)
    float weight = 0.0f;  // its share of the views' width
    bool operator==(const ViewSlot&) const = default;
};

// The maps `layer` adds to its block; `leads`: it is the block's first layer, so it also
// brings the map it reads. A conv: its padded input, its kernel, its output. An activation
// after a conv changes the conv's map in place (the view is titled "· ReLU") and adds none.
std::vector<View> mapsOf(const core::Layer& layer, bool leads);

// The block's slots in drawing order; in the backward pass each map's gradient takes its place
// (input → ∂L/∂input, kernel → ∂L/∂kernel, conv → ∂L/∂conv, pool → ∂L/∂pool).
std::vector<ViewSlot> viewSlots(const Block& block, const std::vector<core::Layer>& layers, Pass pass = Pass::Forward);
View gradientOf(View view);

// The difference view (a reference loaded for `layer`, reference_diff.hpp): drawn after the
// block's maps when that layer belongs to the block.
ViewSlot diffSlot(int layer);

// The names sessions, lessons and the CLI use for a view ("input", "kernel", "conv", "pool",
// "conv_transpose").
std::string_view viewName(View view);
std::optional<View> parseViewName(std::string_view name);

}  // namespace convscope::gui
