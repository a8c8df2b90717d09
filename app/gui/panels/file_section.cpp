// Files in and out: open a picture (or a built-in sample), save and load sessions, export
// maps, copy the setup as PyTorch. Requests go into the state; the app does the file work.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include <algorithm>
#include <filesystem>

#include "../render/paths.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

std::vector<std::filesystem::path> samplePictures() {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(samplesDirectory(), ec))
        if (entry.path().extension() == ".png") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

void drawFileSection(State& s, FileDialogState& ui) {
    static const std::vector<std::filesystem::path> samples = samplePictures();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##samples", "Built-in sample pictures…")) {
        for (const auto& path : samples)
            if (ImGui::Selectable(path.stem().string().c_str())) s.requests.openImage = path.string();
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##path", "path of an image or a session (.json)", &ui.path);
    if (ImGui::Button("Open")) {
        if (ui.path.size() > 5 && ui.path.substr(ui.path.size() - 5) == ".json")
            s.requests.loadSession = ui.path;
        else
            s.requests.openImage = ui.path;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "An image (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM) or a session .json.\nYou can also drop a file on the "
            "window.");
    ImGui::SameLine();
    if (ImGui::Button("Save session")) s.requests.saveSession = ui.path.empty() ? "convscope-session.json" : ui.path;
    for (const std::string& recent : ui.recent) {
        if (ImGui::SmallButton(std::filesystem::path(recent).filename().string().c_str()))
            s.requests.openImage = recent;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", recent.c_str());
        ImGui::SameLine();
    }
    if (!ui.recent.empty()) ImGui::NewLine();

    if (s.image) {
        ImGui::TextDisabled("Picture: %s", std::filesystem::path(s.image->path).filename().string().c_str());
        static const char* channels[] = {"luminance", "red", "green", "blue"};
        int channel = std::min(static_cast<int>(s.image->channel), 3);
        ImGui::SetNextItemWidth(120);
        if (ImGui::Combo("channel", &channel, channels, 4)) {
            s.image->channel = static_cast<io::ImageChannel>(channel);
            s.requests.openImage = s.image->path;
        }
        bool full = s.image->maxSide == 0;
        if (ImGui::Checkbox("full resolution", &full)) {
            s.image->maxSide = full ? 0 : 32;
            s.requests.openImage = s.image->path;
        }
        if (!full) {
            ImGui::SetNextItemWidth(-1);
            if (ImGui::SliderInt("##side", &s.image->maxSide, 8, 64, "shrink to %d px (area filter)"))
                s.requests.openImage = s.image->path;
        }
    }

    ImGui::Separator();
    static const char* maps[] = {"conv output", "pooled output", "input"};
    ImGui::SetNextItemWidth(130);
    ImGui::Combo("##exportwhat", &ui.exportWhich, maps, 3);
    ImGui::SameLine();
    static const char* formats[] = {".npy", ".csv", ".png (as shown)"};
    ImGui::SetNextItemWidth(-1);
    ImGui::Combo("##exportfmt", &ui.exportFormat, formats, 3);
    if (ImGui::Button("Export")) {
        const View views[] = {View::Conv, View::Pool, View::Input};
        const char* names[] = {"conv", "pool", "input"};
        const char* ext[] = {".npy", ".csv", ".png"};
        s.requests.exportWhat = views[ui.exportWhich];
        s.requests.exportMap = std::string("convscope-") + names[ui.exportWhich] + ext[ui.exportFormat];
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Written to the current folder; the status line says where.");
    ImGui::SameLine();
    if (ImGui::Button("Copy as PyTorch")) s.requests.copyPyTorch = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A Python snippet that recomputes these maps with torch.nn.functional");
    ImGui::SameLine();
    if (ImGui::Button("Screenshot")) s.requests.screenshot = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The whole window as PNG (F12)");
}

}  // namespace convscope::gui
