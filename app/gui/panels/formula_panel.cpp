// The output-size formulas with the current numbers filled in, notes on rows/cols no window
// reads, and any invalid setting in red (the last valid result stays on screen).
#include "../logic/quiz.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/explain.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

void outputSizeTab(const State& s, const PipelineResult& r) {
    ImGui::PushTextWrapPos(0.0f);
    if (!r.convError.empty()) {
        ImGui::TextColored(palette().error, "Convolution: %s", r.convError.c_str());
        if (r.hasConv) ImGui::TextDisabled("Showing the last valid result.");
        ImGui::Separator();
    }
    if (r.hasConv) {
        ImGui::TextUnformatted("Convolution  floor((H + 2p − d(k−1) − 1)/s) + 1");
        ImGui::TextUnformatted(core::describeOutputSize(r.convPlan.rows, core::Axis::Height).c_str());
        ImGui::TextUnformatted(core::describeOutputSize(r.convPlan.cols, core::Axis::Width).c_str());
        for (const auto& note : core::describeCoverage(r.convPlan.rows, r.convPlan.cols, r.conv.height, r.conv.width))
            ImGui::TextColored(palette().note, "%s", note.c_str());
    }
    if (s.compute.stage().poolEnabled) {
        ImGui::Separator();
        if (!r.poolError.empty()) {
            ImGui::TextColored(palette().error, "Pooling: %s", r.poolError.c_str());
            if (r.hasPool) ImGui::TextDisabled("Showing the last valid result.");
        }
        if (r.hasPool) {
            ImGui::Text("Pooling  %s(…)", r.poolParams.ceilMode ? "ceil" : "floor");
            ImGui::TextUnformatted(core::describeOutputSize(r.poolPlan.rows, core::Axis::Height, "window").c_str());
            ImGui::TextUnformatted(core::describeOutputSize(r.poolPlan.cols, core::Axis::Width, "window").c_str());
            for (const auto& note : core::describeCoverage(r.poolPlan.rows, r.poolPlan.cols, r.pool.values.height,
                                                           r.pool.values.width, "conv output"))
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
                      const std::vector<std::string>& lessonProblems, MapViews& maps) {
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
            drawLessonTab(s, lessons, lessonProblems);
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
