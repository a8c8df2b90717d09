#pragma once
// State → numbers. update() compares the compute inputs with the last submitted ones and
// recomputes only when they differ. Work runs on a worker thread so a large picture never
// blocks a frame: the latest parameters win (a job overtaken by a newer one is not shown),
// and the previous result stays on screen, marked `computing`, until the new one arrives.
// Small jobs (the teaching grids) are waited for, so they show on the very next frame.
// An invalid setting keeps the last good result and records the engine's message. Nothing
// large is allocated or copied per change: maps are written into pooled buffers and handed
// to the UI by pointer (buffer_pool.hpp), and the picture is copied only when it changes.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "buffer_pool.hpp"
#include "convscope/core/backward.hpp"
#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/stack.hpp"
#include "padded_view.hpp"
#include "state.hpp"

namespace convscope::gui {

// The numbers of the selected block (ComputeInputs::selected) in detail, and the shapes of
// the whole stack. The maps are every layer's output, computed by core's one runner; the
// views pick the block's from them. A result is cheap to copy: its maps are buffers shared
// with the pipeline (buffer_pool.hpp), which writes a buffer only when no result holds it.
struct PipelineResult {
    // Every layer's plan, first to last, up to the first layer that cannot run.
    core::StackPlan plan;
    // Every layer's window, for the receptive-field tab (the layers that can run).
    std::vector<core::LayerWindows> layers;

    // The shown block: the last valid computation and the inputs that produced it.
    bool hasConv = false;            // the block's maps exist (whatever kinds it has)
    ComputeInputs convInputs;        // what the shown block was computed from (its picture is `picture`)
    Block block;                     // its layers (block.hpp)
    core::ConvParams convParams;     // its conv's parameters (defaults when it has no conv)
    core::ConvPlan convPlan;         // its conv's windows; a 1×1 identity window when it has none
    std::uint64_t inputVersion = 0;  // bumps when the input view's values change (another block
                                     // input or channel; not for padding or kernel edits)
    core::Error convError;           // the current settings' problem; empty message when they are valid
    int convErrorLayer = 0;          // the layer whose settings convError is about (an earlier one can fail)

    // Pooling, over activated().
    bool hasPool = false;
    core::PoolParams poolParams;
    core::PoolPlan poolPlan;
    core::Error poolError;
    std::uint64_t convVersion = 0;  // bumps with every new map before the pooling (what the conv view shows)
    std::uint64_t poolVersion = 0;  // bumps with every new pooled map

    // The picture the stack ran on, and every layer's output (outputs[i] belongs to layer i;
    // null for a layer never computed).
    std::shared_ptr<const core::Tensor> picture;
    std::vector<std::shared_ptr<core::LayerOutput>> outputs;
    int validOutputs = 0;  // outputs[0, validOutputs) were computed from convInputs.layers
    // The block's input: the picture, or the output of the layer before (shared, not copied).
    std::shared_ptr<const core::Tensor> stageInputMap;

    const core::Tensor& stageInput() const;
    // That input as the block's conv reads it, padding included (no copy is made).
    PaddedView padded() const;
    const core::LayerOutput& output(int layer) const;  // empty when never computed
    // The block's maps: its conv output (its input when it has no conv), the map after its
    // activation (the conv map when it has none: what the conv view shows) and its pooling.
    const core::Tensor& conv() const;
    const core::Tensor& activated() const;
    const core::PoolOutput& pool() const;
    // The input channel the views show: the edited kernel slice's channel (with groups, the
    // slice of the shown filter's group); without a conv, the channel of the shown map.
    int inputChannel() const;

    // Shift comparison (when enabled and both stages are valid): the same layer on the
    // shifted input, and how many values differ from the unshifted maps.
    bool hasShift = false;
    std::shared_ptr<const core::Tensor> shiftedConvMap;  // activated, like `activated`
    std::shared_ptr<const core::Tensor> shiftedPoolMap;
    const core::Tensor& shiftedConv() const;
    const core::Tensor& shiftedPool() const;
    std::int64_t convChanged = 0;
    std::int64_t poolChanged = 0;

    // Backward (inputs.gradient.pass): every layer's gradients of the loss, when the whole
    // stack runs; gradError says why there are none (a target of the wrong shape).
    bool hasGrads = false;
    core::StackGradients grads;
    core::Error gradError;
    std::uint64_t gradVersion = 0;  // bumps with every new backward pass

