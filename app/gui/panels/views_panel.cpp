// Padded input → kernel → conv output → pooled output, left to right, each on the shared
// canvas widget with the sliding window, hover links and pins drawn over it.
#include <algorithm>
#include <cstdio>
#include <string>

#include "../logic/stack_edit.hpp"
#include "../logic/ui_text.hpp"
#include "../render/map_views.hpp"
#include "../render/theme.hpp"
#include "convscope/core/geometry.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

constexpr ImU32 withAlpha(ImU32 colour, unsigned alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// `diverging`: the colours the map is drawn in; `scale`: its range, for the labels.
void legend(const MapTexture& ramp, bool diverging, const ColorScale& scale, float width) {
    char lo[32], hi[32];
    formatCell(scale.low, lo, sizeof lo);
    formatCell(scale.high, hi, sizeof hi);
    ImGui::TextUnformatted(lo);
    ImGui::SameLine();
    // The two SameLine gaps scale with the UI, so they are the style's spacing, not pixels.
    const float barW = std::max(20.0f, width - ImGui::CalcTextSize(lo).x - ImGui::CalcTextSize(hi).x -
                                           2.0f * ImGui::GetStyle().ItemSpacing.x - 1.0f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 q{p.x + barW, p.y + ImGui::GetTextLineHeight()};
    ImGui::Dummy(ImVec2(barW, ImGui::GetTextLineHeight()));
    ramp.draw(ImGui::GetWindowDrawList(), p, q, ColorScale{0.0f, 1.0f, diverging}, -1);
    ImGui::GetWindowDrawList()->AddRect(p, q, IM_COL32(120, 120, 120, 255));
    ImGui::SameLine();
    ImGui::TextUnformatted(hi);
}

MapViews::ScreenRect lastItemRect() {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return {a.x, a.y, b.x, b.y};
}

void handleHit(State& s, const CanvasHit& hit, View view) {
    if (!hit.hovered) return;
    s.hover = Cell{view, hit.row, hit.col};
    if (hit.clicked) s.pin = (s.pin == s.hover) ? Cell{} : s.hover;
}

std::vector<int> shiftedUncovered(const core::AxisWindow& w, std::int64_t outputs, std::int64_t offset) {
    std::vector<int> out;
    for (auto i : core::uncoveredInputs(w, outputs)) out.push_back(static_cast<int>(i + offset));
    return out;
}

// Which slice a multi-channel view shows: " · R", " · c2", " · f3", or nothing for one.
std::string channelSuffix(const char* letter, int index, int count, bool rgb) {
    static const char* names[] = {"R", "G", "B"};
    if (count <= 1) return {};
    if (rgb && count == 3) return std::string(" · ") + names[index];
    return std::string(" · ") + letter + std::to_string(index + 1);
}

std::string activationSuffix(const core::Activation* a) {
    return a ? " · " + core::layerLabel(*a) : std::string();
}

}  // namespace

void drawViewsPanel(const Layout& layout, State& s, const PipelineResult& r, const Focus& f, MapViews& maps) {
    ImGui::SetNextWindowPos(layout.viewsPos);
    ImGui::SetNextWindowSize(layout.viewsSize);
    ImGui::Begin("Views", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (!r.hasConv) {
        drawConvError(s, r);
        ImGui::End();
        return;
    }
    if (r.computing) {
        // Top right, over the views: the maps below are the previous ones until this goes.
        const char* computing = tr(T::Computing).in(s.language);
        const float width = ImGui::CalcTextSize(computing).x;
        const ImVec2 at{ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - width - 12.0f,
                        ImGui::GetWindowPos().y + 4.0f};
        ImGui::GetForegroundDrawList()->AddText(at, IM_COL32(255, 214, 0, 255), computing);
    }
    const Reveal reveal = maps.shownReveal();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // The block's maps only (block.hpp): a lone pooling shows the map it reads and its own,
    // an activation its input and its output; the columns share the width by these weights.
    const Block& block = r.block;
    const bool showInput = block.conv >= 0 || block.activation >= 0;
    const bool showKernel = block.conv >= 0;
    const bool showPool = block.pool >= 0;
    float weights[4] = {showInput ? 0.30f : 0.0f, showKernel ? 0.16f : 0.0f, 0.27f, showPool ? 0.27f : 0.0f};
    const float weightSum = weights[0] + weights[1] + weights[2] + weights[3];
    const int columns = int{showInput} + int{showKernel} + 1 + int{showPool};
    int placed = 0;
    const float textH = ImGui::GetTextLineHeightWithSpacing();
    const float canvasH = avail.y - 2.0f * textH - 6.0f;
    const auto& rows = r.convPlan.rows;
    const auto& cols = r.convPlan.cols;
    static const core::Weights kNoKernel;
    const core::Conv2d* conv = r.convInputs.conv();
    const core::Weights& k = conv ? conv->weights : kNoKernel;
    const Selection& shown = r.convInputs.selected;

    auto column = [&](int index, const char* title, auto body) {
        if (weights[index] <= 0.0f) return;
        if (placed++) ImGui::SameLine(0, gap);
        const float w = (avail.x - static_cast<float>(columns - 1) * gap) * weights[index] / weightSum;
        ImGui::BeginGroup();
        ImGui::PushID(index);
        const std::string fitted = fitWidth(title, w);
        ImGui::TextUnformatted(fitted.c_str());
        if (fitted != title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title);
        body(w);
        ImGui::PopID();
        ImGui::EndGroup();
    };

    char title[128];

    // Padded input.
    Language lang = s.language;
    const bool rgb = block.first == 0 && s.image && s.image->channel == io::ImageChannel::Rgb;
    std::snprintf(title, sizeof title, tr(T::ViewInput).in(lang), r.stageInput().height, r.stageInput().width,
                  r.padded().height, r.padded().width);
    std::string heading = title + channelSuffix("c", r.inputChannel(), r.stageInput().channels, rgb);
    column(0, heading.c_str(), [&](float w) {
        CanvasContent c;
        c.texture = &maps.input;
        c.values = r.padded().plane(r.inputChannel());
        c.height = r.padded().height;
        c.width = r.padded().width;
        c.scale = maps.inputScale;
        c.padTop = static_cast<int>(rows.padBefore);
        c.padBottom = static_cast<int>(rows.padAfter);
        c.padLeft = static_cast<int>(cols.padBefore);
        c.padRight = static_cast<int>(cols.padAfter);
        c.shadedRows = shiftedUncovered(rows, r.conv().height, rows.padBefore);
        c.shadedCols = shiftedUncovered(cols, r.conv().width, cols.padBefore);
        c.showNumbers = s.view.showNumbers;
        c.showGrid = s.view.showGrid;
        for (std::size_t i = 0; i < f.inputWindow.size(); ++i) {
            const GridPos& p = f.inputWindow[i];
            const bool term = static_cast<int>(i) == s.hoverTerm;
            c.marks.push_back({p.row, p.col, term ? withAlpha(kTermColour, 110) : withAlpha(kWindowColour, 40),
                               term ? kTermColour : kWindowColour, 2.5f});
        }
        for (const GridPos& p : f.poolFootprint)
            c.marks.push_back({p.row, p.col, withAlpha(kWindowColour, 30), withAlpha(kWindowColour, 160), 1.5f});
        if (f.inputCell) c.marks.push_back({f.inputCell->row, f.inputCell->col, 0, kReaderColour, 3.0f});
        if (f.copiedFrom)
            c.marks.push_back(
                {f.copiedFrom->row, f.copiedFrom->col, withAlpha(kPaddingColour, 90), kPaddingColour, 3.0f});
        handleHit(s, drawCanvas("input", c, maps.inputView, {w, canvasH}), View::Input);
        maps.inputRect = lastItemRect();
        legend(maps.legendRamp, r.stageInput().channels == 1 && maps.inputScale.diverging, maps.inputScale, w);
    });

    // Kernel.
    std::snprintf(title, sizeof title, tr(T::ViewKernel).in(lang), k.height, k.width);
    heading = title + channelSuffix("f", shown.filter, k.outChannels, false) +
              channelSuffix("c", shown.channel, k.inChannels, rgb);
    column(1, heading.c_str(), [&](float w) {
        CanvasContent c;
        c.texture = &maps.kernel;
        c.values = kernelSlice(k, shown.filter, shown.channel);
        c.height = k.height;
        c.width = k.width;
        c.scale = maps.kernelScale;
        c.showNumbers = s.view.showNumbers;
        c.showGrid = s.view.showGrid;
        if (f.conv)
            for (int m = 0; m < k.height; ++m)
                for (int n = 0; n < k.width; ++n) {
                    const bool term = m * k.width + n == s.hoverTerm;
                    c.marks.push_back({m, n, term ? withAlpha(kTermColour, 110) : 0, term ? kTermColour : kWindowColour,
                                       term ? 3.0f : 1.5f});
                }
        const float side = std::min(w, canvasH);
        handleHit(s, drawCanvas("kernel", c, maps.kernelView, {w, side}), View::Kernel);
        legend(maps.legendRamp, maps.kernelScale.diverging, maps.kernelScale, w);
    });

    // Conv output (the block's input when it starts with an activation or a pooling).
    if (block.conv >= 0)
        std::snprintf(title, sizeof title, tr(T::ViewConv).in(lang), r.conv().height, r.conv().width);
    else
        std::snprintf(title, sizeof title, "%s %d×%d", tr(T::BlockInput).in(lang), r.conv().height, r.conv().width);
    heading = title +
              channelSuffix(block.conv >= 0 ? "f" : "c", shown.filter, r.conv().channels, rgb && block.conv < 0) +
              activationSuffix(r.convInputs.activation());
    column(2, heading.c_str(), [&](float w) {
        CanvasContent c;
        c.texture = &maps.conv;
        c.values = r.activated().plane(shown.filter);
        c.height = r.conv().height;
        c.width = r.conv().width;
        c.reveal = reveal.conv;
        c.scale = maps.convScale;
        c.showNumbers = s.view.showNumbers;
        c.showGrid = s.view.showGrid;
        if (r.hasPool) {
            c.shadedRows = shiftedUncovered(r.poolPlan.rows, r.pool().values.height, 0);
            c.shadedCols = shiftedUncovered(r.poolPlan.cols, r.pool().values.width, 0);
        }
        for (const GridPos& p : f.convWindow)
            c.marks.push_back({p.row, p.col, withAlpha(kWindowColour, 40), kWindowColour, 2.5f});
        for (const GridPos& p : f.convReaders)
            c.marks.push_back({p.row, p.col, withAlpha(kReaderColour, 70), kReaderColour, 2.0f});
        if (f.poolWinner)
            c.marks.push_back(
                {f.poolWinner->row, f.poolWinner->col, withAlpha(kOutputColour, 90), kOutputColour, 3.0f});
        if (f.conv) c.marks.push_back({f.conv->row, f.conv->col, 0, kOutputColour, 3.0f});
        handleHit(s, drawCanvas("conv", c, maps.convView, {w, canvasH}), View::Conv);
        maps.convRect = lastItemRect();
        legend(maps.legendRamp, maps.convScale.diverging, maps.convScale, w);
    });

    // Pooled output.
    if (r.hasPool)
        std::snprintf(title, sizeof title,
                      (r.poolParams.mode == core::PoolMode::Max ? tr(T::ViewMaxPool) : tr(T::ViewAvgPool)).in(lang),
                      r.pool().values.height, r.pool().values.width);
    else
        std::snprintf(title, sizeof title, "%s", tr(T::PoolingInvalid).in(lang));
    column(3, title, [&](float w) {
        if (!r.hasPool) {
            ImGui::Dummy({w, canvasH});
            return;
        }
        CanvasContent c;
        c.texture = &maps.pool;
        c.values = r.pool().values.plane(shown.filter);
        c.height = r.pool().values.height;
        c.width = r.pool().values.width;
        c.reveal = reveal.pool;
        c.scale = maps.poolScale;
        c.showNumbers = s.view.showNumbers;
        c.showGrid = s.view.showGrid;
        for (const GridPos& p : f.poolReaders)
            c.marks.push_back({p.row, p.col, withAlpha(kReaderColour, 70), kReaderColour, 2.0f});
        if (f.pool) c.marks.push_back({f.pool->row, f.pool->col, 0, kOutputColour, 3.0f});
        handleHit(s, drawCanvas("pool", c, maps.poolView, {w, canvasH}), View::Pool);
        maps.poolRect = lastItemRect();
        legend(maps.legendRamp, maps.poolScale.diverging, maps.poolScale, w);
    });
    ImGui::End();
}

}  // namespace convscope::gui
