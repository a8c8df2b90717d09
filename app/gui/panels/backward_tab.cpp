// The formula panel's Backward tab: the Forward / Backward switch, the loss at the end of the
// stack and its value, and the learn mode (learning rate, momentum, Step / Run / Stop, a
// start from zeros or random values, the loss curve). The steps run on the pipeline's
// worker (logic/learning.hpp); this panel only writes the person's choices into the state.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../logic/learning.hpp"
#include "../logic/ui_text.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

std::string lossText(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

void lossCurve(const State& s, float width) {
    const std::vector<float>& losses = s.learn.losses;
    if (losses.empty()) return;
    // log10: the loss falls by orders of magnitude, which a linear plot hides after a few steps.
    std::vector<float> logs(losses.size());
    std::transform(losses.begin(), losses.end(), logs.begin(),
                   [](float v) { return v > 0.0f ? std::log10(v) : -30.0f; });
    const auto step = static_cast<std::int64_t>(losses.size());
    const double ratio = losses.front() > 0.0f ? losses.back() / losses.front() : 0.0;
    const std::string caption =
        fill(T::LearnSteps, s.language,
             {{"step", std::to_string(step)}, {"loss", lossText(losses.back())}, {"ratio", lossText(ratio)}});
    ImGui::PlotLines("##loss", logs.data(), static_cast<int>(logs.size()), 0, caption.c_str(), FLT_MAX, FLT_MAX,
                     ImVec2(width, 6.0f * ImGui::GetTextLineHeight()));
    ImGui::TextUnformatted(tr(T::LossCurve).in(s.language));
}

}  // namespace

void drawBackwardTab(State& s, const PipelineResult& r) {
    const Language lang = s.language;
    GradientSettings& g = s.compute.gradient;
    int pass = g.pass == Pass::Backward ? 1 : 0;
    ImGui::RadioButton(label(tr(T::PassForward), lang).c_str(), &pass, 0);
    ImGui::SameLine();
    ImGui::RadioButton(label(tr(T::PassBackward), lang).c_str(), &pass, 1);
    g.pass = pass == 1 ? Pass::Backward : Pass::Forward;

    ImGui::TextUnformatted(tr(T::LossLabel).in(lang));
    int loss = g.loss == core::LossKind::Sum ? 0 : g.target == TargetKind::SobelX ? 1 : 2;
    ImGui::RadioButton(label(tr(T::LossSobel), lang).c_str(), &loss, 1);
    ImGui::RadioButton(label(tr(T::LossSum), lang).c_str(), &loss, 0);
    if (!g.loaded.empty()) ImGui::RadioButton(label(tr(T::LossLoaded), lang).c_str(), &loss, 2);
    g.loss = loss == 0 ? core::LossKind::Sum : core::LossKind::SquaredError;
    if (loss != 0) g.target = loss == 1 ? TargetKind::SobelX : TargetKind::Loaded;
    if (r.hasGrads) ImGui::TextUnformatted(fill(T::LossValue, lang, {{"loss", lossText(r.grads.loss)}}).c_str());
    if (!r.gradError.message.empty()) drawError(r.gradError, lang);
    if (g.pass == Pass::Backward) ImGui::TextWrapped("%s", tr(T::GradientHoverHint).in(lang));

    ImGui::Separator();
    ImGui::TextUnformatted(tr(T::LearnHeading).in(lang));
    LearnSettings& l = s.learn;
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    ImGui::InputFloat(label(tr(T::LearningRate), lang).c_str(), &l.learningRate, 0.0f, 0.0f, "%.3g");
    l.learningRate = std::max(0.0f, l.learningRate);
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    ImGui::SliderFloat(label(tr(T::Momentum), lang).c_str(), &l.momentum, 0.0f, 0.99f, "%.2f");
    if (ImGui::Button(label(tr(T::LearnStep), lang).c_str())) l.stepsRequested += 1;
    ImGui::SameLine();
    if (l.running) {
        if (ImGui::Button(label(tr(T::LearnStop), lang).c_str())) l.running = false;
    } else if (ImGui::Button(label(tr(T::LearnRun), lang).c_str())) {
        l.running = true;
    }
    if (ImGui::Button(label(tr(T::StartZeros), lang).c_str())) {
        l.running = false;
        resetWeights(s, false, 0);
    }
    ImGui::SameLine();
    if (ImGui::Button(label(tr(T::StartRandom), lang).c_str())) {
        l.running = false;
        resetWeights(s, true, static_cast<std::uint32_t>(l.losses.size() + 14));
    }
    if (!l.error.message.empty()) drawError(l.error, lang);
    lossCurve(s, ImGui::GetContentRegionAvail().x);
}

}  // namespace convscope::gui
