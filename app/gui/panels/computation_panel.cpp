// The dot product at the current position, written out term by term with its numbers
// (from core::traceConv — never recomputed here). Hovering a term lights its input and
// kernel cells; padding terms are marked. Below: the pooling step at its position.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "../logic/engine_text.hpp"
#include "../logic/quiz.hpp"
#include "../logic/transposed_walk.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/text.hpp"
#include "convscope/core/trace.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// Terms read best short: up to 4 significant digits ("0.8941"); the tooltip and the result
// line keep the exact value.
std::string shortOperand(float v) {
    std::string exact = core::formatOperand(v);
    if (exact.size() <= 7) return exact;
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 0 ? "(%.4g)" : "%.4g", static_cast<double>(v));
    return buf;
}

// Places the next item on the current line when it fits, else on a new one.
void flowItem(const std::string& text, bool first) {
    if (first) return;
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine(0, 0);
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
}

void convSection(State& s, const PipelineResult& r, GridPos at) {
    const ComputeInputs& in = r.convInputs;
    const core::Conv2d& conv = *in.conv();
    auto t = core::traceConv(r.stageInput(), conv.weights, conv.bias, r.convParams, in.selected.filter, at.row, at.col);
    if (!t) {
        drawError(t.error(), s.language);
        return;
    }
    // With groups the filter reads its group's channels only: those are the terms.
    const core::Weights& k = conv.weights;
    const int channels = k.inChannels;
    const int sliceTaps = k.height * k.width;
    const core::Activation* activation = in.activation();
    const std::string out = "O(" + core::num(at.row) + "," + core::num(at.col) + ")";
    ImGui::Text(tr(T::ConvAt).in(s.language), at.row, at.col);
    ImGui::SameLine();
    ImGui::TextColored(palette().result, "%s = %s", out.c_str(), core::formatValue(t->sum).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled((t->hasBias ? tr(T::ProductsBias) : tr(T::Products)).in(s.language), t->taps.size());

    const float childH = ImGui::GetContentRegionAvail().y * (r.hasPool ? 0.55f : 1.0f);
    ImGui::BeginChild("terms", ImVec2(0, childH), true);
    int hovered = -1;
    const std::vector<float> partial = core::channelSums(*t);
    std::string text;
    // One line of products per input channel; with several, each ends in its partial sum.
    for (std::size_t i = 0; i < t->taps.size(); ++i) {
        const core::ConvTap& tap = t->taps[i];
        const bool firstOfChannel = static_cast<int>(i) % sliceTaps == 0;
        const bool lastOfChannel = static_cast<int>(i) % sliceTaps == sliceTaps - 1;
        if (firstOfChannel) {
            if (channels > 1) {
                char head[48];
                std::snprintf(head, sizeof head, "c%d: ", tap.channel + 1);
                ImGui::TextDisabled("%s", head);
            } else {
                ImGui::TextUnformatted((out + " = ").c_str());
            }
        }
        const bool more = channels > 1 ? !lastOfChannel : (i + 1 < t->taps.size() || t->hasBias);
        text = shortOperand(tap.input) + "·" + shortOperand(tap.weight) + (more ? " + " : "");
        flowItem(text, false);
        const bool isHovered =
            static_cast<int>(i) % sliceTaps == s.hoverTerm && static_cast<int>(i) / sliceTaps == in.selected.channel;
        ImGui::TextColored(isHovered     ? palette().term
                           : tap.padding ? palette().padding
                                         : ImGui::GetStyle().Colors[ImGuiCol_Text],
                           "%s", text.c_str());
        if (ImGui::IsItemHovered()) {
            // The views light the term's cell in the channel they show.
            hovered = static_cast<int>(i) % sliceTaps;
            std::string where = "I(" + core::num(tap.row) + "," + core::num(tap.col) + ")";
            if (channels > 1) where = "I[" + core::num(tap.channel + 1) + "]" + where.substr(1);
            if (tap.padding)
                where += r.convParams.mode == core::PaddingMode::Zeros
                             ? std::string(tr(T::TapZeroPadding).in(s.language))
                             : fill(T::TapCopies, s.language,
                                    {{"mode", core::paddingModeName(r.convParams.mode)},
                                     {"row", core::num(tap.sourceRow)},
                                     {"col", core::num(tap.sourceCol)}});
            ImGui::SetTooltip("%s × K(%d,%d) = %s × %s = %s", where.c_str(), tap.m, tap.n,
                              core::formatValue(tap.input).c_str(), core::formatOperand(tap.weight).c_str(),
                              core::formatValue(tap.product).c_str());
        }
        if (channels > 1 && lastOfChannel) {
            text = " = " + core::formatValue(partial[i / static_cast<std::size_t>(sliceTaps)]);
            flowItem(text, false);
            ImGui::TextUnformatted(text.c_str());
        }
    }
    if (channels > 1) {
        // The whole output value: the channels' partial sums, then the bias.
        ImGui::TextUnformatted((out + " = ").c_str());
        for (int c = 0; c < channels; ++c) {
            text = shortOperand(partial[static_cast<std::size_t>(c)]) + (c + 1 < channels || t->hasBias ? " + " : "");
            flowItem(text, false);
            ImGui::TextUnformatted(text.c_str());
        }
    }
    if (t->hasBias) {
        text = "b(" + shortOperand(t->bias) + ")";
        flowItem(text, false);
        ImGui::TextUnformatted(text.c_str());
    }
    text = " = " + core::formatValue(t->sum);
    flowItem(text, false);
    ImGui::TextColored(palette().result, "%s", text.c_str());
    if (activation) ImGui::TextColored(palette().result, "%s", core::activationLine(*activation, t->sum).c_str());
    if (conv.groups > 1 && !t->taps.empty()) {
        // The channels outside the filter's group, named so that their absence is seen.
        const int first = t->taps.front().channel;
        for (int c = 0; c < r.stageInput().channels; ++c)
            if (c < first || c >= first + channels)
                ImGui::TextDisabled("%s", fill(T::OtherGroup, s.language, {{"channel", core::num(c + 1)}}).c_str());
    }
    ImGui::EndChild();
    s.hoverTerm = hovered;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(T::PaddingTermsNote).in(s.language));
    ImGui::PopTextWrapPos();
}

