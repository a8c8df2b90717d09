// Why pooling helps: the same layer on the input shifted by (dx, dy), next to a count of how
// many conv values and how many pooled values changed.
#include <cstdio>

#include "../logic/ui_text.hpp"
#include "../render/map_views.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

void drawShiftTab(State& s, const PipelineResult& r, MapViews& maps) {
    ShiftSettings& shift = s.compute.shift;
    Language lang = s.language;
    ImGui::Checkbox(tr(T::ShiftCompare).in(lang), &shift.enabled);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderInt("dx", &shift.dx, -3, 3, "%d", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderInt("dy", &shift.dy, -3, 3, "%d", ImGuiSliderFlags_AlwaysClamp);
    if (!shift.enabled) return;
    if (!r.hasShift) {
        ImGui::TextWrapped("%s", tr(T::ShiftNeedsPool).in(lang));
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text(tr(T::ShiftCounts).in(lang), static_cast<long long>(r.convChanged),
                static_cast<long long>(r.conv().size()), static_cast<long long>(r.poolChanged),
                static_cast<long long>(r.pool().values.size()));
    ImGui::PopTextWrapPos();

    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const float h = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing();
    auto view = [&](const char* id, const char* title, const MapTexture& texture, const core::Tensor& map,
                    const core::Tensor& original, const ColorScale& scale, CanvasView& canvasView) {
        ImGui::BeginGroup();
        ImGui::TextUnformatted(title);
        CanvasContent c;
        c.texture = &texture;
        const int f = r.convInputs.selected.filter;
        c.values = map.plane(f);
        c.height = map.height;
        c.width = map.width;
        c.scale = scale;
        c.showNumbers = s.view.showNumbers;
        c.showGrid = s.view.showGrid;
        // Outline every value the shift changed.
        for (int y = 0; y < map.height; ++y)
            for (int x = 0; x < map.width; ++x)
                if (map.at(f, y, x) != original.at(f, y, x)) c.marks.push_back({y, x, 0, kTermColour, 2.0f});
        (void)drawCanvas(id, c, canvasView, {w, h});
        ImGui::EndGroup();
    };
    view("shiftedconv", tr(T::ShiftConv).in(lang), maps.shiftedConv, r.shiftedConv(), r.activated(),
         maps.slot(View::Conv).scale, maps.shiftedConvView);
    ImGui::SameLine();
    view("shiftedpool", tr(T::ShiftPool).in(lang), maps.shiftedPool, r.shiftedPool(), r.pool().values,
         maps.slot(View::Pool).scale, maps.shiftedPoolView);
}

}  // namespace convscope::gui
