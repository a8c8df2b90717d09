// The Transposed tab: the selected transposed conv seen three ways (issue 13). Scatter steps
// over the input cells, each stamping value × kernel onto the output (the stamp outlined, the
// partial sums growing); Equivalent convolution draws the zero-inserted, padded input that a
// plain convolution with the 180°-flipped kernel slides over (inserted zeros and padding
// drawn apart); Overlap counts the stamps landing on each output cell (the checkerboard). The
// list under the grids gives every contribution to the hovered (or last stamped) output cell.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "../logic/quiz.hpp"
#include "../logic/ui_text.hpp"
#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

constexpr int kMaxSide = 64;  // larger maps are left to the views: their cells would be specks

struct Grid {
    ImVec2 at;
    float cell = 0.0f;
    int rows = 0;
    int cols = 0;
    ImVec2 corner(int r, int c) const {
        return {at.x + static_cast<float>(c) * cell, at.y + static_cast<float>(r) * cell};
    }
};

// Reserves a rows × cols grid of at most `side` pixels and returns where it lies; `hovered`
// gets the cell under the mouse.
Grid placeGrid(const char* id, int rows, int cols, float side, int* hoverRow = nullptr, int* hoverCol = nullptr) {
    Grid g;
    g.rows = rows;
    g.cols = cols;
    g.cell = std::min(side / static_cast<float>(std::max(rows, cols)), ImGui::GetFontSize() * 2.2f);
    g.at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, {g.cell * static_cast<float>(cols), g.cell * static_cast<float>(rows)});
    if (hoverRow && ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetMousePos();
        *hoverRow = std::clamp(static_cast<int>((m.y - g.at.y) / g.cell), 0, rows - 1);
        *hoverCol = std::clamp(static_cast<int>((m.x - g.at.x) / g.cell), 0, cols - 1);
    }
    return g;
}

void cellText(ImDrawList* draw, const Grid& g, int r, int c, const std::string& text, ImU32 colour) {
    if (g.cell < ImGui::GetFontSize() * 1.3f) return;  // too small for numbers
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 p = g.corner(r, c);
    draw->AddText({p.x + (g.cell - size.x) * 0.5f, p.y + (g.cell - size.y) * 0.5f}, colour, text.c_str());
}

std::string shortValue(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", static_cast<double>(v));
    return buf;
}

ImU32 shade(float v, float lo, float hi) {
    const float t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) : 0.5f;
    const int g = static_cast<int>(40.0f + 150.0f * t);
    return IM_COL32(g / 2, g, static_cast<int>(static_cast<float>(g) * 0.9f), 255);
}

void drawValues(ImDrawList* draw, const Grid& g, const float* values, int stride, float lo, float hi) {
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            const float v = values[r * stride + c];
            const ImVec2 p = g.corner(r, c);
            draw->AddRectFilled(p, {p.x + g.cell, p.y + g.cell}, shade(v, lo, hi));
            draw->AddRect(p, {p.x + g.cell, p.y + g.cell}, IM_COL32(20, 20, 24, 255));
            cellText(draw, g, r, c, shortValue(v), IM_COL32(240, 240, 240, 255));
        }
}

void outline(ImDrawList* draw, const Grid& g, int r0, int c0, int r1, int c1, ImU32 colour) {
    const ImVec2 a = g.corner(std::max(r0, 0), std::max(c0, 0));
    const ImVec2 b = g.corner(std::min(r1, g.rows), std::min(c1, g.cols));
    if (b.x > a.x && b.y > a.y) draw->AddRect(a, b, colour, 0.0f, 0, 3.0f);
}

}  // namespace