// A transposed block's output cell: every stamp landing on it (core's trace, the terms of
// `convscope-cli explain convt`), then the bias and the sum. Hovering a term lights its input
// cell and kernel tap (s.hoverTerm: its index in the trace).
void transposedCellSection(State& s, const PipelineResult& r, const Focus& f) {
    const GridPos at = *f.transposedCell;
    const core::ConvTranspose2d& layer = *transposedLayer(r);
    auto t = core::traceConvTranspose(r.stageInput(), layer, transposedSlice(r).outChannel, at.row, at.col);
    if (!t) {
        drawError(t.error(), s.language);
        return;
    }
    const std::string out = "O(" + core::num(at.row) + "," + core::num(at.col) + ")";
    ImGui::Text(tr(T::TransposedAt).in(s.language), at.row, at.col);
    ImGui::SameLine();
    ImGui::TextColored(palette().result, "%s = %s", out.c_str(), core::formatValue(t->sum).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled((t->hasBias ? tr(T::ProductsBias) : tr(T::Products)).in(s.language), t->terms.size());
    ImGui::BeginChild("terms", ImVec2(0, 0), true);
    const bool channels = r.stageInput().channels > 1;
    int hovered = -1;
    ImGui::TextUnformatted((out + " = ").c_str());
    for (std::size_t i = 0; i < t->terms.size(); ++i) {
        const core::ConvTransposeTerm& term = t->terms[i];
        const std::string text = shortOperand(term.input) + "·" + shortOperand(term.weight) +
                                 (i + 1 < t->terms.size() || t->hasBias ? " + " : "");
        flowItem(text, false);
        ImGui::TextColored(
            static_cast<int>(i) == s.hoverTerm ? palette().term : ImGui::GetStyle().Colors[ImGuiCol_Text], "%s",
            text.c_str());
        if (ImGui::IsItemHovered()) {
            hovered = static_cast<int>(i);
            std::string where = "I(" + core::num(term.inputRow) + "," + core::num(term.inputCol) + ")";
            if (channels) where = "I[" + core::num(term.channel + 1) + "]" + where.substr(1);
            ImGui::SetTooltip("%s × K(%d,%d) = %s × %s = %s", where.c_str(), term.m, term.n,
                              core::formatValue(term.input).c_str(), core::formatOperand(term.weight).c_str(),
                              core::formatValue(term.product).c_str());
        }
    }
    std::string text;
    if (t->hasBias) {
        text = "b(" + shortOperand(t->bias) + ")";
        flowItem(text, false);
        ImGui::TextUnformatted(text.c_str());
    }
    text = " = " + core::formatValue(t->sum);
    flowItem(text, false);
    ImGui::TextColored(palette().result, "%s", text.c_str());
    ImGui::EndChild();
    s.hoverTerm = hovered;
}

// A transposed block's scatter step: the input cell's stamp, product by product, each with
// the output cell it is added to.
void stampSection(const State& s, const PipelineResult& r, const Focus& f) {
    const GridPos at = *f.stampSource;
    const core::ConvTranspose2d& layer = *transposedLayer(r);
    const TransposedSlice sl = transposedSlice(r);
    const float v = r.stageInput().at(sl.inChannel, at.row, at.col);
    ImGui::Text(tr(T::StampAt).in(s.language), at.row, at.col, core::formatValue(v).c_str());
    ImGui::BeginChild("stamp", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.7f), true);
    for (const StampCell& c : stampOf(layer, core::shapeOf(transposedOutput(r)), at.row, at.col)) {
        const float w = layer.weights.at(sl.inChannel, sl.o, c.m, c.n);
        ImGui::Text("%s·K(%d,%d) = %s·%s = %s → O(%d,%d)", shortOperand(v).c_str(), c.m, c.n, shortOperand(v).c_str(),
                    shortOperand(w).c_str(), core::formatValue(v * w).c_str(), c.row, c.col);
    }
    ImGui::EndChild();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(T::StampNote).in(s.language));
    ImGui::PopTextWrapPos();
}

