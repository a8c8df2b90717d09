#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <optional>
#include <variant>

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

void printConvTransposeTrace(std::ostream& out, const core::ConvTransposeTrace& t, const core::ConvTranspose2d& l) {
    out << "conv_transpose output channel " << t.outChannel << " at (" << t.outRow << "," << t.outCol
        << "): " << t.terms.size() << " stamp(s) land here; stride " << l.stride.h << "," << l.stride.w << "; padding "
        << l.padding.h << "," << l.padding.w << "; output_padding " << l.outputPadding.h << "," << l.outputPadding.w
        << "; dilation " << l.dilation.h << "," << l.dilation.w << "\n";
    for (const core::ConvTransposeTerm& x : t.terms)
        out << "  input[" << x.channel << "](" << x.inputRow << "," << x.inputCol << ") × K[" << x.m << "," << x.n
            << "] = " << core::formatOperand(x.input) << " × " << core::formatOperand(x.weight) << " = "
            << formatValue(x.product) << "\n";
    if (t.terms.empty()) out << "  (no input cell stamps onto this position)\n";
    if (t.hasBias) out << "  bias = " << formatValue(t.bias) << "\n";
    out << "  sum = " << formatValue(t.sum) << "\n";
}

nlohmann::json convTransposeTraceJson(const core::ConvTransposeTrace& t) {
    nlohmann::json terms = nlohmann::json::array();
    for (const core::ConvTransposeTerm& x : t.terms)
        terms.push_back({{"input_row", x.inputRow},
                         {"input_col", x.inputCol},
                         {"m", x.m},
                         {"n", x.n},
                         {"input", jsonValue(x.input)},
                         {"weight", jsonValue(x.weight)},
                         {"product", jsonValue(x.product)},
                         {"channel", x.channel}});
    return {{"op", "conv_transpose"}, {"channel", t.outChannel},
            {"row", t.outRow},        {"col", t.outCol},
            {"terms", terms},         {"bias", t.hasBias ? jsonValue(t.bias) : nlohmann::json(nullptr)},
            {"sum", jsonValue(t.sum)}};
}

void printShape(std::ostream& out, const core::AxisWindow& rows, const core::AxisWindow& cols,
                const std::string& kernelWord) {
    out << core::describeOutputSize(rows, core::Axis::Height, kernelWord) << "\n";
    out << core::describeOutputSize(cols, core::Axis::Width, kernelWord) << "\n";
    const auto oh = core::countWindows(rows);
    const auto ow = core::countWindows(cols);
    for (const std::string& note : core::describeCoverage(rows, cols, oh, ow)) out << "warning: " << note << "\n";
}

void printSamePadding(std::ostream& out, core::PaddingSpec::Kind kind, const core::AxisWindow& rows,
                      const core::AxisWindow& cols) {
    const bool upper = kind == core::PaddingSpec::Kind::SameUpper;
    out << "padding " << core::paddingKindName(kind) << " (TensorFlow/ONNX SAME: output ceil(H/s), the odd cell "
        << (upper ? "at the end" : "at the start") << "):\n";
    out << "  height: " << core::samePaddingEquation(rows) << " → top " << rows.padBefore << ", bottom "
        << rows.padAfter << "\n";
    out << "  width:  " << core::samePaddingEquation(cols) << " → left " << cols.padBefore << ", right "
        << cols.padAfter << "\n";
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
                              {"pad_before", w.padBefore},
                              {"pad_after", w.padAfter},
                              {"uncovered", uncovered.first},
                              {"uncovered_count", uncovered.count}};
    };
    return {{"height", axisJson(rows, *oh)},
            {"width", axisJson(cols, *ow)},
            {"warnings", core::describeCoverage(rows, cols, *oh, *ow)}};
}

namespace {

// A field quantity in pixels: "3", or "1/2" past a transposed layer (FieldAxis::scale).
std::string pixels(std::int64_t value, std::int64_t scale) {
    const std::int64_t g = std::gcd(value, scale);
    const std::int64_t n = value / g;
    const std::int64_t d = scale / g;
    return d == 1 ? std::to_string(n) : std::to_string(n) + "/" + std::to_string(d);
}
nlohmann::json pixelsJson(std::int64_t value, std::int64_t scale) {
    if (value % scale == 0) return value / scale;
    return static_cast<double>(value) / static_cast<double>(scale);
}

// What the size formula calls the window: a conv's kernel, a pooling's window.
const char* kernelWord(const core::Layer& layer) {
    return core::isConv(layer) || core::isConvTranspose(layer) ? "kernel" : "window";
}

// A grouped conv's cost as a full conv (groups = 1) on the same input, to set beside its own.
std::optional<core::LayerCost> fullCost(const core::Layer& layer, const core::LayerPlan& plan) {
    const auto* conv = std::get_if<core::Conv2d>(&layer);
    if (!conv || conv->groups == 1) return std::nullopt;
    return core::fullConvCost(*conv, plan);
}

nlohmann::json costJson(const core::LayerCost& c) {
    return {{"parameters", c.parameters}, {"multiply_adds", c.multiplyAdds}};
}

}  // namespace

