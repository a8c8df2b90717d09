// A recomputation that takes a while (a large picture) shows how far it is on the views whose
// maps it will replace: the maps on screen are the previous ones until it is done.
#include <cstdio>

#include "../logic/ui_text.hpp"
#include "../render/map_views.hpp"
#include "panels.hpp"

namespace convscope::gui {

void drawProgress(const PipelineResult& r, const Pipeline::Progress& progress, MapViews& maps, Language lang) {
    if (!r.hasConv) return;
    const Block& b = r.block;
    // The first layer recomputed decides which maps change: the block's input comes from the
    // layer before it, the conv view shows its activation (or conv), the pool view its pooling.
    const int mapLayer = b.activation >= 0 ? b.activation : b.conv >= 0 ? b.conv : b.first - 1;
    const struct {
        bool changes;
        View view;
    } views[] = {{progress.fromLayer <= b.first - 1, View::Input},
                 {progress.fromLayer <= mapLayer, View::Conv},
                 {b.pool >= 0 && progress.fromLayer <= b.pool, View::Pool}};
    char text[64];
    std::snprintf(text, sizeof text, tr(T::ComputingPercent).in(lang), static_cast<int>(progress.fraction * 100.0f));
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float pad = 4.0f, bar = ImGui::GetFontSize() * 0.35f;
    const ImVec2 textSize = ImGui::CalcTextSize(text);
    for (const auto& v : views) {
        const ScreenRect& q = maps.slot(v.view).rect;  // empty when not drawn this frame
        if (!v.changes || q.x1 - q.x0 < textSize.x + 2 * pad || q.y1 - q.y0 < textSize.y + bar + 3 * pad) continue;
        // Along the bottom of the map: the label, and under it the bar filling left to right.
        const ImVec2 p0{q.x0, q.y1 - textSize.y - bar - 3 * pad};
        draw->AddRectFilled(p0, {q.x1, q.y1}, IM_COL32(0, 0, 0, 170));
        draw->AddText({p0.x + pad, p0.y + pad}, IM_COL32(255, 214, 0, 255), text);
        const float y0 = q.y1 - bar - pad, x1 = q.x1 - pad;
        draw->AddRectFilled({q.x0 + pad, y0}, {x1, y0 + bar}, IM_COL32(90, 90, 90, 255));
        draw->AddRectFilled({q.x0 + pad, y0}, {q.x0 + pad + (x1 - q.x0 - pad) * progress.fraction, y0 + bar},
                            IM_COL32(255, 214, 0, 255));
    }
}

}  // namespace convscope::gui
