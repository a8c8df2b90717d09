#include "engine_text.hpp"

#include "convscope/core/errors.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/text.hpp"

namespace convscope::gui {

namespace {

constexpr ErrorTranslation kErrors[] = {
    {"value_too_small", "{name}的{axis}至少要是 1（目前是 {value}）"},
    {"padding_negative_axis", "填充的{axis}不能是負數（目前是 {value}）"},
    {"output_too_small",
     "輸出{axis}會是 {size}：{formula} = {size}。{kernel_word}（{kernel}）比填充後的輸入（{padded}）還{comparison}"},
    {"output_too_small_dilated",
     "輸出{axis}會是 {size}：{formula} = {size}。擴張後的{kernel_word}（{dilation}·({kernel}−1)+1 = {span}）"
     "比填充後的輸入（{padded}）還{comparison}"},
    {"channel_outside", "通道 {channel} 超出範圍：輸出只有 {channels} 個通道（0…{last}）"},
    {"position_outside", "位置 ({row},{col}) 不在 {height}×{width} 的輸出內（列 0…{last_row}，行 0…{last_col}）"},
    {"trace_too_large", "{what}有 {taps} 格，超過逐項列出的上限（{limit}）"},
    {"unknown_padding_mode", "填充模式「{name}」不是 zeros、reflect、replicate、circular 其中之一"},
    {"padding_negative", "填充不能是負數（目前是 {value}）"},
    {"same_needs_stride_1",
     "same 填充只能用步幅 1（目前是 {stride_h},{stride_w}）：步幅大於 1 時，怎麼填充都無法讓輸出和輸入一樣大"},
    {"same_needs_kernel", "same 填充需要卷積核大小與擴張都至少是 1"},
    {"same_too_large", "same 填充會需要超過 10^9 格"},
    {"reflect_padding_too_large", "reflect 填充的{axis}（{pad}）必須小於輸入的{axis}（{input}）：鏡射不能越過對面的邊"},
    {"circular_padding_too_large",
     "circular 填充的{axis}（{pad}）不能超過輸入的{axis}（{input}）：否則輸入要繞不只一圈"},
    {"empty_input", "輸入是空的（{channels}×{height}×{width}）"},
    {"kernel_no_filters", "卷積核沒有任何濾波器（{out_channels}×{in_channels} 個通道）"},
    {"kernel_channel_mismatch", "卷積核需要 {kernel_channels} 個輸入通道，輸入卻有 {channels} 個"},
    {"bias_size_mismatch", "偏差有 {bias_values} 個值，卷積核卻有 {filters} 個濾波器"},
    {"conv_output_too_large",
     "輸出會有 {channels}×{height}×{width} 個值（填充後的輸入為 {padded_height}×{padded_width}），超過上限 {limit}"},
    {"unknown_pool_mode", "池化模式「{name}」不是 max、avg 其中之一"},
    {"pool_padding_too_large", "池化填充的{axis}（{pad}）最多只能是窗口{axis}的一半：{window}/2 = {half}"},
    {"avg_pool_dilation", "只有最大池化可以擴張；平均池化的擴張必須是 1（目前是 {dilation_h},{dilation_w}）"},
    {"pool_output_too_large", "池化輸出會有 {channels}×{height}×{width} 個值，超過上限 {limit}"},
};

constexpr WordTranslation kWords[] = {
    {"height", "高度"}, {"width", "寬度"},  {"taller", "高"},     {"wider", "寬"},   {"kernel", "卷積核"},
    {"window", "窗口"}, {"stride", "步幅"}, {"dilation", "擴張"}, {"input", "輸入"},
};

constexpr PresetTranslation kPresets[] = {
    {"identity", "恆等", "原封不動地複製輸入：只有中心是 1。"},
    {"box3", "均值模糊 3×3", "每個像素換成它 3×3 鄰域的平均。"},
    {"box5", "均值模糊 5×5", "5×5 鄰域的平均：更強、更方塊狀的模糊。"},
    {"gaussian3", "高斯 3×3", "加權模糊（1-2-1 二項式）：越近的像素權重越大。"},
    {"gaussian5", "高斯 5×5", "更平滑的加權模糊（1-4-6-4-1 二項式）。"},
    {"sharpen", "銳化", "加強像素與上下左右 4 個鄰居的差異：邊緣更清楚。"},
    {"laplacian4", "拉普拉斯（4 鄰域）", "二階導數：任何方向的邊緣都有反應，平坦處為 0。"},
    {"laplacian8", "拉普拉斯（8 鄰域）", "連對角也算的二階導數：邊緣更強，各方向較一致。"},
    {"sobel_x", "Sobel x", "水平梯度：越往右越亮的地方數值越大。"},
    {"sobel_y", "Sobel y", "垂直梯度：越往下越亮的地方數值越大。"},
    {"prewitt_x", "Prewitt x", "水平梯度，每列權重相同（平滑比 Sobel 少）。"},
    {"prewitt_y", "Prewitt y", "垂直梯度，每行權重相同。"},
    {"scharr_x", "Scharr x", "水平梯度，為旋轉精確度調整過（3-10-3）。"},
    {"scharr_y", "Scharr y", "垂直梯度，為旋轉精確度調整過（3-10-3）。"},
    {"emboss", "浮雕", "光線從左上方照過來：表面看起來像凸起。"},
    {"outline", "輪廓", "只留下邊緣：強烈的中心對上周圍 8 個鄰居。"},
};

// The explain texts' wording in 繁體中文 (English: core/src/explain.cpp).
constexpr const char* kCeilDropped = "（ceil 模式多出的最後一個窗口會從尾端的填充開始，所以捨去）";
constexpr const char* kInAll = "（共 {count} 個）";
constexpr const char* kCoverageDropped = "{map}的第 {list} {line}沒有被讀到：被 floor 捨去（下一個窗口放不下）";
constexpr const char* kCoverageSkipped = "{map}的第 {list} {line}沒有被讀到：它們落在窗口之間（被步幅或擴張跳過）";
constexpr const char* kInput = "輸入";
constexpr const char* kConvOutput = "卷積輸出";
constexpr const char* kRow = "列";
constexpr const char* kCol = "行";
constexpr const char* kDivisorIncludePad = "除數 {divisor}：count_include_pad 會把窗口內的輸入格和填充格都算進去";
constexpr const char* kDivisorPastPadding =
    "（窗口的 {full} 格中有 {past} 格超出填充，落在 ceil 模式多出的部分，不計入）";
constexpr const char* kDivisorPadAsZero = "（{cells} 個填充格以 0 計入）";
constexpr const char* kDivisorExcludePad = "除數 {divisor}：不計填充，只算窗口內落在輸入裡的 {cells} 格";
constexpr const char* kExplainTexts[] = {kCeilDropped,
                                         kInAll,
                                         kCoverageDropped,
                                         kCoverageSkipped,
                                         kInput,
                                         kConvOutput,
                                         kRow,
                                         kCol,
                                         kDivisorIncludePad,
                                         kDivisorPastPadding,
                                         kDivisorPadAsZero,
                                         kDivisorExcludePad};

template <class Entry>
const Entry* findById(std::span<const Entry> entries, const std::string& id) {
    for (const Entry& e : entries)
        if (id == e.id) return &e;
    return nullptr;
}

}  // namespace

std::span<const ErrorTranslation> errorTranslations() {
    return kErrors;
}
std::span<const PresetTranslation> presetTranslations() {
    return kPresets;
}
std::span<const WordTranslation> errorWordTranslations() {
    return kWords;
}

std::string errorText(const core::Error& error, const std::string& language) {
    if (language != "zh-TW") return error.message;
    const ErrorTranslation* t = findById(errorTranslations(), error.id);
    if (!t) return error.message;
    std::vector<core::ErrorValue> values = error.values;
    for (core::ErrorValue& v : values)
        for (const WordTranslation& w : kWords)
            if (v.value == w.en) v.value = w.zh;
    return core::fillTemplate(t->zh, values);
}

std::string presetName(const core::KernelPreset& preset, const std::string& language) {
    const PresetTranslation* t = language == "zh-TW" ? findById(presetTranslations(), preset.id) : nullptr;
    return t ? t->zhName : preset.name;
}

std::string presetDescription(const core::KernelPreset& preset, const std::string& language) {
    const PresetTranslation* t = language == "zh-TW" ? findById(presetTranslations(), preset.id) : nullptr;
    return t ? t->zhDescription : preset.description;
}

std::string outputSizeText(const core::AxisWindow& w, core::Axis axis, const std::string& language) {
    if (language != "zh-TW" || !core::outputSize(w, axis)) return core::describeOutputSize(w, axis);
    return core::outputSizeEquation(w, axis) + (core::ceilWindowRemoved(w) ? kCeilDropped : "");
}

std::vector<std::string> coverageText(const core::AxisWindow& rows, const core::AxisWindow& cols, std::int64_t outRows,
                                      std::int64_t outCols, bool overConv, const std::string& language) {
    if (language != "zh-TW")
        return core::describeCoverage(rows, cols, outRows, outCols, overConv ? "conv output" : "input");
    std::vector<std::string> notes;
    auto note = [&](const core::AxisWindow& w, std::int64_t outputs, const char* line) {
        const core::CoverageGap gap = core::coverageGap(w, outputs);
        if (gap.missed.count == 0) return;
        notes.push_back(core::fillTemplate(gap.droppedByFloor ? kCoverageDropped : kCoverageSkipped,
                                           {{"map", overConv ? kConvOutput : kInput},
                                            {"list", core::listIndices(gap.missed, kInAll)},
                                            {"line", line}}));
    };
    note(rows, outRows, kRow);
    note(cols, outCols, kCol);
    return notes;
}

std::string divisorText(const core::PoolTrace& t, const std::string& language) {
    if (language != "zh-TW" || t.mode != core::PoolMode::Avg) return core::divisorReason(t);
    // The same cases as core::divisorReason.
    const core::AvgDivisor& d = t.divisor;
    const std::string divisor = core::num(d.divisor);
    if (t.rule == core::DivisorRule::ExcludePad)
        return core::fillTemplate(kDivisorExcludePad, {{"divisor", divisor}, {"cells", core::num(d.inputCells)}});
    std::string s = core::fillTemplate(kDivisorIncludePad, {{"divisor", divisor}});
    if (d.paddedCells < d.fullWindow)
        s += core::fillTemplate(kDivisorPastPadding,
                                {{"full", core::num(d.fullWindow)}, {"past", core::num(d.fullWindow - d.paddedCells)}});
    else if (d.inputCells < d.paddedCells)
        s += core::fillTemplate(kDivisorPadAsZero, {{"cells", core::num(d.paddedCells - d.inputCells)}});
    return s;
}

std::string engineChineseText() {
    std::string all;
    for (const ErrorTranslation& t : kErrors) all += t.zh;
    for (const WordTranslation& w : kWords) all += w.zh;
    for (const PresetTranslation& p : kPresets) all += std::string(p.zhName) + p.zhDescription;
    for (const char* text : kExplainTexts) all += text;
    return all;
}

}  // namespace convscope::gui
