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
    {"Record a lesson", "錄製課程"},                 // RecordLesson
    {"Set up the scene, type what to look at, then Add step. Repeat; Save lesson writes a file the Lessons tab opens.",
     "先設定場景，寫下要看什麼，再按「加入步驟」。重複幾次後，「儲存課程」會寫出一個課程分頁能開啟的檔案。"},  // RecordIntro
    {"Title (English)", "標題（英文）"},                                                       // LessonTitleEn
    {"Title (繁體中文)", "標題（繁體中文）"},                                                  // LessonTitleZh
    {"Step text (English)", "步驟說明（英文）"},                                               // StepTextEn
    {"Step text (繁體中文)", "步驟說明（繁體中文）"},                                          // StepTextZh
    {"Pin the pinned cell ({cell})", "標記目前釘選的格子（{cell}）"},                          // PinCell
    {"Pin a cell: click one in a view first", "標記格子：請先在視圖中點選一格"},               // NoPinnedCell
    {"Add step", "加入步驟"},                                                                  // AddStep
    {"Remove last step", "移除最後一步"},                                                      // RemoveLastStep
    {"Start over", "重新開始"},                                                                // StartOver
    {"Save lesson", "儲存課程"},                                                               // SaveLesson
    {"{count} step(s) recorded", "已錄製 {count} 步"},                                         // StepsRecorded
    {"Type the step's text in at least one language.", "請至少用一種語言寫下這一步的說明。"},  // NeedStepText
    {"Saved the lesson to {path}", "已把課程存到 {path}"},                                     // StatusSavedLesson
    {"Open lesson file", "開啟課程檔"},                                                        // OpenLessonFile
    {"path/to/lesson.json", "路徑/課程.json"},                                                 // LessonPathHint
    {"Opened the lesson {path}", "已開啟課程 {path}"},                                         // StatusOpenedLesson
    {"Output size", "輸出大小"},                                                               // OutputSizeTab
    {"Lessons", "課程"},                                                                       // LessonsTab
    {"Language", "語言"},                                                                      // Language
    {"Test yourself", "自我測驗"},                                                             // QuizTab
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
    {"Presentation (F5)", "簡報模式（F5）"},                                 // Presentation
    {"Leave presentation mode (F5 or Esc)", "離開簡報模式（F5 或 Esc）"},    // LeavePresentation
    {"Play / pause (Space)", "播放 / 暫停（空白鍵）"},                       // PlayPauseTip
    {"One position back (←)", "後退一個位置（←）"},                          // StepBackTip
    {"One position forward (→)", "前進一個位置（→）"},                       // StepForwardTip
    {"Drag to resize, double-click to reset", "拖曳調整大小，按兩下還原"},   // SplitterTip
    {"Size", "大小"},                                                        // OutputSizeTabShort
    {"Quiz", "測驗"},                                                        // QuizTabShort
    {"Field", "感受野"},                                                     // ReceptiveTabShort
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
    {"input", "輸入"},                                                                          // StackInput
    {"layer %d", "第 %d 層"},  // LayerN
    {"+ layer", "+ 一層"},  // AddLayer
    {"− layer", "− 這一層"},  // RemoveLayer
    {"Click to show this layer in the views (with the layers drawn beside it) and edit it",
     "點一下，在視圖中顯示並編輯這一層（連同畫在旁邊的層）"},  // LayerTip
    {"Receptive field", "感受野"},                                                              // ReceptiveTab
    {"Hover or pin a cell in any view, or hover a cell here: lit cells are the ones it is computed from (below it) and "
     "the ones computed from it (above).",
     "把滑鼠移到任一視圖的格子上（或點選固定），或移到這裡的格子上：亮起的是它所依據的格子（下方各層）以及依據它計算的"
     "格子（上方各層）。"},                                          // ReceptiveIntro
    {"Nothing hovered or pinned.", "目前沒有指向或固定任何格子。"},  // ReceptiveNone
    {"size %lld×%lld, jump %lld×%lld, start (%lld, %lld)",
     "大小 %lld×%lld，跳距 %lld×%lld，起點 (%lld, %lld)"},  // ReceptiveTable
    {"lit: %lld", "亮起 %lld 格"},                          // ReceptiveCount
    {"This layer's input is computed by the layers before it; edit the picture on layer 1.",
     "這一層的輸入由前面的層計算而來；要修改圖片請回到第 1 層。"},  // LaterLayerInput
    {"Built-in sample pictures…", "內建範例圖片…"},                              // SamplePictures
    {"path of an image or a session (.json)", "圖片或工作階段（.json）的路徑"},  // PathHint
    {"Open", "開啟"},                                                            // Open
    {"An image (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM) or a session .json.\nYou can also drop a file on the window.",
     "圖片（PNG、JPEG、BMP、TGA、GIF、PSD、HDR、PNM）或工作階段 .json。\n也可以直接把檔案拖到視窗上。"},  // OpenTip
    {"Save session", "儲存工作階段"},                                                                     // SaveSession
    {"Browse {folder}", "瀏覽 {folder}"},                                                                 // Browse
    {"Picture: {name}", "圖片：{name}"},                                                                  // PictureName
    {"channel", "通道"},                                                                                  // Channel
    {"luminance", "亮度"},                                                                                // Luminance
    {"red", "紅"},                                                                                        // Red
    {"green", "綠"},                                                                                      // Green
    {"blue", "藍"},                                                                                       // Blue
    {"crop", "裁切"},                                                                                     // Crop
    {"x, y, width, height of the full picture; width 0 = no crop.\nEnter applies.",
     "原圖上的 x、y、寬、高；寬為 0 表示不裁切。\n按 Enter 套用。"},  // CropTip
    {"full resolution", "原始解析度"},                                // FullResolution
    {"shrink to %d px (area filter)", "縮小到 %d px（面積平均）"},    // ShrinkTo
    {"conv output", "卷積輸出"},                                      // ExportConv
    {"pooled output", "池化輸出"},                                    // ExportPool
    {"input", "輸入"},                                                // ExportInput
    {".png (as shown)", ".png（與畫面相同）"},                        // PngAsShown
    {"Export", "匯出"},                                               // Export
    {"Written to the current folder; the status line says where.",
     "存到目前的資料夾；狀態列會寫出完整路徑。"},  // ExportTip
    {"Copy as PyTorch", "複製為 PyTorch"},         // CopyPyTorch
    {"A Python snippet that recomputes these maps with torch.nn.functional",
     "一小段 Python 程式，用 torch.nn.functional 重算這些特徵圖"},   // CopyPyTorchTip
    {"Screenshot", "截圖"},                                          // Screenshot
    {"The whole window as PNG (F12)", "把整個視窗存成 PNG（F12）"},  // ScreenshotTip
    {"Export animation…", "匯出動畫…"},                              // ExportAnimation
    {"The playback of the views as an animated GIF or numbered PNG files, for slides",
     "把播放過程匯出成 GIF 動畫或編號的 PNG 檔，放進投影片"},                                   // ExportAnimationTip
    {"Animated GIF", "GIF 動畫"},                                                               // AnimationGif
    {"Numbered PNGs", "編號的 PNG 檔"},                                                         // AnimationPngs
    {"The views only", "只有視圖"},                                                             // AnimationViews
    {"The whole window", "整個視窗"},                                                           // AnimationWindow
    {"Frames per second", "每秒幀數"},                                                          // AnimationFps
    {"All positions", "全部位置"},                                                              // AnimationAllPositions
    {"Positions from, to", "位置：從、到"},                                                     // AnimationFromTo
    {"File", "檔案"},                                                                           // AnimationFile
    {"Export", "匯出"},                                                                         // AnimationStart
    {"Exporting position {done} of {total}…", "正在匯出第 {done} / {total} 個位置…"},           // AnimationProgress
    {"Cancel", "取消"},                                                                         // Cancel
    {"Saved the animation ({frames} frames) to {path}", "已把動畫（{frames} 幀）存到 {path}"},  // StatusAnimationSaved
    {"Export cancelled; nothing was written.", "已取消匯出，沒有寫入任何檔案。"},  // StatusAnimationCancelled
    {"Could not export the animation: {reason}", "無法匯出動畫：{reason}"},        // StatusAnimationFailed
    {"There is no playback position to export in that range.",
     "這個範圍內沒有可匯出的播放位置。"},                                       // AnimationNoPositions
    {"Opened {path} ({height}×{width})", "已開啟 {path}（{height}×{width}）"},  // StatusOpened
    {"Loaded session {path}", "已載入工作階段 {path}"},                         // StatusLoadedSession
    {"Saved session {path}", "已儲存工作階段 {path}"},                          // StatusSavedSession
    {"Nothing to export: that map has no valid result.",
     "沒有東西可匯出：這張圖目前沒有有效的結果。"},  // StatusNothingToExport
    {"Exported {path}", "已匯出 {path}"},            // StatusExported
    {"Saved {path}", "已儲存 {path}"},               // StatusSaved
    {"Copied a PyTorch snippet that recomputes these maps to the clipboard.",
     "已把重算這些特徵圖的 PyTorch 程式複製到剪貼簿。"},  // StatusCopiedPyTorch
    {"Normalize divides by the sum of the weights, which is 0 here.",
     "正規化要除以權重總和，但目前總和是 0。"},                                          // StatusNormalizeZero
    {"Keyboard and mouse (F1 to close)", "鍵盤與滑鼠（按 F1 關閉）"},                    // HelpTitle
    {"Space", "空白鍵"},                                                                 // KeySpace
    {"play / pause the sliding window", "播放 / 暫停滑動的窗口"},                        // HelpPlay
    {"one position back / forward (pauses)", "後退 / 前進一個位置（同時暫停）"},         // HelpStep
    {"first / last position", "跳到第一個 / 最後一個位置"},                              // HelpFirstLast
    {"unpin the pinned cell (or close this help)", "取消釘選的格子（或關閉這份說明）"},  // HelpUnpin
    {"save the session to the path field (or convscope-session.json)",
     "把工作階段存到路徑欄指定的檔案（或 convscope-session.json）"},           // HelpSave
    {"save a screenshot of the window", "儲存視窗截圖"},                       // HelpScreenshot
    {"quit (the session is saved)", "結束程式（工作階段會先存好）"},           // HelpQuit
    {"this help", "顯示這份說明"},                                             // HelpHelp
    {"UI size 100–300 % (projector mode)", "介面大小 100–300 %（投影模式）"},  // HelpUiSize
    {"full screen", "全螢幕"},                                                 // HelpFullScreen
    {"presentation: big views; Esc leaves", "簡報模式：放大畫面；Esc 離開"},   // HelpPresentation
    {"hover a cell", "指向格子"},                                              // KeyHoverCell
    {"its window, or every output that reads it, lights up",
     "它的窗口會亮起，或所有讀到它的輸出格會亮起"},                                            // HelpHoverCell
    {"click a cell", "點選格子"},                                                              // KeyClickCell
    {"pin it; click an input cell to edit its value", "釘選它；點選輸入格可以修改它的值"},     // HelpClickCell
    {"hover a term", "指向算式中的一項"},                                                      // KeyHoverTerm
    {"its input cell and kernel weight light up", "對應的輸入格與卷積核權重會亮起"},           // HelpHoverTerm
    {"wheel / drag", "滾輪 / 拖曳"},                                                           // KeyWheelDrag
    {"zoom / pan a view; double-click fits it again", "縮放 / 平移畫面；按兩下恢復完整顯示"},  // HelpWheelDrag
    {"Ctrl+click a field", "Ctrl+點選欄位"},                                                   // KeyCtrlClick
    {"type any value", "直接輸入任意數值"},                                                    // HelpCtrlClick
    {"drop a file", "拖入檔案"},                                                               // KeyDrop
    {"open a picture or a session", "開啟圖片或工作階段"},                                     // HelpDrop
    {"Convolution: {message}", "卷積：{message}"},                                             // ConvProblem
    {"Pooling: {message}", "池化：{message}"},                                                 // PoolProblem
    {"Showing the last valid result.", "畫面上保留的是最後一次有效的結果。"},                  // ShowingLastValid
    {"%.2f positions/s", "每秒 %.2f 個位置"},                                                  // Speed
    {"conv ({row},{col})  step {step}/{total}", "卷積 ({row},{col})  第 {step}/{total} 步"},   // ScrubConv
    {"pool ({row},{col})  step {step}/{total}", "池化 ({row},{col})  第 {step}/{total} 步"},   // ScrubPool
    {"numbers", "指定格數"},                                                                   // PadNumbers
    {"same", "same（大小不變）"},                                                              // PadSame
    {"valid", "valid（不填充）"},                                                              // PadValid
    {"same: pads d·(k−1) per axis, extra cell bottom/right",
     "same：每個方向共填充 d·(k−1) 格，多出的一格放在下方 / 右方"},                   // SameNote
    {"zeros", "zeros（補 0）"},                                                       // ModeZeros
    {"reflect", "reflect（鏡射）"},                                                   // ModeReflect
    {"replicate", "replicate（複製邊緣）"},                                           // ModeReplicate
    {"circular", "circular（環繞）"},                                                 // ModeCircular
    {"count_include_pad", "count_include_pad（計入填充）"},                           // CountIncludePad
    {"ceil mode", "ceil mode（向上取整）"},                                           // CeilMode
    {"Drag, or Ctrl+click to type any value", "拖曳調整，或 Ctrl+點選直接輸入數值"},  // EditCellTip
    {"K(%d,%d): drag, or Ctrl+click to type any value",
     "K(%d,%d)：拖曳調整，或 Ctrl+點選直接輸入數值"},                                     // KernelCellTip
    {"UI size %d %% (Ctrl + / Ctrl −)", "介面大小 %d %%（Ctrl + / Ctrl −）"},             // UiSize
    {"frame %.1f ms, compute %.2f ms", "每幀 %.1f ms，計算 %.2f ms"},                     // FrameTimes
    {"input %d×%d", "輸入 %d×%d"},                                                        // InputSizeStat
    {" — zero padding", " — 零填充"},                                                     // TapZeroPadding
    {" — {mode} padding, copies I({row},{col})", " — {mode} 填充，複製 I({row},{col})"},  // TapCopies
    {"at", "位於"},                                                                       // WinnerAt
    {"computing…", "計算中…"},                                                            // Computing
    {"The saved session could not be read ({problem}). It was kept as {backup}; starting from the default scene.",
     "無法讀取上次儲存的工作階段（{problem}）。原檔已保留為 {backup}；改從預設場景開始。"},  // SessionUnreadableKept
    {"The saved session could not be read ({problem}) and could not be moved aside: {reason}",
     "無法讀取上次儲存的工作階段（{problem}），也無法把它移到旁邊：{reason}"},  // SessionUnreadableStuck
    {"the layer before / after in the stack", "堆疊中的前一層／後一層"},  // HelpLayer
    {"the filter before / after", "前一個／後一個濾波器"},                      // HelpFilter
    {"Groups", "分組數"},                                                         // Groups
    {"groups = G splits the input channels and the filters into G groups: each filter reads only its group's "
     "channels. G = channels is a depthwise conv.",
     "groups = G 把輸入通道和濾波器分成 G 組：每個濾波器只讀自己那一組的通道。G 等於通道數時就是逐通道（depthwise）卷積。"},  // GroupsTip
    {"{params} parameters, {macs} multiply-adds", "{params} 個參數，{macs} 次乘加"},  // LayerCost
    {"a full conv (groups = 1) would need {params} parameters, {macs} multiply-adds",
     "完整卷積（groups = 1）需要 {params} 個參數，{macs} 次乘加"},  // FullConvCost
    {"conv 3×3", "卷積 3×3"},                          // NewConv
    {"ReLU", "ReLU"},                                  // NewRelu
    {"leaky ReLU", "leaky ReLU"},                      // NewLeakyRelu
    {"max pool 2×2", "最大池化 2×2"},                  // NewMaxPool
    {"avg pool 2×2", "平均池化 2×2"},                  // NewAvgPool
    {"Stack presets…", "堆疊範本…"},                   // StackPresets
    {"conv → max pool", "卷積 → 最大池化"},            // PresetSingle
    {"VGG block: conv → ReLU → conv → ReLU → max pool", "VGG 區塊：卷積 → ReLU → 卷積 → ReLU → 最大池化"},  // PresetVgg
    {"depthwise separable: depthwise 3×3 → pointwise 1×1 → ReLU",
     "深度可分離：逐通道 3×3 → 逐點 1×1 → ReLU"},  // PresetSeparable
    {"the full 3×3 conv it replaces → ReLU (the same numbers)",
     "它取代的完整 3×3 卷積 → ReLU（數值相同）"},  // PresetFullConv
    {"channel {channel} is not read by this filter: it belongs to another group",
     "這個濾波器不讀通道 {channel}：它屬於另一組"},  // OtherGroup
    {"Pooling after it", "後面接池化"},             // PoolingEnabled
    {"input of the block", "這一組的輸入"},           // BlockInput
    {"rgb (3 channels)", "rgb（3 個通道）"},          // RgbChannels
    {"The questions are about a conv: select a conv layer in the strip.",
     "題目問的是卷積：請在上方橫列選一個卷積層。"},  // QuizNeedsConv
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

std::string fill(T id, const std::string& language, const std::vector<core::ErrorValue>& values) {
    return core::fillTemplate(tr(id).in(language), values);
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
