// The computation panel in the backward pass: the hovered (or pinned) gradient cell written
// out with its numbers — a weight gradient as the correlation of the input with the output
// gradient, an input gradient as the kernel stamped back by every output that read the cell,
// an activation's gradient as the slope times the gradient after it.
#include <string>

#include "../logic/gradients.hpp"
#include "../render/map_views.hpp"
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

}  // namespace

bool drawGradientSection(const State& s, const PipelineResult& r) {
    if (!r.hasGrads) return false;
    const Cell& cell = s.hover.valid() ? s.hover : s.pin;
    if (cell.view < View::GradInput) return false;
    const std::string text = gradientText(cell, r);
    if (text.empty()) return false;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    return true;
}

}  // namespace convscope::gui
