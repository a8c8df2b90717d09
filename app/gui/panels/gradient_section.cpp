// The computation panel in the backward pass: the hovered (or pinned) gradient cell written
// out with its numbers — a weight gradient as the correlation of the input with the output
// gradient, an input gradient as the kernel stamped back by every output that read the cell,
// an activation's gradient as the slope times the gradient after it. Without one, the backward
// playback's step (backward_walk.hpp). Hovering a product lights the cells it multiplies.
#include <string>

#include "../logic/backward_walk.hpp"
#include "../logic/gradients.hpp"
#include "../logic/ui_text.hpp"
#include "../render/map_views.hpp"
#include "../render/theme.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

std::string cellText(const char* name, int row, int col) {
    return std::string(name) + "(" + std::to_string(row) + "," + std::to_string(col) + ")";
}

std::string gradientText(const Cell& cell, const PipelineResult& r) {
    const Block& b = r.block;
    const int filter = r.convInputs.selected.filter;
    const core::Conv2d* conv = r.convInputs.conv();
    const MapSource source = mapSource(cell.view, r);
    if (!source.values || cell.row < 0 || cell.col < 0 || cell.row >= source.height || cell.col >= source.width)
        return {};
    const float value = source.values[static_cast<std::size_t>(cell.row) * source.width + cell.col];
    switch (cell.view) {
        case View::GradKernel:
            return weightGradientText(r.padded(), r.grads.atOutput(b.conv), r.convParams, filter,
                                      r.convInputs.selected.channel, r.inputChannel(), cell.row, cell.col, value);
        case View::GradInput:
            if (conv)
                return inputGradientText(conv->weights, r.grads.atOutput(b.conv), r.convParams, r.inputChannel(),
                                         cell.row, cell.col, value);
            return "∂L/∂" + cellText("X", cell.row, cell.col) + " = " + core::formatValue(value);
        case View::GradConv: {
            std::string text = "∂L/∂" + cellText("Y", cell.row, cell.col) + " = ";
            if (const core::Activation* a = r.convInputs.activation(); a && b.conv >= 0) {
                const core::Tensor& y = r.conv();
                const float x = y.at(filter, cell.row, cell.col);
                const float after = r.grads.atOutput(b.activation).at(filter, cell.row, cell.col);
                text += "∂L/∂" + cellText("A", cell.row, cell.col) + "·" + core::layerLabel(*a) + "′(" +
                        core::formatOperand(x) + ") = " + core::formatOperand(after) + "·" +
                        core::formatOperand(core::activationSlope(x, *a)) + " = ";
            }
            return text + core::formatValue(value);
        }
        case View::GradPool: return "∂L/∂" + cellText("P", cell.row, cell.col) + " = " + core::formatValue(value);
        default: return {};
    }
}

// Places the next item on the current line when it fits, else on a new one.
void flowItem(const std::string& text) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine(0, 0);
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
}

// "head term + term + … = value", each term lighting its cells while hovered; `lightAll`: the
// sum is the hovered cell's, so until a term is hovered every term's cells light.
void drawTerms(State& s, const std::string& head, const std::vector<GradientTerm>& terms, std::int64_t all, float value,
               bool lightAll) {
    if (lightAll)
        for (const GradientTerm& t : terms)
            s.hoverTermCells.insert(s.hoverTermCells.end(), t.cells.begin(), t.cells.end());
    ImGui::TextUnformatted(head.c_str());
    int hovered = -1;
    for (std::size_t k = 0; k < terms.size(); ++k) {
        const std::string text = (k ? " + " : "") + terms[k].text;
        flowItem(text);
        ImGui::TextUnformatted(text.c_str());
        if (ImGui::IsItemHovered()) hovered = static_cast<int>(k);
    }
    if (hovered >= 0) s.hoverTermCells = terms[static_cast<std::size_t>(hovered)].cells;
    std::string tail = all > static_cast<std::int64_t>(terms.size()) ? " + …" : "";
    tail += " = " + core::formatValue(value);
    flowItem(tail);
    ImGui::TextColored(palette().result, "%s", tail.c_str());
}

float valueAt(const PipelineResult& r, View view, int row, int col) {
    const MapSource m = mapSource(view, r);
    if (!m.values || row < 0 || col < 0 || row >= m.height || col >= m.width) return 0.0f;
    return m.values[static_cast<std::size_t>(row) * m.width + col];
}

constexpr int kShownTerms = 64;

// The hovered ∂L/∂K or ∂L/∂X cell as its products; false for the other views.
bool drawLinkedSum(State& s, const PipelineResult& r, const Cell& cell, bool lightAll) {
    const core::Conv2d* conv = r.convInputs.conv();
    if (!conv || (cell.view != View::GradKernel && cell.view != View::GradInput)) return false;
    const MapSource source = mapSource(cell.view, r);
    if (!source.values || cell.row < 0 || cell.col < 0 || cell.row >= source.height || cell.col >= source.width)
        return false;
    const float value = valueAt(r, cell.view, cell.row, cell.col);
    const core::Tensor& gradOut = r.grads.atOutput(r.block.conv);
    const int filter = r.convInputs.selected.filter;
    std::int64_t all = 0;
    if (cell.view == View::GradKernel) {
        const auto terms = weightGradientTerms(r.padded(), gradOut, r.convParams, filter, r.inputChannel(), cell.row,
                                               cell.col, kShownTerms, all);
        drawTerms(s, weightGradientHead(r.convParams, cell.row, cell.col), terms, all, value, lightAll);
    } else {
        const auto terms = inputGradientTerms(conv->weights, gradOut, r.convParams, r.inputChannel(), cell.row,
                                              cell.col, kShownTerms, filter, all);
        drawTerms(s, inputGradientHead(cell.row, cell.col), terms, all, value, lightAll);
    }
    return true;
}

