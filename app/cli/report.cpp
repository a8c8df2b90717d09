#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>

#include "convscope/core/explain.hpp"
#include "convscope/core/text.hpp"

namespace convscope::cli {

using core::formatValue;
using core::num;

namespace {

// JSON has no NaN/Inf; write them as the strings "nan", "inf", "-inf" rather than null.
nlohmann::json jsonValue(float v) {
    if (std::isfinite(v)) return v;
    return formatValue(v);
}

const char* cellName(core::PoolCell c) {
    switch (c) {
        case core::PoolCell::Input: return "input";
        case core::PoolCell::Padding: return "padding";
        case core::PoolCell::Outside: return "outside";
    }
    return "input";
}

}  // namespace

void printConvTrace(std::ostream& out, const core::ConvTrace& t, const core::ConvParams& p) {
    out << "conv output channel " << t.outChannel << " at (" << t.outRow << "," << t.outCol << "): " << t.taps.size()
        << " taps; stride " << p.strideH << "," << p.strideW << "; padding top " << p.padding.top << " bottom "
        << p.padding.bottom << " left " << p.padding.left << " right " << p.padding.right << " ("
        << core::paddingModeName(p.mode) << "); dilation " << p.dilationH << "," << p.dilationW << "\n";
    for (const std::string& line : core::convTapLines(t, p.mode)) out << "  " << line << "\n";
    const auto padded = std::count_if(t.taps.begin(), t.taps.end(), [](const core::ConvTap& x) { return x.padding; });
    if (padded) out << "  (" << padded << " of the taps read padding)\n";
    if (t.hasBias) out << "  bias = " << formatValue(t.bias) << "\n";
    out << "  sum = " << formatValue(t.sum) << "\n";
    out << core::convSumLine(t) << "\n";
}

void printPoolTrace(std::ostream& out, const core::PoolTrace& t) {
    out << core::poolModeName(t.mode) << " pool channel " << t.channel << " at (" << t.outRow << "," << t.outCol
        << "): window of " << t.taps.size() << " cells\n";
    for (std::size_t i = 0; i < t.taps.size(); ++i) {
        const core::PoolTap& tap = t.taps[i];
        out << "  (" << tap.row << "," << tap.col << ") ";
        if (tap.cell == core::PoolCell::Input)
            out << formatValue(tap.value);
        else
            out << (tap.cell == core::PoolCell::Padding ? "padding" : "past the padding (ceil mode)");
        if (static_cast<int>(i) == t.winner) out << "  <- winner (flat index " << t.winnerFlatIndex << ")";
        out << "\n";
    }
    if (t.mode == core::PoolMode::Avg) {
        out << "  sum = " << formatValue(t.sum) << "\n";
        out << "  " << core::divisorReason(t) << "\n";
    }
    out << core::poolResultLine(t) << "\n";
}

nlohmann::json convTraceJson(const core::ConvTrace& t) {
    nlohmann::json taps = nlohmann::json::array();
    for (const core::ConvTap& tap : t.taps)
        taps.push_back({{"channel", tap.channel},
                        {"m", tap.m},
                        {"n", tap.n},
                        {"row", tap.row},
                        {"col", tap.col},
                        {"padding", tap.padding},
                        {"source_row", tap.sourceRow},
                        {"source_col", tap.sourceCol},
                        {"input", jsonValue(tap.input)},
                        {"weight", jsonValue(tap.weight)},
                        {"product", jsonValue(tap.product)}});
    return {{"op", "conv"},           {"channel", t.outChannel},
            {"row", t.outRow},        {"col", t.outCol},
            {"taps", taps},           {"bias", t.hasBias ? jsonValue(t.bias) : nlohmann::json(nullptr)},
            {"sum", jsonValue(t.sum)}};
}

nlohmann::json poolTraceJson(const core::PoolTrace& t) {
    nlohmann::json window = nlohmann::json::array();
    for (const core::PoolTap& tap : t.taps)
        window.push_back(
            {{"row", tap.row},
             {"col", tap.col},
             {"cell", cellName(tap.cell)},
             {"value", tap.cell == core::PoolCell::Input ? jsonValue(tap.value) : nlohmann::json(nullptr)}});
    nlohmann::json j = {{"op", "pool"},
                        {"mode", core::poolModeName(t.mode)},
                        {"channel", t.channel},
                        {"row", t.outRow},
                        {"col", t.outCol},
                        {"window", window},
                        {"result", jsonValue(t.result)}};
    if (t.mode == core::PoolMode::Max) {
        j["winner"] = t.winner < 0 ? nlohmann::json(nullptr)
                                   : nlohmann::json{{"row", t.taps[static_cast<std::size_t>(t.winner)].row},
                                                    {"col", t.taps[static_cast<std::size_t>(t.winner)].col},
                                                    {"index", t.winnerFlatIndex}};
    } else {
        j["sum"] = jsonValue(t.sum);
        j["divisor"] = t.divisor.divisor;
        j["divisor_rule"] = t.rule == core::DivisorRule::IncludePad ? "count_include_pad" : "exclude_pad";
        j["input_cells"] = t.divisor.inputCells;
        j["padded_cells"] = t.divisor.paddedCells;
        j["divisor_reason"] = core::divisorReason(t);
    }
    return j;
}

void printShape(std::ostream& out, const core::AxisWindow& rows, const core::AxisWindow& cols,
                const std::string& kernelWord) {
    out << core::describeOutputSize(rows, core::Axis::Height, kernelWord) << "\n";
    out << core::describeOutputSize(cols, core::Axis::Width, kernelWord) << "\n";
    const auto oh = core::countWindows(rows);
    const auto ow = core::countWindows(cols);
    for (const std::string& note : core::describeCoverage(rows, cols, oh, ow)) out << "warning: " << note << "\n";
}

nlohmann::json shapeJson(const core::AxisWindow& rows, const core::AxisWindow& cols, const std::string& kernelWord) {
    auto oh = core::outputSize(rows, core::Axis::Height, kernelWord);
    auto ow = core::outputSize(cols, core::Axis::Width, kernelWord);
    auto axisJson = [](const core::AxisWindow& w, std::int64_t n) {
        // At most the first 1000 unread indices, and how many there are: a 2^28-row query
        // would otherwise print a quarter of a billion numbers.
        const auto uncovered = core::summarizeUncovered(w, n, 1000);
        return nlohmann::json{{"formula", core::outputSizeFormula(w)},
                              {"size", n},
                              {"uncovered", uncovered.first},
                              {"uncovered_count", uncovered.count}};
    };
    return {{"height", axisJson(rows, *oh)},
            {"width", axisJson(cols, *ow)},
            {"warnings", core::describeCoverage(rows, cols, *oh, *ow)}};
}

namespace {

std::string pairText(std::int64_t a, std::int64_t b) {
    return std::to_string(a) + "," + std::to_string(b);
}

// The receptive field of each stage's output, in input pixels.
std::vector<core::FieldGeometry> stageFields(const std::vector<core::Stage>& stages,
                                             const std::vector<core::StagePlan>& plans) {
    const auto layers = core::windowLayers(stages, plans);
    const auto fields = core::receptiveFields(layers);
    std::vector<core::FieldGeometry> out;
    for (std::size_t i = 0; i < stages.size(); ++i)
        out.push_back(fields[static_cast<std::size_t>(core::stageLevels(layers, static_cast<int>(i)).output)]);
    return out;
}

}  // namespace

void printStack(std::ostream& out, const core::Tensor& input, const std::vector<core::Stage>& stages,
                const std::vector<core::StagePlan>& plans) {
    out << "input    " << core::shapeText(input.channels, input.height, input.width) << "\n";
    const auto fields = stageFields(stages, plans);
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const core::Stage& s = stages[i];
        const core::StagePlan& p = plans[i];
        const core::ConvParams& c = p.convParams;
        out << "stage " << i + 1 << "  conv " << p.inChannels << "→" << p.conv.outChannels << ", kernel "
            << s.conv.weights.height << "×" << s.conv.weights.width << ", stride " << pairText(c.strideH, c.strideW)
            << ", padding " << pairText(p.conv.rows.padBefore, p.conv.cols.padBefore) << " ("
            << core::paddingModeName(c.mode) << "), dilation " << pairText(c.dilationH, c.dilationW) << "\n"
            << "         height " << core::outputSizeFormula(p.conv.rows) << " = " << p.conv.outHeight << ", width "
            << core::outputSizeFormula(p.conv.cols) << " = " << p.conv.outWidth << "  → "
            << core::shapeText(p.conv.outChannels, p.conv.outHeight, p.conv.outWidth) << "\n";
        if (s.activation.kind != core::Activation::None)
            out << "         " << core::activationName(s.activation.kind)
                << (s.activation.kind == core::Activation::LeakyRelu
                        ? " (slope " + formatValue(s.activation.negativeSlope) + ")"
                        : std::string())
                << "\n";
        if (s.poolEnabled)
            out << "         " << core::poolModeName(s.pool.mode) << " pool " << s.pool.windowH << "×" << s.pool.windowW
                << ", stride " << pairText(s.pool.strideH, s.pool.strideW) << ": height "
                << core::outputSizeFormula(p.pool.rows) << " = " << p.pool.outHeight << ", width "
                << core::outputSizeFormula(p.pool.cols) << " = " << p.pool.outWidth << "\n";
        const core::FieldGeometry& f = fields[i];
        out << "         → " << core::shapeText(p.outChannels, p.outHeight, p.outWidth) << "; receptive field "
            << f.rows.size << "×" << f.cols.size << ", jump " << pairText(f.rows.jump, f.cols.jump) << ", start "
            << pairText(f.rows.start, f.cols.start) << "\n";
    }
}

