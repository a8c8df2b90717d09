#pragma once
// UI strings that exist in both languages, in one table, so the font loader can collect the
// Chinese glyphs they need and a test can check that no entry lacks a translation.
// Translated so far: the controls, view titles, computation, lessons, quiz and shift tabs;
// still English: the file section, the help overlay, preset descriptions and engine messages.
#include <span>
#include <string>

namespace convscope::gui {

struct UiText {
    const char* en;
    const char* zh;  // 繁體中文
    const char* in(const std::string& language) const { return language == "zh-TW" ? zh : en; }
};

enum class T : int {
    ChooseLesson,
    LessonIntro,
    NoLessons,
    Back,
    Next,
    NextLesson,
    StepOf,
    OutputSizeTab,
    LessonsTab,
    Language,
    QuizTab,
    QuizIntro,
    QuizAskSize,
    QuizAskValue,
    QuizStart,
    QuizStop,
    QuizCheck,
    QuizNext,
    QuizValueQuestion,
    QuizSizeQuestion,
    QuizRight,
    QuizWrong,
    QuizScore,
    ShiftTab,
    ShiftCompare,
    ShiftNeedsPool,
    ShiftCounts,
    ShiftConv,
    ShiftPool,
    QuizHidden,
    InputSize,
    RandomIntegers,
    Stroke,
    Zeros,
    ClickToEdit,
    PaddingCellValue,
    ChoosePreset,
    KernelSize,
    Normalize,
    NormalizeTip,
    Flip,
    FlipTip,
    Randomize,
    Reset,
    Bias,
    Stride,
    Padding,
    PaddingCells,
    Dilation,
    PaddingMode,
    PoolTheConv,
    Window,
    PoolStride,
    StrideIsWindow,
    PoolPadding,
    PoolDilation,
    CountIncludePadTip,
    CeilModeTip,
    Controls,
    FilesHeader,
    Playback,
    Input,
    Kernel,
    Convolution,
    Pooling,
    View,
    Link,
    Pause,
    Play,
    WholeMap,
    Max,
    Average,
    NumbersInCells,
    GridLines,
    FrameStats,
    ProjectorTheme,
    FullScreen,
    ViewInput,
    ViewKernel,
    ViewConv,
    ViewMaxPool,
    ViewAvgPool,
    PoolingOff,
    PoolingInvalid,
    Computation,
    ConvAt,
    Products,
    ProductsBias,
    PaddingTermsNote,
    MaxPoolAt,
    AvgPoolAt,
    TieRule,
    HoverHint,
    LayerHeader,
    Filters,
    AddFilter,
    RemoveFilter,
    FilterTip,
    KernelSliceOf,
    Activation,
    ActivationNone,
    NegativeSlope,
    Stack,
    StackInput,
    StageN,
    AddStage,
    RemoveStage,
    StageTip,
    ReceptiveTab,
    ReceptiveIntro,
    ReceptiveNone,
    ReceptiveTable,
    ReceptiveCount,
    ChannelSum,
    ActivationLine,
    LaterStageInput,
    Count
};

// The text of `id`: every entry has both languages (a test checks none is empty).
const UiText& tr(T id);

std::span<const UiText> allUiText();  // the whole table, for the font's glyph list

// A widget label in the person's language with a fixed ID ("…###english"), so switching
// language keeps every widget's state.
std::string label(const UiText& text, const std::string& language);

// Names of the languages, each in its own language.
inline constexpr const char* kLanguageNames[] = {"English", "繁體中文"};
inline constexpr const char* kLanguageCodes[] = {"en", "zh-TW"};

// "zh-TW" when LANG (or LC_ALL / LC_MESSAGES) asks for Traditional Chinese (zh_TW*, zh_HK*).
std::string languageFromEnvironment();

}  // namespace convscope::gui
