#pragma once
// Traces and sizes written out as text, for `convscope-cli explain` / `shape` and for the
// GUI's result lines: one wording of the arithmetic everywhere.
#include <string>
#include <vector>

#include "convscope/core/geometry.hpp"
#include "convscope/core/trace.hpp"

namespace convscope::core {

// "O_h = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14" for a valid axis, with no note.
std::string outputSizeEquation(const AxisWindow& w, Axis axis);

// The equation and, when ceil mode's last window is dropped, a note saying so; or the error
// message.
std::string describeOutputSize(const AxisWindow& w, Axis axis, const std::string& kernelWord = "kernel");

// TensorFlow/ONNX SAME's total padding along one axis with its numbers, from a window whose
// padding it resolved: "max(0, (ceil(8/2) − 1)·2 + 1·(3−1) + 1 − 8) = 1".
std::string samePaddingEquation(const AxisWindow& w);

// Input cells of one axis that no window reads (the first 10 and the count), and whether
// they all lie past the last window (the floor dropped them) rather than between windows.
struct CoverageGap {
    UncoveredSummary missed;
    bool droppedByFloor = false;
};
CoverageGap coverageGap(const AxisWindow& w, std::int64_t outputs);

// "3, 4, 5" or "0, 2, 4, …, 14, … (12 in all)": `inAll` is the total's template ({count}).
std::string listIndices(const UncoveredSummary& u, const std::string& inAll = "({count} in all)");

// Notes on input rows/cols no window reads ("input rows 26, 27 are never read: dropped by
// the floor"), empty when every input cell is read.
// `inputName` names what the windows slide over ("input", or "conv output" for pooling).
std::vector<std::string> describeCoverage(const AxisWindow& rows, const AxisWindow& cols, std::int64_t outRows,
                                          std::int64_t outCols, const std::string& inputName = "input");

// The dot product in one line: "O(1,2) = 3·0 + 1·(-1) + … + b = 5" (b only with a bias).
std::string convSumLine(const ConvTrace& t);

// One line per tap: "I[c0](0,-1) reflect padding, copies (0,1) × K(0,0) = 2 × (-1) = -2".
std::vector<std::string> convTapLines(const ConvTrace& t, PaddingMode mode);

// "max{3, 1, 4, 1} = 4 at (0,2)" or "(3 + 1 + 4 + 1)/4 = 2.25".
// `at` introduces the winner's position (a translation may pass its own word).
std::string poolResultLine(const PoolTrace& t, const std::string& at = "at");

// Why the divisor is what it is ("count_include_pad: 4 cells of the window lie in the input
// or its padding"); empty for max pooling.
std::string divisorReason(const PoolTrace& t);

}  // namespace convscope::core
