// The stack strip: input → stage 1 → stage 2 …, each with the shape of the map it makes.
// The selected stage is the one the views show and the controls edit; a stage that cannot
// run is red, with the engine's message in its tooltip.
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

// "4×3×3 · ReLU · max 2 → 4×16×16": filters × kernel size, activation, pooling, output.
std::string stageSummary(const core::Stage& stage, const StageShape* shape) {
    char text[160];
    const core::Weights& w = stage.conv.weights;
    std::string s = core::shapeText(w.outChannels, w.height, w.width);
    if (stage.activation.kind == core::Activation::Relu) s += " · ReLU";
    if (stage.activation.kind == core::Activation::LeakyRelu) s += " · leaky";
    if (stage.poolEnabled) {
        std::snprintf(text, sizeof text, " · %s %d", core::poolModeName(stage.pool.mode), stage.pool.windowH);
        s += text;
    }
    if (shape && shape->valid)
        s += " → " + core::shapeText(shape->plan.outChannels, shape->plan.outHeight, shape->plan.outWidth);
    return s;
}

// How each map's size came about, for the tooltip.
void shapeTooltip(const core::Stage& stage, const StageShape& shape, const std::string& lang) {
    if (!shape.valid) {
        ImGui::TextColored(palette().error, "%s", errorText(shape.error, lang).c_str());
        return;
    }
    const core::StagePlan& p = shape.plan;
    ImGui::Text("conv: %s → %s", core::shapeText(p.inChannels, p.inHeight, p.inWidth).c_str(),
                core::shapeText(p.conv.outChannels, p.conv.outHeight, p.conv.outWidth).c_str());
    ImGui::Text("  H = %s = %d", core::outputSizeFormula(p.conv.rows).c_str(), p.conv.outHeight);
    ImGui::Text("  W = %s = %d", core::outputSizeFormula(p.conv.cols).c_str(), p.conv.outWidth);
    if (stage.poolEnabled) {
        ImGui::Text("pool: → %s", core::shapeText(p.outChannels, p.outHeight, p.outWidth).c_str());
        ImGui::Text("  H = %s = %d", core::outputSizeFormula(p.pool.rows).c_str(), p.pool.outHeight);
        ImGui::Text("  W = %s = %d", core::outputSizeFormula(p.pool.cols).c_str(), p.pool.outWidth);
    }
}

}  // namespace

void drawStackStrip(const Layout& layout, State& s, const PipelineResult& r) {
    ImGui::SetNextWindowPos(layout.stripPos);
    ImGui::SetNextWindowSize(layout.stripSize);
    ImGui::Begin("Stack", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_HorizontalScrollbar);
    const std::string& lang = s.language;
    ComputeInputs& c = s.compute;
    const std::string inputText = std::string(tr(T::StackInput).in(lang)) + " " +
                                  core::shapeText(c.input.channels, c.input.height, c.input.width);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", inputText.c_str());
    // Each stage's label in full ("stage 1: 4×3×3 · ReLU · max 2 → 4×16×16"), or with the
    // shape only when the full row does not fit (large UI sizes, many stages): the tooltip
    // keeps the details.
    auto stageLabel = [&](std::size_t i, bool full) {
        const StageShape* shape = i < r.shapes.size() ? &r.shapes[i] : nullptr;
        char title[32];
        std::snprintf(title, sizeof title, tr(T::StageN).in(lang), static_cast<int>(i) + 1);
        std::string text = title;
        if (full)
            text += ": " + stageSummary(c.stages[i], shape);
        else if (shape && shape->valid)
            text += " → " + core::shapeText(shape->plan.outChannels, shape->plan.outHeight, shape->plan.outWidth);
        return text;
    };
    const ImGuiStyle& style = ImGui::GetStyle();
    float fullWidth = ImGui::GetCursorPosX() +
                      ImGui::CalcTextSize(label(tr(T::AddStage), lang).c_str(), nullptr, true).x +
                      ImGui::CalcTextSize(label(tr(T::RemoveStage), lang).c_str(), nullptr, true).x +
                      ImGui::GetFontSize() + 4.0f * style.FramePadding.x;
    for (std::size_t i = 0; i < c.stages.size(); ++i)
        fullWidth += ImGui::CalcTextSize(("→" + stageLabel(i, true)).c_str()).x + 2.0f * style.FramePadding.x +
                     3.0f * style.ItemSpacing.x;
    const bool full = fullWidth <= ImGui::GetWindowContentRegionMax().x;
    for (std::size_t i = 0; i < c.stages.size(); ++i) {
        ImGui::SameLine();
        ImGui::TextUnformatted("→");
        ImGui::SameLine();
        const StageShape* shape = i < r.shapes.size() ? &r.shapes[i] : nullptr;
        const bool selected = static_cast<int>(i) == c.selected.stage;
        const bool broken = shape && !shape->valid;
        const std::string text = stageLabel(i, full) + "###stage" + std::to_string(i);
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive)
                                                        : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
        if (broken) ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::Button(text.c_str())) c.selected = Selection{static_cast<int>(i), 0, 0};
        if (broken) ImGui::PopStyleColor();
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            if (!full) ImGui::TextUnformatted(stageLabel(i, true).c_str());
            ImGui::TextUnformatted(tr(T::StageTip).in(lang));
            if (shape) shapeTooltip(c.stages[i], *shape, lang);
            ImGui::EndTooltip();
        }
    }
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::BeginDisabled(c.stages.size() >= static_cast<std::size_t>(core::kMaxStages));
    if (ImGui::Button(label(tr(T::AddStage), lang).c_str())) addStage(c);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(c.stages.size() <= 1);
    if (ImGui::Button(label(tr(T::RemoveStage), lang).c_str())) removeStage(c);
    ImGui::EndDisabled();
    ImGui::End();
}

}  // namespace convscope::gui
