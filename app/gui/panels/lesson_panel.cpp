// Lessons: pick one, read a step, go on. Each step sets up the scene (the app applies it),
// so a teacher can run a class from here alone.
#include "../logic/engine_text.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

void lessonPlayer(State& s, const std::vector<io::Lesson>& lessons, const std::vector<core::Error>& problems) {
    Language lang = s.language;
    if (lessons.empty()) {
        ImGui::TextWrapped("%s", tr(T::NoLessons).in(lang));
        for (const core::Error& p : problems) ImGui::TextColored(palette().error, "%s", errorText(p, lang).c_str());
        return;
    }
    const int current = s.lesson.index;
    const char* preview = current >= 0 ? lessons[static_cast<std::size_t>(current)].title.in(languageCode(lang)).c_str()
                                       : tr(T::ChooseLesson).in(lang);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##lesson", preview)) {
        for (std::size_t i = 0; i < lessons.size(); ++i) {
            const std::string label = std::to_string(i + 1) + ". " + lessons[i].title.in(languageCode(lang));
            if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == current))
                s.requests.lesson = LessonPosition{static_cast<int>(i), 0};
        }
        ImGui::EndCombo();
    }
    for (const core::Error& p : problems) ImGui::TextColored(palette().error, "%s", errorText(p, lang).c_str());
    if (current < 0) {
        ImGui::TextWrapped("%s", tr(T::LessonIntro).in(lang));
        return;
    }
    const io::Lesson& lesson = lessons[static_cast<std::size_t>(current)];
    const int step = s.lesson.step;
    const int count = static_cast<int>(lesson.steps.size());
    ImGui::BeginDisabled(step <= 0);
    if (ImGui::Button(tr(T::Back).in(lang))) s.requests.lesson = LessonPosition{current, step - 1};
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Text(tr(T::StepOf).in(lang), step + 1, count);
    ImGui::SameLine();
    const bool last = step + 1 >= count;
    const bool nextLesson = last && current + 1 < static_cast<int>(lessons.size());
    ImGui::BeginDisabled(last && !nextLesson);
    const char* nextLabel = (nextLesson ? tr(T::NextLesson) : tr(T::Next)).in(lang);
    if (ImGui::Button(nextLabel))
        s.requests.lesson = nextLesson ? LessonPosition{current + 1, 0} : LessonPosition{current, step + 1};
    ImGui::EndDisabled();
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(lesson.steps[static_cast<std::size_t>(step)].text.in(languageCode(lang)).c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void drawLessonTab(State& s, const std::vector<io::Lesson>& lessons, const std::vector<core::Error>& problems,
                   LessonRecording& recording) {
    lessonPlayer(s, lessons, problems);
    ImGui::Spacing();
    drawLessonRecorder(s, recording);
}

}  // namespace convscope::gui
