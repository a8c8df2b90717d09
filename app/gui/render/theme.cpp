#include "theme.hpp"

namespace convscope::gui {

namespace {

Palette g_palette;

const Palette kDark{{1.0f, 0.35f, 0.35f, 1.0f},
                    {1.0f, 0.8f, 0.4f, 1.0f},
                    {1.0f, 0.75f, 0.25f, 1.0f},
                    {1.0f, 0.35f, 0.85f, 1.0f},
                    {0.3f, 0.95f, 0.55f, 1.0f},
                    IM_COL32(28, 30, 36, 255),
                    {}};
const Palette kLight{{0.75f, 0.0f, 0.0f, 1.0f},
                     {0.55f, 0.3f, 0.0f, 1.0f},
                     {0.7f, 0.35f, 0.0f, 1.0f},
                     {0.75f, 0.0f, 0.55f, 1.0f},
                     {0.0f, 0.45f, 0.1f, 1.0f},
                     IM_COL32(215, 215, 220, 255),
                     {}};

}  // namespace

const Palette& palette() {
    return g_palette;
}

void applyTheme(bool light, float scale) {
    ImGuiStyle style;
    if (light) {
        ImGui::StyleColorsLight(&style);
        // Higher contrast than ImGui's light theme: black text, white panels, strong frames.
        style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_Border] = ImVec4(0.3f, 0.3f, 0.3f, 1);
        style.Colors[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.88f, 0.9f, 1);
        style.FrameBorderSize = 1.0f;
        g_palette = kLight;
    } else {
        ImGui::StyleColorsDark(&style);
        g_palette = kDark;
    }
    g_palette.background = style.Colors[ImGuiCol_WindowBg];
    g_palette.background.w = 1.0f;
    style.Colors[ImGuiCol_WindowBg].w = 0.0f;  // popups and tooltips keep theirs (PopupBg)
    style.WindowRounding = 0.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace convscope::gui
