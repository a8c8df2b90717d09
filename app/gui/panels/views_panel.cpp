// The selected block's maps, one column per slot (view_slots.hpp) — for a conv block: padded
// input → kernel → conv output → pooled output —, each on the shared canvas widget with the
// sliding window, hover links and pins drawn over it.
#include <algorithm>
#include <cstdio>
#include <string>

#include "../logic/backward_walk.hpp"
#include "../logic/stack_edit.hpp"
#include "../logic/transposed_walk.hpp"
#include "../logic/ui_text.hpp"
#include "../logic/view_slots.hpp"
#include "../render/map_views.hpp"
#include "../render/theme.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/text.hpp"
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

ScreenRect lastItemRect() {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return {a.x, a.y, b.x, b.y};
}

bool isPoolLayer(const State& s, int layer) {
    return layer < static_cast<int>(s.compute.layers.size()) &&
           core::isPool(s.compute.layers[static_cast<std::size_t>(layer)]);
}

void handleHit(State& s, const CanvasHit& hit, View view) {
    if (!hit.hovered) return;
    // A cell of the difference view is that cell of the layer's own map.
    if (view == View::Diff)
        view = s.reference.layer >= 0 && isPoolLayer(s, s.reference.layer) ? View::Pool : View::Conv;
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

// What drawing a slot needs besides the slot.
struct SlotContext {
    State& s;
    const PipelineResult& r;
    const Focus& f;
    bool rgb;  // the block reads the picture's three colours
    const ReferenceComparison& comparison;
    const Reveal& reveal;  // what the playback has shown so far
};

// A transposed conv's kernel: its (C, OC/groups) slice, named by its output and input channel.
std::string transposedKernelTitle(const core::ConvTranspose2d& layer, const SlotContext& x) {
    char title[128];
    const core::Weights& k = layer.weights;
    std::snprintf(title, sizeof title, tr(T::ViewKernel).in(x.s.language), k.height, k.width);
    const TransposedSlice t = transposedSlice(x.r);
    return title + channelSuffix("f", t.outChannel, layer.outChannels(), false) +
           channelSuffix("c", t.inChannel, k.outChannels, x.rgb);
}

// A transposed block's links: the stamping input cell, the output cells its stamp lands on
// (the stamp outlined), the explained output cell and its contributions in the shown channel
// (the hovered term brighter).
void addTransposedMarks(View view, const SlotContext& x, CanvasContent& c) {
    const Focus& f = x.f;
    const int channel = transposedSlice(x.r).inChannel;
    const bool stamping = f.stampSource.has_value();
    for (std::size_t i = 0; i < f.transposedTerms.size(); ++i) {
        const core::ConvTransposeTerm& t = f.transposedTerms[i];
        if (t.channel != channel) continue;
        const bool term = static_cast<int>(i) == x.s.hoverTerm;
        const ImU32 fill = term ? withAlpha(kTermColour, 110) : withAlpha(kWindowColour, 50);
        const ImU32 line = term ? kTermColour : kWindowColour;
        if (view == View::Input) c.marks.push_back({t.inputRow, t.inputCol, fill, line, 2.5f});
        if (view == View::Kernel) c.marks.push_back({t.m, t.n, fill, line, term ? 3.0f : 2.0f});
    }
    switch (view) {
        case View::Input:
            if (stamping)
                c.marks.push_back(
                    {f.stampSource->row, f.stampSource->col, withAlpha(kWindowColour, 60), kWindowColour, 3.0f});
            break;
        case View::Kernel:  // the whole kernel is the stamp
            if (stamping)
                for (int m = 0; m < c.height; ++m)
                    for (int n = 0; n < c.width; ++n) c.marks.push_back({m, n, 0, kWindowColour, 1.5f});
            break;
        case View::Transposed:
            for (const GridPos& p : f.stampCells)
                c.marks.push_back({p.row, p.col, withAlpha(kReaderColour, 70), kReaderColour, 2.0f});
            if (f.transposedCell)
                c.marks.push_back({f.transposedCell->row, f.transposedCell->col, 0, kOutputColour, 3.0f});
            break;
        default: break;
    }
}

// The difference view's plane: the shown filter's, within the layer's channels.
int diffChannel(const SlotContext& x) {
    const int channels = x.comparison.report ? x.comparison.report->shape.channels : 1;
    return std::clamp(x.r.convInputs.selected.filter, 0, channels - 1);
}

std::string slotTitle(View view, const SlotContext& x) {
    const PipelineResult& r = x.r;
    const Language lang = x.s.language;
    const Selection& shown = r.convInputs.selected;
    char title[128];
    switch (view) {
        case View::Input:
            if (transposedLayer(r))  // its padding crops the output: the input is not padded
                std::snprintf(title, sizeof title, tr(T::ViewStampInput).in(lang), r.stageInput().height,
                              r.stageInput().width);
            else
                std::snprintf(title, sizeof title, tr(T::ViewInput).in(lang), r.stageInput().height,
                              r.stageInput().width, r.padded().height, r.padded().width);
            return title + channelSuffix("c", r.inputChannel(), r.stageInput().channels, x.rgb);
        case View::Kernel: {
            if (const core::ConvTranspose2d* convT = transposedLayer(r)) return transposedKernelTitle(*convT, x);
            const core::Weights& k = r.convInputs.conv()->weights;
            std::snprintf(title, sizeof title, tr(T::ViewKernel).in(lang), k.height, k.width);
            return title + channelSuffix("f", shown.filter, k.outChannels, false) +
                   channelSuffix("c", shown.channel, k.inChannels, x.rgb);
        }
        case View::Conv: {
            // The block's input when it starts with an activation or a pooling.
            const bool conv = r.block.conv >= 0;
            if (conv)
                std::snprintf(title, sizeof title, tr(T::ViewConv).in(lang), r.conv().height, r.conv().width);
            else
                std::snprintf(title, sizeof title, "%s %d×%d", tr(T::BlockInput).in(lang), r.conv().height,
                              r.conv().width);
            return title + channelSuffix(conv ? "f" : "c", shown.filter, r.conv().channels, x.rgb && !conv) +
                   activationSuffix(r.convInputs.activation());
        }
        case View::Transposed: {
            const core::Tensor& out = transposedOutput(r);
            std::snprintf(title, sizeof title, tr(T::ViewTransposed).in(lang), out.height, out.width);
            std::string t = title + channelSuffix("f", transposedSlice(r).outChannel, out.channels, false);
            if (const std::int64_t stamps = x.reveal.stamps; stamps >= 0) {  // the scatter playing
                const long long all = static_cast<long long>(r.stageInput().height) * r.stageInput().width;
                std::snprintf(title, sizeof title, tr(T::ViewScatterSums).in(lang),
                              static_cast<long long>(std::min<std::int64_t>(stamps, all)), all);
                t += title;
            }
            return t;
        }
        case View::Pool:
            if (!r.hasPool) return tr(T::PoolingInvalid).in(lang);
            std::snprintf(title, sizeof title,
                          (r.poolParams.mode == core::PoolMode::Max ? tr(T::ViewMaxPool) : tr(T::ViewAvgPool)).in(lang),
                          r.pool().values.height, r.pool().values.width);
            return title;
        case View::Diff: {
            const core::Shape& d = x.comparison.report->shape;
            std::snprintf(title, sizeof title, tr(x.s.reference.inUlps ? T::ViewDiffUlps : T::ViewDiff).in(lang),
                          d.height, d.width);
            return title + channelSuffix("f", diffChannel(x), d.channels, false);
        }
        case View::GradInput:
        case View::GradKernel:
        case View::GradConv:
        case View::GradPool: {
            const MapSource m = mapSource(view, r);
            // A transposed block: the app does not draw its kernel's gradient (yet); say where it is.
            if (view == View::GradKernel && !m.values && transposedLayer(r)) return tr(T::GradKernelNotShown).in(lang);
            const T id = view == View::GradInput    ? T::ViewGradInput
                         : view == View::GradKernel ? T::ViewGradKernel
                         : view == View::GradConv   ? T::ViewGradConv
                                                    : T::ViewGradPool;
            std::snprintf(title, sizeof title, tr(id).in(lang), m.height, m.width);
            std::string t = title;
            // A transposed block has no conv of its own here (its kernel's gradient is not shown).
            if (view == View::GradKernel && r.hasGrads && r.block.conv >= 0) {
                const auto& bias = r.grads.layers[static_cast<std::size_t>(r.block.conv)].bias;
                if (!bias.empty())
                    t += " · ∂L/∂b = " + core::formatValue(bias[static_cast<std::size_t>(
                                             std::min<int>(shown.filter, static_cast<int>(bias.size()) - 1))]);
            }
            return t;
        }
        case View::None: break;
    }
    return {};
}

// The marks each view draws over its map: the window, the hovered term, readers, winners.
void addMarks(View view, const SlotContext& x, CanvasContent& c) {
    const State& s = x.s;
    const PipelineResult& r = x.r;
    const Focus& f = x.f;
    switch (view) {
        case View::Input: {
            const auto& rows = r.convPlan.rows;
            const auto& cols = r.convPlan.cols;
            // The map is the block's input; the grid adds the padding bands around it.
            c.padTop = static_cast<int>(rows.padBefore);
            c.padBottom = static_cast<int>(rows.padAfter);
            c.padLeft = static_cast<int>(cols.padBefore);
            c.padRight = static_cast<int>(cols.padAfter);
            c.padMode = r.convParams.mode;
            c.height += c.padTop + c.padBottom;
            c.width += c.padLeft + c.padRight;
            c.shadedRows = shiftedUncovered(rows, r.conv().height, rows.padBefore);
            c.shadedCols = shiftedUncovered(cols, r.conv().width, cols.padBefore);
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
            break;
        }
        case View::Transposed: break;  // addTransposedMarks
        case View::Kernel:
            if (f.conv)
                for (int m = 0; m < c.height; ++m)
                    for (int n = 0; n < c.width; ++n) {
                        const bool term = m * c.width + n == s.hoverTerm;
                        c.marks.push_back({m, n, term ? withAlpha(kTermColour, 110) : 0,
                                           term ? kTermColour : kWindowColour, term ? 3.0f : 1.5f});
                    }
            break;
        case View::Conv:
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
            break;
        case View::Pool:
            for (const GridPos& p : f.poolReaders)
                c.marks.push_back({p.row, p.col, withAlpha(kReaderColour, 70), kReaderColour, 2.0f});
            if (f.pool) c.marks.push_back({f.pool->row, f.pool->col, 0, kOutputColour, 3.0f});
            break;
        case View::Diff: {
            // The cells outside the tolerance on this plane (the worst listed ones), and the
            // position the other views show.
            const int channel = diffChannel(x);
            for (const core::DiffCell& cell : x.comparison.report->worst)
                if (cell.channel == channel)
                    c.marks.push_back({cell.row, cell.col, 0, IM_COL32(255, 70, 70, 255), 2.0f});
            const bool pooled = x.comparison.layer == r.block.pool;
            const std::optional<GridPos>& at = pooled ? f.pool : f.conv;
            if (at) c.marks.push_back({at->row, at->col, 0, kOutputColour, 3.0f});
            break;
        }
        case View::GradInput:
        case View::GradKernel:
        case View::GradConv:
        case View::GradPool:
            // The hovered gradient cell, which the computation panel writes out.
            if (s.hover.view == view) c.marks.push_back({s.hover.row, s.hover.col, 0, kOutputColour, 3.0f});
            break;
        case View::None: break;
    }
}

// The backward playback's step on the views: the weight walk's tap and the input cells it
// pairs with the output gradient, the input walk's output-gradient cell and its stamp, the
// pooling's pooled cell and where its gradient goes; and the cells of the hovered product.
void addBackwardMarks(View view, const SlotContext& x, CanvasContent& c) {
    const State& s = x.s;
    const PipelineResult& r = x.r;
    for (const Cell& cell : s.hoverTermCells)
        if (cell.view == view) c.marks.push_back({cell.row, cell.col, withAlpha(kTermColour, 110), kTermColour, 3.0f});
    const BackwardWalk walk = walkOf(s.playback, r);
    if (!walksBackward(r) || backwardSteps(r, walk) <= 0) return;
    // A hovered gradient sum or product lights its own cells: the walk's marks would point elsewhere.
    if (!s.hoverTermCells.empty()) return;
    const BackwardStep step = backwardStepAt(r, walk, s.playback.step);
    constexpr std::size_t kMostOutlined = 4096;  // past that the outlines hide the map
    const int filter = r.convInputs.selected.filter;
    switch (walk) {
        case BackwardWalk::WeightGradient:
            if (view == View::GradKernel) c.marks.push_back({step.m, step.n, 0, kOutputColour, 3.0f});
            if (view == View::Input && step.inputCells.size() <= kMostOutlined)
                for (const GridPos& p : step.inputCells)
                    c.marks.push_back({p.row, p.col, withAlpha(kWindowColour, 40), kWindowColour, 2.0f});
            break;
        case BackwardWalk::InputGradient:
            if (view == View::GradConv && step.filter == filter)
                c.marks.push_back({step.out.row, step.out.col, 0, kOutputColour, 3.0f});
            if (view == View::GradInput)
                for (const Stamp& st : step.stamps)
                    c.marks.push_back({st.at.row, st.at.col, withAlpha(kWindowColour, 40), kWindowColour, 2.5f});
            break;
        case BackwardWalk::Pooling:
            if (view == View::GradPool) c.marks.push_back({step.out.row, step.out.col, 0, kOutputColour, 3.0f});
            if (view == View::GradConv) {
                for (const GridPos& p : poolWindowCells(r, step.out))  // the window, then where its gradient goes
                    c.marks.push_back({p.row, p.col, 0, kWindowColour, 1.5f});
                for (const Stamp& st : step.stamps) {
                    const bool winner = step.winner >= 0;
                    c.marks.push_back({st.at.row, st.at.col, withAlpha(winner ? kOutputColour : kWindowColour, 70),
                                       winner ? kOutputColour : kWindowColour, winner ? 3.0f : 2.0f});
                }
            }
            break;
    }
}

// Which cells of the view the playback has revealed (−1: all).
std::int64_t revealed(View view, const Reveal& reveal) {
    return view == View::Conv         ? reveal.conv
           : view == View::Pool       ? reveal.pool
           : view == View::Transposed ? reveal.transposed
                                      : -1;
}

}  // namespace

