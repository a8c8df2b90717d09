// Files in and out: open a picture (or a built-in sample), save and load sessions, export
// maps, copy the setup as PyTorch. Requests go into the state; the app does the file work.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "../render/paths.hpp"
#include "../render/theme.hpp"
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

bool isPicture(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* e :
         {".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif", ".psd", ".hdr", ".pnm", ".pgm", ".ppm", ".json"})
        if (ext == e) return true;
    return false;
}

// Folders and pictures of the current folder; a click on a folder enters it, on a file opens it.
void browser(State& s, FileDialogState& ui) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (s.browseFolder.empty()) s.browseFolder = fs::current_path(ec).string();
    if (!ImGui::TreeNode("Browse", "Browse %s", s.browseFolder.c_str())) return;
    std::vector<fs::directory_entry> entries;
    for (const auto& e : fs::directory_iterator(s.browseFolder, fs::directory_options::skip_permission_denied, ec))
        if (e.path().filename().string().rfind('.', 0) != 0 && (e.is_directory(ec) || isPicture(e.path())))
            entries.push_back(e);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        std::error_code e1, e2;
        const bool da = a.is_directory(e1), db = b.is_directory(e2);
        return da != db ? da : a.path().filename() < b.path().filename();
    });
    ImGui::BeginChild("entries", ImVec2(0, 140), true);
    if (ImGui::Selectable("..")) s.browseFolder = fs::path(s.browseFolder).parent_path().string();
    for (const auto& e : entries) {
        const bool dir = e.is_directory(ec);
        const std::string label = e.path().filename().string() + (dir ? "/" : "");
        if (ImGui::Selectable(label.c_str())) {
            if (dir) {
                s.browseFolder = e.path().string();
            } else {
                ui.path = e.path().string();
                if (e.path().extension() == ".json")
                    s.requests.loadSession = ui.path;
                else
                    s.requests.openImage = ui.path;
            }
        }
    }
    if (ec) ImGui::TextColored(palette().error, "%s", ec.message().c_str());
    ImGui::EndChild();
    ImGui::TreePop();
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
    browser(s, ui);
    for (const std::string& recent : s.recentFiles) {
        if (ImGui::SmallButton(std::filesystem::path(recent).filename().string().c_str()))
            s.requests.openImage = recent;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", recent.c_str());
        ImGui::SameLine();
    }
    if (!s.recentFiles.empty()) ImGui::NewLine();

    if (s.image) {
        ImGui::TextDisabled("Picture: %s", std::filesystem::path(s.image->path).filename().string().c_str());
        static const char* channels[] = {"luminance", "red", "green", "blue"};
        int channel = std::min(static_cast<int>(s.image->channel), 3);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
        if (ImGui::Combo("channel", &channel, channels, 4)) {
            s.image->channel = static_cast<io::ImageChannel>(channel);
            s.requests.openImage = s.image->path;
        }
        int range = s.image->scale255 ? 1 : 0;
        bool rangeChanged = ImGui::RadioButton("0…1", &range, 0);
        ImGui::SameLine();
        rangeChanged |= ImGui::RadioButton("0…255", &range, 1);
        if (rangeChanged) {
            s.image->scale255 = range == 1;
            s.requests.openImage = s.image->path;
        }
        // Crop: a rectangle of the full picture, before shrinking (0 width = the whole picture).
        io::ImageCrop& crop = s.image->crop;
        int box[4] = {crop.x, crop.y, crop.width, crop.height};
        ImGui::SetNextItemWidth(-60);
        ImGui::InputInt4("crop", box);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("x, y, width, height of the full picture; width 0 = no crop.\nEnter applies.");
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            crop = {box[0], box[1], box[2], box[3]};
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
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
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
