#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../logic/engine_text.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

Layout computeLayout(ImVec2 display, float scale) {
    Layout l;
    const float controlsW = std::min(display.x * 0.45f, std::clamp(display.x * 0.26f, 300.0f * scale, 420.0f * scale));
    const float rightX = controlsW;
    const float rightW = display.x - controlsW;
    const float viewsH = std::floor(display.y * 0.56f);
    l.controlsPos = {0, 0};
    l.controlsSize = {controlsW, display.y};
    // The stack strip: one row of stage buttons above the views.
    const float stripH = std::floor(ImGui::GetFrameHeight() * 1.25f + 2.0f * ImGui::GetStyle().WindowPadding.y);
    l.stripPos = {rightX, 0};
    l.stripSize = {rightW, stripH};
    l.viewsPos = {rightX, stripH};
    l.viewsSize = {rightW, viewsH - stripH};
    const float bottomH = display.y - viewsH;
    const float formulaW = std::floor(rightW * 0.44f);
    l.computationPos = {rightX, viewsH};
    l.computationSize = {rightW - formulaW, bottomH};
    l.formulaPos = {rightX + rightW - formulaW, viewsH};
    l.formulaSize = {formulaW, bottomH};
    return l;
}

std::string fitWidth(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
        // One whole character: its continuation bytes (10xxxxxx), then its first byte.
        while (!cut.empty()) {
            const auto byte = static_cast<unsigned char>(cut.back());
            cut.pop_back();
            if ((byte & 0xC0) != 0x80) break;
        }
    }
    return cut + "…";
}

std::string convErrorText(const State& s, const PipelineResult& r) {
    std::string text = errorText(r.convError, s.language);
    if (s.compute.block().contains(r.convErrorLayer)) return text;
    char layer[32];  // an earlier layer cannot run, so this one has no input
    std::snprintf(layer, sizeof layer, tr(T::LayerN).in(s.language), r.convErrorLayer + 1);
    return std::string(layer) + ": " + text;
}

void drawErrorText(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(palette().error, "%s", text.c_str());
    ImGui::PopTextWrapPos();
}

void drawError(const core::Error& error, const std::string& language) {
    drawErrorText(errorText(error, language));
}

void drawConvError(const State& s, const PipelineResult& r) {
    drawErrorText(convErrorText(s, r));
}

}  // namespace convscope::gui
