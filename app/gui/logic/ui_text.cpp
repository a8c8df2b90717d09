#include "ui_text.hpp"

#include <cstdlib>
#include <iterator>

namespace convscope::gui {

namespace {

// In the order of enum class T.
constexpr UiText kTexts[] = {
    {"Choose a lesson…", "選擇一課…"},  // ChooseLesson
    {"Each lesson sets up a scene and walks through it in short steps.",
     "每一課會設定好場景，再一步一步說明。"},        // LessonIntro
    {"No lessons were found.", "找不到任何課程。"},  // NoLessons
    {"< Back", "< 上一步"},                          // Back
    {"Next >", "下一步 >"},                          // Next
    {"Next lesson >", "下一課 >"},                   // NextLesson
    {"Step %d of %d", "第 %d / %d 步"},              // StepOf
    {"Output size", "輸出大小"},                     // OutputSizeTab
    {"Lessons", "課程"},                             // LessonsTab
    {"Language", "語言"},                            // Language
    {"Test yourself", "自我測驗"},                   // QuizTab
    {"Predict, then reveal: the app hides the answer until you have typed yours.",
     "先預測，再揭曉：在你輸入答案之前，答案會先被隱藏。"},  // QuizIntro
    {"Output size", "輸出大小"},                             // QuizAskSize
    {"Value at the outlined cell", "框選位置的數值"},        // QuizAskValue
    {"Start", "開始"},                                       // QuizStart
    {"Stop", "結束"},                                        // QuizStop
    {"Check", "檢查"},                                       // QuizCheck
    {"Next question", "下一題"},                             // QuizNext
    {"What is O(%d,%d)? Its window is outlined on the input.",
     "O(%d,%d) 是多少？它的窗口已在輸入上框出。"},                                            // QuizValueQuestion
    {"What size is the conv output (height × width)?", "卷積輸出的大小是多少（高 × 寬）？"},  // QuizSizeQuestion
    {"Right!", "答對了！"},                                                                   // QuizRight
    {"Not quite. Here is how it works out:", "不太對。計算過程如下："},                       // QuizWrong
    {"Score: %d of %d", "得分：%d / %d"},                                                     // QuizScore
    {"Shift", "位移"},                                                                        // ShiftTab
    {"Compare with the input shifted by", "與位移後的輸入比較，位移量"},                      // ShiftCompare
    {"The comparison needs valid convolution and pooling settings.",
     "比較需要有效的卷積與池化設定。"},  // ShiftNeedsPool
    {"Shifting the input changes %lld of %lld conv values, but only %lld of %lld pooled values (outlined).",
     "輸入位移後，卷積輸出有 %lld / %lld 個值改變，池化輸出只有 %lld / %lld 個值改變（已框出）。"},  // ShiftCounts
    {"conv output, shifted input", "卷積輸出（位移後）"},                                            // ShiftConv
    {"pooled, shifted input", "池化輸出（位移後）"},                                                 // ShiftPool
    {"Hidden until you answer in the Test yourself tab.", "在「自我測驗」分頁作答後才會顯示。"},     // QuizHidden
    {"Input size", "輸入大小"},                                                                      // InputSize
    {"Random integers", "隨機整數"},                                                                 // RandomIntegers
    {"Stroke", "筆畫"},                                                                              // Stroke
    {"Zeros", "全部為 0"},                                                                           // Zeros
    {"Click an input cell to edit its value.", "點選輸入格即可修改它的值。"},                        // ClickToEdit
    {"That is a padding cell: the padding mode decides its value.",
     "這是填充格：它的值由填充模式決定。"},   // PaddingCellValue
    {"Choose a preset…", "選擇預設卷積核…"},  // ChoosePreset
    {"Kernel size", "卷積核大小"},            // KernelSize
    {"Normalize", "正規化"},                  // Normalize
    {"Divide every weight by their sum (so a flat input stays flat)",
     "把每個權重除以權重總和（平坦的輸入保持平坦）"},  // NormalizeTip
    {"Flip", "翻轉"},                                  // Flip
    {"Rotate by 180°: the difference between cross-correlation and convolution",
     "旋轉 180°：這就是互相關與卷積的差別"},                                 // FlipTip
    {"Randomize", "隨機"},                                                   // Randomize
    {"Reset", "重設"},                                                       // Reset
    {"Bias", "偏差"},                                                        // Bias
    {"Stride", "步幅"},                                                      // Stride
    {"Padding", "填充"},                                                     // Padding
    {"Padding (cells per side)", "填充（每邊格數）"},                        // PaddingCells
    {"Dilation", "擴張"},                                                    // Dilation
    {"Padding mode", "填充模式"},                                            // PaddingMode
    {"Pool the conv output", "對卷積輸出做池化"},                            // PoolTheConv
    {"Window", "窗口"},                                                      // Window
    {"Pool stride", "池化步幅"},                                             // PoolStride
    {"stride = window (PyTorch's default)", "步幅 = 窗口（PyTorch 預設）"},  // StrideIsWindow
    {"Pool padding", "池化填充"},                                            // PoolPadding
    {"Pool dilation", "池化擴張"},                                           // PoolDilation
    {"On: padding cells count in the divisor (as zeros). Off: divide by the real cells only.",
     "開啟：填充格（視為 0）計入除數。關閉：只除以真實格子的個數。"},  // CountIncludePadTip
    {"Round the output size up: a last, partial window is kept.",
     "輸出大小向上取整：保留最後一個不完整的窗口。"},                        // CeilModeTip
    {"Controls", "控制"},                                                    // Controls
    {"Pictures, sessions, export", "圖片、工作階段、匯出"},                  // FilesHeader
    {"Playback", "播放"},                                                    // Playback
    {"Input", "輸入"},                                                       // Input
    {"Kernel", "卷積核"},                                                    // Kernel
    {"Convolution", "卷積"},                                                 // Convolution
    {"Pooling", "池化"},                                                     // Pooling
    {"View", "檢視"},                                                        // View
    {"link", "連動"},                                                        // Link
    {"Pause (Space)", "暫停（空白鍵）"},                                     // Pause
    {"Play (Space)", "播放（空白鍵）"},                                      // Play
    {"whole map", "整張圖"},                                                 // WholeMap
    {"max", "最大"},                                                         // Max
    {"average", "平均"},                                                     // Average
    {"numbers in cells", "格內顯示數字"},                                    // NumbersInCells
    {"grid lines", "格線"},                                                  // GridLines
    {"frame statistics", "畫面統計"},                                        // FrameStats
    {"projector theme (light, high contrast)", "投影主題（淺色、高對比）"},  // ProjectorTheme
    {"full screen (F11)", "全螢幕（F11）"},                                  // FullScreen
    {"Input %d×%d, padded %d×%d", "輸入 %d×%d，填充後 %d×%d"},               // ViewInput
    {"Kernel %d×%d", "卷積核 %d×%d"},                                        // ViewKernel
    {"Conv output %d×%d", "卷積輸出 %d×%d"},                                 // ViewConv
    {"Max pool %d×%d", "最大池化 %d×%d"},                                    // ViewMaxPool
    {"Average pool %d×%d", "平均池化 %d×%d"},                                // ViewAvgPool
    {"Pooling off", "未使用池化"},                                           // PoolingOff
    {"Pooling: invalid setting", "池化：設定無效"},                          // PoolingInvalid
    {"Computation", "計算"},                                                 // Computation
    {"Convolution at O(%d,%d):", "O(%d,%d) 的卷積："},                       // ConvAt
    {"(%zu products)", "（%zu 個乘積）"},                                    // Products
    {"(%zu products + bias)", "（%zu 個乘積 + 偏差）"},                      // ProductsBias
    {"Orange terms read padding. Hover a term to see its cells.",
     "橘色的項讀到填充格。把滑鼠移到某一項上可看到對應的格子。"},  // PaddingTermsNote
    {"Max pooling at P(%d,%d):", "P(%d,%d) 的最大池化："},         // MaxPoolAt
    {"Average pooling at P(%d,%d):", "P(%d,%d) 的平均池化："},     // AvgPoolAt
    {"Ties go to the first maximum in reading order; a NaN always wins.",
     "相同最大值時取閱讀順序中的第一個；NaN 一定勝出。"},  // TieRule
    {"Hover or click a cell of the conv or pooled output to see how it was computed.",
     "把滑鼠移到卷積或池化輸出的格子上（或點選），即可看到它的計算過程。"},  // HoverHint
    {"Filters and activation", "濾波器與激活函數"},                          // LayerHeader
    {"Filters (output channels)", "濾波器（輸出通道）"},                     // Filters
    {"+ filter", "+ 濾波器"},                                                // AddFilter
    {"− filter", "− 濾波器"},                                                // RemoveFilter
    {"Filter %d: click to see its map and edit its kernel",
     "濾波器 %d：點一下查看它的特徵圖並編輯它的卷積核"},                                        // FilterTip
    {"Kernel slice for input channel", "卷積核切片：輸入通道"},                                 // KernelSliceOf
    {"Activation", "激活函數"},                                                                 // Activation
    {"none", "無"},                                                                             // ActivationNone
    {"slope %.3g", "負斜率 %.3g"},                                                              // NegativeSlope
    {"Stack", "網路堆疊"},                                                                      // Stack
    {"input", "輸入"},                                                                          // StackInput
    {"stage %d", "第 %d 層"},                                                                   // StageN
    {"+ stage", "+ 一層"},                                                                      // AddStage
    {"− stage", "− 這一層"},                                                                    // RemoveStage
    {"Click to show this stage in the views and edit it", "點一下，在視圖中顯示並編輯這一層"},  // StageTip
    {"Receptive field", "感受野"},                                                              // ReceptiveTab
    {"Hover or pin a cell in any view, or hover a cell here: lit cells are the ones it is computed from (below it) and "
     "the ones computed from it (above).",
     "把滑鼠移到任一視圖的格子上（或點選固定），或移到這裡的格子上：亮起的是它所依據的格子（下方各層）以及依據它計算的"
     "格子（上方各層）。"},                                          // ReceptiveIntro
    {"Nothing hovered or pinned.", "目前沒有指向或固定任何格子。"},  // ReceptiveNone
    {"size %lld×%lld, jump %lld×%lld, start (%lld, %lld)",
     "大小 %lld×%lld，跳距 %lld×%lld，起點 (%lld, %lld)"},  // ReceptiveTable
    {"lit: %lld", "亮起 %lld 格"},                          // ReceptiveCount
    {"channel %d: %s", "通道 %d：%s"},                      // ChannelSum
    {"then %s", "接著 %s"},                                 // ActivationLine
    {"This stage's input is computed by the stage before it; edit the picture on stage 1.",
     "這一層的輸入由前一層計算而來；要修改圖片請回到第 1 層。"},  // LaterStageInput
};
static_assert(std::size(kTexts) == static_cast<std::size_t>(T::Count), "one text per id");

}  // namespace

std::span<const UiText> allUiText() {
    return kTexts;
}

const UiText& tr(T id) {
    return kTexts[static_cast<std::size_t>(id)];
}

std::string label(const UiText& text, const std::string& language) {
    return std::string(text.in(language)) + "###" + text.en;
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
