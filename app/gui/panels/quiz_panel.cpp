// "Test yourself": predict the output size or the value at an outlined cell, then check.
#include "../logic/quiz.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

void ask(State& s, const PipelineResult& r) {
    nextQuestion(s.quiz, r);
    if (s.quiz.kind == QuizKind::Value) s.pin = Cell{View::Conv, s.quiz.targetRow, s.quiz.targetCol};
}

}  // namespace

void drawQuizTab(State& s, const PipelineResult& r) {
    QuizState& q = s.quiz;
    Language lang = s.language;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr(T::QuizIntro).in(lang));
    int kind = q.kind == QuizKind::OutputSize ? 0 : 1;
    ImGui::BeginDisabled(q.active);
    ImGui::RadioButton(tr(T::QuizAskSize).in(lang), &kind, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr(T::QuizAskValue).in(lang), &kind, 1);
    ImGui::EndDisabled();
    q.kind = kind == 0 ? QuizKind::OutputSize : QuizKind::Value;

    if (!q.active) {
        // The questions are about a conv's output; a transposed conv's output size too.
        if (r.block.conv < 0 && !(asksTransposed(r) && q.kind == QuizKind::OutputSize)) {
            ImGui::TextDisabled("%s", tr(T::QuizNeedsConv).in(lang));
        } else if (ImGui::Button(tr(T::QuizStart).in(lang)) && r.hasConv) {
            q.active = true;
            s.playback.playing = false;
            ask(s, r);
        }
        if (q.asked > 0) ImGui::Text(tr(T::QuizScore).in(lang), q.right, q.asked);
        ImGui::PopTextWrapPos();
        return;
    }

    ImGui::Separator();
    if (q.kind == QuizKind::Value) {
        ImGui::Text(tr(T::QuizValueQuestion).in(lang), q.targetRow, q.targetCol);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        ImGui::BeginDisabled(q.answered);
        const bool enter =
            ImGui::InputDouble("##guess", &q.guess, 0.0, 0.0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if ((ImGui::Button(tr(T::QuizCheck).in(lang)) || enter) && !q.answered) checkValue(q, r, q.guess);
        ImGui::EndDisabled();
    } else {
        ImGui::TextUnformatted(tr(T::QuizSizeQuestion).in(lang));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        ImGui::BeginDisabled(q.answered);
        const bool enter = ImGui::InputInt2("##size", q.sizeGuess, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if ((ImGui::Button(tr(T::QuizCheck).in(lang)) || enter) && !q.answered)
            checkSize(q, r, q.sizeGuess[0], q.sizeGuess[1]);
        ImGui::EndDisabled();
    }
    if (q.answered) {
        ImGui::TextColored(q.correct ? palette().result : palette().error, "%s",
                           (q.correct ? tr(T::QuizRight) : tr(T::QuizWrong)).in(lang));
        ImGui::TextUnformatted(q.explanation.c_str());
        if (ImGui::Button(tr(T::QuizNext).in(lang))) ask(s, r);
        ImGui::SameLine();
    }
    if (ImGui::Button(tr(T::QuizStop).in(lang))) {
        q.active = false;
        q.answered = false;
        s.pin = Cell{};
    }
    ImGui::SameLine();
    ImGui::Text(tr(T::QuizScore).in(lang), q.right, q.asked);
    ImGui::PopTextWrapPos();
}

}  // namespace convscope::gui
