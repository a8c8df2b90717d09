// The stack strip: input → conv 4×3×3 → ReLU → max 2 → …, one button a layer. The selected
// layer's block is what the views show and the controls edit; a layer that cannot run is
// red, with the engine's message in its tooltip, and the layers after it grey.
#include <cstdio>
#include <string>

#include "../logic/engine_text.hpp"
#include "../logic/stack_edit.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// How a layer's output came about, for the tooltip: its shape, the size formulas with their
// numbers (windowed kinds), its cost; or why it cannot run.
void layerTooltip(const core::Layer& layer, std::size_t i, const PipelineResult& r, Language lang) {
    ImGui::TextUnformatted(core::layerLabel(layer).c_str());
    if (static_cast<int>(i) == r.plan.failed) {
        ImGui::TextColored(palette().error, "%s", errorText(r.plan.error, lang).c_str());
        return;
    }
    if (i >= r.plan.plans.size()) return;  // an earlier layer cannot run
    const core::LayerPlan& p = r.plan.plans[i];
    ImGui::Text("%s → %s", core::shapeText(p.in.channels, p.in.height, p.in.width).c_str(),
                core::shapeText(p.out.channels, p.out.height, p.out.width).c_str());
    if (!p.windows.elementWise) {
        ImGui::Text("  H = %s = %d", core::outputSizeFormula(p.windows.rows).c_str(), p.out.height);
        ImGui::Text("  W = %s = %d", core::outputSizeFormula(p.windows.cols).c_str(), p.out.width);
    }
    if (p.cost.multiplyAdds > 0)
        ImGui::TextDisabled("%s",
                            fill(T::LayerCost, lang,
                                 {{"params", core::num(p.cost.parameters)}, {"macs", core::num(p.cost.multiplyAdds)}})
                                .c_str());
}

const char* newLayerText(NewLayer kind, Language lang) {
    switch (kind) {
        case NewLayer::Conv: return tr(T::NewConv).in(lang);
        case NewLayer::ConvTranspose: return tr(T::NewConvTranspose).in(lang);
        case NewLayer::Relu: return tr(T::NewRelu).in(lang);
        case NewLayer::LeakyRelu: return tr(T::NewLeakyRelu).in(lang);
        case NewLayer::MaxPool: return tr(T::NewMaxPool).in(lang);
        case NewLayer::AvgPool: return tr(T::NewAvgPool).in(lang);
    }
    return "";
}

const char* presetText(StackPreset preset, Language lang) {
    switch (preset) {
        case StackPreset::Single: return tr(T::PresetSingle).in(lang);
        case StackPreset::VggBlock: return tr(T::PresetVgg).in(lang);
        case StackPreset::DepthwiseSeparable: return tr(T::PresetSeparable).in(lang);
        case StackPreset::FullConv: return tr(T::PresetFullConv).in(lang);
        case StackPreset::RoundTrip: return tr(T::PresetRoundTrip).in(lang);
    }
    return "";
}

// The + button's menu: a layer of any kind after the selected one, or a whole stack.
void insertMenu(ComputeInputs& c, Language lang) {
    const bool full = c.layers.size() >= static_cast<std::size_t>(core::kMaxLayers);
    for (NewLayer kind : kNewLayers)
        if (ImGui::MenuItem(newLayerText(kind, lang), nullptr, false, !full)) insertLayer(c, kind);
    ImGui::Separator();
    if (ImGui::BeginMenu(tr(T::StackPresets).in(lang))) {
        for (StackPreset preset : kStackPresets)
            if (ImGui::MenuItem(presetText(preset, lang))) applyStackPreset(c, preset);
        ImGui::EndMenu();
    }
}

}  // namespace

void drawStackStrip(const Layout& layout, State& s, const PipelineResult& r) {
    ImGui::SetNextWindowPos(layout.stripPos);
    ImGui::SetNextWindowSize(layout.stripSize);
    ImGui::Begin("Stack", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_HorizontalScrollbar);
    Language lang = s.language;
    ComputeInputs& c = s.compute;
    const std::string inputText = std::string(tr(T::StackInput).in(lang)) + " " +
                                  core::shapeText(c.input().channels, c.input().height, c.input().width);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", inputText.c_str());
    // Each layer by its label ("conv 4×3×3", "ReLU", "max 2"), or by its number when the row
    // does not fit (large UI sizes, long stacks): the tooltip keeps the details.
    const auto layerText = [&](std::size_t i, bool full) {
        if (full) return core::layerLabel(c.layers[i]);
        return core::num(static_cast<std::int64_t>(i + 1));
    };
    const ImGuiStyle& style = ImGui::GetStyle();
    float fullWidth = ImGui::GetCursorPosX() + ImGui::CalcTextSize(inputText.c_str()).x + 2.0f * ImGui::GetFontSize() +
                      ImGui::CalcTextSize(label(tr(T::RemoveLayer), lang).c_str(), nullptr, true).x +
                      ImGui::CalcTextSize(label(tr(T::AddLayer), lang).c_str(), nullptr, true).x;
    for (std::size_t i = 0; i < c.layers.size(); ++i)
        fullWidth += ImGui::CalcTextSize(("→" + layerText(i, true)).c_str()).x + 2.0f * style.FramePadding.x +
                     3.0f * style.ItemSpacing.x;
    const bool full = fullWidth <= ImGui::GetWindowContentRegionMax().x;
    const Block block = c.block();
    for (std::size_t i = 0; i < c.layers.size(); ++i) {
        ImGui::SameLine();
        ImGui::TextUnformatted("→");
        ImGui::SameLine();
        const int index = static_cast<int>(i);
        const bool selected = index == c.selected.layer;
        // Runs as far as the first layer that cannot; that one is red, those after it grey.
        const bool broken = index == r.plan.failed;
        const bool unreached = r.plan.failed >= 0 && index > r.plan.failed;
        const std::string text = layerText(i, full) + "###layer" + std::to_string(i);
        // The selected layer stands out; the rest of its block (shown beside it) is tinted.
        ImVec4 colour = ImGui::GetStyleColorVec4(selected ? ImGuiCol_ButtonActive : ImGuiCol_FrameBg);
        if (!selected && block.contains(index)) {
            colour = ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive);
            colour.w *= 0.45f;  // the selected layer's colour, lighter: drawn beside it
        }
        ImGui::PushStyleColor(ImGuiCol_Button, colour);
        if (broken) ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (unreached) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        if (ImGui::Button(text.c_str())) c.selected = Selection{index, 0, 0};
        if (broken || unreached) ImGui::PopStyleColor();
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::TextDisabled("%s", tr(T::LayerTip).in(lang));
            layerTooltip(c.layers[i], i, r, lang);
            ImGui::EndTooltip();
        }
    }
    ImGui::SameLine(0, ImGui::GetFontSize());
    if (ImGui::Button(label(tr(T::AddLayer), lang).c_str())) ImGui::OpenPopup("insert layer");
    if (ImGui::BeginPopup("insert layer")) {
        insertMenu(c, lang);
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(c.layers.size() <= 1);
    if (ImGui::Button(label(tr(T::RemoveLayer), lang).c_str())) removeLayer(c);
    ImGui::EndDisabled();
    ImGui::End();
}

}  // namespace convscope::gui