    std::uint64_t generation = 0;  // bumps on every change of the numbers above
    double computeMs = 0.0;
    bool computing = false;  // newer inputs are being computed; these numbers are the previous ones
};

// What the worker computes from: the inputs, their picture shared with the state (never
// copied: nobody changes a picture another holds, ComputeInputs::editPicture).
struct PipelineRequest {
    ComputeInputs inputs;
    std::shared_ptr<const core::Tensor> picture;
    std::uint64_t pictureVersion = 0;  // a new number for every new picture
};

// The worker's reusable memory: one pool of buffers per layer and per map kind, and the
// engine's scratch.
struct PipelineBuffers {
    std::vector<BufferPool<core::LayerOutput>> outputs;       // per layer
    std::vector<BufferPool<core::LayerOutput>> shiftOutputs;  // per layer, the shift comparison's
    BufferPool<core::Tensor> shiftedPicture;
    core::LayerWorkspace workspace;
    core::BackwardWorkspace backward;
    core::StackProgress* progress = nullptr;  // where the run reports, and can be cancelled
    std::size_t created() const;              // buffers made so far, over every pool
};

// One recomputation: updates `r` for `request`, keeping the last valid block results when a
// layer's settings are invalid. `previous`: the request `r` was last updated for, if any.
// Returns false when progress->tasks.cancelled stopped it (then `r` is half-updated).
bool recompute(const PipelineRequest& request, const PipelineRequest* previous, PipelineResult& r,
               PipelineBuffers& buffers);

// What a chunk of learning steps gives back: the layers after them and each step's loss; an
// error (a diverging run) stops it, the layers as they were before the failing step.
struct LearnProgress {
    std::vector<core::Layer> from;  // the layers the chunk started from
    std::vector<core::Layer> layers;
    std::vector<double> losses;
    core::Error error;
};

class Pipeline {
public:
    // Multiply-adds below which update() waits for the result (about a millisecond).
    static constexpr double kWaitForWork = 4e6;
    // A computation running longer than this shows its progress on the views it changes.
    static constexpr double kShowProgressAfterMs = 100.0;

    Pipeline();
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Submits the inputs when they changed; returns true when the shown result changed. A
    // computation under way for older inputs is cancelled (latest wins).
    bool update(const ComputeInputs& inputs);
    const PipelineResult& result() const { return m_front; }
    // Blocks until the last submitted inputs are computed and shown (tests, benchmarks);
    // returns true when the shown result changed.
    bool finish();

    // Learning: up to `steps` SGD steps (for at most `budgetMs` of work, so the views keep
    // up) from `inputs` with its loss settings, on the worker. The momentum carries over
    // between chunks while each starts from the layers the last one gave back; anything else
    // starts afresh. One chunk at a time: false when one is still running.
    bool requestLearn(const ComputeInputs& inputs, const core::SgdOptions& options, int steps, double budgetMs);
    bool learning() const { return m_learnBusy; }
    // The finished chunk, once.
    std::optional<LearnProgress> takeLearnProgress();
    // Blocks until the running chunk is done (tests).
    void finishLearning();

    // The computation under way, once it has run for kShowProgressAfterMs: how far it is
    // (0…1) and the first layer whose map it changes; nullopt otherwise.
    struct Progress {
        float fraction = 0.0f;
        int fromLayer = 0;
    };
    std::optional<Progress> progress() const;
    // Large buffers (maps, pictures) made so far: constant while a steady sweep reuses them.
    std::size_t buffersCreated() const;

private:
    void workerLoop();
    // The request for `inputs` (their picture shared; a new version number for a new one).
    std::shared_ptr<const PipelineRequest> requestFor(const ComputeInputs& inputs);
    bool takeReady();

    // UI thread only.
    PipelineResult m_front;
    std::shared_ptr<const PipelineRequest> m_submitted;
    std::uint64_t m_pictureVersion = 0;
    std::uint64_t m_submittedId = 0;
    std::uint64_t m_frontId = 0;

    // Shared, under m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::shared_ptr<const PipelineRequest> m_request;
    std::uint64_t m_requestId = 0;
    PipelineResult m_ready;
    std::uint64_t m_readyId = 0;
    bool m_readyFresh = false;
    bool m_stop = false;
    struct LearnJob {
        std::shared_ptr<const PipelineRequest> request;  // its settings and picture
        core::SgdOptions options;
        int steps = 0;
        double budgetMs = 0.0;
    };
    std::optional<LearnJob> m_learnJob;
    std::optional<LearnProgress> m_learnDone;
    bool m_learnBusy = false;         // UI thread: a chunk was requested and not yet taken
    std::size_t m_workerBuffers = 0;  // buffers the worker's pools made
    // The job under way (worker writes, UI reads).
    core::StackProgress m_progress;
    std::atomic<bool> m_busy{false};
    std::atomic<std::int64_t> m_jobStartNs{0};
    std::atomic<int> m_jobFrom{0};
    std::vector<double> m_jobWeights;  // multiply-adds per layer, set before m_busy (guarded by m_mutex)

    // Worker thread only.
    PipelineResult m_work;
    PipelineResult m_published;  // the last result handed over: m_work goes back to it when a job is cancelled
    std::shared_ptr<const PipelineRequest> m_workRequest;
    std::shared_ptr<const PipelineRequest> m_publishedRequest;
    PipelineBuffers m_buffers;
    void runLearnJob(const LearnJob& job);
    core::Learner m_learner;
    std::vector<core::Layer> m_learned;                    // the layers the last chunk gave back
    std::shared_ptr<const PipelineRequest> m_learnedFrom;  // …and the request it ran on

    std::thread m_thread;  // last: starts after everything above exists
};

// `input` moved by (dx, dy) into `out`; cells moved in from outside are 0.
void shiftInto(const core::Tensor& input, int dx, int dy, core::Tensor& out);

}  // namespace convscope::gui
