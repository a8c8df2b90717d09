// Receptive fields through the whole stack. Every map (the input, then each layer's output)
// is drawn as a small grid. For the cell in focus — hovered here, or hovered /
// pinned in the views — the cells it is computed from light up below it (its exact
// footprint: dilation holes stay dark), and the cells computed from it light up above.
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>

#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/stack.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// The views' hovered (else pinned) cell as a level of the stack, when it is one.
std::optional<LevelCell> cellFromViews(const State& s, const PipelineResult& r) {
    const Cell& cell = s.hover.valid() ? s.hover : s.pin;
    if (!cell.valid() || !r.hasConv) return std::nullopt;
    // Level i + 1 is layer i's output: the block's input is level block.first, the map the
    // conv view shows is its activation's or conv's output (its input without either).
    const Block& b = r.block;
    const int mapLevel = 1 + (b.activation >= 0 ? b.activation : b.conv >= 0 ? b.conv : b.first - 1);
    if (mapLevel >= static_cast<int>(r.layers.size()) + 1) return std::nullopt;
    switch (cell.view) {
        case View::Input:  // padded coordinates: a padding cell is no cell of the map
            return LevelCell{b.first, cell.row - r.convPlan.rows.padBefore, cell.col - r.convPlan.cols.padBefore};
        case View::Conv: return LevelCell{mapLevel, cell.row, cell.col};
        case View::Pool:
            if (!r.hasPool || b.pool + 1 > static_cast<int>(r.layers.size())) return std::nullopt;
            return LevelCell{b.pool + 1, cell.row, cell.col};
        default: return std::nullopt;
    }
}

// "input", or the layer's number and label: "2 · ReLU".
std::string levelName(const std::vector<core::Layer>& layers, int level, Language lang) {
    if (level == 0) return tr(T::StackInput).in(lang);
    return std::to_string(level) + " · " + core::layerLabel(layers[static_cast<std::size_t>(level - 1)]);
}

// Runs of consecutive marked indices, so a large map draws a few rectangles, not a cell each.
std::vector<std::pair<std::int64_t, std::int64_t>> runsOf(const std::vector<char>& marked) {
    std::vector<std::pair<std::int64_t, std::int64_t>> runs;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(marked.size()); ++i) {
        if (!marked[static_cast<std::size_t>(i)]) continue;
        if (!runs.empty() && runs.back().second == i)
            runs.back().second = i + 1;
        else
            runs.push_back({i, i + 1});
    }
    return runs;
}

std::int64_t countOf(const std::vector<char>& marked) {
    std::int64_t n = 0;
    for (char m : marked) n += m ? 1 : 0;
    return n;
}

}  // namespace

void drawReceptiveFieldTab(State& s, const PipelineResult& r) {
    Language lang = s.language;
    const std::vector<core::LayerWindows>& layers = r.layers;
    const std::vector<core::Layer>& kinds = r.convInputs.layers;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(T::ReceptiveIntro).in(lang));
    ImGui::PopTextWrapPos();
    if (layers.empty()) return;

    // Hovering a grid here last frame wins over the views.
    std::optional<LevelCell> focus = s.receptiveHover ? s.receptiveHover : cellFromViews(s, r);
    s.receptiveHover.reset();

    const std::vector<core::LevelSize> sizes = core::levelSizes(layers);
    const std::vector<core::FieldGeometry> fields = core::receptiveFields(layers);
    core::CellSets sets;
    if (focus) sets = core::lineage(layers, focus->level, focus->row, focus->col);
    const bool lit = focus && !sets.rows.empty() && countOf(sets.rows[static_cast<std::size_t>(focus->level)]) > 0;

    const int levels = static_cast<int>(sizes.size());
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const int perRow = std::max(1, std::min(levels, static_cast<int>(avail / (ImGui::GetFontSize() * 7.0f))));
    const float side = std::min(ImGui::GetFontSize() * 6.0f,
                                (avail - gap * static_cast<float>(perRow - 1)) / static_cast<float>(perRow));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int level = 0; level < levels; ++level) {
        const core::LevelSize& size = sizes[static_cast<std::size_t>(level)];
        if (level % perRow) ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        ImGui::TextUnformatted(levelName(kinds, level, lang).c_str());
        const float cell = side / static_cast<float>(std::max(size.height, size.width));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 extent{cell * static_cast<float>(size.width), cell * static_cast<float>(size.height)};
        ImGui::PushID(level);
        ImGui::InvisibleButton("grid", {side, side});
        ImGui::PopID();
        draw->AddRectFilled(at, {at.x + extent.x, at.y + extent.y}, IM_COL32(60, 60, 66, 255));
        if (lit) {
            const auto L = static_cast<std::size_t>(level);
            const ImU32 colour = level < focus->level    ? kWindowColour
                                 : level == focus->level ? kOutputColour
                                                         : kReaderColour;
            for (const auto& [r0, r1] : runsOf(sets.rows[L]))
                for (const auto& [c0, c1] : runsOf(sets.cols[L]))
                    draw->AddRectFilled({at.x + static_cast<float>(c0) * cell, at.y + static_cast<float>(r0) * cell},
                                        {at.x + static_cast<float>(c1) * cell, at.y + static_cast<float>(r1) * cell},
                                        colour);
        }
        draw->AddRect(at, {at.x + extent.x, at.y + extent.y}, IM_COL32(140, 140, 140, 255));
        if (ImGui::IsItemHovered()) {
            const ImVec2 m = ImGui::GetMousePos();
            const auto row = static_cast<std::int64_t>((m.y - at.y) / cell);
            const auto col = static_cast<std::int64_t>((m.x - at.x) / cell);
            if (row >= 0 && col >= 0 && row < size.height && col < size.width)
                s.receptiveHover = LevelCell{level, row, col};
        }
        ImGui::Text("%lld×%lld", static_cast<long long>(size.height), static_cast<long long>(size.width));
        if (lit) {
            const auto L = static_cast<std::size_t>(level);
            ImGui::SameLine();
            ImGui::TextDisabled(tr(T::ReceptiveCount).in(lang),
                                static_cast<long long>(countOf(sets.rows[L]) * countOf(sets.cols[L])));
        }
        ImGui::EndGroup();
    }

    // Each level's field on the input: size, jump between neighbours, where cell 0's starts.
    ImGui::Separator();
    for (int level = 1; level < levels; ++level) {
        const core::FieldGeometry& f = fields[static_cast<std::size_t>(level)];
        ImGui::TextUnformatted(levelName(kinds, level, lang).c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 7.0f);
        // In input pixels: fractions past a transposed layer ("1/2": its cells are half a pixel apart).
        auto px = [](std::int64_t v, std::int64_t scale) {
            const std::int64_t g = std::gcd(v, scale);
            return scale / g == 1 ? std::to_string(v / g) : std::to_string(v / g) + "/" + std::to_string(scale / g);
        };
        ImGui::Text(tr(T::ReceptiveTable).in(lang), px(f.rows.size, f.rows.scale).c_str(),
                    px(f.cols.size, f.cols.scale).c_str(), px(f.rows.jump, f.rows.scale).c_str(),
                    px(f.cols.jump, f.cols.scale).c_str(), px(f.rows.start, f.rows.scale).c_str(),
                    px(f.cols.start, f.cols.scale).c_str());
    }
    if (!focus) ImGui::TextDisabled("%s", tr(T::ReceptiveNone).in(lang));
}

}  // namespace convscope::gui
