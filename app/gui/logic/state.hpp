#pragma once
// The single source of truth of the app. Panels read it and write only into it; the
// pipeline compares its compute-relevant part with the last applied one (operator==), so
// every source of change — slider, preset, key, file, session — works with no bookkeeping.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "animation.hpp"
#include "block.hpp"
#include "convscope/core/backward.hpp"
#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/tensor.hpp"
#include "convscope/io/model.hpp"
#include "convscope/io/session.hpp"
#include "language.hpp"

namespace convscope::gui {

// Which view a cell belongs to.
// Diff: the selected layer's output against a reference loaded for it (reference_diff.hpp).
// The Grad… views are the backward pass's maps in the same places: the gradient of the block's
// input, of its kernel, at its conv (or activation) output and at its pooled output.
enum class View { None, Input, Kernel, Conv, Pool, Transposed, Diff, GradInput, GradKernel, GradConv, GradPool };

struct Cell {
    View view = View::None;
    int row = -1;  // Input: padded coordinates (row 0 = first padding row)
    int col = -1;
    bool valid() const { return view != View::None; }
    bool operator==(const Cell&) const = default;
};

// Which part of the stack the views show and the editors change: a layer (the views show its
// block, block.hpp), one filter of the block's conv and one of its input channels (the kernel
// slice edited).
struct Selection {
    int layer = 0;
    int filter = 0;
    int channel = 0;
    bool operator==(const Selection&) const = default;
};

// Pooling's robustness to small shifts: the same layer on the input moved by (dx, dy), the
// cells moved in from outside being 0, compared with the original.
struct ShiftSettings {
    bool enabled = false;
    int dx = 1;  // −3…3, positive: to the right
    int dy = 0;  // −3…3, positive: down
    bool operator==(const ShiftSettings&) const = default;
};

// Forward shows the maps; Backward shows the gradients of a loss at the end of the stack
// (core/backward.hpp): ½·Σ(y − t)² against a target, or the sum of the outputs.
enum class Pass { Forward, Backward };
enum class TargetKind { SobelX, Loaded };  // the target: the input filtered by Sobel x, or a loaded map
struct GradientSettings {
    Pass pass = Pass::Forward;
    core::LossKind loss = core::LossKind::Sum;
    TargetKind target = TargetKind::SobelX;
    core::Tensor loaded;  // TargetKind::Loaded
    bool operator==(const GradientSettings&) const = default;
};

// Everything the numbers depend on: what the pipeline compares. The selection is here too:
// the pipeline works out the selected block in detail (its input, padding, conv, pool).
struct ComputeInputs {
    // The picture, shared rather than copied: a copy of the inputs, the worker's request and
    // the results on screen all hold the same buffer, which nobody changes while another
    // holds it (a 4096² picture is 64 MB; the pipeline used to keep its own copy and compare
    // the two every frame). The pipeline tells a new picture by its buffer.
    const core::Tensor& input() const { return *m_picture; }
    std::shared_ptr<const core::Tensor> sharedPicture() const { return m_picture; }
    void setPicture(core::Tensor picture) { m_picture = std::make_shared<core::Tensor>(std::move(picture)); }
    // The picture to change in place (the inputs editor): a copy of it first, once, when
    // anyone else holds it, so what they hold never changes under them.
    core::Tensor& editPicture();

    std::vector<core::Layer> layers{core::Conv2d{}, core::MaxPool2d{}};  // 1…core::kMaxLayers
    Selection selected;  // always names an existing layer, filter, channel
    ShiftSettings shift;
    GradientSettings gradient;
    bool operator==(const ComputeInputs& o) const {
        return (m_picture == o.m_picture || *m_picture == *o.m_picture) && layers == o.layers &&
               selected == o.selected && shift == o.shift && gradient == o.gradient;
    }

