#include "convscope/core/explain.hpp"

#include <algorithm>

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

std::string outputSizeEquation(const AxisWindow& w, Axis axis) {
    return std::string("O_") + axisLetter(axis) + " = " + outputSizeFormula(w) + " = " + num(countWindows(w));
}

std::string describeOutputSize(const AxisWindow& w, Axis axis, const std::string& kernelWord) {
    auto n = outputSize(w, axis, kernelWord);
    if (!n) return n.error().message;
    std::string line = outputSizeEquation(w, axis);
    if (ceilWindowRemoved(w))
        line += " (ceil mode's extra window would start in the trailing padding, so it is dropped)";
    return line;
}

std::string samePaddingEquation(const AxisWindow& w) {
    const std::int64_t outputs = (w.input + w.stride - 1) / w.stride;
    return "max(0, (ceil(" + num(w.input) + "/" + num(w.stride) + ") − 1)·" + num(w.stride) + " + " + num(w.dilation) +
           "·(" + num(w.kernel) + "−1) + 1 − " + num(w.input) + ") = " +
           num(std::max<std::int64_t>(0, (outputs - 1) * w.stride + w.dilation * (w.kernel - 1) + 1 - w.input));
}

CoverageGap coverageGap(const AxisWindow& w, std::int64_t outputs) {
    CoverageGap gap;
    gap.missed = summarizeUncovered(w, outputs, 10);
    if (gap.missed.count == 0) return gap;
    // Trailing cells past the last window are the floor's doing; any others fall in gaps
    // between windows (stride larger than the window, or dilation holes).
    gap.droppedByFloor = gap.missed.first.front() > tapIndex(w, outputs - 1, w.kernel - 1);
    return gap;
}

std::string listIndices(const UncoveredSummary& u, const std::string& inAll) {
    std::string s;
    for (std::size_t i = 0; i < u.first.size(); ++i) {
        if (i == 8 && u.count > 10) {
            s += ", … " + fillTemplate(inAll, {{"count", num(u.count)}});
            break;
        }
        s += (i ? ", " : "") + num(u.first[i]);
    }
    return s;
}

namespace {

std::string coverageNote(const AxisWindow& w, std::int64_t outputs, const std::string& inputName,
                         const std::string& thing) {
    const CoverageGap gap = coverageGap(w, outputs);
    const auto& missed = gap.missed;
    if (missed.count == 0) return {};
    return inputName + " " + thing + (missed.count == 1 ? " " : "s ") + listIndices(missed) +
           (missed.count == 1 ? " is" : " are") + " never read" +
           (gap.droppedByFloor ? ": dropped by the floor (the next window would not fit)"
                               : ": they fall between windows (stride or dilation skips them)");
}

}  // namespace

std::vector<std::string> describeCoverage(const AxisWindow& rows, const AxisWindow& cols, std::int64_t outRows,
                                          std::int64_t outCols, const std::string& inputName) {
    std::vector<std::string> notes;
    if (auto s = coverageNote(rows, outRows, inputName, "row"); !s.empty()) notes.push_back(s);
    if (auto s = coverageNote(cols, outCols, inputName, "col"); !s.empty()) notes.push_back(s);
    return notes;
}

std::string convSumLine(const ConvTrace& t) {
    std::string line = "O(" + num(t.outRow) + "," + num(t.outCol) + ") = ";
    for (std::size_t i = 0; i < t.taps.size(); ++i)
        line += (i ? " + " : "") + formatOperand(t.taps[i].input) + "·" + formatOperand(t.taps[i].weight);
    if (t.hasBias) line += " + " + formatOperand(t.bias);
    return line + " = " + formatValue(t.sum);
}

std::vector<std::string> convTapLines(const ConvTrace& t, PaddingMode mode) {
    std::vector<std::string> lines;
    for (const ConvTap& tap : t.taps) {
        std::string where = "I[c" + num(tap.channel) + "](" + num(tap.row) + "," + num(tap.col) + ")";
        if (tap.padding)
            where += mode == PaddingMode::Zeros ? " zero padding"
                                                : std::string(" ") + paddingModeName(mode) + " padding, copies (" +
                                                      num(tap.sourceRow) + "," + num(tap.sourceCol) + ")";
        lines.push_back(where + " × K(" + num(tap.m) + "," + num(tap.n) + ") = " + formatValue(tap.input) + " × " +
                        formatOperand(tap.weight) + " = " + formatValue(tap.product));
    }
    return lines;
}

std::string poolResultLine(const PoolTrace& t, const std::string& at) {
    std::string values;
    bool first = true;
    for (const PoolTap& tap : t.taps) {
        if (tap.cell != PoolCell::Input) continue;
        values += (first ? "" : (t.mode == PoolMode::Max ? ", " : " + ")) + formatOperand(tap.value);
        first = false;
    }
    if (t.mode == PoolMode::Max) {
        std::string line = "max{" + values + "} = " + formatValue(t.result);
        if (t.winner >= 0) {
            const PoolTap& w = t.taps[static_cast<std::size_t>(t.winner)];
            line += " " + at + " (" + num(w.row) + "," + num(w.col) + ")";
        }
        return line;
    }
    return "(" + values + ")/" + num(t.divisor.divisor) + " = " + formatValue(t.result);
}

std::string divisorReason(const PoolTrace& t) {
    if (t.mode != PoolMode::Avg) return {};
    const AvgDivisor& d = t.divisor;
    if (t.rule == DivisorRule::IncludePad) {
        std::string s =
            "divisor " + num(d.divisor) + ": count_include_pad counts every window cell in the input or its padding";
        if (d.paddedCells < d.fullWindow)
            s += " (" + num(d.fullWindow - d.paddedCells) + " of the " + num(d.fullWindow) +
                 " window cells lie past the padding, in ceil mode's overhang, and do not count)";
        else if (d.inputCells < d.paddedCells)
            s += " (" + num(d.paddedCells - d.inputCells) + " padding cell(s) count as 0)";
        return s;
    }
    std::string s = "divisor " + num(d.divisor) + ": padding excluded, only the " + num(d.inputCells) +
                    " window cell(s) inside the input count";
    return s;
}

}  // namespace convscope::core
