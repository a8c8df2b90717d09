#include "focus.hpp"

#include "backward_walk.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/trace.hpp"
#include "transposed_walk.hpp"

namespace convscope::gui {

std::vector<GridPos> convWindowCells(const PipelineResult& r, GridPos out) {
    std::vector<GridPos> cells;
    const auto& rows = r.convPlan.rows;
    const auto& cols = r.convPlan.cols;
    for (std::int64_t m = 0; m < rows.kernel; ++m)
        for (std::int64_t n = 0; n < cols.kernel; ++n)
            cells.push_back({static_cast<int>(core::tapIndex(rows, out.row, m) + rows.padBefore),
                             static_cast<int>(core::tapIndex(cols, out.col, n) + cols.padBefore)});
    return cells;
}

std::vector<GridPos> poolWindowCells(const PipelineResult& r, GridPos out) {
    std::vector<GridPos> cells;
    const auto& rows = r.poolPlan.rows;
    const auto& cols = r.poolPlan.cols;
    for (std::int64_t a = 0; a < rows.kernel; ++a)
        for (std::int64_t b = 0; b < cols.kernel; ++b) {
            const auto y = core::tapIndex(rows, out.row, a);
            const auto x = core::tapIndex(cols, out.col, b);
            if (y >= 0 && y < rows.input && x >= 0 && x < cols.input)
                cells.push_back({static_cast<int>(y), static_cast<int>(x)});
        }
    return cells;
}

namespace {

// Along one axis: the padded-input indices read by the conv positions that the pooling
// window of pooled position `out` covers, each once, in order.
std::vector<int> footprintAxis(const core::AxisWindow& pool, const core::AxisWindow& conv, std::int64_t out) {
    std::vector<char> marked(static_cast<std::size_t>(conv.paddedInput()), 0);
    for (std::int64_t a = 0; a < pool.kernel; ++a) {
        const std::int64_t c = core::tapIndex(pool, out, a);
        if (c < 0 || c >= pool.input) continue;
        for (std::int64_t m = 0; m < conv.kernel; ++m)
            marked[static_cast<std::size_t>(core::tapIndex(conv, c, m) + conv.padBefore)] = 1;
    }
    std::vector<int> indices;
    for (std::size_t i = 0; i < marked.size(); ++i)
        if (marked[i]) indices.push_back(static_cast<int>(i));
    return indices;
}

template <class Grid>  // a core::Tensor or a PaddedView
bool inside(const Grid& t, const Cell& c) {
    return c.row >= 0 && c.col >= 0 && c.row < t.height && c.col < t.width;
}

std::vector<GridPos> readersOf2d(const core::AxisWindow& rows, const core::AxisWindow& cols, std::int64_t outRows,
                                 std::int64_t outCols, std::int64_t row, std::int64_t col) {
    std::vector<GridPos> out;
    for (const auto& ry : core::readersOf(rows, outRows, row))
        for (const auto& rx : core::readersOf(cols, outCols, col))
            out.push_back({static_cast<int>(ry.output), static_cast<int>(rx.output)});
    return out;
}

}  // namespace

Focus computeFocus(const State& s, const PipelineResult& r) {
    Focus f;
    if (!r.hasConv) return f;
    if (transposedLayer(r)) {  // its own walk and links
        focusTransposed(s, r, f);
        return f;
    }
    const Cell active = s.hover.valid() ? s.hover : s.pin;

    if (active.valid()) {
        if (active.view == View::Conv && inside(r.conv(), active)) f.conv = GridPos{active.row, active.col};
        if (active.view == View::Pool && r.hasPool && inside(r.pool().values, active))
            f.pool = GridPos{active.row, active.col};
        if (active.view == View::Input && inside(r.padded(), active)) {
            f.inputCell = GridPos{active.row, active.col};
            const auto& rows = r.convPlan.rows;
            const auto& cols = r.convPlan.cols;
            const std::int64_t y = active.row - rows.padBefore;
            const std::int64_t x = active.col - cols.padBefore;
            f.convReaders = readersOf2d(rows, cols, r.conv().height, r.conv().width, y, x);
            const auto sy = core::sourceIndex(y, rows.input, r.convParams.mode);
            const auto sx = core::sourceIndex(x, cols.input, r.convParams.mode);
            const bool padding = y < 0 || y >= rows.input || x < 0 || x >= cols.input;
            if (padding && sy >= 0 && sx >= 0)
                f.copiedFrom = GridPos{static_cast<int>(sy + rows.padBefore), static_cast<int>(sx + cols.padBefore)};
        }
        if (active.view == View::Conv && r.hasPool && inside(r.conv(), active))
            f.poolReaders = readersOf2d(r.poolPlan.rows, r.poolPlan.cols, r.pool().values.height, r.pool().values.width,
                                        active.row, active.col);
    }
    // The backward pass walks its own steps (backward_walk.hpp), not the sliding window.
    if ((!active.valid() || active.view == View::Kernel) && !walksBackward(r)) {
        const StepPosition p = positionOf(r, s.playback.step);
        if (p.stage == Stage::Conv && p.row < r.conv().height && p.col < r.conv().width)
            f.conv = GridPos{p.row, p.col};
        else if (p.stage == Stage::Pool && r.hasPool)
            f.pool = GridPos{p.row, p.col};
    }
    if (f.conv) f.inputWindow = convWindowCells(r, *f.conv);
    if (f.pool) {
        f.convWindow = poolWindowCells(r, *f.pool);
        // The union of the conv windows under the pooling window: a product of rows and
        // columns, as every window is a row window times a column window.
        for (const int y : footprintAxis(r.poolPlan.rows, r.convPlan.rows, f.pool->row))
            for (const int x : footprintAxis(r.poolPlan.cols, r.convPlan.cols, f.pool->col))
                f.poolFootprint.push_back({y, x});
        if (r.poolParams.mode == core::PoolMode::Max) {
            auto t =
                core::tracePool(r.activated(), r.poolParams, r.convInputs.selected.filter, f.pool->row, f.pool->col);
            if (t && t->winner >= 0) {
                const core::PoolTap& w = t->taps[static_cast<std::size_t>(t->winner)];
                f.poolWinner = GridPos{w.row, w.col};
            }
        }
    }
    return f;
}

}  // namespace convscope::gui