nlohmann::json shapeJson(const core::Shape& s) {
    return {s.channels, s.height, s.width};
}

void printStack(std::ostream& out, const std::vector<core::Layer>& layers, const core::StackPlan& plan) {
    out << "input     " << core::shapeText(plan.input.channels, plan.input.height, plan.input.width) << "\n";
    const auto fields = core::receptiveFields(core::stackWindows(plan));
    for (std::size_t i = 0; i < plan.plans.size(); ++i) {
        const core::Layer& layer = layers[i];
        const core::LayerPlan& p = plan.plans[i];
        out << "layer " << i + 1 << (i + 1 < 10 ? "   " : "  ") << core::layerLabel(layer) << " ("
            << core::layerType(layer) << ")  → " << core::shapeText(p.out.channels, p.out.height, p.out.width) << "\n";
        if (!p.windows.elementWise) {
            out << "          " << core::describeOutputSize(p.windows.rows, core::Axis::Height, kernelWord(layer))
                << "\n";
            out << "          " << core::describeOutputSize(p.windows.cols, core::Axis::Width, kernelWord(layer))
                << "\n";
        }
        const core::FieldGeometry& f = fields[i + 1];
        out << "          receptive field " << pixels(f.rows.size, f.rows.scale) << "×"
            << pixels(f.cols.size, f.cols.scale) << ", jump " << pixels(f.rows.jump, f.rows.scale) << ","
            << pixels(f.cols.jump, f.cols.scale) << ", start " << pixels(f.rows.start, f.rows.scale) << ","
            << pixels(f.cols.start, f.cols.scale) << "\n";
        out << "          " << p.cost.parameters << " parameters, " << p.cost.multiplyAdds << " multiply-adds";
        if (const auto full = fullCost(layer, p))
            out << " (as a full conv, groups = 1: " << full->parameters << " parameters, " << full->multiplyAdds
                << " multiply-adds)";
        out << "\n";
    }
    const core::LayerCost total = core::totalCost(plan);
    out << "total     " << total.parameters << " parameters, " << total.multiplyAdds << " multiply-adds\n";
}

nlohmann::json stackJson(const std::vector<core::Layer>& layers, const core::StackPlan& plan) {
    nlohmann::json j;
    j["input"] = shapeJson(plan.input);
    j["layers"] = nlohmann::json::array();
    const auto fields = core::receptiveFields(core::stackWindows(plan));
    for (std::size_t i = 0; i < plan.plans.size(); ++i) {
        const core::Layer& layer = layers[i];
        const core::LayerPlan& p = plan.plans[i];
        nlohmann::json l = {{"type", core::layerType(layer)},
                            {"label", core::layerLabel(layer)},
                            {"module", core::pytorchModule(layer, p.in)},
                            {"input", shapeJson(p.in)},
                            {"output", shapeJson(p.out)}};
        if (p.windows.elementWise) {
            l["height_formula"] = l["width_formula"] = nullptr;
        } else {
            l["height_formula"] = core::outputSizeFormula(p.windows.rows);
            l["width_formula"] = core::outputSizeFormula(p.windows.cols);
        }
        const core::FieldGeometry& f = fields[i + 1];
        // In input pixels; fractions (as decimals) past a transposed layer.
        l["receptive_field"] = {
            {"size", {pixelsJson(f.rows.size, f.rows.scale), pixelsJson(f.cols.size, f.cols.scale)}},
            {"jump", {pixelsJson(f.rows.jump, f.rows.scale), pixelsJson(f.cols.jump, f.cols.scale)}},
            {"start", {pixelsJson(f.rows.start, f.rows.scale), pixelsJson(f.cols.start, f.cols.scale)}}};
        l["cost"] = costJson(p.cost);
        const auto full = fullCost(layer, p);
        l["full_conv_cost"] = full ? costJson(*full) : nlohmann::json(nullptr);
        j["layers"].push_back(l);
    }
    j["total_cost"] = costJson(core::totalCost(plan));
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
