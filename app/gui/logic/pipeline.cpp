#include "pipeline.hpp"

#include "gradients.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace convscope::gui {

void materialisePadding(const core::Tensor& input, const core::ConvPlan& plan, core::PaddingMode mode,
                        core::Tensor& padded) {
    const int ph = static_cast<int>(plan.rows.paddedInput());
    const int pw = static_cast<int>(plan.cols.paddedInput());
    padded.reshape(input.channels, ph, pw);
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < ph; ++y) {
            const auto sy = core::sourceIndex(y - plan.rows.padBefore, input.height, mode);
            for (int x = 0; x < pw; ++x) {
                const auto sx = core::sourceIndex(x - plan.cols.padBefore, input.width, mode);
                padded.at(c, y, x) =
                    (sy < 0 || sx < 0) ? 0.0f : input.at(c, static_cast<int>(sy), static_cast<int>(sx));
            }
        }
}

core::Tensor shifted(const core::Tensor& input, int dx, int dy) {
    core::Tensor out(input.channels, input.height, input.width);
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < input.height; ++y)
            for (int x = 0; x < input.width; ++x) {
                const int sy = y - dy, sx = x - dx;
                if (sy >= 0 && sx >= 0 && sy < input.height && sx < input.width) out.at(c, y, x) = input.at(c, sy, sx);
            }
    return out;
}

const core::Tensor& PipelineResult::conv() const {
    return block.conv >= 0 ? outputs[static_cast<std::size_t>(block.conv)].values : stageInput;
}

const core::Tensor& PipelineResult::activated() const {
    return block.activation >= 0 ? outputs[static_cast<std::size_t>(block.activation)].values : conv();
}

const core::PoolOutput& PipelineResult::pool() const {
    static const core::PoolOutput none;
    return hasPool ? outputs[static_cast<std::size_t>(block.pool)] : none;
}

int PipelineResult::inputChannel() const {
    const Selection& shown = convInputs.selected;
    const core::Conv2d* conv = convInputs.conv();
    if (!conv) return std::min(shown.filter, stageInput.channels - 1);
    const int perGroup = std::max(1, conv->weights.outChannels / std::max(1, conv->groups));
    return std::min(shown.filter / perGroup * conv->weights.inChannels + shown.channel, stageInput.channels - 1);
}

namespace {

std::int64_t countDifferent(const core::Tensor& a, const core::Tensor& b) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < a.data.size() && i < b.data.size(); ++i)
        if (!(a.data[i] == b.data[i]) && !(std::isnan(a.data[i]) && std::isnan(b.data[i]))) ++n;
    return n;
}

// The shift comparison runs the stack through the block on the shifted input; it needs the
// block's maps and its pooling valid for the current inputs.
void compareShifted(const ComputeInputs& inputs, PipelineResult& r, core::LayerWorkspace& workspace) {
    r.hasShift = false;
    if (!inputs.shift.enabled || !r.hasConv || !r.convError.message.empty() || !r.hasPool ||
        !r.poolError.message.empty())
        return;
    const core::Tensor moved = shifted(inputs.input, inputs.shift.dx, inputs.shift.dy);
    std::vector<core::LayerOutput> outputs;
    if (!core::runStackInto(moved, inputs.layers, r.plan, outputs, workspace, 0, r.block.last + 1)) return;
    const int before = r.block.activation >= 0 ? r.block.activation : r.block.conv;
    r.shiftedConv = before >= 0 ? std::move(outputs[static_cast<std::size_t>(before)].values) : moved;
    r.shiftedPool = std::move(outputs[static_cast<std::size_t>(r.block.pool)].values);
    r.convChanged = countDifferent(r.activated(), r.shiftedConv);
    r.poolChanged = countDifferent(r.pool().values, r.shiftedPool);
    r.hasShift = true;
}

// The first layer whose output may differ between two inputs: 0 when the input differs.
int firstChange(const ComputeInputs& a, const ComputeInputs* b) {
    if (!b || !(a.input == b->input)) return 0;
    const std::size_t n = std::min(a.layers.size(), b->layers.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!(a.layers[i] == b->layers[i])) return static_cast<int>(i);
    return static_cast<int>(n);
}