nlohmann::json stackJson(const core::Tensor& input, const std::vector<core::Stage>& stages,
                         const std::vector<core::StagePlan>& plans) {
    nlohmann::json j;
    j["input"] = {input.channels, input.height, input.width};
    j["stages"] = nlohmann::json::array();
    const auto fields = stageFields(stages, plans);
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const core::Stage& s = stages[i];
        const core::StagePlan& p = plans[i];
        nlohmann::json stage;
        stage["conv"] = {{"shape", {p.conv.outChannels, p.conv.outHeight, p.conv.outWidth}},
                         {"height_formula", core::outputSizeFormula(p.conv.rows)},
                         {"width_formula", core::outputSizeFormula(p.conv.cols)}};
        stage["activation"] = core::activationName(s.activation.kind);
        if (s.poolEnabled)
            stage["pool"] = {{"mode", core::poolModeName(s.pool.mode)},
                             {"height_formula", core::outputSizeFormula(p.pool.rows)},
                             {"width_formula", core::outputSizeFormula(p.pool.cols)}};
        else
            stage["pool"] = nullptr;
        stage["output"] = {p.outChannels, p.outHeight, p.outWidth};
        const core::FieldGeometry& f = fields[i];
        stage["receptive_field"] = {{"size", {f.rows.size, f.cols.size}},
                                    {"jump", {f.rows.jump, f.cols.jump}},
                                    {"start", {f.rows.start, f.cols.start}}};
        j["stages"].push_back(stage);
    }
    return j;
}

void printGrid(std::ostream& out, const core::Tensor& t, int channel) {
    std::size_t width = 1;
    for (int y = 0; y < t.height; ++y)
        for (int x = 0; x < t.width; ++x) width = std::max(width, formatValue(t.at(channel, y, x)).size());
    for (int y = 0; y < t.height; ++y) {
        out << "  ";
        for (int x = 0; x < t.width; ++x)
            out << std::setw(static_cast<int>(width) + 1) << formatValue(t.at(channel, y, x));
        out << "\n";
    }
}

}  // namespace convscope::cli
