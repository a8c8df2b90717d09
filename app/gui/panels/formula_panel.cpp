// The output-size formulas with the current numbers filled in, notes on rows/cols no window
// reads, and any invalid setting in red (the last valid result stays on screen).
#include "../logic/engine_text.hpp"
#include "../logic/quiz.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/explain.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

void outputSizeTab(const State& s, const PipelineResult& r) {
    ImGui::PushTextWrapPos(0.0f);
    const std::string& lang = s.language;
    if (!r.convError.message.empty()) {
        const std::string problem = fill(T::ConvProblem, lang, {{"message", convErrorText(s, r)}});
        ImGui::TextColored(palette().error, "%s", problem.c_str());
        if (r.hasConv) ImGui::TextDisabled("%s", tr(T::ShowingLastValid).in(lang));
        ImGui::Separator();
    }
    if (r.hasConv) {
        ImGui::Text("%s  floor((H + 2p − d(k−1) − 1)/s) + 1", tr(T::Convolution).in(lang));
        ImGui::TextUnformatted(outputSizeText(r.convPlan.rows, core::Axis::Height, lang).c_str());
        ImGui::TextUnformatted(outputSizeText(r.convPlan.cols, core::Axis::Width, lang).c_str());
        for (const auto& note :
             coverageText(r.convPlan.rows, r.convPlan.cols, r.conv.height, r.conv.width, false, lang))
            ImGui::TextColored(palette().note, "%s", note.c_str());
    }
    if (s.compute.stage().poolEnabled) {
        ImGui::Separator();
        if (!r.poolError.message.empty()) {
            const std::string problem = fill(T::PoolProblem, lang, {{"message", errorText(r.poolError, lang)}});
            ImGui::TextColored(palette().error, "%s", problem.c_str());
            if (r.hasPool) ImGui::TextDisabled("%s", tr(T::ShowingLastValid).in(lang));
        }
        if (r.hasPool) {
            ImGui::Text("%s  %s(…)", tr(T::Pooling).in(lang), r.poolParams.ceilMode ? "ceil" : "floor");
            ImGui::TextUnformatted(outputSizeText(r.poolPlan.rows, core::Axis::Height, lang).c_str());
            ImGui::TextUnformatted(outputSizeText(r.poolPlan.cols, core::Axis::Width, lang).c_str());
            for (const auto& note :
                 coverageText(r.poolPlan.rows, r.poolPlan.cols, r.pool.values.height, r.pool.values.width, true, lang))
                ImGui::TextColored(palette().note, "%s", note.c_str());
        }
    }
    if (!s.statusMessage.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted(s.statusMessage.c_str());
    }
    ImGui::PopTextWrapPos();
}

}  // namespace

void drawFormulaPanel(const Layout& layout, State& s, const PipelineResult& r, const std::vector<io::Lesson>& lessons,
                      const std::vector<core::Error>& lessonProblems, MapViews& maps, LessonRecording& recording) {
    ImGui::SetNextWindowPos(layout.formulaPos);
    ImGui::SetNextWindowSize(layout.formulaSize);
    ImGui::Begin("##formula", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar);
    if (ImGui::BeginTabBar("tabs")) {
        // A lesson in progress opens on its tab; otherwise the formulas come first.
        if (ImGui::BeginTabItem(tr(T::OutputSizeTab).in(s.language))) {
            if (hidesMaps(s.quiz) && s.quiz.kind == QuizKind::OutputSize)
                ImGui::TextWrapped("%s", tr(T::QuizHidden).in(s.language));
            else
                outputSizeTab(s, r);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags select =
            s.lesson.index >= 0 && s.view.lessonTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(tr(T::LessonsTab).in(s.language), nullptr, select)) {
            drawLessonTab(s, lessons, lessonProblems, recording);
            ImGui::EndTabItem();
        }
        s.view.lessonTabRequested = false;
        if (ImGui::BeginTabItem(tr(T::QuizTab).in(s.language))) {
            drawQuizTab(s, r);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags selectShift = s.view.shiftTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(tr(T::ShiftTab).in(s.language), nullptr, selectShift)) {
            drawShiftTab(s, r, maps);
            ImGui::EndTabItem();
        }
        s.view.shiftTabRequested = false;
        if (ImGui::BeginTabItem(label(tr(T::ReceptiveTab), s.language).c_str())) {
            drawReceptiveFieldTab(s, r);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace convscope::gui