// The block's conv as the views draw it: its windows, or a 1×1 identity window over the block
// input when the block starts with an activation or a pooling.
core::ConvPlan blockConvPlan(const PipelineResult& r) {
    const core::LayerPlan& first = r.plan.plans[static_cast<std::size_t>(r.block.first)];
    const bool conv = r.block.conv >= 0;
    const core::LayerWindows w = conv ? first.windows : core::elementWiseWindows(first.in);
    const core::Shape out = conv ? first.out : first.in;
    return core::ConvPlan{w.rows, w.cols, out.channels, out.height, out.width};
}

// Takes the block's maps from the outputs once every layer of it up to its pooling has run.
// `mapChanged`: the map before the pooling differs from the one on screen.
void showBlock(const ComputeInputs& inputs, const Block& block, bool mapChanged, PipelineResult& r) {
    r.convError = {};
    r.hasConv = true;
    if (mapChanged) ++r.convVersion;
    r.block = block;
    const core::Tensor& in =
        block.first == 0 ? inputs.input : r.outputs[static_cast<std::size_t>(block.first - 1)].values;
    const core::ConvPlan plan = blockConvPlan(r);
    const core::ConvParams params =
        block.conv >= 0 ? r.plan.plans[static_cast<std::size_t>(block.conv)].conv : core::ConvParams{};
    // The padded input depends on the block's input and the padding only: kernel edits, the
    // commonest change, leave it (and its texture) alone.
    const bool inputSame = in == r.stageInput;
    const bool paddingSame = r.paddedVersion > 0 && plan.rows == r.convPlan.rows && plan.cols == r.convPlan.cols &&
                             params.mode == r.convParams.mode && inputSame;
    if (!inputSame) r.stageInput = in;
    r.convInputs = inputs;
    r.convPlan = plan;
    r.convParams = params;
    if (!paddingSame) {
        materialisePadding(r.stageInput, plan, params.mode, r.padded);
        ++r.paddedVersion;
    }
}

// The gradients of the whole stack, when the backward views are on and every layer ran.
void backwardPass(const ComputeInputs& inputs, PipelineResult& r, core::BackwardWorkspace* workspace) {
    r.hasGrads = false;
    r.gradError = {};
    if (inputs.gradient.pass != Pass::Backward || !r.plan.ok() || !r.convError.message.empty()) return;
    auto loss = lossFor(inputs, r.plan.output());
    if (!loss) {
        r.gradError = loss.error();
        return;
    }
    core::BackwardWorkspace local;
    if (auto s = core::backwardStackInto(inputs.input, inputs.layers, r.plan, r.outputs, *loss, r.grads,
                                         workspace ? *workspace : local);
        !s) {
        r.gradError = s.error();
        return;
    }
    r.hasGrads = true;
    ++r.gradVersion;
}

}  // namespace

