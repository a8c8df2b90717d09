#pragma once
// UI strings that exist in both languages, in one table, so the font loader can collect the
// Chinese glyphs they need and a test can check that no entry lacks a translation.
// (The rest of the UI is English for now; lessons carry their own two texts.)
#include <span>
#include <string>

namespace convscope::gui {

struct UiText {
    const char* en;
    const char* zh;  // 繁體中文
    const char* in(const std::string& language) const { return language == "zh-TW" ? zh : en; }
};

namespace text {
inline constexpr UiText kChooseLesson{"Choose a lesson…", "選擇一課…"};
inline constexpr UiText kLessonIntro{"Each lesson sets up a scene and walks through it in short steps.",
                                     "每一課會設定好場景，再一步一步說明。"};
inline constexpr UiText kNoLessons{"No lessons were found.", "找不到任何課程。"};
inline constexpr UiText kBack{"< Back", "< 上一步"};
inline constexpr UiText kNext{"Next >", "下一步 >"};
inline constexpr UiText kNextLesson{"Next lesson >", "下一課 >"};
inline constexpr UiText kStepOf{"Step %d of %d", "第 %d / %d 步"};
inline constexpr UiText kOutputSizeTab{"Output size", "輸出大小"};
inline constexpr UiText kLessonsTab{"Lessons", "課程"};
inline constexpr UiText kLanguage{"Language", "語言"};
inline constexpr UiText kQuizTab{"Test yourself", "自我測驗"};
inline constexpr UiText kQuizIntro{"Predict, then reveal: the app hides the answer until you have typed yours.",
                                   "先預測，再揭曉：在你輸入答案之前，答案會先被隱藏。"};
inline constexpr UiText kQuizAskSize{"Output size", "輸出大小"};
inline constexpr UiText kQuizAskValue{"Value at the outlined cell", "框選位置的數值"};
inline constexpr UiText kQuizStart{"Start", "開始"};
inline constexpr UiText kQuizStop{"Stop", "結束"};
inline constexpr UiText kQuizCheck{"Check", "檢查"};
inline constexpr UiText kQuizNext{"Next question", "下一題"};
inline constexpr UiText kQuizValueQuestion{"What is O(%d,%d)? Its window is outlined on the input.",
                                           "O(%d,%d) 是多少？它的窗口已在輸入上框出。"};
inline constexpr UiText kQuizSizeQuestion{"What size is the conv output (height × width)?",
                                          "卷積輸出的大小是多少（高 × 寬）？"};
inline constexpr UiText kQuizRight{"Right!", "答對了！"};
inline constexpr UiText kQuizWrong{"Not quite. Here is how it works out:", "不太對。計算過程如下："};
inline constexpr UiText kQuizScore{"Score: %d of %d", "得分：%d / %d"};
inline constexpr UiText kShiftTab{"Shift", "位移"};
inline constexpr UiText kShiftCompare{"Compare with the input shifted by", "與位移後的輸入比較，位移量"};
inline constexpr UiText kShiftNeedsPool{"The comparison needs valid convolution and pooling settings.",
                                        "比較需要有效的卷積與池化設定。"};
inline constexpr UiText kShiftCounts{
    "Shifting the input changes %lld of %lld conv values, but only %lld of %lld pooled values (outlined).",
    "輸入位移後，卷積輸出有 %lld / %lld 個值改變，池化輸出只有 %lld / %lld 個值改變（已框出）。"};
inline constexpr UiText kShiftConv{"conv output, shifted input", "卷積輸出（位移後）"};
inline constexpr UiText kShiftPool{"pooled, shifted input", "池化輸出（位移後）"};
inline constexpr UiText kQuizHidden{"Hidden until you answer in the Test yourself tab.",
                                    "在「自我測驗」分頁作答後才會顯示。"};
}  // namespace text

std::span<const UiText> allUiText();

// Names of the languages, each in its own language.
inline constexpr const char* kLanguageNames[] = {"English", "繁體中文"};
inline constexpr const char* kLanguageCodes[] = {"en", "zh-TW"};

// "zh-TW" when LANG (or LC_ALL / LC_MESSAGES) asks for Traditional Chinese (zh_TW*, zh_HK*).
std::string languageFromEnvironment();

}  // namespace convscope::gui
