#include "ui_text.hpp"

#include <cstdlib>

namespace convscope::gui {

std::span<const UiText> allUiText() {
    static const UiText all[] = {text::kChooseLesson,
                                 text::kLessonIntro,
                                 text::kNoLessons,
                                 text::kBack,
                                 text::kNext,
                                 text::kNextLesson,
                                 text::kStepOf,
                                 text::kOutputSizeTab,
                                 text::kLessonsTab,
                                 text::kLanguage,
                                 text::kQuizTab,
                                 text::kQuizIntro,
                                 text::kQuizAskSize,
                                 text::kQuizAskValue,
                                 text::kQuizStart,
                                 text::kQuizStop,
                                 text::kQuizCheck,
                                 text::kQuizNext,
                                 text::kQuizValueQuestion,
                                 text::kQuizSizeQuestion,
                                 text::kQuizRight,
                                 text::kQuizWrong,
                                 text::kQuizScore,
                                 text::kQuizHidden,
                                 text::kShiftTab,
                                 text::kShiftCompare,
                                 text::kShiftNeedsPool,
                                 text::kShiftCounts,
                                 text::kShiftConv,
                                 text::kShiftPool};
    return all;
}

std::string languageFromEnvironment() {
    // The first of these that is set decides, as for any POSIX program's messages.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (!value || !*value) continue;
        const std::string v = value;
        return (v.rfind("zh_TW", 0) == 0 || v.rfind("zh_HK", 0) == 0) ? "zh-TW" : "en";
    }
    return "en";
}

}  // namespace convscope::gui
