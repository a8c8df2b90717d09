#pragma once
// A transposed conv block in the main views (issue 13): its playback walk and the cells its
// hover and its steps light. Two walks, as the Transposed tab's modes: the scatter steps over
// the input cells, each stamping value × kernel onto the output (the partial sums grow); the
// equivalent convolution steps over the output cells, each one window of the plain conv of the
// zero-inserted input with the kernel turned by 180°. The stamp's cells follow the core's
// formula y = i·s − p + m·d (conv_transpose2d.hpp); a cell's contributions come from
// core::traceConvTranspose, the arithmetic `convscope-cli explain convt` prints.
#include <cstdint>
#include <optional>
#include <vector>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "focus.hpp"
#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

// The selected block's transposed conv (it is a block of its own, block.hpp), or null.
const core::ConvTranspose2d* transposedLayer(const PipelineResult& r);
// The output map of the block's transposed conv (empty without one).
const core::Tensor& transposedOutput(const PipelineResult& r);

// Which slice the views show: the output channel (the shown filter), the input channel it
// reads (the shown channel within the filter's group) and the kernel slice (c, o) between them.
struct TransposedSlice {
    int outChannel = 0;
    int inChannel = 0;
    int o = 0;  // the output channel within its group: weights.at(inChannel, o, m, n)
};
TransposedSlice transposedSlice(const PipelineResult& r);

// How many steps the walk has: the input cells of one channel (scatter, overlap) or the
// output cells (equivalent convolution).
std::int64_t transposedSteps(const PipelineResult& r, TransposedMode mode);
// The cell a step is at: an input cell for the scatter, an output cell for the equivalent walk.
struct TransposedCell {
    int row = 0;
    int col = 0;
};
TransposedCell transposedCellAt(const PipelineResult& r, TransposedMode mode, std::int64_t step);

// One cell of a stamp: the output cell it lands on and the kernel tap it carries.
struct StampCell {
    int row = 0;
    int col = 0;
    int m = 0;
    int n = 0;
};
// The stamp of input cell (i, j), tap by tap (row-major), cropped to the output.
std::vector<StampCell> stampOf(const core::ConvTranspose2d& layer, const core::Shape& out, int i, int j);

// The shown output channel after the first `stamps` input cells (row-major) of the shown input
// channel have stamped: the bias plus their value × kernel. With one input channel, after the
// last stamp it is the layer's output.
void scatterPartialSums(const PipelineResult& r, std::int64_t stamps, core::Tensor& out);

// The focus of a transposed block (computeFocus hands it over): a hovered input cell or the
// scatter step's cell stamps (stampSource, stampCells); a hovered output cell or the
// equivalent walk's position is explained (transposedCell, transposedTerms). Hover wins over
// a pin, a pin over the playback position.
void focusTransposed(const State& s, const PipelineResult& r, Focus& f);

}  // namespace convscope::gui
