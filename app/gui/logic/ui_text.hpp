#pragma once
// UI strings that exist in both languages, in one table, so the font loader can collect the
// Chinese glyphs they need and a test can check that no entry lacks a translation.
// Every panel's text is here; the engine's own words (error messages by id, preset names,
// output-size notes) are in engine_text.hpp, and the lessons in their JSON files. A text with
// values names them {like_this} and is filled by fill() (core::fillTemplate, as errors are).
// English everywhere: file-reading messages from convscope_io (no ids; shown as written).
#include <span>
#include <string>
#include <vector>

#include "convscope/core/errors.hpp"

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
    SamplePictures,
    PathHint,
    Open,
    OpenTip,
    SaveSession,
    Browse,
    PictureName,
    Channel,
    Luminance,
    Red,
    Green,
    Blue,
    Crop,
    CropTip,
    FullResolution,
    ShrinkTo,
    ExportConv,
    ExportPool,
    ExportInput,
    PngAsShown,
    Export,
    ExportTip,
    CopyPyTorch,
    CopyPyTorchTip,
    Screenshot,
    ScreenshotTip,
    StatusOpened,
    StatusLoadedSession,
    StatusSavedSession,
    StatusNothingToExport,
    StatusExported,
    StatusSaved,
    StatusCopiedPyTorch,
    StatusNormalizeZero,
    HelpTitle,
    KeySpace,
    HelpPlay,
    HelpStep,
    HelpFirstLast,
    HelpUnpin,
    HelpSave,
    HelpScreenshot,
    HelpQuit,
    HelpHelp,
    HelpUiSize,
    HelpFullScreen,
    KeyHoverCell,
    HelpHoverCell,
    KeyClickCell,
    HelpClickCell,
    KeyHoverTerm,
    HelpHoverTerm,
    KeyWheelDrag,
    HelpWheelDrag,
    KeyCtrlClick,
    HelpCtrlClick,
    KeyDrop,
    HelpDrop,
    ConvProblem,
    PoolProblem,
    ShowingLastValid,
    Speed,
    ScrubConv,
    ScrubPool,
    PadNumbers,
    PadSame,
    PadValid,
    SameNote,
    ModeZeros,
    ModeReflect,
    ModeReplicate,
    ModeCircular,
    CountIncludePad,
    CeilMode,
    EditCellTip,
    KernelCellTip,
    UiSize,
    FrameTimes,
    InputSizeStat,
    TapZeroPadding,
    TapCopies,
    WinnerAt,
    Computing,
    SessionUnreadableKept,
    SessionUnreadableStuck,
    Count
};

// The text of `id`: every entry has both languages (a test checks none is empty).
const UiText& tr(T id);

std::span<const UiText> allUiText();  // the whole table, for the font's glyph list

// A widget label in the person's language with a fixed ID ("…###english"), so switching
// language keeps every widget's state.
std::string label(const UiText& text, const std::string& language);

// The text of `id` with its {names} filled in (core::fillTemplate, as for engine errors):
// fill(T::StatusOpened, lang, {{"path", p}, …}).
std::string fill(T id, const std::string& language, const std::vector<core::ErrorValue>& values);

// Names of the languages, each in its own language.
inline constexpr const char* kLanguageNames[] = {"English", "繁體中文"};
inline constexpr const char* kLanguageCodes[] = {"en", "zh-TW"};

// "zh-TW" when LANG (or LC_ALL / LC_MESSAGES) asks for Traditional Chinese (zh_TW*, zh_HK*).
std::string languageFromEnvironment();

}  // namespace convscope::gui
