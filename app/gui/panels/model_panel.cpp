// The Model tab: an opened .onnx graph's nodes with their shapes (unsupported ones with the
// reason), picked as a chain that becomes the stack; or the tensors of an .npz / .safetensors
// file, one loaded into the selected conv in the layout the person picks. A conv reading 3
// channels shows its filters as small colour pictures. The app does the work (requests).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "../logic/engine_text.hpp"
#include "../logic/model_bridge.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

void nodeTable(State& s, OpenModel& open) {
    const Language lang = s.language;
    ImGui::TextDisabled("%s", tr(T::ModelPickHint).in(lang));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    const float height =
        std::max(ImGui::GetTextLineHeightWithSpacing() * 4.0f, ImGui::GetContentRegionAvail().y * 0.55f);
    if (!ImGui::BeginTable("nodes", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(T::ModelColumnNode).in(lang));
    ImGui::TableSetupColumn(tr(T::ModelColumnOp).in(lang));
    ImGui::TableSetupColumn(tr(T::ModelColumnShapes).in(lang));
    ImGui::TableSetupColumn(tr(T::ModelColumnLayer).in(lang), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const io::ModelNode& n : open.model->nodes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool picked = n.index >= open.first && n.index <= open.last;
        const std::string id = std::to_string(n.index) + "##node";
        if (ImGui::Selectable(id.c_str(), picked, ImGuiSelectableFlags_SpanAllColumns)) {
            if (ImGui::GetIO().KeyShift) {
                open.first = std::min(open.first, n.index);
                open.last = std::max(open.last, n.index);
            } else {
                open.first = open.last = n.index;
            }
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", n.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(n.op.c_str());
        ImGui::TableNextColumn();
        const std::string shapes = (n.inputShape.empty() ? "?" : io::shapeText(n.inputShape)) + " → " +
                                   (n.outputShape.empty() ? "?" : io::shapeText(n.outputShape));
        ImGui::TextUnformatted(shapes.c_str());
        ImGui::TableNextColumn();
        if (n.layer)
            ImGui::TextUnformatted(core::layerLabel(*n.layer).c_str());
        else
            ImGui::TextColored(palette().error, "%s",
                               fill(T::ModelUnsupported, lang, {{"reason", errorText(n.unsupported, lang)}}).c_str());
    }
    ImGui::EndTable();
    const std::string use =
        fill(T::ModelUseNodes, lang, {{"first", std::to_string(open.first)}, {"last", std::to_string(open.last)}});
    if (ImGui::Button((use + "###usenodes").c_str())) s.requests.useModelNodes = true;
}

// Each filter as a small square of KH×KW coloured cells, side by side, wrapping.
void filterPictures(const io::ModelNode& node, Language lang) {
    if (!node.layer || !core::isConv(*node.layer)) return;
    const core::Weights& w = std::get<core::Conv2d>(*node.layer).weights;
    if (w.inChannels != 3) return;
    ImGui::TextWrapped("%s", fill(T::ModelFilters, lang, {{"index", std::to_string(node.index)}}).c_str());
    const float cell =
        std::max(3.0f, std::floor(ImGui::GetFontSize() * 2.0f / static_cast<float>(std::max(w.height, w.width))));
    const ImVec2 size(cell * static_cast<float>(w.width), cell * static_cast<float>(w.height));
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (int f = 0; f < w.outChannels && f < 256; ++f) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const auto colours = filterColours(w, f);
        for (int m = 0; m < w.height; ++m)
            for (int n = 0; n < w.width; ++n) {
                const auto& c = colours[static_cast<std::size_t>(m * w.width + n)];
                const ImVec2 a(at.x + cell * static_cast<float>(n), at.y + cell * static_cast<float>(m));
                draw->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell),
                                    ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], 1.0f)));
            }
        ImGui::Dummy(size);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d", f);
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + size.x < right) ImGui::SameLine();
    }
    ImGui::NewLine();
}

void tensorTable(State& s, OpenModel& open) {
    const Language lang = s.language;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    const float height =
        std::max(ImGui::GetTextLineHeightWithSpacing() * 4.0f, ImGui::GetContentRegionAvail().y * 0.6f);
    if (ImGui::BeginTable("tensors", 3, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr(T::ModelColumnTensor).in(lang), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr(T::ModelColumnShape).in(lang));
        ImGui::TableSetupColumn(tr(T::ModelColumnDtype).in(lang));
        ImGui::TableHeadersRow();
        const auto& tensors = open.model->tensors;
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string id = tensors[i].name + "##tensor" + std::to_string(i);
            if (ImGui::Selectable(id.c_str(), open.tensor == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns))
                open.tensor = static_cast<int>(i);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tensors[i].shapeText().c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tensors[i].dtype.c_str());
        }
        ImGui::EndTable();
    }
    // Never guessed: the person says which order the file's axes are in.
    int layout = open.channelsLast ? 1 : 0;
    ImGui::RadioButton(label(tr(T::ModelLayoutPyTorch), lang).c_str(), &layout, 0);
    ImGui::SameLine();
    ImGui::RadioButton(label(tr(T::ModelLayoutTensorFlow), lang).c_str(), &layout, 1);
    open.channelsLast = layout == 1;
    const bool hasConv = s.compute.conv() != nullptr;
    ImGui::BeginDisabled(!hasConv);
    if (ImGui::Button(label(tr(T::ModelLoadTensor), lang).c_str())) s.requests.loadModelTensor = true;
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", tr(hasConv ? T::ModelLoadTensorTip : T::ModelNoConv).in(lang));
}

}  // namespace

void drawModelTab(State& s) {
    if (!s.model) {
        ImGui::TextWrapped("%s", tr(T::ModelNone).in(s.language));
        return;
    }
    OpenModel& open = *s.model;
    ImGui::TextUnformatted(std::filesystem::path(open.path).filename().string().c_str());
    if (open.model->format == io::ModelFormat::Onnx) {
        nodeTable(s, open);
        filterPictures(open.model->nodes[static_cast<std::size_t>(open.first - 1)], s.language);
    } else {
        tensorTable(s, open);
    }
}

}  // namespace convscope::gui
