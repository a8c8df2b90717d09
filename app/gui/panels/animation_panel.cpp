// Export animation: the options popup (format, region, frame rate, positions, file) and,
// while an export runs, a modal progress bar with Cancel. The app renders and writes the
// frames (App::afterRender); this file only asks for it and shows how far it got.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include <algorithm>
#include <filesystem>

#include "../logic/ui_text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

constexpr const char* kProgressPopup = "##animationprogress";

// The file name follows the format: walk.gif ↔ walk.png (→ walk-0001.png, …).
void matchExtension(AnimationDialog& d) {
    std::filesystem::path p(d.path.empty() ? std::string("convscope-animation") : d.path);
    p.replace_extension(d.png ? ".png" : ".gif");
    d.path = p.string();
}

}  // namespace

void drawAnimationDialog(State& s, AnimationDialog& d) {
    Language lang = s.language;
    auto text = [&](T id) { return tr(id).in(lang); };
    if (ImGui::Button(label(tr(T::ExportAnimation), lang).c_str())) {
        d.options.fps = std::clamp(static_cast<double>(s.playback.speed), kMinFps, kMaxFps);  // as it plays now
        ImGui::OpenPopup("##animationoptions");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text(T::ExportAnimationTip));
    if (!ImGui::BeginPopup("##animationoptions")) return;
    int format = d.png ? 1 : 0;
    if (ImGui::RadioButton(text(T::AnimationGif), &format, 0)) {
        d.png = false;
        matchExtension(d);
    }
    ImGui::SameLine();
    if (ImGui::RadioButton(text(T::AnimationPngs), &format, 1)) {
        d.png = true;
        matchExtension(d);
    }
    int region = d.options.region == AnimationRegion::Views ? 0 : 1;
    if (ImGui::RadioButton(text(T::AnimationViews), &region, 0)) d.options.region = AnimationRegion::Views;
    ImGui::SameLine();
    if (ImGui::RadioButton(text(T::AnimationWindow), &region, 1)) d.options.region = AnimationRegion::Window;
    float fps = static_cast<float>(d.options.fps);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    if (ImGui::SliderFloat(label(tr(T::AnimationFps), lang).c_str(), &fps, 0.25f, static_cast<float>(kMaxFps), "%.2f",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        d.options.fps = fps;
    ImGui::Checkbox(label(tr(T::AnimationAllPositions), lang).c_str(), &d.allPositions);
    if (!d.allPositions) {
        int range[2] = {d.from, d.to};
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        if (ImGui::InputInt2(label(tr(T::AnimationFromTo), lang).c_str(), range)) {
            d.from = std::max(1, range[0]);
            d.to = std::max(d.from, range[1]);
        }
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    ImGui::InputText(label(tr(T::AnimationFile), lang).c_str(), &d.path);
    ImGui::BeginDisabled(d.path.empty());
    if (ImGui::Button(label(tr(T::AnimationStart), lang).c_str())) {
        AnimationOptions o = d.options;
        o.first = d.allPositions ? 0 : d.from - 1;
        o.last = d.allPositions ? -1 : d.to - 1;
        s.requests.exportAnimation = AnimationRequest{d.path, o};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::EndPopup();
}

const ImDrawList* drawAnimationProgress(Language lang, bool running, std::int64_t done, std::int64_t total,
                                        bool& cancel) {
    if (running && !ImGui::IsPopupOpen(kProgressPopup)) ImGui::OpenPopup(kProgressPopup);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.5f}, ImGuiCond_Always, {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal(kProgressPopup, nullptr,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings))
        return nullptr;
    const ImDrawList* list = ImGui::GetWindowDrawList();
    if (!running) ImGui::CloseCurrentPopup();
    ImGui::TextUnformatted(fill(T::AnimationProgress, lang,
                                {{"done", std::to_string(std::min(done + 1, total))}, {"total", std::to_string(total)}})
                               .c_str());
    const float fraction = total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f;
    ImGui::ProgressBar(fraction, {ImGui::GetFontSize() * 18.0f, 0.0f});
    if (ImGui::Button(label(tr(T::Cancel), lang).c_str())) cancel = true;
    ImGui::EndPopup();
    return list;
}

}  // namespace convscope::gui
