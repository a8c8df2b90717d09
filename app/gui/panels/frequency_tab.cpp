// The formula panel's frequency tab: the selected kernel slice's |DFT| zero-padded to N×N,
// DC at the centre (as `convscope-cli freq` writes it), linear or in dB, with the DC gain, the
// kind of filter and, when the kernel is separable, its column and row. Drawn on the CPU as
// small squares (N ≤ 128 here).
#include <algorithm>
#include <cmath>
#include <string>

#include "../logic/stack_edit.hpp"
#include "../logic/ui_text.hpp"
#include "../render/color_scale.hpp"
#include "../render/theme.hpp"
#include "convscope/core/frequency.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

T kindText(core::FilterKind kind) {
    switch (kind) {
        case core::FilterKind::AllPass: return T::FreqAllPass;
        case core::FilterKind::LowPass: return T::FreqLowPass;
        case core::FilterKind::HighPass: return T::FreqHighPass;
        case core::FilterKind::BandPass: return T::FreqBandPass;
        case core::FilterKind::Mixed: return T::FreqMixed;
    }
    return T::FreqMixed;
}

std::string listText(const std::vector<float>& v) {
    std::string s;
    for (float x : v) {
        char buf[32];
        // x + 0.0 turns a factor's −0 (the sign of a zero times a negative scale) into 0.
        std::snprintf(buf, sizeof buf, "%.4g", static_cast<double>(x) + 0.0);
        s += (s.empty() ? "" : ", ") + std::string(buf);
    }
    return "[" + s + "]";
}

void drawMagnitude(const core::FrequencyResponse& r, bool db, float side) {
    const int n = r.size;
    // dB: 60 dB below the peak is black, so a Laplacian's deep DC notch still reads.
    const double floorDb = 20.0 * std::log10(std::max(r.peak, 1e-30)) - 60.0;
    const auto level = [&](double m) {
        return db ? std::max(0.0, (20.0 * std::log10(std::max(m, 1e-30)) - floorDb) / 60.0)
                  : (r.peak > 0 ? m / r.peak : 0.0);
    };
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float cell = side / static_cast<float>(n);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ColorScale grey{0.0f, 1.0f, false};
    for (int u = 0; u < n; ++u)
        for (int v = 0; v < n; ++v) {
            const auto c = grey.colourOf(static_cast<float>(level(r.magnitude[static_cast<std::size_t>(u * n + v)])));
            const ImVec2 a{origin.x + static_cast<float>(v) * cell, origin.y + static_cast<float>(u) * cell};
            dl->AddRectFilled(a, {a.x + cell + 0.5f, a.y + cell + 0.5f},
                              ImGui::ColorConvertFloat4ToU32({c.r, c.g, c.b, 1}));
        }
    // DC marked at the centre.
    const ImVec2 dc{origin.x + (static_cast<float>(n / 2) + 0.5f) * cell,
                    origin.y + (static_cast<float>(n / 2) + 0.5f) * cell};
    dl->AddCircle(dc, std::max(3.0f, cell * 0.6f), kOutputColour, 0, 2.0f);
    dl->AddRect(origin, {origin.x + side, origin.y + side}, IM_COL32(120, 120, 120, 255));
    ImGui::Dummy({side, side});
}

}  // namespace

void drawFrequencyTab(State& s) {
    const Language lang = s.language;
    const core::Conv2d* conv = s.compute.conv();
    if (!conv) {
        ImGui::TextDisabled("%s", tr(T::FreqNoKernel).in(lang));
        return;
    }
    const Selection& shown = s.compute.selected;
    const core::Weights& k = conv->weights;
    const int filter = std::clamp(shown.filter, 0, k.outChannels - 1);
    const int channel = std::clamp(shown.channel, 0, k.inChannels - 1);
    auto slice = core::kernelSlice(k, filter, channel);
    if (!slice) return;

    int& size = s.view.frequencySize;
    const int smallest = std::max({8, k.height, k.width});
    size = std::clamp(size, smallest, 128);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::SliderInt("##freqsize", &size, smallest, 128, tr(T::FreqSize).in(lang), ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    ImGui::Checkbox(label(tr(T::FreqDb), lang).c_str(), &s.view.frequencyDb);

    // Recomputed every frame it is shown: at most KH·128 + KH·128² complex terms, well under a
    // millisecond, so no cache to keep in step with the kernel.
    const auto response = core::frequencyResponse(*slice, size);
    if (!response) {
        drawError(response.error(), lang);
        return;
    }
    const core::FrequencyResponse& r = *response;
    const std::string sliceName = "K" + core::num(filter) + "," + core::num(channel);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "%s", fill(T::FreqCaption, lang, {{"slice", sliceName}, {"n", core::num(size)}, {"dc", core::num(size / 2)}})
                  .c_str());
    const float side = std::min(ImGui::GetContentRegionAvail().x * 0.5f, ImGui::GetContentRegionAvail().y - 4.0f);
    ImGui::PopTextWrapPos();
    ImGui::BeginGroup();
    drawMagnitude(r, s.view.frequencyDb, std::max(side, 64.0f));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(palette().result, "%s",
                       fill(T::FreqDcGain, lang, {{"gain", core::formatValue(static_cast<float>(r.dcGain))}}).c_str());
    ImGui::TextUnformatted(
        fill(T::FreqKindLine, lang,
             {{"peak", core::formatValue(static_cast<float>(r.peak))}, {"kind", tr(kindText(r.kind)).in(lang)}})
            .c_str());
    if (r.separable.separable)
        ImGui::TextUnformatted(
            fill(T::FreqSeparable, lang, {{"column", listText(r.separable.column)}, {"row", listText(r.separable.row)}})
                .c_str());
    else
        ImGui::TextUnformatted(tr(T::FreqNotSeparable).in(lang));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

}  // namespace convscope::gui
