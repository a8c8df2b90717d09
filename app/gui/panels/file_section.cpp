// Files in and out: open a picture (or a built-in sample), save and load sessions, export
// maps, copy the setup as PyTorch. Requests go into the state; the app does the file work.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "../logic/ui_text.hpp"
#include "../render/paths.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// Folders and pictures of the current folder; a click on a folder enters it, on a file opens
// it. The listing is read again when the folder changes or every two seconds (a file saved
// meanwhile appears), not every frame.
void browser(State& s, FileDialogState& ui) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (s.browseFolder.empty()) s.browseFolder = fs::current_path(ec).string();
    const std::string title = fill(T::Browse, s.language, {{"folder", s.browseFolder}});
    if (!ImGui::TreeNode("Browse", "%s", title.c_str())) return;
    if (ui.listing.folder != fs::path(s.browseFolder) || ImGui::GetTime() - ui.listedAt > 2.0) {
        ui.listing = io::listFolder(s.browseFolder);
        ui.listedAt = ImGui::GetTime();
    }
    ImGui::BeginChild("entries", ImVec2(0, 140), true);
    if (ImGui::Selectable("..")) s.browseFolder = fs::path(s.browseFolder).parent_path().string();
    for (const io::FolderEntry& e : ui.listing.entries) {
        const std::string label = e.path.filename().string() + (e.folder ? "/" : "");
        if (ImGui::Selectable(label.c_str())) {
            if (e.folder) {
                s.browseFolder = e.path.string();
            } else {
                ui.path = e.path.string();
                (e.session ? s.requests.loadSession : s.requests.openImage) = ui.path;
            }
        }
    }
    if (!ui.listing.error.empty()) ImGui::TextColored(palette().error, "%s", ui.listing.error.c_str());
    ImGui::EndChild();
    ImGui::TreePop();
}

}  // namespace

void drawFileSection(State& s, FileDialogState& ui) {
    if (!ui.samplesListed) {
        ui.samples = io::listPictures(samplesDirectory());
        ui.samplesListed = true;
    }
    const std::vector<std::filesystem::path>& samples = ui.samples;
    Language lang = s.language;
    auto text = [&](T id) { return tr(id).in(lang); };
    auto tooltip = [&](T id) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text(id));
    };
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##samples", text(T::SamplePictures))) {
        for (const auto& path : samples)
            if (ImGui::Selectable(path.stem().string().c_str())) s.requests.openImage = path.string();
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##path", text(T::PathHint), &ui.path);
    if (ImGui::Button(label(tr(T::Open), lang).c_str())) {
        if (ui.path.size() > 5 && ui.path.substr(ui.path.size() - 5) == ".json")
            s.requests.loadSession = ui.path;
        else
            s.requests.openImage = ui.path;
    }
    tooltip(T::OpenTip);
    ImGui::SameLine();
    if (ImGui::Button(label(tr(T::SaveSession), lang).c_str()))
        s.requests.saveSession = ui.path.empty() ? "convscope-session.json" : ui.path;
    browser(s, ui);
    for (const std::string& recent : s.recentFiles) {
        if (ImGui::SmallButton(std::filesystem::path(recent).filename().string().c_str()))
            s.requests.openImage = recent;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", recent.c_str());
        ImGui::SameLine();
    }
    if (!s.recentFiles.empty()) ImGui::NewLine();

    if (s.image) {
        const std::string name = std::filesystem::path(s.image->path).filename().string();
        ImGui::TextDisabled("%s", fill(T::PictureName, lang, {{"name", name}}).c_str());
        // In the order of io::ImageChannel; rgb keeps all three as the input's channels.
        const char* channels[] = {text(T::Luminance), text(T::Red), text(T::Green), text(T::Blue),
                                  text(T::RgbChannels)};
        int channel = static_cast<int>(s.image->channel);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
        if (ImGui::Combo(label(tr(T::Channel), lang).c_str(), &channel, channels, 5)) {
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
        ImGui::InputInt4(label(tr(T::Crop), lang).c_str(), box);
        tooltip(T::CropTip);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            crop = {box[0], box[1], box[2], box[3]};
            s.requests.openImage = s.image->path;
        }
        bool full = s.image->maxSide == 0;
        if (ImGui::Checkbox(label(tr(T::FullResolution), lang).c_str(), &full)) {
            s.image->maxSide = full ? 0 : 32;
            s.requests.openImage = s.image->path;
        }
        if (!full) {
            ImGui::SetNextItemWidth(-1);
            if (ImGui::SliderInt("##side", &s.image->maxSide, 8, 64, text(T::ShrinkTo)))
                s.requests.openImage = s.image->path;
        }
    }

    ImGui::Separator();
    const char* maps[] = {text(T::ExportConv), text(T::ExportPool), text(T::ExportInput)};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::Combo("##exportwhat", &ui.exportWhich, maps, 3);
    ImGui::SameLine();
    const char* formats[] = {".npy", ".csv", text(T::PngAsShown)};
    ImGui::SetNextItemWidth(-1);
    ImGui::Combo("##exportfmt", &ui.exportFormat, formats, 3);
    if (ImGui::Button(label(tr(T::Export), lang).c_str())) {
        const View views[] = {View::Conv, View::Pool, View::Input};
        const char* names[] = {"conv", "pool", "input"};
        const char* ext[] = {".npy", ".csv", ".png"};
        s.requests.exportWhat = views[ui.exportWhich];
        s.requests.exportMap = std::string("convscope-") + names[ui.exportWhich] + ext[ui.exportFormat];
    }
    tooltip(T::ExportTip);
    ImGui::SameLine();
    if (ImGui::Button(label(tr(T::CopyPyTorch), lang).c_str())) s.requests.copyPyTorch = true;
    tooltip(T::CopyPyTorchTip);
    ImGui::SameLine();
    if (ImGui::Button(label(tr(T::Screenshot), lang).c_str())) s.requests.screenshot = true;
    tooltip(T::ScreenshotTip);
    drawAnimationDialog(s, ui.animation);
}

}  // namespace convscope::gui
