#include "canvas.hpp"

#include "../logic/padded_view.hpp"
#include "theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace convscope::gui {

void formatCell(float v, char* buf, std::size_t size) {
    if (std::isnan(v))
        std::snprintf(buf, size, "NaN");
    else if (std::isinf(v))
        std::snprintf(buf, size, v > 0 ? "inf" : "-inf");
    else if (v == std::round(v) && std::fabs(v) < 1e5f)
        std::snprintf(buf, size, "%d", static_cast<int>(v));
    else
        std::snprintf(buf, size, "%.3g", static_cast<double>(v));
}

namespace {

// The number grid cell (r, q) shows: the map's, or in the padding what the conv reads there.
float cellValue(const CanvasContent& c, int r, int q) {
    const int mapH = c.height - c.padTop - c.padBottom, mapW = c.width - c.padLeft - c.padRight;
    return paddedCell(c.values, mapH, mapW, c.padTop, c.padLeft, c.padMode, r, q);
}

void hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour) {
    if (b.x <= a.x || b.y <= a.y) return;
    dl->AddRectFilled(a, b, IM_COL32(255, 200, 60, 40));
    dl->PushClipRect(a, b, true);
    const float step = 7.0f;
    for (float x = a.x - (b.y - a.y); x < b.x; x += step) dl->AddLine({x, b.y}, {x + (b.y - a.y), a.y}, colour, 1.0f);
    dl->PopClipRect();
}

}  // namespace