void recompute(const ComputeInputs& inputs, const ComputeInputs* previous, PipelineResult& r,
               core::LayerWorkspace& workspace, core::BackwardWorkspace* backward) {
    const auto start = std::chrono::steady_clock::now();
    const int channelBefore = r.hasConv ? r.inputChannel() : -1;  // the input channel on screen
    r.plan = core::planStack(core::shapeOf(inputs.input), inputs.layers);
    r.layers = core::stackWindows(r.plan);
    const int planned = static_cast<int>(r.plan.plans.size());

    // Outputs before the first changed layer are still right; the rest are recomputed by the
    // one runner, as far as the stack can run.
    const int from = std::min(firstChange(inputs, previous), r.validOutputs);
    if (auto s = core::runStackInto(inputs.input, inputs.layers, r.plan, r.outputs, workspace, from, planned);
        !s && r.plan.ok()) {
        r.convError = s.error();
        r.convErrorLayer = inputs.selected.layer;
    }
    // Past a layer that cannot run the old maps stay on screen (the last valid result) while
    // the stack keeps its shape; with layers added or removed they no longer belong anywhere.
    const bool sameLength = previous && previous->layers.size() == inputs.layers.size();
    r.validOutputs = planned;
    if (!sameLength) r.outputs.resize(static_cast<std::size_t>(planned));

    const Block block = inputs.block();
    // The block's map before its pooling is computed from the input and the layers up to it.
    const int mapLayer = block.activation >= 0 ? block.activation : block.conv >= 0 ? block.conv : block.first - 1;
    const bool inputChanged = !previous || !(previous->input == inputs.input);
    const bool blockChanged = !r.hasConv || !(r.block == block);
    const bool mapChanged = inputChanged || blockChanged || from <= mapLayer;
    const bool poolChanged = mapChanged || from <= block.pool;
    const bool blockRuns = r.plan.ok() || r.plan.failed > block.last;
    const bool mapsRun = r.plan.ok() || r.plan.failed > (block.pool >= 0 ? block.pool - 1 : block.last);
    r.poolError = {};
    if (mapsRun) {
        showBlock(inputs, block, mapChanged, r);
    } else {
        r.convError = r.plan.error;
        r.convErrorLayer = r.plan.failed;
        // The maps on screen stay only while they still exist and belong to this block.
        if (!sameLength || !(r.block == block)) r.hasConv = false;
    }
    // The block's own pooling: new when it runs; when it cannot, the last valid pooled map
    // stays only while it still belongs to the map on screen (it was not recomputed).
    const bool keptPool = r.hasPool && !mapChanged;
    r.hasPool = false;
    if (mapsRun && block.pool >= 0) {
        if (blockRuns) {
            const core::LayerPlan& p = r.plan.plans[static_cast<std::size_t>(block.pool)];
            r.hasPool = true;
            if (poolChanged) ++r.poolVersion;
            r.poolParams = p.pool;
            r.poolPlan = core::PoolPlan{p.windows.rows, p.windows.cols, p.out.channels, p.out.height, p.out.width};
        } else {
            r.poolError = r.plan.error;
            r.hasPool = keptPool;
        }
    }
    // Which filter and channel the views show follows the inputs at once.
    if (r.hasConv) {
        Selection& shown = r.convInputs.selected;
        shown.channel = std::min(inputs.selected.channel, r.stageInput.channels - 1);
        shown.filter = std::min(inputs.selected.filter, r.conv().channels - 1);
        if (r.inputChannel() != channelBefore) ++r.paddedVersion;  // the input view shows another channel
    }
    r.convInputs.shift = inputs.shift;
    r.convInputs.gradient = inputs.gradient;
    compareShifted(inputs, r, workspace);
    backwardPass(inputs, r, backward);
    ++r.generation;
    r.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

namespace {

// Multiply-adds of the whole stack (or the input's size when nothing can be planned).
double workOf(const ComputeInputs& in) {
    const core::StackPlan plan = core::planStack(core::shapeOf(in.input), in.layers);
    double work = static_cast<double>(in.input.size());
    for (const core::LayerPlan& p : plan.plans)
        work +=
            static_cast<double>(p.cost.multiplyAdds) + static_cast<double>(p.out.channels) * p.out.height * p.out.width;
    return work;
}

}  // namespace

Pipeline::Pipeline() : m_thread([this] { workerLoop(); }) {}

Pipeline::~Pipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Pipeline::workerLoop() {
    while (true) {
        std::shared_ptr<const ComputeInputs> inputs;
        std::uint64_t id = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_request || m_learnJob; });
            if (m_stop) return;
            // New parameters first: the views follow an edit at once, learning goes on after.
            if (!m_request) {
                const LearnJob job = std::move(*m_learnJob);
                m_learnJob.reset();
                lock.unlock();
                runLearnJob(job);
                m_done.notify_all();
                continue;
            }
            inputs = std::move(m_request);
            id = m_requestId;
            m_request.reset();
        }
        recompute(*inputs, m_workInputs.get(), m_work, m_workspace, &m_backward);
        m_workInputs = std::move(inputs);
        {
            std::lock_guard lock(m_mutex);
            if (m_request) continue;  // overtaken: the newer inputs are computed next
        }
        // The copy (tens of MB for a large picture) is made outside the lock, so the UI
        // thread never waits for it; only the O(1) swap below is shared.
        m_staged = m_work;  // copy-assignment reuses m_staged's buffers
        {
            std::lock_guard lock(m_mutex);
            if (m_request) continue;  // overtaken while copying
            std::swap(m_ready, m_staged);
            m_readyId = id;
            m_readyFresh = true;
        }
        m_done.notify_all();
    }
}

