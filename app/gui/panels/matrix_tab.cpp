// The Matrix tab: the selected conv as one matrix product (issue 13). The input unfolded
// (im2col: a column per output position, a row per C·KH·KW tap) with the filter flattened as a
// row vector beside it, and how much memory the unfolded matrix takes against the input;
// hovering a column lights its window on the input, a row its tap. For a small one-channel
// input, the full convolution matrix C (output cells × input cells) and Cᵀ, the transposed
// convolution with the same kernel.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "../logic/transposed_walk.hpp"
#include "../logic/ui_text.hpp"
#include "convscope/core/unfold.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

constexpr int kMaxDrawn = 64;       // matrices with more rows or columns are described, not drawn
constexpr int kMaxFullCells = 36;   // C and Cᵀ for inputs up to 6×6
constexpr int kMaxUpsampled = 100;  // …and a transposed conv's outputs up to 10×10

ImU32 valueColour(float v, float range) {
    const float t = range > 0.0f ? std::clamp(v / range, -1.0f, 1.0f) : 0.0f;
    if (t >= 0.0f) return IM_COL32(40, static_cast<int>(40 + 180 * t), static_cast<int>(60 + 120 * t), 255);
    return IM_COL32(static_cast<int>(40 - 200 * t), 40, 50, 255);
}

// Draws a rows × cols matrix (row-major values) in cells of `cell` pixels; returns the
// hovered (row, col) or (−1, −1). Rows or columns in `litRows`/`litCols` are outlined.
std::pair<int, int> drawMatrix(const char* id, const float* values, int rows, int cols, float cell, int litRow = -1,
                               int litCol = -1) {
    float range = 0.0f;
    for (int i = 0; i < rows * cols; ++i) range = std::max(range, std::abs(values[i]));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, {cell * static_cast<float>(cols), cell * static_cast<float>(rows)});
    std::pair<int, int> hovered{-1, -1};
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetMousePos();
        hovered = {std::clamp(static_cast<int>((m.y - at.y) / cell), 0, rows - 1),
                   std::clamp(static_cast<int>((m.x - at.x) / cell), 0, cols - 1)};
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const ImVec2 p{at.x + static_cast<float>(c) * cell, at.y + static_cast<float>(r) * cell};
            const float v = values[r * cols + c];
            draw->AddRectFilled(p, {p.x + cell, p.y + cell},
                                v == 0.0f ? IM_COL32(30, 30, 34, 255) : valueColour(v, range));
            if (r == litRow || c == litCol)
                draw->AddRectFilled(p, {p.x + cell, p.y + cell}, IM_COL32(255, 200, 40, 70));
        }
    draw->AddRect(at, {at.x + cell * static_cast<float>(cols), at.y + cell * static_cast<float>(rows)},
                  IM_COL32(140, 140, 140, 255));
    return hovered;
}

// float32 bytes, in the unit that reads best: "144 B", "36.9 kB", "7.08 MB".
std::string megabytes(double values) {
    const double bytes = values * 4.0;
    char buf[48];
    if (bytes < 1e3)
        std::snprintf(buf, sizeof buf, "%.0f B", bytes);
    else if (bytes < 1e6)
        std::snprintf(buf, sizeof buf, "%.3g kB", bytes / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.3g MB", bytes / 1e6);
    return buf;
}

// C (the matrix of the conv that takes the transposed conv's output size back to its input
// size, with the same kernel, stride, padding and dilation) beside Cᵀ, the transposed conv
// itself: out = Cᵀ · in. One channel, one filter, small maps only.
void drawTransposedMatrices(const core::ConvTranspose2d& t, const PipelineResult& r, Language lang) {
    const core::Tensor& in = r.stageInput();
    const core::Tensor& out = transposedOutput(r);
    if (in.channels != 1 || t.outChannels() != 1 || out.empty() || in.height * in.width > kMaxFullCells ||
        out.height * out.width > kMaxUpsampled) {
        ImGui::TextDisabled(tr(T::MatrixFullTooLarge).in(lang), kMaxFullCells);
        return;
    }
    core::ConvParams params;
    params.strideH = t.stride.h;
    params.strideW = t.stride.w;
    params.padding = {t.padding.h, t.padding.h, t.padding.w, t.padding.w};
    params.dilationH = t.dilation.h;
    params.dilationW = t.dilation.w;
    auto conv = core::convolutionMatrix(out.height, out.width, t.weights, params);
    auto plan = core::planConv(1, out.height, out.width, t.weights, nullptr, params);
    if (!conv || !plan) {
        ImGui::TextWrapped("%s", (conv ? plan.error() : conv.error()).message.c_str());
        return;
    }
    // C's rows are the conv's output cells; those past the input's size exist only when
    // output_padding reaches the stride (a dilation larger than it): the transposed conv
    // reads none of them.
    const int fr = in.height * in.width, fc = conv->width;
    core::Tensor c(1, fr, fc);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x)
            std::copy_n(
                conv->plane(0) + static_cast<std::size_t>(y * plan->outWidth + x) * static_cast<std::size_t>(fc), fc,
                c.plane(0) + static_cast<std::size_t>(y * in.width + x) * static_cast<std::size_t>(fc));
    core::Tensor transposed(1, fc, fr);
    for (int i = 0; i < fr; ++i)
        for (int j = 0; j < fc; ++j) transposed.at(0, j, i) = c.at(0, i, j);
    const float cell =
        std::clamp(ImGui::GetContentRegionAvail().x * 0.45f / static_cast<float>(fc), 3.0f, ImGui::GetFontSize());
    ImGui::BeginGroup();
    ImGui::Text(tr(T::MatrixC).in(lang), fr, fc);
    drawMatrix("C", c.plane(0), fr, fc, cell);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text(tr(T::MatrixCt).in(lang), fc, fr);
    drawMatrix("Ct", transposed.plane(0), fc, fr, cell);
    ImGui::EndGroup();
    ImGui::TextWrapped("%s", tr(T::MatrixTransposedNote).in(lang));
}

}  // namespace

