#pragma once
// What the CLI prints: traces and sizes as text or JSON, and small grids for the demo.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "convscope/core/conv.hpp"
#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/trace.hpp"

namespace convscope::cli {

void printConvTrace(std::ostream& out, const core::ConvTrace& t, const core::ConvParams& params);
void printPoolTrace(std::ostream& out, const core::PoolTrace& t);
nlohmann::json convTraceJson(const core::ConvTrace& t);
nlohmann::json poolTraceJson(const core::PoolTrace& t);
// Every stamp landing on one transposed-conv output value, then the bias and the sum. The
// JSON: {"terms": [{"input_row", "input_col", "m", "n", "input", "weight", "product",
// "channel"}…], "bias", "sum"} with "op", "channel", "row", "col" beside them as for conv.
void printConvTransposeTrace(std::ostream& out, const core::ConvTransposeTrace& t, const core::ConvTranspose2d& layer);
nlohmann::json convTransposeTraceJson(const core::ConvTransposeTrace& t);

// The two axes' formulas worked out, then coverage warnings.
void printShape(std::ostream& out, const core::AxisWindow& rows, const core::AxisWindow& cols,
                const std::string& kernelWord);
// Per axis: the formula, the size, the first 1000 input indices no window reads
// ("uncovered") and their number ("uncovered_count").
// How same_upper / same_lower worked out the padding of each axis, for `shape conv`.
void printSamePadding(std::ostream& out, core::PaddingSpec::Kind kind, const core::AxisWindow& rows,
                      const core::AxisWindow& cols);
// A map's shape as [C, H, W].
nlohmann::json shapeJson(const core::Shape& s);
nlohmann::json shapeJson(const core::AxisWindow& rows, const core::AxisWindow& cols, const std::string& kernelWord);

// A stack layer by layer: its type and label, its output shape, the size formulas with
// numbers (windowed layers), its receptive field on the input, its parameters and
// multiply-adds (and a grouped conv's cost as a full conv beside them).
void printStack(std::ostream& out, const std::vector<core::Layer>& layers, const core::StackPlan& plan);
nlohmann::json stackJson(const std::vector<core::Layer>& layers, const core::StackPlan& plan);

// One channel as an aligned grid.
void printGrid(std::ostream& out, const core::Tensor& t, int channel);

}  // namespace convscope::cli