bool Pipeline::takeReady() {
    std::lock_guard lock(m_mutex);
    if (!m_readyFresh) return false;
    std::swap(m_front, m_ready);  // O(1); the old front's buffers are reused next time
    m_frontId = m_readyId;
    m_readyFresh = false;
    return true;
}

bool Pipeline::update(const ComputeInputs& inputs) {
    bool changed = false;
    if (!m_submitted || !(inputs == *m_submitted)) {
        m_submitted = std::make_shared<const ComputeInputs>(inputs);
        {
            std::lock_guard lock(m_mutex);
            m_request = m_submitted;
            m_requestId = ++m_submittedId;
        }
        m_wake.notify_one();
        if (workOf(inputs) < kWaitForWork) changed = finish();
    }
    changed = takeReady() || changed;
    m_front.computing = m_frontId != m_submittedId;
    return changed;
}

bool Pipeline::finish() {
    if (!m_submitted) return false;
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_readyId == m_submittedId; });
    }
    const bool changed = takeReady();
    m_front.computing = m_frontId != m_submittedId;
    return changed;
}

void Pipeline::runLearnJob(const LearnJob& job) {
    const ComputeInputs& in = *job.inputs;
    // The momentum belongs to a run: it goes on only from the layers the last chunk gave back,
    // on the same input and loss.
    const bool goesOn = m_learnedFrom && in.layers == m_learned && in.input == m_learnedFrom->input &&
                        in.gradient == m_learnedFrom->gradient;
    if (!goesOn) m_learner = core::Learner{};
    LearnProgress progress;
    progress.from = in.layers;
    progress.layers = in.layers;
    const auto start = std::chrono::steady_clock::now();
    const core::StackPlan plan = core::planStack(core::shapeOf(in.input), in.layers);
    auto loss = lossFor(in, plan.output());
    if (!plan.ok() || !loss) {
        progress.error = !plan.ok() ? plan.namedError() : loss.error();
    } else {
        for (int i = 0; i < job.steps; ++i) {
            auto value = core::learnStep(in.input, progress.layers, *loss, job.options, m_learner);
            if (!value) {
                progress.error = value.error();
                break;
            }
            progress.losses.push_back(*value);
            if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >
                job.budgetMs)
                break;
        }
    }
    m_learned = progress.layers;
    m_learnedFrom = job.inputs;
    std::lock_guard lock(m_mutex);
    m_learnDone = std::move(progress);
}

bool Pipeline::requestLearn(const ComputeInputs& inputs, const core::SgdOptions& options, int steps, double budgetMs) {
    if (m_learnBusy) return false;
    {
        std::lock_guard lock(m_mutex);
        m_learnJob = LearnJob{std::make_shared<const ComputeInputs>(inputs), options, steps, budgetMs};
    }
    m_learnBusy = true;
    m_wake.notify_one();
    return true;
}

std::optional<LearnProgress> Pipeline::takeLearnProgress() {
    std::lock_guard lock(m_mutex);
    if (!m_learnDone) return std::nullopt;
    std::optional<LearnProgress> done = std::move(m_learnDone);
    m_learnDone.reset();
    m_learnBusy = false;
    return done;
}

void Pipeline::finishLearning() {
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return !m_learnJob && (m_learnDone || !m_learnBusy); });
}

}  // namespace convscope::gui
