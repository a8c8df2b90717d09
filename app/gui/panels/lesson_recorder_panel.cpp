// Below the lesson player: open a lesson file from anywhere (it plays from where it is, not
// copied into assets/), and Record a lesson — the teacher sets up the scene, types what to
// look at, Add step, and Save lesson. The recording is GUI-free logic (logic/lesson_recorder);
// the app writes and opens the files.
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h: it needs IMGUI_API

#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

std::string cellName(const Cell& c) {
    const char* view = c.view == View::Input ? "I" : c.view == View::Kernel ? "K" : c.view == View::Conv ? "O" : "P";
    return std::string(view) + "(" + std::to_string(c.row) + "," + std::to_string(c.col) + ")";
}

}  // namespace

void drawLessonRecorder(State& s, LessonRecording& rec) {
    Language lang = s.language;
    auto text = [&](T id) { return tr(id).in(lang); };

    // Open a lesson file: typed here, or dropped on the window, or picked in the file browser.
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize(text(T::OpenLessonFile)).x - 3 * ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputTextWithHint("##lessonpath", text(T::LessonPathHint), &rec.openPath);
    ImGui::SameLine();
    ImGui::BeginDisabled(rec.openPath.empty());
    if (ImGui::Button(label(tr(T::OpenLessonFile), lang).c_str())) s.requests.openLesson = rec.openPath;
    ImGui::EndDisabled();

    if (!ImGui::CollapsingHeader(label(tr(T::RecordLesson), lang).c_str())) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", text(T::RecordIntro));
    ImGui::PopTextWrapPos();
    LessonRecorder& r = rec.recorder;
    const float fieldWidth = -ImGui::GetFontSize() * 9.0f;
    if (r.steps().empty()) {  // the title is set once, before the first step
        ImGui::SetNextItemWidth(fieldWidth);
        ImGui::InputText(label(tr(T::LessonTitleEn), lang).c_str(), &r.title.en);
        ImGui::SetNextItemWidth(fieldWidth);
        ImGui::InputText(label(tr(T::LessonTitleZh), lang).c_str(), &r.title.zh);
    } else {
        ImGui::TextUnformatted(r.title.in(languageCode(lang)).c_str());
    }
    const float boxHeight = ImGui::GetTextLineHeight() * 2.6f;
    ImGui::InputTextMultiline(label(tr(T::StepTextEn), lang).c_str(), &rec.en, {fieldWidth, boxHeight});
    ImGui::InputTextMultiline(label(tr(T::StepTextZh), lang).c_str(), &rec.zh, {fieldWidth, boxHeight});
    if (s.pin.valid()) {
        ImGui::Checkbox(fill(T::PinCell, lang, {{"cell", cellName(s.pin)}}).append("###pincell").c_str(), &rec.pin);
    } else {
        ImGui::TextDisabled("%s", text(T::NoPinnedCell));
    }
    if (ImGui::Button(label(tr(T::AddStep), lang).c_str())) {
        rec.needText = !r.addStep(s, {rec.en, rec.zh}, rec.pin).ok();
        if (!rec.needText) {
            rec.en.clear();
            rec.zh.clear();
        }
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(r.steps().empty());
    if (ImGui::Button(label(tr(T::RemoveLastStep), lang).c_str())) r.removeLastStep();
    ImGui::SameLine();
    if (ImGui::Button(label(tr(T::StartOver), lang).c_str())) r.clear();
    ImGui::EndDisabled();
    if (rec.needText) ImGui::TextColored(palette().error, "%s", text(T::NeedStepText));
    ImGui::TextUnformatted(fill(T::StepsRecorded, lang, {{"count", std::to_string(r.steps().size())}}).c_str());
    for (std::size_t i = 0; i < r.steps().size(); ++i) {
        const RecordedStep& step = r.steps()[i];
        // The step's text in the person's language, else the one it was typed in.
        const std::string& said =
            step.text.in(languageCode(lang)).empty() ? step.text.zh : step.text.in(languageCode(lang));
        std::string line = std::to_string(i + 1) + ". " + said;
        if (step.pin)
            line += "  [" + step.pin->view + " " + std::to_string(step.pin->row) + "," + std::to_string(step.pin->col) +
                    "]";
        ImGui::BulletText("%s", line.c_str());
    }
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize(text(T::SaveLesson)).x - 3 * ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputText("##lessonsave", &rec.path);
    ImGui::SameLine();
    ImGui::BeginDisabled(r.steps().empty() || rec.path.empty());
    if (ImGui::Button(label(tr(T::SaveLesson), lang).c_str())) s.requests.saveLesson = rec.path;
    ImGui::EndDisabled();
}

}  // namespace convscope::gui