CanvasHit drawCanvas(const char* id, const CanvasContent& c, CanvasView& view, ImVec2 size) {
    CanvasHit hit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    size.x = std::max(size.x, 16.0f);
    size.y = std::max(size.y, 16.0f);
    ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 end{origin.x + size.x, origin.y + size.y};
    dl->AddRectFilled(origin, end, palette().canvas);
    if (!c.texture || c.height <= 0 || c.width <= 0) return hit;

    // Fit, then zoom and pan. The map's centre sits at the box centre plus the pan.
    const float fit = std::min(size.x / static_cast<float>(c.width), size.y / static_cast<float>(c.height));
    const ImVec2 centre{origin.x + size.x * 0.5f, origin.y + size.y * 0.5f};
    ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseWheel != 0.0f) {
        const float newZoom = std::clamp(view.zoom * std::pow(1.2f, io.MouseWheel), 0.25f, 256.0f);
        // Keep the map point under the pointer fixed while the scale changes.
        const float k = newZoom / view.zoom;
        const ImVec2 rel{io.MousePos.x - (centre.x + view.pan.x), io.MousePos.y - (centre.y + view.pan.y)};
        view.pan.x -= rel.x * (k - 1.0f);
        view.pan.y -= rel.y * (k - 1.0f);
        view.zoom = newZoom;
    }
    const float cell = fit * view.zoom;
    const ImVec2 mapSize{cell * static_cast<float>(c.width), cell * static_cast<float>(c.height)};
    const ImVec2 p0{centre.x + view.pan.x - mapSize.x * 0.5f, centre.y + view.pan.y - mapSize.y * 0.5f};
    if (ImGui::IsItemActivated()) view.dragged = false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
        view.pan.x += io.MouseDelta.x;
        view.pan.y += io.MouseDelta.y;
        view.dragged = true;
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) view = CanvasView{};

    dl->PushClipRect(origin, end, true);
    const ImVec2 p1{p0.x + mapSize.x, p0.y + mapSize.y};
    c.texture->draw(dl, p0, p1, c.scale, c.reveal, GridFrame{c.padTop, c.padLeft, c.height, c.width, c.padMode});

    auto cellMin = [&](int r, int q) {
        return ImVec2{p0.x + cell * static_cast<float>(q), p0.y + cell * static_cast<float>(r)};
    };
    auto cellMax = [&](int r, int q) {
        return ImVec2{p0.x + cell * static_cast<float>(q + 1), p0.y + cell * static_cast<float>(r + 1)};
    };

    // Padding bands.
    const ImU32 hatchColour = IM_COL32(255, 190, 60, 150);
    hatch(dl, cellMin(0, 0), cellMax(c.padTop - 1, c.width - 1), hatchColour);
    hatch(dl, cellMin(c.height - c.padBottom, 0), cellMax(c.height - 1, c.width - 1), hatchColour);
    hatch(dl, cellMin(c.padTop, 0), cellMax(c.height - c.padBottom - 1, c.padLeft - 1), hatchColour);
    hatch(dl, cellMin(c.padTop, c.width - c.padRight), cellMax(c.height - c.padBottom - 1, c.width - 1), hatchColour);
    if (c.padTop + c.padBottom + c.padLeft + c.padRight > 0)
        dl->AddRect(cellMin(c.padTop, c.padLeft), cellMax(c.height - c.padBottom - 1, c.width - c.padRight - 1),
                    IM_COL32(255, 190, 60, 255), 0.0f, 0, 2.0f);

    // Rows/cols no window reads.
    for (int r : c.shadedRows) dl->AddRectFilled(cellMin(r, 0), cellMax(r, c.width - 1), IM_COL32(0, 0, 0, 150));
    for (int q : c.shadedCols) dl->AddRectFilled(cellMin(0, q), cellMax(c.height - 1, q), IM_COL32(0, 0, 0, 150));

    if (c.showGrid && cell >= 6.0f) {
        const ImU32 line = IM_COL32(0, 0, 0, 90);
        for (int r = 0; r <= c.height; ++r)
            dl->AddLine({p0.x, p0.y + cell * static_cast<float>(r)}, {p1.x, p0.y + cell * static_cast<float>(r)}, line);
        for (int q = 0; q <= c.width; ++q)
            dl->AddLine({p0.x + cell * static_cast<float>(q), p0.y}, {p0.x + cell * static_cast<float>(q), p1.y}, line);
    }

    for (const CellMark& m : c.marks) {
        if (m.fill) dl->AddRectFilled(cellMin(m.row, m.col), cellMax(m.row, m.col), m.fill);
        if (m.outline) dl->AddRect(cellMin(m.row, m.col), cellMax(m.row, m.col), m.outline, 0.0f, 0, m.thickness);
    }

    // Numbers, only where they fit, only for visible and revealed cells.
    if (c.showNumbers && c.values && cell >= 18.0f) {
        ImFont* font = ImGui::GetFont();
        const float fontSize = std::min(ImGui::GetFontSize() * std::clamp(cell / 44.0f, 0.8f, 1.6f), cell * 0.55f);
        const int r0 = std::max(0, static_cast<int>((origin.y - p0.y) / cell));
        const int r1 = std::min(c.height - 1, static_cast<int>((end.y - p0.y) / cell));
        const int q0 = std::max(0, static_cast<int>((origin.x - p0.x) / cell));
        const int q1 = std::min(c.width - 1, static_cast<int>((end.x - p0.x) / cell));
        char buf[32];
        for (int r = r0; r <= r1; ++r)
            for (int q = q0; q <= q1; ++q) {
                const std::int64_t index = std::int64_t{r} * c.width + q;
                if (c.reveal >= 0 && index >= c.reveal) continue;
                const float v = cellValue(c, r, q);
                formatCell(v, buf, sizeof buf);
                const ImVec2 ts = font->CalcTextSizeA(fontSize, FLT_MAX, 0.0f, buf);
                if (ts.x > cell - 2.0f) continue;
                const ImVec2 a = cellMin(r, q);
                dl->AddText(font, fontSize, {a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f},
                            c.scale.darkAt(v) ? IM_COL32(255, 255, 255, 255) : IM_COL32(10, 10, 10, 255), buf);
            }
    }
    dl->PopClipRect();

    if (hovered) {
        const float fx = (io.MousePos.x - p0.x) / cell;
        const float fy = (io.MousePos.y - p0.y) / cell;
        if (fx >= 0 && fy >= 0 && fx < static_cast<float>(c.width) && fy < static_cast<float>(c.height)) {
            hit.hovered = true;
            hit.row = static_cast<int>(fy);
            hit.col = static_cast<int>(fx);
            dl->AddRect(cellMin(hit.row, hit.col), cellMax(hit.row, hit.col), IM_COL32(255, 255, 255, 220), 0, 0, 1.5f);
        }
    }
    hit.clicked = hit.hovered && ImGui::IsItemDeactivated() && !view.dragged;
    return hit;
}

}  // namespace convscope::gui
