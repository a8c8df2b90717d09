#pragma once
// Traces and sizes written out as text, for `convscope-cli explain` / `shape` and for the
// GUI's result lines: one wording of the arithmetic everywhere.
#include <string>
#include <vector>

#include "convscope/core/geometry.hpp"
#include "convscope/core/trace.hpp"

namespace convscope::core {

// "O_h = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14", or the error message.
std::string describeOutputSize(const AxisWindow& w, Axis axis, const std::string& kernelWord = "kernel");

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
std::string poolResultLine(const PoolTrace& t);

// Why the divisor is what it is ("count_include_pad: 4 cells of the window lie in the input
// or its padding"); empty for max pooling.
std::string divisorReason(const PoolTrace& t);

}  // namespace convscope::core
