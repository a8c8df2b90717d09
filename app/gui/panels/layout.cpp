#include "panels.hpp"

#include "../logic/engine_text.hpp"
#include "../render/theme.hpp"

#include <algorithm>
#include <cmath>

namespace convscope::gui {

Layout computeLayout(ImVec2 display, float scale) {
    Layout l;
    const float controlsW = std::min(display.x * 0.45f, std::clamp(display.x * 0.26f, 300.0f * scale, 420.0f * scale));
    const float rightX = controlsW;
    const float rightW = display.x - controlsW;
    const float viewsH = std::floor(display.y * 0.56f);
    l.controlsPos = {0, 0};
    l.controlsSize = {controlsW, display.y};
    l.viewsPos = {rightX, 0};
    l.viewsSize = {rightW, viewsH};
    const float bottomH = display.y - viewsH;
    const float formulaW = std::floor(rightW * 0.44f);
    l.computationPos = {rightX, viewsH};
    l.computationSize = {rightW - formulaW, bottomH};
    l.formulaPos = {rightX + rightW - formulaW, viewsH};
    l.formulaSize = {formulaW, bottomH};
    return l;
}

void drawError(const core::Error& error, const std::string& language) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(palette().error, "%s", errorText(error, language).c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace convscope::gui
