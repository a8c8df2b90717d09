#include "panels.hpp"

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

}  // namespace convscope::gui