void drawViewsPanel(const Layout& layout, State& s, const PipelineResult& r, const Focus& f, MapViews& maps,
                    const ReferenceComparison& comparison) {
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
    // The block's maps only: a lone pooling shows the map it reads and its own, an activation
    // its input and its output; the columns share the width by the slots' weights.
    // Backward: the gradients take the maps' places (or, when there are none, the maps stay
    // and the reason is written above them).
    const bool backward = r.convInputs.gradient.pass == Pass::Backward;
    if (backward && !r.hasGrads && !r.gradError.message.empty()) drawError(r.gradError, s.language);
    std::vector<ViewSlot> slots =
        viewSlots(r.block, r.convInputs.layers, backward && r.hasGrads ? Pass::Backward : Pass::Forward);
    // The weight walk pairs the input X with the output gradient: X takes ∂L/∂X's place.
    if (walksBackward(r) && walkOf(s.playback, r) == BackwardWalk::WeightGradient)
        for (ViewSlot& slot : slots)
            if (slot.view == View::GradInput) slot = {View::Input, slot.layer, slot.weight};
    if (comparisonInBlock(comparison, r.block)) slots.push_back(diffSlot(comparison.layer));
    float weightSum = 0.0f;
    for (const ViewSlot& slot : slots) weightSum += slot.weight;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float textH = ImGui::GetTextLineHeightWithSpacing();
    const float canvasH = avail.y - 2.0f * textH - 6.0f;
    const float shared = avail.x - static_cast<float>(slots.size() - 1) * gap;
    const SlotContext context{s,          r,
                              f,          r.block.first == 0 && s.image && s.image->channel == io::ImageChannel::Rgb,
                              comparison, maps.shownReveal()};

    for (std::size_t i = 0; i < slots.size(); ++i) {
        const View view = slots[i].view;
        const float w = shared * slots[i].weight / weightSum;
        if (i > 0) ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        ImGui::PushID(static_cast<int>(i));
        const std::string title = slotTitle(view, context);
        const std::string fitted = fitWidth(title, w);
        ImGui::TextUnformatted(fitted.c_str());
        if (fitted != title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
        const MapSource source =
            view == View::Diff ? diffSource(comparison, diffChannel(context), s.reference.inUlps) : mapSource(view, r);
        if (!source.values) {  // e.g. a pooling whose settings cannot run: its title says why
            ImGui::Dummy({w, canvasH});
        } else {
            MapSlot& slot = maps.slot(view);
            CanvasContent c;
            c.texture = &slot.texture;
            c.values = source.values;
            c.height = source.height;
            c.width = source.width;
            c.reveal = revealed(view, maps.shownReveal());
            if (view == maps.partialView()) {  // the backward walk's sums so far
                c.texture = &maps.partialTexture();
                c.values = maps.partialValues().data();
            }
            if (view == View::GradKernel && walksBackward(r) && walkOf(s.playback, r) == BackwardWalk::WeightGradient &&
                !s.playback.showWholeMap)
                c.reveal = s.playback.step + 1;  // the taps computed so far
            c.scale = slot.scale;
            c.showNumbers = s.view.showNumbers;
            c.showGrid = s.view.showGrid;
            addMarks(view, context, c);
            addBackwardMarks(view, context, c);
            if (transposedLayer(r)) {
                addTransposedMarks(view, context, c);
                // While the scatter plays its output shows the partial sums (map_views.hpp).
                if (view == View::Transposed && maps.shownReveal().stamps >= 0 && !maps.scatterSums.empty())
                    c.values = maps.scatterSums.data.data();
            }
            // A kernel is drawn square, as large as the column allows.
            const ImVec2 size = view == View::Kernel ? ImVec2{w, std::min(w, canvasH)} : ImVec2{w, canvasH};
            handleHit(s, drawCanvas(viewName(view).data(), c, slot.canvas, size), view);
            slot.rect = lastItemRect();
            // Only a one-channel input is drawn with the diverging colours its scale may ask for.
            const bool diverging = slot.scale.diverging && (view != View::Input || r.stageInput().channels == 1);
            legend(maps.legendRamp, diverging, slot.scale, w);
        }
        ImGui::PopID();
        ImGui::EndGroup();
    }
    ImGui::End();
}

}  // namespace convscope::gui
