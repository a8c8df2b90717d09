#pragma once
// Two looks: the default dark one, and a high-contrast light one for projectors (dark text on
// white reads from the back of a room). Accent colours for text follow the theme so every
// message stays readable on either background.
#include <imgui.h>

namespace convscope::gui {

struct Palette {
    ImVec4 error;    // invalid settings, file problems
    ImVec4 note;     // coverage notes ("dropped by the floor")
    ImVec4 padding;  // terms that read padding
    ImVec4 term;     // the hovered term
    ImVec4 result;   // a computed value
    ImU32 canvas;    // behind the maps
    // Behind the panels: the window is cleared to it and the panels draw no background of
    // their own. They tile the window, so a panel background would paint every pixel a second
    // time — in software OpenGL (llvmpipe) a third of a frame's time.
    ImVec4 background;
};

const Palette& palette();

// Colours and sizes for `light` at `scale` (1 = 100 %); call between frames.
void applyTheme(bool light, float scale);

}  // namespace convscope::gui