// A block without a conv starting with an activation: the value worked out at one cell.
void activationSection(const PipelineResult& r, GridPos at) {
    const float x = r.stageInput().at(r.convInputs.selected.filter, at.row, at.col);
    ImGui::TextColored(palette().result, "A(%d,%d) = %s", at.row, at.col,
                       core::activationLine(*r.convInputs.activation(), x).c_str());
}

void poolSection(const PipelineResult& r, GridPos at, Language language) {
    auto t = core::tracePool(r.activated(), r.poolParams, r.convInputs.selected.filter, at.row, at.col);
    if (!t) {
        drawError(t.error(), language);
        return;
    }
    ImGui::Text((t->mode == core::PoolMode::Max ? tr(T::MaxPoolAt) : tr(T::AvgPoolAt)).in(language), at.row, at.col);
    ImGui::SameLine();
    ImGui::TextColored(palette().result, "P(%d,%d) = %s", at.row, at.col, core::formatValue(t->result).c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(core::poolResultLine(*t, tr(T::WinnerAt).in(language)).c_str());
    if (t->mode == core::PoolMode::Avg)
        ImGui::TextDisabled("%s", divisorText(*t, language).c_str());
    else
        ImGui::TextDisabled("%s", tr(T::TieRule).in(language));
    ImGui::PopTextWrapPos();
}

}  // namespace

// With a reference loaded for a layer of this block: the reference's value at the shown
// position beside convscope's, and their difference (red outside the tolerance).
void referenceLine(const State& s, const PipelineResult& r, const Focus& f, const ReferenceComparison& c) {
    if (!comparisonInBlock(c, r.block)) return;
    const std::optional<GridPos>& at = c.layer == r.block.pool ? f.pool : f.conv;
    if (!at) return;
    const core::Tensor& ours = r.output(c.layer).values;
    const core::Tensor& theirs = s.reference.values;
    const int channel = std::min(r.convInputs.selected.filter, ours.channels - 1);
    if (at->row >= ours.height || at->col >= ours.width) return;
    const float a = ours.at(channel, at->row, at->col);
    const float b = theirs.at(channel, at->row, at->col);
    const double diff = std::isnan(a) != std::isnan(b) ? INFINITY : std::isnan(a) ? 0.0 : std::fabs(double{a} - b);
    const bool inside = core::withinTolerance(a, b, {s.reference.atol, s.reference.rtol});
    ImGui::TextColored(inside ? palette().result : palette().error, "%s",
                       fill(T::ReferenceCompare, s.language,
                            {{"reference", core::formatValue(b)},
                             {"abs", std::isinf(diff) ? "inf" : core::formatValue(static_cast<float>(diff))},
                             {"ulps", core::num(core::ulpDistance(a, b))}})
                           .c_str());
    ImGui::Separator();
}

void drawComputationPanel(const Layout& layout, State& s, const PipelineResult& r, const Focus& f,
                          const ReferenceComparison& comparison, const MapViews& maps) {
    ImGui::SetNextWindowPos(layout.computationPos);
    ImGui::SetNextWindowSize(layout.computationSize);
    ImGui::Begin(label(tr(T::Computation), s.language).c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    s.hoverTermCells.clear();  // the gradient section sets them again while a term is hovered
    if (hidesMaps(s.quiz)) {
        ImGui::TextWrapped("%s", tr(T::QuizHidden).in(s.language));  // the work would be the answer
    } else if (!r.hasConv) {
        drawConvError(s, r);
    } else if (drawGradientSection(s, r, maps)) {
        s.hoverTerm = -1;
    } else {
        s.hoverTerm = -1;
        referenceLine(s, r, f, comparison);  // first: the dot product's list can fill the panel
        if (transposedLayer(r) && f.transposedCell)
            transposedCellSection(s, r, f);
        else if (transposedLayer(r) && f.stampSource)
            stampSection(s, r, f);
        else if (f.conv && r.block.conv >= 0)
            convSection(s, r, *f.conv);
        else if (f.conv && r.block.activation >= 0)
            activationSection(r, *f.conv);
        if (f.pool && r.hasPool) {
            if (f.conv) ImGui::Separator();
            poolSection(r, *f.pool, s.language);
        }
        if (!f.conv && !f.pool && !f.transposedCell && !f.stampSource) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", tr(T::HoverHint).in(s.language));
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::End();
}

}  // namespace convscope::gui