void drawTransposedTab(State& s, const PipelineResult& r) {
    const Language lang = s.language;
    const int index = r.block.first;
    const auto& layers = r.convInputs.layers;
    const auto* layer = r.hasConv && index >= 0 && index < static_cast<int>(layers.size()) && index < r.validOutputs
                            ? std::get_if<core::ConvTranspose2d>(&layers[static_cast<std::size_t>(index)])
                            : nullptr;
    if (!layer) {
        ImGui::TextWrapped("%s", tr(T::TransposedNone).in(lang));
        return;
    }
    if (hidesMaps(s.quiz)) {  // the output's size is the question
        ImGui::TextWrapped("%s", tr(T::QuizHidden).in(lang));
        return;
    }
    const core::Tensor& in = r.stageInput();
    const core::Tensor& out = r.output(index).values;
    if (in.height > kMaxSide || in.width > kMaxSide || out.height > kMaxSide || out.width > kMaxSide) {
        ImGui::TextWrapped(tr(T::TransposedTooLarge).in(lang), kMaxSide, kMaxSide);
        return;
    }
    const core::Weights& k = layer->weights;
    TransposedView& tv = s.transposed;
    const int oc = std::clamp(s.compute.selected.filter, 0, out.channels - 1);
    const int perGroupIn = k.outChannels / std::max(layer->groups, 1);
    const int group = oc / std::max(k.inChannels, 1);
    const int channel = group * perGroupIn + std::clamp(s.compute.selected.channel, 0, perGroupIn - 1);
    const int o = oc % k.inChannels;

    int mode = static_cast<int>(tv.mode);
    ImGui::RadioButton(tr(T::TransposedScatter).in(lang), &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr(T::TransposedEquivalent).in(lang), &mode, 1);
    ImGui::SameLine();
    ImGui::RadioButton(tr(T::TransposedOverlap).in(lang), &mode, 2);
    tv.mode = static_cast<TransposedMode>(mode);
    ImGui::TextDisabled(tr(T::TransposedChannels).in(lang), channel, oc);

    const float avail = ImGui::GetContentRegionAvail().x;
    const float side = std::min(avail * 0.45f, ImGui::GetFontSize() * 16.0f);
    float inLo = 0.0f, inHi = 0.0f;  // the input's own range, for its shading
    for (float v : in.data) inLo = std::min(inLo, v), inHi = std::max(inHi, v);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    int hoverRow = -1, hoverCol = -1;

    // Every contribution to one output cell, from the core's trace: the list below and the
    // highlights come from the same arithmetic as `convscope-cli explain convt`.
    auto traceAt = [&](int y, int x) { return core::traceConvTranspose(in, *layer, oc, y, x); };

    if (tv.mode == TransposedMode::Scatter) {
        // The input cell stamping is the playback's step (the main views show the same stamp).
        const int cells = in.height * in.width;
        int step = static_cast<int>(std::clamp<std::int64_t>(s.playback.step, 0, cells - 1));
        int counted = step + 1;  // counted from 1, as the playback's "step n/N"
        ImGui::SetNextItemWidth(avail * 0.5f);
        if (ImGui::SliderInt(tr(T::TransposedStep).in(lang), &counted, 1, cells)) {
            step = counted - 1;
            s.playback.step = step;
            s.playback.playing = false;
        }
        const int si = step / in.width;
        const int sj = step % in.width;
        // Partial sums: the bias, plus the stamps of the shown channel's cells up to the step.
        core::Tensor partial(1, out.height, out.width,
                             layer->bias.empty() ? 0.0f : layer->bias[static_cast<std::size_t>(oc)]);
        std::vector<int> touched;
        for (int cell = 0; cell <= step; ++cell) {
            const int i = cell / in.width, j = cell % in.width;
            for (int m = 0; m < k.height; ++m)
                for (int n = 0; n < k.width; ++n) {
                    const int y = i * layer->stride.h - layer->padding.h + m * layer->dilation.h;
                    const int x = j * layer->stride.w - layer->padding.w + n * layer->dilation.w;
                    if (y < 0 || y >= out.height || x < 0 || x >= out.width) continue;
                    partial.at(0, y, x) += in.at(channel, i, j) * k.at(channel, o, m, n);
                    if (cell == step) touched.push_back(y * out.width + x);
                }
        }
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedInput).in(lang));
        const Grid gi = placeGrid("in", in.height, in.width, side);
        drawValues(draw, gi, in.plane(channel), in.width, inLo, inHi);
        outline(draw, gi, si, sj, si + 1, sj + 1, IM_COL32(255, 200, 40, 255));
        ImGui::EndGroup();
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedKernel).in(lang));
        const Grid gk = placeGrid("kernel", k.height, k.width, side * 0.5f);
        drawValues(draw, gk, &k.data[k.index(channel, o, 0, 0)], k.width, -1.0f, 1.0f);
        ImGui::EndGroup();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedPartial).in(lang));
        const Grid go = placeGrid("out", out.height, out.width, std::min(avail, side * 2.0f), &hoverRow, &hoverCol);
        float lo = 0.0f, hi = 0.0f;
        for (float v : partial.data) lo = std::min(lo, v), hi = std::max(hi, v);
        drawValues(draw, go, partial.plane(0), out.width, lo, hi);
        for (int t : touched)
            outline(draw, go, t / out.width, t % out.width, t / out.width + 1, t % out.width + 1,
                    IM_COL32(255, 200, 40, 160));
        // The stamp: the kernel's footprint at this input cell (cropped by the padding).
        const int y0 = si * layer->stride.h - layer->padding.h, x0 = sj * layer->stride.w - layer->padding.w;
        outline(draw, go, y0, x0, y0 + (k.height - 1) * layer->dilation.h + 1,
                x0 + (k.width - 1) * layer->dilation.w + 1, IM_COL32(255, 200, 40, 255));
        ImGui::EndGroup();
        ImGui::TextWrapped(tr(T::TransposedScatterNote).in(lang), si, sj, shortValue(in.at(channel, si, sj)).c_str());
        if (hoverRow < 0 && !touched.empty())
            hoverRow = touched.back() / out.width, hoverCol = touched.back() % out.width;
    } else if (tv.mode == TransposedMode::Equivalent) {
        // The zero-inserted, padded input: cell t of the line is input t / s when t is a
        // multiple of s, an inserted zero between, padding outside (negative padding crops).
        const core::AxisWindow& rw = r.layers[static_cast<std::size_t>(index)].rows;
        const core::AxisWindow& cw = r.layers[static_cast<std::size_t>(index)].cols;
        const int ph = static_cast<int>(rw.paddedInput());
        const int pw = static_cast<int>(cw.paddedInput());
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedZeroInserted).in(lang));
        const Grid gz = placeGrid("zeros", ph, pw, side * 1.3f);
        for (int y = 0; y < ph; ++y)
            for (int x = 0; x < pw; ++x) {
                const std::int64_t ty = y - rw.padBefore, tx = x - cw.padBefore;
                const bool insideY = ty >= 0 && ty <= (rw.input - 1) * rw.upsample;
                const bool insideX = tx >= 0 && tx <= (cw.input - 1) * cw.upsample;
                const ImVec2 p = gz.corner(y, x);
                if (!insideY || !insideX) {  // padding
                    draw->AddRectFilled(p, {p.x + gz.cell, p.y + gz.cell}, IM_COL32(55, 55, 60, 255));
                    cellText(draw, gz, y, x, "0", IM_COL32(130, 130, 130, 255));
                } else if (ty % rw.upsample || tx % cw.upsample) {  // an inserted zero
                    draw->AddRectFilled(p, {p.x + gz.cell, p.y + gz.cell}, IM_COL32(70, 40, 80, 255));
                    draw->AddLine(p, {p.x + gz.cell, p.y + gz.cell}, IM_COL32(120, 80, 140, 255));
                    cellText(draw, gz, y, x, "0", IM_COL32(200, 160, 220, 255));
                } else {
                    const float v =
                        in.at(channel, static_cast<int>(ty / rw.upsample), static_cast<int>(tx / cw.upsample));
                    draw->AddRectFilled(p, {p.x + gz.cell, p.y + gz.cell}, shade(v, inLo, inHi));
                    cellText(draw, gz, y, x, shortValue(v), IM_COL32(240, 240, 240, 255));
                }
                draw->AddRect(p, {p.x + gz.cell, p.y + gz.cell}, IM_COL32(20, 20, 24, 255));
            }
        ImGui::EndGroup();
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedFlipped).in(lang));
        core::Tensor flipped(1, k.height, k.width);
        for (int m = 0; m < k.height; ++m)
            for (int n = 0; n < k.width; ++n) flipped.at(0, m, n) = k.at(channel, o, k.height - 1 - m, k.width - 1 - n);
        const Grid gk = placeGrid("flipped", k.height, k.width, side * 0.5f);
        drawValues(draw, gk, flipped.plane(0), k.width, -1.0f, 1.0f);
        ImGui::EndGroup();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(tr(T::TransposedOutput).in(lang));
        const Grid go = placeGrid("out", out.height, out.width, std::min(avail, side * 2.0f), &hoverRow, &hoverCol);
        float lo = 0.0f, hi = 0.0f;
        for (float v : out.data) lo = std::min(lo, v), hi = std::max(hi, v);
        drawValues(draw, go, out.plane(oc), out.width, lo, hi);
        if (hoverRow < 0 && s.playback.step < static_cast<std::int64_t>(out.height) * out.width) {
            // Not hovered: the window at the playback's position (the equivalent walk).
            hoverRow = static_cast<int>(s.playback.step / out.width);
            hoverCol = static_cast<int>(s.playback.step % out.width);
        }
        if (hoverRow >= 0) {
            outline(draw, go, hoverRow, hoverCol, hoverRow + 1, hoverCol + 1, IM_COL32(255, 200, 40, 255));
            // The window of the equivalent convolution over the zero-inserted input.
            outline(draw, gz, hoverRow, hoverCol, hoverRow + static_cast<int>((rw.kernel - 1) * rw.dilation) + 1,
                    hoverCol + static_cast<int>((cw.kernel - 1) * cw.dilation) + 1, IM_COL32(255, 200, 40, 255));
        }
        ImGui::EndGroup();
        ImGui::TextWrapped("%s", tr(T::TransposedSameNumbers).in(lang));
    } else {
        ImGui::TextUnformatted(tr(T::TransposedOverlapTitle).in(lang));
        const Grid go = placeGrid("overlap", out.height, out.width, side * 1.4f, &hoverRow, &hoverCol);
        int most = 1;
        std::vector<int> counts(static_cast<std::size_t>(out.height) * out.width, 0);
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) {
                auto t = traceAt(y, x);
                const int n = t ? static_cast<int>(t->terms.size()) / std::max(perGroupIn, 1) : 0;
                counts[static_cast<std::size_t>(y * out.width + x)] = n;
                most = std::max(most, n);
            }
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) {
                const int n = counts[static_cast<std::size_t>(y * out.width + x)];
                const ImVec2 p = go.corner(y, x);
                draw->AddRectFilled(p, {p.x + go.cell, p.y + go.cell},
                                    shade(static_cast<float>(n), 0.0f, static_cast<float>(most)));
                draw->AddRect(p, {p.x + go.cell, p.y + go.cell}, IM_COL32(20, 20, 24, 255));
                cellText(draw, go, y, x, std::to_string(n), IM_COL32(255, 255, 255, 255));
            }
        const bool even = layer->weights.height % layer->stride.h == 0 && layer->weights.width % layer->stride.w == 0;
        ImGui::TextWrapped("%s", tr(even ? T::TransposedEven : T::TransposedCheckerboard).in(lang));
    }

    // The contributions to the hovered output cell.
    ImGui::Separator();
    if (hoverRow < 0) {
        ImGui::TextDisabled("%s", tr(T::TransposedHover).in(lang));
        return;
    }
    auto t = traceAt(hoverRow, hoverCol);
    if (!t) return;
    ImGui::Text(tr(T::TransposedTermsTitle).in(lang), oc, hoverRow, hoverCol, static_cast<int>(t->terms.size()));
    for (const core::ConvTransposeTerm& term : t->terms)
        ImGui::Text("  in[%d](%d,%d) × K[%d,%d] = %s × %s = %s", term.channel, term.inputRow, term.inputCol, term.m,
                    term.n, core::formatOperand(term.input).c_str(), core::formatOperand(term.weight).c_str(),
                    core::formatValue(term.product).c_str());
    if (t->hasBias) ImGui::Text("  + bias %s", core::formatValue(t->bias).c_str());
    ImGui::Text("  = %s", core::formatValue(t->sum).c_str());
}

}  // namespace convscope::gui