// "→ 1.5": a cell's partial sum after this step, when the view shows the partial map.
std::string partialText(const MapViews& maps, View view, const PipelineResult& r, GridPos at) {
    if (maps.partialView() != view) return {};
    const MapSource m = mapSource(view, r);
    const std::size_t k = static_cast<std::size_t>(at.row) * m.width + at.col;
    return k < maps.partialValues().size() ? "  → " + core::formatValue(maps.partialValues()[k]) : std::string();
}

// The backward playback's step: what it adds, and where.
void drawWalkStep(State& s, const PipelineResult& r, const MapViews& maps) {
    const BackwardWalk walk = walkOf(s.playback, r);
    if (backwardSteps(r, walk) <= 0) return;
    const BackwardStep step = backwardStepAt(r, walk, s.playback.step);
    const Language lang = s.language;
    auto num = [](float v) { return core::formatOperand(v); };
    ImGui::PushTextWrapPos(0.0f);
    if (walk == BackwardWalk::WeightGradient) {
        ImGui::TextDisabled(
            "%s",
            fill(T::WalkWeightIntro, lang, {{"row", std::to_string(step.m)}, {"col", std::to_string(step.n)}}).c_str());
        ImGui::PopTextWrapPos();
        drawLinkedSum(s, r, Cell{View::GradKernel, step.m, step.n}, false);
        return;
    }
    const std::string grad = num(step.gradient);
    const std::string row = std::to_string(step.out.row), col = std::to_string(step.out.col);
    if (walk == BackwardWalk::InputGradient) {
        const int filters = r.convInputs.conv()->weights.outChannels;
        const std::string filter = filters > 1 ? " (f" + std::to_string(step.filter + 1) + ")" : "";
        ImGui::TextDisabled(
            "%s",
            fill(T::WalkInputIntro, lang, {{"row", row}, {"col", col}, {"grad", grad}, {"filter", filter}}).c_str());
        for (std::size_t k = 0; k < step.stamps.size(); ++k) {
            const Stamp& st = step.stamps[k];
            const std::string line = "∂L/∂X(" + std::to_string(st.at.row) + "," + std::to_string(st.at.col) +
                                     ") += K(" + std::to_string(step.taps[k].row) + "," +
                                     std::to_string(step.taps[k].col) + ")·" + grad + " = " + num(step.kernel[k]) +
                                     "·" + grad + " = " + core::formatValue(st.added) +
                                     partialText(maps, View::GradInput, r, st.at);
            ImGui::TextUnformatted(line.c_str());
            if (ImGui::IsItemHovered())
                s.hoverTermCells = {Cell{View::GradInput, st.at.row, st.at.col},
                                    Cell{View::GradConv, step.out.row, step.out.col}};
        }
    } else {
        if (step.winner >= 0) {
            const GridPos& w = step.stamps[static_cast<std::size_t>(step.winner)].at;
            ImGui::TextDisabled("%s", fill(T::WalkMaxIntro, lang,
                                           {{"row", row},
                                            {"col", col},
                                            {"grad", grad},
                                            {"wrow", std::to_string(w.row)},
                                            {"wcol", std::to_string(w.col)}})
                                          .c_str());
        } else if (!step.stamps.empty() || step.divisor > 1) {
            ImGui::TextDisabled("%s",
                                fill(T::WalkAvgIntro, lang,
                                     {{"row", row},
                                      {"col", col},
                                      {"grad", grad},
                                      {"divisor", std::to_string(step.divisor)},
                                      {"each", core::formatValue(step.gradient / static_cast<float>(step.divisor))}})
                                    .c_str());
        }
        const core::Activation* activation = r.convInputs.activation();
        for (const Stamp& st : step.stamps) {
            std::string line = "∂L/∂Y(" + std::to_string(st.at.row) + "," + std::to_string(st.at.col) + ") += ";
            const std::string share = step.winner >= 0 ? grad : grad + "/" + std::to_string(step.divisor);
            if (activation) {
                // The activation's slope at the cell: ReLU lets the gradient through only where its input was > 0.
                const float x = r.conv().at(step.filter, st.at.row, st.at.col);
                line += share + "·" + core::layerLabel(*activation) + "′(" + num(x) + ") = ";
            } else if (step.winner < 0) {
                line += share + " = ";
            }
            line += core::formatValue(st.added) + partialText(maps, View::GradConv, r, st.at);
            ImGui::TextUnformatted(line.c_str());
            if (ImGui::IsItemHovered())
                s.hoverTermCells = {Cell{View::GradConv, st.at.row, st.at.col},
                                    Cell{View::GradPool, step.out.row, step.out.col}};
        }
    }
    ImGui::PopTextWrapPos();
}

}  // namespace

bool drawGradientSection(State& s, const PipelineResult& r, const MapViews& maps) {
    if (!walksBackward(r)) return false;
    const Cell cell = s.hover.valid() ? s.hover : s.pin;
    if (cell.view >= View::GradInput) {
        if (drawLinkedSum(s, r, cell, true)) return true;
        const std::string text = gradientText(cell, r);
        if (!text.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopTextWrapPos();
            return true;
        }
    }
    drawWalkStep(s, r, maps);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(T::GradientHoverHint).in(s.language));
    ImGui::PopTextWrapPos();
    return true;
}

}  // namespace convscope::gui
