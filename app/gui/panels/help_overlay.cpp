// F1: every keyboard shortcut and mouse gesture, over the views, until F1 or Esc again.
#include "../logic/ui_text.hpp"
#include "panels.hpp"

namespace convscope::gui {

void drawHelpOverlay(State& s) {
    if (!s.view.showHelp) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.5f}, ImGuiCond_Always, {0.5f, 0.5f});
    // Never larger than the window (a large UI size on a small screen): it scrolls instead,
    // with its title and close button in view.
    ImGui::SetNextWindowSizeConstraints({0, 0}, {display.x * 0.96f, display.y * 0.96f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin(label(tr(T::HelpTitle), s.language).c_str(), &s.view.showHelp,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
    // A key name that is the same in every language is written as is.
    struct Row {
        const char* key;
        T keyText;
        T action;
    };
    static const Row rows[] = {
        {nullptr, T::KeySpace, T::HelpPlay},
        {"← / →", T::Count, T::HelpStep},
        {"Home / End", T::Count, T::HelpFirstLast},
        {"Page Up / Page Down", T::Count, T::HelpLayer},
        {"[ / ]", T::Count, T::HelpFilter},
        {"Esc", T::Count, T::HelpUnpin},
        {"Ctrl+S", T::Count, T::HelpSave},
        {"F12", T::Count, T::HelpScreenshot},
        {"Ctrl+Q", T::Count, T::HelpQuit},
        {"F1", T::Count, T::HelpHelp},
        {"Ctrl + / Ctrl − / Ctrl 0", T::Count, T::HelpUiSize},
        {"F11", T::Count, T::HelpFullScreen},
        {"F5", T::Count, T::HelpPresentation},
        {nullptr, T::KeyHoverCell, T::HelpHoverCell},
        {nullptr, T::KeyClickCell, T::HelpClickCell},
        {nullptr, T::KeyHoverTerm, T::HelpHoverTerm},
        {nullptr, T::KeyWheelDrag, T::HelpWheelDrag},
        {nullptr, T::KeyCtrlClick, T::HelpCtrlClick},
        {nullptr, T::KeyDrop, T::HelpDrop},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(row.key ? row.key : tr(row.keyText).in(s.language));
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(tr(row.action).in(s.language));
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace convscope::gui