    Block block() const { return blockOf(layers, selected.layer); }
    // The selected block's parts, or null where it has none.
    core::Conv2d* conv() { return part<core::Conv2d>(layers, block().conv); }
    const core::Conv2d* conv() const { return part<const core::Conv2d>(layers, block().conv); }
    core::Activation* activation() { return part<core::Activation>(layers, block().activation); }
    const core::Activation* activation() const { return part<const core::Activation>(layers, block().activation); }
    core::Layer* pool() { return part<core::Layer>(layers, block().pool); }
    const core::Layer* pool() const { return part<const core::Layer>(layers, block().pool); }

private:
    std::shared_ptr<core::Tensor> m_picture = std::make_shared<core::Tensor>(1, 7, 7);
    // Layer `index` as `Kind` (a layer kind, or core::Layer itself), from a const or mutable stack.
    template <class Kind, class Layers>
    static Kind* part(Layers& all, int index) {
        if (index < 0) return nullptr;
        auto& layer = all[static_cast<std::size_t>(index)];
        if constexpr (std::is_same_v<std::remove_const_t<Kind>, core::Layer>)
            return &layer;
        else
            return std::get_if<std::remove_const_t<Kind>>(&layer);
    }
};

// The filter bank's limit in the app (the engine and sessions take any number).
inline constexpr int kMaxFilters = 8;

// What the playback walks in the backward pass (backward_walk.hpp): the weight gradient one
// kernel tap at a time, the input gradient one output-gradient cell stamping the kernel back at
// a time, or the pooling sending each pooled gradient back into its window.
enum class BackwardWalk { WeightGradient, InputGradient, Pooling };

struct PlaybackState {
    bool playing = true;
    float speed = 2.0f;                                // positions per second, 0.25–20
    std::int64_t step = 0;                             // 0…total−1 over conv positions, then pool positions
    bool showWholeMap = false;                         // off: cells after the current step stay blank
    double accumulator = 0.0;                          // seconds carried between frames
    BackwardWalk walk = BackwardWalk::WeightGradient;  // in the backward pass, the step walks this
};

struct ViewOptions {
    bool showNumbers = true;
    bool showGrid = true;
    bool linkStride = true;
    bool linkPadding = true;
    bool poolStrideFollowsWindow = true;  // the pooling stride follows the window as it is dragged
    bool showFrameStats = false;
    bool showHelp = false;           // F1
    float uiScale = 1.0f;            // 1–3: projector mode makes everything larger (Ctrl + / Ctrl −)
    bool lightTheme = false;         // high-contrast light theme for projectors
    bool fullscreen = false;         // F11
    bool presentation = false;       // F5: controls collapsed, the views large (not saved)
    bool lessonTabRequested = true;  // bring the Lessons tab forward on the next frame
    bool shiftTabRequested = false;  // a lesson step turned the shift comparison on
    bool diffTabRequested = false;   // a reference was loaded from the command line
    bool frequencyTabRequested = false;
    int frequencySize = 32;             // the frequency tab's DFT size (N×N)
    bool frequencyDb = false;           // the frequency tab in decibels instead of linear magnitude
    bool modelTabRequested = false;     // a model was just opened
    bool backwardTabRequested = false;  // --backward, or a lesson step about gradients
};

// Learning the weights by SGD (logic/learning.hpp); the steps run on the pipeline's worker.
struct LearnSettings {
    // The learn-Sobel lesson's values: a 256² picture's loss falls below 10⁻⁶ of its start
    // within its 60 steps (tests/gui/logic/learning_test.cpp).
    float learningRate = 1.2e-5f;
    float momentum = 0.5f;
    bool running = false;
    int stepsRequested = 0;     // the Step button: steps still to run
    std::vector<float> losses;  // one per step done, the loss before that step's update
    core::Error error;          // why learning stopped (a diverging run)
};

// Predict, then reveal (logic/quiz.hpp).
enum class QuizKind { OutputSize, Value };

struct QuizState {
    bool active = false;
    QuizKind kind = QuizKind::Value;
    int targetRow = 0;  // Value: the conv output cell asked about
    int targetCol = 0;
    double guess = 0.0;         // the value typed so far
    int sizeGuess[2] = {0, 0};  // the output height and width typed so far
    bool answered = false;      // the answer is revealed
    bool correct = false;
    std::string explanation;  // shown after checking
    int right = 0;            // score while the app runs
    int asked = 0;
    std::uint32_t seed = 12345;
};

// Things a panel asks for that need files or the clipboard; the app carries them out after
// the frame (panels never touch files themselves) and reports in statusMessage.
// Where the person is in the lessons.
struct LessonPosition {
    int index = -1;  // −1: no lesson open
    int step = 0;
    bool operator==(const LessonPosition&) const = default;
};

// Export the playback as a GIF or numbered PNGs (logic/animation.hpp).
struct AnimationRequest {
    std::string path;
    AnimationOptions options;
};

struct Requests {
    std::string openImage;    // a path to load as the input
    std::string saveSession;  // a path to write the session to
    std::string loadSession;  // a path to read a session from
    std::string exportMap;    // "conv.npy", … a path; which map by `exportWhat`
    View exportWhat = View::None;
    bool screenshot = false;               // F12: the whole window as PNG
    bool copyPyTorch = false;              // the current setup as a PyTorch snippet, to the clipboard
    std::optional<LessonPosition> lesson;  // go to this lesson step (its scene is applied)
    std::optional<AnimationRequest> exportAnimation;
    std::string openLesson;        // a lesson file to play from where it is
    std::string saveLesson;        // write the recorded lesson here
    std::string openModel;         // an .onnx, .npz or .safetensors file for the Model tab
    bool useModelNodes = false;    // the open model's picked nodes become the stack
    bool loadModelTensor = false;  // the picked tensor becomes the selected conv's weights or bias
};

// An opened trained model (logic/model_bridge.hpp): what the Model tab lists and what the
// person picked in it. Not part of the session: the stack it made is.
struct OpenModel {
    std::string path;
    std::shared_ptr<const io::Model> model;
    int first = 1;  // the picked nodes, 1-based and inclusive, as `model list` numbers them
    int last = 1;
    int tensor = 0;             // .npz / .safetensors: the picked tensor
    bool channelsLast = false;  // the picked tensor is TensorFlow's HWIO (kernel) layout
};

// The Transposed tab (panels/transposed_tab.cpp): how a transposed conv is shown. The cell the
// scatter has reached is the playback's step.
enum class TransposedMode { Scatter, Equivalent, Overlap };
struct TransposedView {
    TransposedMode mode = TransposedMode::Scatter;  // also which walk the playback takes (transposed_walk.hpp)
};

// A cell of one map of the stack: level 0 is the input, level i + 1 the output of layer i.
struct LevelCell {
    int level = -1;
    std::int64_t row = 0;
    std::int64_t col = 0;
};

// Someone's own output for one layer (their kernel, another framework), loaded to compare
// with convscope's: the difference view and tab. Not part of a session: it is a file the
// person points at while checking.
struct ReferenceOutput {
    std::string typedPath;  // the tab's file field
    std::string path;       // the file loaded
    int layer = -1;         // the layer it was loaded for (0-based); −1: none
    core::Tensor values;
    std::uint64_t version = 0;  // bumps with every load
    // numpy.allclose's defaults: |convscope − reference| ≤ atol + rtol·|reference|.
    double atol = 1e-8;
    double rtol = 1e-5;
    bool inUlps = false;  // the difference view shows ULPs instead of |difference|
    std::string error;    // the last load's problem, shown in the tab
    int listed = -1;      // the listed cell last clicked (index into the worst cells)
};

struct State {
    ComputeInputs compute;
    ReferenceOutput reference;
    std::optional<io::SessionImage> image;  // the picture the input came from, if any
    std::optional<OpenModel> model;         // the Model tab's file, if one is open
    Language language = Language::En;
    LessonPosition lesson;
    QuizState quiz;
    LearnSettings learn;
    std::string browseFolder;              // the file browser's folder, remembered across runs
    std::vector<std::string> recentFiles;  // most recent first
    Requests requests;
    PlaybackState playback;
    ViewOptions view;
    Cell hover;                        // this frame's hovered cell (rewritten every frame)
    Cell pin;                          // clicked cell; Esc clears
    int hoverTerm = -1;                // computation panel: the hovered term (tap index), −1 none
    std::vector<Cell> hoverTermCells;  // computation panel: the cells of the hovered gradient term
    // Receptive field tab: the grid cell hovered last frame (it wins over the views' cell).
    std::optional<LevelCell> receptiveHover;
    TransposedView transposed;
    std::string statusMessage;
};

// The default scene: a 7×7 integer grid, a 3×3 edge kernel, stride 1, padding 1,
// 2×2 max pooling, playing — a newcomer sees a convolution at work within seconds.
State defaultState();

}  // namespace convscope::gui
