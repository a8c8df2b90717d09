#pragma once
// The one feature-map widget behind all four views: the map fitted into its box, zoom
// (wheel, around the pointer) and pan (drag), nearest sampling, grid lines and numbers when
// cells are large enough, padding hatched, never-read rows/cols shaded, and marked cells.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "color_scale.hpp"
#include "map_texture.hpp"

namespace convscope::gui {

struct CanvasView {
    float zoom = 1.0f;  // 1 = the whole map fits
    ImVec2 pan{0.0f, 0.0f};
    bool dragged = false;  // the current press moved: a pan, not a click
};

struct CellMark {
    int row = 0;
    int col = 0;
    ImU32 fill = 0;     // 0: none
    ImU32 outline = 0;  // 0: none
    float thickness = 2.0f;
};

struct CanvasContent {
    const MapTexture* texture = nullptr;
    // The map inside the padding bands, row-major (height − padTop − padBottom) ×
    // (width − padLeft − padRight): for the numbers (the texture holds the same map).
    const float* values = nullptr;
    int height = 0;  // of the grid: the map and its padding
    int width = 0;
    std::int64_t reveal = -1;  // cells shown (row-major), in colour and numbers; −1 all
    ColorScale scale;          // the map's colours and the labels' contrast
    // Padding bands (cells) around the real input, hatched; each padding cell shows what the
    // conv reads there (GridFrame).
    int padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
    core::PaddingMode padMode = core::PaddingMode::Zeros;
    std::vector<int> shadedRows;  // rows/cols no window reads
    std::vector<int> shadedCols;
    std::vector<CellMark> marks;
    bool showNumbers = true;
    bool showGrid = true;
};

struct CanvasHit {
    bool hovered = false;  // pointer over a cell
    int row = -1;
    int col = -1;
    bool clicked = false;  // released without dragging
};

CanvasHit drawCanvas(const char* id, const CanvasContent& content, CanvasView& view, ImVec2 size);

// Compact cell label: integers as integers, otherwise 3 significant digits.
void formatCell(float v, char* buf, std::size_t size);

}  // namespace convscope::gui
