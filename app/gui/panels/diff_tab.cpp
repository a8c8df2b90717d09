// The formula panel's difference tab: load someone's own output for the selected layer, set
// the tolerance, read the count and the worst cells; clicking a cell pins it, so the views
// and the computation panel show convscope's dot product there beside the reference value.
// The numbers come from core's comparison (core/diff.hpp), as `convscope-cli diff` prints them.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include <cmath>
#include <string>

#include "../logic/reference_diff.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

std::string diffNumber(double v) {
    return std::isinf(v) ? "inf" : core::formatValue(static_cast<float>(v));
}

std::string sizeText(const core::Shape& s, bool channels) {
    return channels ? core::shapeText(s.channels, s.height, s.width) : core::num(s.height) + "×" + core::num(s.width);
}

void shapeMismatch(const core::ShapeExplanation& e, Language lang) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(
        palette().error, "%s",
        fill(T::DiffShapeHead, lang,
             {{"reference", sizeText(e.reference, e.channelsDiffer)}, {"ours", sizeText(e.ours, e.channelsDiffer)}})
            .c_str());
    if (e.channelsDiffer) ImGui::TextUnformatted(tr(T::DiffChannels).in(lang));
    for (const core::AxisShapeHint& h : e.axes) {
        std::string causes;
        const auto add = [&](bool yes, T cause) {
            if (!yes) return;
            causes += (causes.empty() ? "" : tr(T::CauseOr).in(lang)) + std::string(tr(cause).in(lang));
        };
        add(h.ceilMode, T::CauseCeil);
        add(h.paddingLess, T::CauseLessPad);
        add(h.paddingMore, T::CauseMorePad);
        add(h.samePadding, T::CauseSame);
        const std::vector<core::ErrorValue> values{{"axis", h.axis == core::Axis::Height ? "H" : "W"},
                                                   {"reference", core::num(h.reference)},
                                                   {"ours", core::num(h.ours)},
                                                   {"causes", causes}};
        ImGui::TextUnformatted(fill(causes.empty() ? T::DiffAxisUnexplained : T::DiffAxisHint, lang, values).c_str());
    }
    ImGui::PopTextWrapPos();
}

// The listed cell becomes the pinned cell of the map the layer's output is drawn in.
void pinCell(State& s, const PipelineResult& r, const ReferenceComparison& c, const core::DiffCell& cell) {
    const bool pooled = c.layer == r.block.pool;
    s.compute.selected.filter = cell.channel;
    s.pin = Cell{pooled ? View::Pool : View::Conv, cell.row, cell.col};
}

}  // namespace

void drawDiffTab(State& s, const PipelineResult& r, const ReferenceComparison& c) {
    const Language lang = s.language;
    ReferenceOutput& ref = s.reference;
    ImGui::PushTextWrapPos(0.0f);
    if (ref.layer < 0) ImGui::TextDisabled("%s", tr(T::DiffIntro).in(lang));
    ImGui::PopTextWrapPos();
    const int layer = s.compute.selected.layer;  // the layer the views show
    const std::string loadLabel = fill(T::LoadReference, lang, {{"layer", core::num(layer + 1)}});
    const float buttonW = ImGui::CalcTextSize(loadLabel.c_str()).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(
        std::max(80.0f, ImGui::GetContentRegionAvail().x - buttonW - ImGui::GetStyle().ItemSpacing.x));
    const bool entered = ImGui::InputTextWithHint("##reference", tr(T::ReferencePath).in(lang), &ref.typedPath,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button((loadLabel + "###loadref").c_str()) || entered) && !ref.typedPath.empty())
        loadReference(ref, ref.typedPath, layer);
    if (!ref.error.empty()) drawErrorText(ref.error);
    if (ref.layer < 0) return;

    ImGui::TextUnformatted(
        fill(T::ReferenceFor, lang, {{"path", ref.path}, {"layer", core::num(ref.layer + 1)}}).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(label(tr(T::ClearReference), lang).c_str())) {
        ref = ReferenceOutput{};
        return;
    }
    // Tolerances as numpy writes them (1e-05), dragged on a log scale.
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::SetNextItemWidth(half);
    float atol = static_cast<float>(ref.atol), rtol = static_cast<float>(ref.rtol);
    if (ImGui::SliderFloat("##atol", &atol, 1e-9f, 1.0f, tr(T::AbsTolerance).in(lang), ImGuiSliderFlags_Logarithmic))
        ref.atol = atol;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::SliderFloat("##rtol", &rtol, 1e-9f, 1.0f, tr(T::RelTolerance).in(lang), ImGuiSliderFlags_Logarithmic))
        ref.rtol = rtol;
    ImGui::Checkbox(label(tr(T::ShowUlps), lang).c_str(), &ref.inUlps);

    if (!c.active) {
        ImGui::TextDisabled("%s", fill(T::ReferenceLayerGone, lang, {{"layer", core::num(ref.layer + 1)}}).c_str());
        return;
    }
    if (c.mismatch) {
        shapeMismatch(*c.mismatch, lang);
        return;
    }
    const core::DiffReport& d = *c.report;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(
        d.ok() ? palette().result : palette().error, "%s",
        fill(T::DiffSummary, lang, {{"cells", core::num(d.cells)}, {"outside", core::num(d.outside)}}).c_str());
    ImGui::TextUnformatted(
        fill(T::DiffLargest, lang, {{"abs", diffNumber(d.maxAbsDiff)}, {"ulps", core::num(d.maxUlps)}}).c_str());
    ImGui::PopTextWrapPos();
    if (d.ok()) {
        ImGui::TextUnformatted(tr(T::DiffAllWithin).in(lang));
        return;
    }
    ImGui::BeginChild("##worst", ImVec2(0, 0), true);
    for (std::size_t i = 0; i < d.worst.size(); ++i) {
        const core::DiffCell& cell = d.worst[i];
        const std::string line = fill(T::DiffCellLine, lang,
                                      {{"channel", core::num(cell.channel)},
                                       {"row", core::num(cell.row)},
                                       {"col", core::num(cell.col)},
                                       {"ours", core::formatValue(cell.ours)},
                                       {"reference", core::formatValue(cell.reference)},
                                       {"abs", diffNumber(cell.absDiff)},
                                       {"ulps", core::num(cell.ulps)}});
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(line.c_str(), ref.listed == static_cast<int>(i))) {
            ref.listed = static_cast<int>(i);
            pinCell(s, r, c, cell);
        }
        ImGui::PopID();
    }
    if (d.outside > static_cast<std::int64_t>(d.worst.size()))
        ImGui::TextDisabled(
            "%s", fill(T::DiffMore, lang, {{"count", core::num(d.outside - static_cast<std::int64_t>(d.worst.size()))}})
                      .c_str());
    ImGui::EndChild();
}

}  // namespace convscope::gui
