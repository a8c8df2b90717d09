#pragma once
// A small CNN as people build it in the app: up to four stages, each conv → activation →
// pool, the output of one stage the input of the next. PyTorch's equivalent is
//   x = max_pool2d(relu(conv2d(x, w, b, …)), …)   repeated per stage.
// Also the receptive-field arithmetic of such a stack, and the exact cells each cell
// depends on (or feeds), which the app lights up on hover.
#include <cstdint>
#include <string>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

enum class Activation { None, Relu, LeakyRelu };
const char* activationName(Activation kind);  // "none", "relu", "leaky_relu"
Result<Activation> parseActivation(const std::string& name);

struct ActivationParams {
    Activation kind = Activation::None;
    float negativeSlope = 0.01f;  // leaky ReLU only; PyTorch's default
    bool operator==(const ActivationParams&) const = default;
};

// relu(x) = max(0, x); leaky_relu(x) = x if x > 0 else slope·x. NaN stays NaN, as in PyTorch.
float activate(float x, const ActivationParams& activation);

// A conv layer as people state it (padding as a spec: numbers, "same" or "valid").
struct ConvLayer {
    Weights weights{1, 1, 3, 3};  // (OC,C,KH,KW)
    std::vector<float> bias;      // empty: no bias; else OC values
    int strideH = 1;
    int strideW = 1;
    PaddingSpec padding{PaddingSpec::Kind::Explicit, 1, 1};
    int dilationH = 1;
    int dilationW = 1;
    PaddingMode mode = PaddingMode::Zeros;
    bool operator==(const ConvLayer& o) const {  // the bias bit for bit, as Weights (tensor.hpp)
        return weights == o.weights && sameBits(bias, o.bias) && strideH == o.strideH && strideW == o.strideW &&
               padding == o.padding && dilationH == o.dilationH && dilationW == o.dilationW && mode == o.mode;
    }
};

// makeConvParams for a layer: its padding spec resolved against its kernel.
Result<ConvParams> convParams(const ConvLayer& layer);

struct Stage {
    ConvLayer conv;
    ActivationParams activation;
    bool poolEnabled = true;
    PoolParams pool;  // 2×2 max, stride 2
    bool operator==(const Stage&) const = default;
};

inline constexpr int kMaxStages = 4;

// One stage's shapes and parameters, validated against the shape flowing into it.
struct StagePlan {
    ConvParams convParams;
    ConvPlan conv;
    PoolPlan pool;  // meaningful when the stage pools
    int inChannels = 0, inHeight = 0, inWidth = 0;
    int outChannels = 0, outHeight = 0, outWidth = 0;  // after the pool (or the conv)
};

// Plans one stage on an input of C×H×W.
Result<StagePlan> planStage(int channels, int height, int width, const Stage& stage);
// Plans every stage in turn (1…kMaxStages of them); an error names its stage: "stage 2: …".
Result<std::vector<StagePlan>> planStack(int channels, int height, int width, const std::vector<Stage>& stages);

// What one stage computes. `activated` is the conv map after the activation (a copy of
// `conv` when there is none); `pool` pools `activated`.
struct StageOutput {
    Tensor conv;
    Tensor activated;
    PoolOutput pool;
    bool pooled = false;
    const Tensor& output() const { return pooled ? pool.values : activated; }
};

// Computes one stage into `out` (storage reused).
Status runStageInto(const Tensor& input, const Stage& stage, StageOutput& out, ConvWorkspace& workspace);
// Every stage in turn; an error names its stage.
Result<std::vector<StageOutput>> runStack(const Tensor& input, const std::vector<Stage>& stages);

// ---- Receptive fields -------------------------------------------------------------------

// The stack's sliding-window layers in order: each stage's conv, then its pool when on.
// The activation is element-wise and adds no window. Maps are numbered by level: level 0 is
// the input, level i+1 the output of layer i.
struct WindowLayer {
    int stage = 0;
    bool isPool = false;
    AxisWindow rows;
    AxisWindow cols;
    PaddingMode mode = PaddingMode::Zeros;  // pool layers: Zeros (their padding reads nothing)
};
std::vector<WindowLayer> windowLayers(const std::vector<Stage>& stages, const std::vector<StagePlan>& plans);

// The level of a stage's input map, of its conv (activated) map, and of its output.
struct StageLevels {
    int input = 0;
    int conv = 0;
    int output = 0;
};
StageLevels stageLevels(const std::vector<WindowLayer>& layers, int stage);

// The classic receptive-field arithmetic along one axis, in input pixels, for one level:
//   size  — pixels one cell's field spans, holes included: size' = size + d(k−1)·jump
//   jump  — input pixels between the fields of neighbouring cells: jump' = jump·s
//   start — input coordinate where cell 0's field begins (negative: in the padding):
//           start' = start − pad_before·jump
struct FieldAxis {
    std::int64_t size = 1;
    std::int64_t jump = 1;
    std::int64_t start = 0;
    bool operator==(const FieldAxis&) const = default;
};
struct FieldGeometry {
    FieldAxis rows;
    FieldAxis cols;
};
// One entry per level (levels() = layers + 1), level 0 being {1, 1, 0}.
std::vector<FieldGeometry> receptiveFields(const std::vector<WindowLayer>& layers);

// Cells of one axis, per level: marked[level][index] is 1 for a cell in the set. Within a
// level the set is rows × cols: convolution reads every channel at each tap, and every
// window is a product of a row window and a column window (padding modes included), so the
// dependency between two maps factors into a row part and a column part.
struct CellSets {
    std::vector<std::vector<char>> rows;
    std::vector<std::vector<char>> cols;
    bool contains(int level, std::int64_t row, std::int64_t col) const { return rows[level][row] && cols[level][col]; }
};

// The cells related to cell (row, col) of map `level`: below it, every cell its value is
// computed from (its exact footprint — dilation holes stay empty, reflect / replicate /
// circular padding reads the pixel it copies); at it, the cell itself; above it, every cell
// whose value depends on it. `levelSizes` gives each level's height and width.
struct LevelSize {
    std::int64_t height = 0;
    std::int64_t width = 0;
};
std::vector<LevelSize> levelSizes(const std::vector<WindowLayer>& layers);
CellSets lineage(const std::vector<WindowLayer>& layers, int level, std::int64_t row, std::int64_t col);

}  // namespace convscope::core