void drawMatrixTab(State& s, const PipelineResult& r) {
    const Language lang = s.language;
    if (const core::ConvTranspose2d* t = r.hasConv ? transposedLayer(r) : nullptr) {
        drawTransposedMatrices(*t, r, lang);
        return;
    }
    const core::Conv2d* conv = r.hasConv ? r.convInputs.conv() : nullptr;
    if (!conv) {
        ImGui::TextWrapped("%s", tr(T::MatrixNone).in(lang));
        return;
    }
    const core::Tensor& in = r.stageInput();
    const core::Weights& k = conv->weights;
    const core::ConvPlan& plan = r.convPlan;
    const double rows = static_cast<double>(in.channels) * k.height * k.width;
    const double cols = static_cast<double>(plan.outHeight) * plan.outWidth;
    const double inputValues = static_cast<double>(in.size());
    ImGui::TextWrapped(tr(T::MatrixMemory).in(lang), static_cast<long long>(rows), static_cast<long long>(cols),
                       megabytes(rows * cols).c_str(), rows * cols / std::max(1.0, inputValues),
                       megabytes(inputValues).c_str());
    if (rows > kMaxDrawn || cols > kMaxDrawn) {
        ImGui::TextDisabled(tr(T::MatrixTooLarge).in(lang), kMaxDrawn, kMaxDrawn);
        return;
    }
    auto unfolded = core::unfold(in, k.height, k.width, r.convParams);
    if (!unfolded) {
        ImGui::TextWrapped("%s", unfolded.error().message.c_str());
        return;
    }
    const int nr = static_cast<int>(rows), nc = static_cast<int>(cols);
    const float cell =
        std::clamp(ImGui::GetContentRegionAvail().x * 0.6f / static_cast<float>(nc), 4.0f, ImGui::GetFontSize() * 1.2f);
    // The filter as a row vector: with groups it reads only its group's channels, so the
    // other channels' entries are 0.
    const int f = std::clamp(s.compute.selected.filter, 0, k.outChannels - 1);
    const int perGroup = k.outChannels / std::max(conv->groups, 1);
    const int firstChannel = f / std::max(perGroup, 1) * k.inChannels;
    std::vector<float> row(static_cast<std::size_t>(nr), 0.0f);
    for (int c = 0; c < k.inChannels; ++c)
        for (int m = 0; m < k.height; ++m)
            for (int n = 0; n < k.width; ++n)
                row[static_cast<std::size_t>(((firstChannel + c) * k.height + m) * k.width + n)] = k.at(f, c, m, n);

    ImGui::TextUnformatted(tr(T::MatrixKernelRow).in(lang));
    auto [kr, kc] = drawMatrix("kernelrow", row.data(), 1, nr, cell);
    (void)kr;
    ImGui::TextUnformatted(tr(T::MatrixUnfolded).in(lang));
    static std::pair<int, int> lit{-1, -1};  // last frame's hover: one frame late, as the receptive tab
    const auto hovered = drawMatrix("unfolded", unfolded->plane(0), nr, nc, cell, std::max(lit.first, kc), lit.second);
    lit = hovered;
    if (hovered.second >= 0) {
        const int oy = hovered.second / plan.outWidth, ox = hovered.second % plan.outWidth;
        ImGui::Text(tr(T::MatrixColumn).in(lang), hovered.second, oy, ox);
    }
    if (hovered.first >= 0 || kc >= 0) {
        const int tap = hovered.first >= 0 ? hovered.first : kc;
        const int taps = k.height * k.width;
        ImGui::Text(tr(T::MatrixRow).in(lang), tap, tap / taps, tap % taps / k.width, tap % k.width);
    }

    // C and Cᵀ: one channel, one filter, small input.
    if (in.channels != 1 || k.outChannels != 1 || in.height * in.width > kMaxFullCells) {
        ImGui::TextDisabled(tr(T::MatrixFullTooLarge).in(lang), kMaxFullCells);
        return;
    }
    auto full = core::convolutionMatrix(in.height, in.width, k, r.convParams);
    if (!full) return;
    ImGui::Separator();
    const int fr = full->height, fc = full->width;
    core::Tensor transposed(1, fc, fr);
    for (int i = 0; i < fr; ++i)
        for (int j = 0; j < fc; ++j) transposed.at(0, j, i) = full->at(0, i, j);
    const float fullCell =
        std::clamp(ImGui::GetContentRegionAvail().x * 0.45f / static_cast<float>(fc), 3.0f, ImGui::GetFontSize());
    ImGui::BeginGroup();
    ImGui::Text(tr(T::MatrixC).in(lang), fr, fc);
    drawMatrix("C", full->plane(0), fr, fc, fullCell);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text(tr(T::MatrixCt).in(lang), fc, fr);
    drawMatrix("Ct", transposed.plane(0), fc, fr, fullCell);
    ImGui::EndGroup();
    ImGui::TextWrapped("%s", tr(T::MatrixCtNote).in(lang));
}

}  // namespace convscope::gui
