#pragma once
// Which positions the views outline this frame, and which cells light up on each view.
// Hover wins over a pin, a pin over the playback position.
#include <optional>
#include <vector>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "pipeline.hpp"
#include "playback.hpp"
#include "state.hpp"

namespace convscope::gui {

struct GridPos {
    int row = 0;
    int col = 0;
    bool operator==(const GridPos&) const = default;
};

struct Focus {
    std::optional<GridPos> conv;         // the conv output position whose dot product is shown
    std::optional<GridPos> pool;         // the pooled position whose window is shown
    std::vector<GridPos> inputWindow;    // padded input cells read by `conv`
    std::vector<GridPos> convWindow;     // conv cells read by `pool`
    std::vector<GridPos> poolFootprint;  // padded input cells those conv cells read: `pool`'s field here
    std::optional<GridPos> poolWinner;   // max pooling: the conv cell that wins `pool`
    std::vector<GridPos> convReaders;    // conv outputs that read the hovered input cell
    std::vector<GridPos> poolReaders;    // pooled outputs that read the hovered conv cell
    std::optional<GridPos> inputCell;    // the hovered/pinned input cell (padded coords)
    // For reflect/replicate/circular: the input pixel (padded coords) a hovered padding cell copies.
    std::optional<GridPos> copiedFrom;
    // A transposed block (transposed_walk.hpp): the input cell stamping and the output cells
    // its stamp lands on; the output cell explained and its contributions (core's trace).
    std::optional<GridPos> stampSource;
    std::vector<GridPos> stampCells;
    std::optional<GridPos> transposedCell;
    std::vector<core::ConvTransposeTerm> transposedTerms;
};

Focus computeFocus(const State& s, const PipelineResult& r);

// Padded-input cells a conv output reads, in tap order (channel-independent).
std::vector<GridPos> convWindowCells(const PipelineResult& r, GridPos out);
// Conv cells a pooled output's window covers (inside the conv map only).
std::vector<GridPos> poolWindowCells(const PipelineResult& r, GridPos out);

}  // namespace convscope::gui
