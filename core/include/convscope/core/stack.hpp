#pragma once
// A stack is an ordered list of layers, as PyTorch's nn.Sequential: the output of one is
// the input of the next. One runner plans and computes it for the core, the CLI, the app
// and the tests. Also the receptive-field arithmetic of a stack, and the exact cells each
// cell depends on (or feeds), which the app lights up on hover.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convscope/core/layers/layer.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

inline constexpr int kMaxLayers = 12;

// Every layer's plan in turn. A layer that cannot run stops the planning: `plans` holds the
// layers before it, `failed` its index and `error` the layer's own error (its id, values and
// message, as planning that layer alone gives; `inLayer(failed, error)` names the layer).
struct StackPlan {
    Shape input;
    std::vector<LayerPlan> plans;
    int failed = -1;
    Error error;
    bool sizeOk = true;  // false: the stack itself has too few or too many layers (failed = 0)
    bool ok() const { return failed < 0; }
    Shape output() const { return plans.empty() ? input : plans.back().out; }
    // The error with its layer named, "layer 3: …" (a stack of the wrong size is no layer's fault).
    Error namedError() const;
};
StackPlan planStack(const Shape& input, const std::vector<Layer>& layers);

// The English prefix an error gets from its layer: "layer 2: …".
Error inLayer(int index, Error error);

// Runs layers [from, to) of a stack planned by planStack (to = −1: every planned layer).
// Layer i reads outputs[i − 1] (the input for layer 0) and writes outputs[i]; `outputs` is
// resized to the layer count and its storage reused, so a caller that changes layer k
// recomputes from k on. An error names its layer.
Status runStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                    std::vector<LayerOutput>& outputs, LayerWorkspace& workspace, int from = 0, int to = -1);
// How far a run has got, for another thread to show, and a way to stop it: once
// tasks.cancelled is set the running layer skips its remaining bands (parallel.hpp) and the
// layers after it do not start, so the outputs from `layer` on are incomplete.
struct StackProgress {
    std::atomic<int> layer{-1};  // the layer running now
    TaskProgress tasks;          // its bands; reset when a layer starts
};

// The same over buffers the caller keeps elsewhere: layer i reads *outputs[i − 1] (the input
// for layer 0) and writes *outputs[i] (outputs.size() == layers.size(); only [from − 1, to)
// are used). The app hands finished maps to its UI thread while the next ones are written
// into other buffers.
Status runStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                    const std::vector<LayerOutput*>& outputs, LayerWorkspace& workspace, int from = 0, int to = -1,
                    StackProgress* progress = nullptr);
Result<std::vector<LayerOutput>> runStack(const Tensor& input, const std::vector<Layer>& layers);

// Parameters and multiply-adds of the planned layers, added up.
LayerCost totalCost(const StackPlan& plan);

// ---- Receptive fields -------------------------------------------------------------------
// Maps are numbered by level: level 0 is the input, level i + 1 the output of layer i.

std::vector<LayerWindows> stackWindows(const StackPlan& plan);

// The classic receptive-field arithmetic along one axis, in input pixels, for one level:
//   size  — pixels one cell's field spans, holes included: size' = size + d(k−1)·jump
//   jump  — input pixels between the fields of neighbouring cells: jump' = jump·s
//   start — input coordinate where cell 0's field begins (negative: in the padding):
//           start' = start − pad_before·jump
// A transposed layer moves its cells 1/stride of an input cell apart, so the three are
// counted in units of 1/scale of an input pixel (scale = the product of the transposed
// strides, divided down by the common factor; 1 for a stack without transposed layers).
// Through a transposed layer of stride u the unit shrinks by u: scale' = scale·u,
// size' = size·u + d(k−1)·jump, start' = start·u − pad_before·jump with its equivalent
// convolution's pad_before = d(k−1) − p, jump' = jump. Without transposed layers the field
// is the exact hull of a cell's footprint (inside the input); past one it is a bound: a
// transposed cell reads whole cells of its input, where the arithmetic keeps the fraction.
// The exact footprint is lineage()'s.
struct FieldSpan {
    std::int64_t first = 0;  // input pixels; last < first: the cell reads no input pixel
    std::int64_t last = 0;
};
struct FieldAxis {
    std::int64_t size = 1;
    std::int64_t jump = 1;
    std::int64_t start = 0;
    std::int64_t scale = 1;
    bool operator==(const FieldAxis&) const = default;
    // The input pixels cell `cell`'s field spans: those x with
    // start + cell·jump ≤ x·scale ≤ start + cell·jump + size − scale.
    FieldSpan of(std::int64_t cell) const;
};
struct FieldGeometry {
    FieldAxis rows;
    FieldAxis cols;
};
// One entry per level (levels = layers + 1), level 0 being {1, 1, 0}.
std::vector<FieldGeometry> receptiveFields(const std::vector<LayerWindows>& layers);

// Cells of one axis, per level: marked[level][index] is 1 for a cell in the set. Within a
// level the set is rows × cols: convolution reads every channel of its group at each tap,
// and every window is a product of a row window and a column window (padding modes
// included), so the dependency between two maps factors into a row part and a column part.
// (Channels are not tracked: a cell stands for its position in every channel.)
struct CellSets {
    std::vector<std::vector<char>> rows;
    std::vector<std::vector<char>> cols;
    bool contains(int level, std::int64_t row, std::int64_t col) const { return rows[level][row] && cols[level][col]; }
};

// The cells related to cell (row, col) of map `level`: below it, every cell its value is
// computed from (its exact footprint — dilation holes stay empty, reflect / replicate /
// circular padding reads the pixel it copies); at it, the cell itself; above it, every cell
// whose value depends on it.
struct LevelSize {
    std::int64_t height = 0;
    std::int64_t width = 0;
};
std::vector<LevelSize> levelSizes(const std::vector<LayerWindows>& layers);
CellSets lineage(const std::vector<LayerWindows>& layers, int level, std::int64_t row, std::int64_t col);

}  // namespace convscope::core
