// F1: every keyboard shortcut and mouse gesture, over the views, until F1 or Esc again.
#include "panels.hpp"

namespace convscope::gui {

void drawHelpOverlay(State& s) {
    if (!s.view.showHelp) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.45f}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin("Keyboard and mouse (F1 to close)", &s.view.showHelp,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
    static const char* rows[][2] = {
        {"Space", "play / pause the sliding window"},
        {"← / →", "one position back / forward (pauses)"},
        {"Home / End", "first / last position"},
        {"Esc", "unpin the pinned cell (or close this help)"},
        {"Ctrl+S", "save the session to the path field (or convscope-session.json)"},
        {"F12", "save a screenshot of the window"},
        {"Ctrl+Q", "quit (the session is saved)"},
        {"F1", "this help"},
        {"hover a cell", "its window, or every output that reads it, lights up"},
        {"click a cell", "pin it; click an input cell to edit its value"},
        {"hover a term", "its input cell and kernel weight light up"},
        {"wheel / drag", "zoom / pan a view; double-click fits it again"},
        {"Ctrl+click a field", "type any value"},
        {"drop a file", "open a picture or a session"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(row[0]);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(row[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace convscope::gui
