#include "pipeline.hpp"

#include "gradients.hpp"
#include "transposed_walk.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace convscope::gui {

void shiftInto(const core::Tensor& input, int dx, int dy, core::Tensor& out) {
    out.reshape(input.channels, input.height, input.width);
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < input.height; ++y)
            for (int x = 0; x < input.width; ++x) {
                const int sy = y - dy, sx = x - dx;
                out.at(c, y, x) =
                    sy >= 0 && sx >= 0 && sy < input.height && sx < input.width ? input.at(c, sy, sx) : 0.0f;
            }
}

namespace {

const core::Tensor& orEmpty(const std::shared_ptr<const core::Tensor>& t) {
    static const core::Tensor none;
    return t ? *t : none;
}

}  // namespace

const core::Tensor& PipelineResult::stageInput() const {
    return orEmpty(stageInputMap);
}

PaddedView PipelineResult::padded() const {
    if (!stageInputMap) return {};
    return {stageInputMap.get(),
            convPlan.rows.padBefore,
            convPlan.cols.padBefore,
            convParams.mode,
            static_cast<int>(convPlan.rows.paddedInput()),
            static_cast<int>(convPlan.cols.paddedInput())};
}

const core::Tensor& PipelineResult::shiftedConv() const {
    return orEmpty(shiftedConvMap);
}

const core::Tensor& PipelineResult::shiftedPool() const {
    return orEmpty(shiftedPoolMap);
}

const core::LayerOutput& PipelineResult::output(int layer) const {
    static const core::LayerOutput none;
    const auto i = static_cast<std::size_t>(layer);
    return layer >= 0 && i < outputs.size() && outputs[i] ? *outputs[i] : none;
}

const core::Tensor& PipelineResult::conv() const {
    return block.conv >= 0 ? output(block.conv).values : stageInput();
}

const core::Tensor& PipelineResult::activated() const {
    return block.activation >= 0 ? output(block.activation).values : conv();
}

const core::PoolOutput& PipelineResult::pool() const {
    static const core::PoolOutput none;
    return hasPool ? output(block.pool) : none;
}

int PipelineResult::inputChannel() const {
    const Selection& shown = convInputs.selected;
    const core::Conv2d* conv = convInputs.conv();
    if (transposedLayer(*this)) return transposedSlice(*this).inChannel;
    if (!conv) return std::min(shown.filter, stageInput().channels - 1);
    const int perGroup = std::max(1, conv->weights.outChannels / std::max(1, conv->groups));
    return std::min(shown.filter / perGroup * conv->weights.inChannels + shown.channel, stageInput().channels - 1);
}

std::size_t PipelineBuffers::created() const {
    std::size_t n = shiftedPicture.created();
    for (const auto& p : outputs) n += p.created();
    for (const auto& p : shiftOutputs) n += p.created();
    return n;
}

namespace {

std::int64_t countDifferent(const core::Tensor& a, const core::Tensor& b) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < a.data.size() && i < b.data.size(); ++i)
        if (!(a.data[i] == b.data[i]) && !(std::isnan(a.data[i]) && std::isnan(b.data[i]))) ++n;
    return n;
}

// A map inside a layer's output, sharing the output's ownership.
std::shared_ptr<const core::Tensor> valuesOf(const std::shared_ptr<core::LayerOutput>& out) {
    return out ? std::shared_ptr<const core::Tensor>(out, &out->values) : nullptr;
}

// Fresh buffers (from the pools) for layers [from, to): the old ones stay with whoever shows
// them. Returns every layer's buffer, as the runner takes them.
std::vector<core::LayerOutput*> buffersFor(std::vector<std::shared_ptr<core::LayerOutput>>& outputs,
                                           std::vector<BufferPool<core::LayerOutput>>& pools, std::size_t layers,
                                           int from, int to) {
    outputs.resize(layers);
    if (pools.size() < layers) pools.resize(layers);
    std::vector<core::LayerOutput*> at(layers, nullptr);
    for (int i = 0; i < static_cast<int>(layers); ++i) {
        const auto k = static_cast<std::size_t>(i);
        if (i >= from && i < to) {
            outputs[k].reset();  // first, so that a buffer no one else shows is written in place
            outputs[k] = pools[k].take();
        }
        at[k] = outputs[k].get();
    }
    return at;
}

// The shift comparison runs the stack through the block on the shifted input; it needs the
// block's maps and its pooling valid for the current inputs.
void compareShifted(const PipelineRequest& request, PipelineResult& r, PipelineBuffers& b) {
    const ComputeInputs& inputs = request.inputs;
    r.hasShift = false;
    r.shiftedConvMap.reset();
    r.shiftedPoolMap.reset();
    if (!inputs.shift.enabled || !r.hasConv || !r.convError.message.empty() || !r.hasPool ||
        !r.poolError.message.empty())
        return;
    std::shared_ptr<core::Tensor> moved = b.shiftedPicture.take();
    shiftInto(*request.picture, inputs.shift.dx, inputs.shift.dy, *moved);
    std::vector<std::shared_ptr<core::LayerOutput>> outputs;
    const int to = r.block.last + 1;
    const auto at = buffersFor(outputs, b.shiftOutputs, inputs.layers.size(), 0, to);
    if (!core::runStackInto(*moved, inputs.layers, r.plan, at, b.workspace, 0, to)) return;
    const int before = r.block.activation >= 0 ? r.block.activation : r.block.conv;
    r.shiftedConvMap = before >= 0 ? valuesOf(outputs[static_cast<std::size_t>(before)]) : moved;
    r.shiftedPoolMap = valuesOf(outputs[static_cast<std::size_t>(r.block.pool)]);
    r.convChanged = countDifferent(r.activated(), r.shiftedConv());
    r.poolChanged = countDifferent(r.pool().values, r.shiftedPool());
    r.hasShift = true;
}

// The first layer whose output may differ between two requests: 0 when the picture differs.
int firstChange(const PipelineRequest& a, const PipelineRequest* b) {
    if (!b || a.pictureVersion != b->pictureVersion) return 0;
    const std::size_t n = std::min(a.inputs.layers.size(), b->inputs.layers.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!(a.inputs.layers[i] == b->inputs.layers[i])) return static_cast<int>(i);
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
void showBlock(const PipelineRequest& request, const Block& block, bool mapChanged, PipelineResult& r) {
    r.convError = {};
    r.hasConv = true;
    if (mapChanged) ++r.convVersion;
    r.block = block;
    std::shared_ptr<const core::Tensor> in =
        block.first == 0 ? request.picture : valuesOf(r.outputs[static_cast<std::size_t>(block.first - 1)]);
    const core::ConvPlan plan = blockConvPlan(r);
    const core::ConvParams params =
        block.conv >= 0 ? r.plan.plans[static_cast<std::size_t>(block.conv)].conv : core::ConvParams{};
    // The input view shows the block's input (its padding is drawn from it): kernel and
    // padding edits leave it, and its texture, alone. A buffer is never written while a
    // result holds it, so the same buffer means the same numbers.
    const bool inputSame = r.stageInputMap && (in == r.stageInputMap || *in == *r.stageInputMap);
    if (!inputSame) ++r.inputVersion;
    r.stageInputMap = std::move(in);
    r.convInputs = request.inputs;
    r.convPlan = plan;
    r.convParams = params;
}

// The gradients of the whole stack, when the backward views are on and every layer ran.
void backwardPass(const PipelineRequest& request, PipelineResult& r, core::BackwardWorkspace& workspace) {
    const ComputeInputs& inputs = request.inputs;
    r.hasGrads = false;
    r.gradError = {};
    if (inputs.gradient.pass != Pass::Backward || !r.plan.ok() || !r.convError.message.empty()) return;
    auto loss = lossFor(inputs.gradient, *request.picture, r.plan.output());
    if (!loss) {
        r.gradError = loss.error();
        return;
    }
    std::vector<const core::LayerOutput*> outputs;
    for (const auto& o : r.outputs) {
        if (!o) return;  // a layer not computed (never when the plan is whole and ran)
        outputs.push_back(o.get());
    }
    if (auto s = core::backwardStackInto(*request.picture, inputs.layers, r.plan, outputs, *loss, r.grads, workspace);
        !s) {
        r.gradError = s.error();
        return;
    }
    r.hasGrads = true;
    ++r.gradVersion;
}

}  // namespace

bool recompute(const PipelineRequest& request, const PipelineRequest* previous, PipelineResult& r,
               PipelineBuffers& buffers) {
    const auto start = std::chrono::steady_clock::now();
    const ComputeInputs& inputs = request.inputs;
    const core::Tensor& picture = *request.picture;
    const int channelBefore = r.hasConv ? r.inputChannel() : -1;  // the input channel on screen
    r.plan = core::planStack(core::shapeOf(picture), inputs.layers);
    r.layers = core::stackWindows(r.plan);
    const int planned = static_cast<int>(r.plan.plans.size());

    // Outputs before the first changed layer are still right; the rest are recomputed by the
    // one runner, as far as the stack can run, into buffers no result on screen holds.
    const int from = std::min(firstChange(request, previous), r.validOutputs);
    const auto at = buffersFor(r.outputs, buffers.outputs, inputs.layers.size(), from, planned);
    r.picture = request.picture;
    const auto s =
        core::runStackInto(picture, inputs.layers, r.plan, at, buffers.workspace, from, planned, buffers.progress);
    if (buffers.progress && buffers.progress->tasks.cancelled.load()) return false;
    if (!s && r.plan.ok()) {
        r.convError = s.error();
        r.convErrorLayer = inputs.selected.layer;
        // The buffers given to the layers that did not run hold nothing of theirs.
        for (int i = from; i < planned; ++i) r.outputs[static_cast<std::size_t>(i)].reset();
    }
    // Past a layer that cannot run the old maps stay on screen (the last valid result) while
    // the stack keeps its shape; with layers added or removed they no longer belong anywhere.
    const bool sameLength = previous && previous->inputs.layers.size() == inputs.layers.size();
    r.validOutputs = planned;
    if (!sameLength) r.outputs.resize(static_cast<std::size_t>(planned));

    const Block block = inputs.block();
    // The block's map before its pooling is computed from the input and the layers up to it.
    const int mapLayer = block.activation >= 0 ? block.activation : block.conv >= 0 ? block.conv : block.first - 1;
    const bool inputChanged = !previous || previous->pictureVersion != request.pictureVersion;
    const bool blockChanged = !r.hasConv || !(r.block == block);
    const bool mapChanged = inputChanged || blockChanged || from <= mapLayer;
    const bool poolChanged = mapChanged || from <= block.pool;
    const bool blockRuns = r.plan.ok() || r.plan.failed > block.last;
    const bool mapsRun = r.plan.ok() || r.plan.failed > (block.pool >= 0 ? block.pool - 1 : block.last);
    r.poolError = {};
    if (mapsRun) {
        showBlock(request, block, mapChanged, r);
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
        shown.channel = std::min(inputs.selected.channel, r.stageInput().channels - 1);
        const int maps = transposedLayer(r) ? transposedOutput(r).channels : r.conv().channels;
        shown.filter = std::min(inputs.selected.filter, maps - 1);
        if (r.inputChannel() != channelBefore) ++r.inputVersion;  // the input view shows another channel
    }
    r.convInputs.shift = inputs.shift;
    r.convInputs.gradient = inputs.gradient;
    compareShifted(request, r, buffers);
    backwardPass(request, r, buffers.backward);
    ++r.generation;
    r.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return true;
}

namespace {

// Multiply-adds of the whole stack (or the input's size when nothing can be planned).
double workOf(const ComputeInputs& in) {
    const core::StackPlan plan = core::planStack(core::shapeOf(in.input()), in.layers);
    double work = static_cast<double>(in.input().size());
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
        m_progress.tasks.cancelled = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void Pipeline::workerLoop() {
    m_buffers.progress = &m_progress;
    while (true) {
        std::shared_ptr<const PipelineRequest> request;
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
            request = std::move(m_request);
            id = m_requestId;
            m_request.reset();
            m_progress.tasks.cancelled = false;  // set again by a newer request
        }
        // What the progress bar weighs: each layer's multiply-adds and cells written.
        std::vector<double> weights;
        for (const core::LayerPlan& p : core::planStack(core::shapeOf(*request->picture), request->inputs.layers).plans)
            weights.push_back(static_cast<double>(p.cost.multiplyAdds) +
                              static_cast<double>(p.out.channels) * p.out.height * p.out.width);
        {
            std::lock_guard lock(m_mutex);
            m_jobWeights = std::move(weights);
            m_progress.layer = -1;
            m_jobFrom = std::min(firstChange(*request, m_workRequest.get()), m_work.validOutputs);
            m_jobStartNs = nowNs();
            m_busy = true;
        }
        const bool done = recompute(*request, m_workRequest.get(), m_work, m_buffers);
        m_busy = false;
        if (!done) {  // overtaken mid-way: back to the last result handed over
            m_work = m_published;
            m_workRequest = m_publishedRequest;
            continue;
        }
        m_workRequest = std::move(request);
        std::lock_guard lock(m_mutex);
        m_workerBuffers = m_buffers.created();
        // Handing over copies pointers, not maps. A result overtaken at its very end is shown
        // too (marked `computing`): it is newer than the one on screen.
        m_published = m_work;
        m_publishedRequest = m_workRequest;
        m_ready = m_work;
        m_readyId = id;
        m_readyFresh = true;
        m_done.notify_all();
    }
}

bool Pipeline::takeReady() {
    std::lock_guard lock(m_mutex);
    if (!m_readyFresh) return false;
    m_front = std::move(m_ready);
    m_ready = PipelineResult{};  // holds no buffer: the worker may write the old front's again
    m_frontId = m_readyId;
    m_readyFresh = false;
    return true;
}

std::shared_ptr<const PipelineRequest> Pipeline::requestFor(const ComputeInputs& inputs) {
    const PipelineRequest* last = m_submitted.get();
    auto request = std::make_shared<PipelineRequest>();
    request->inputs = inputs;  // the picture is shared, not copied
    request->picture = inputs.sharedPicture();
    request->pictureVersion = last && last->picture == request->picture ? last->pictureVersion : ++m_pictureVersion;
    return request;
}

bool Pipeline::update(const ComputeInputs& inputs) {
    bool changed = takeReady();
    const PipelineRequest* last = m_submitted.get();
    // Called every frame: a new picture is a new buffer (ComputeInputs), so no picture is
    // compared cell by cell here.
    const bool same = last && &inputs.input() == last->picture.get() && inputs.layers == last->inputs.layers &&
                      inputs.selected == last->inputs.selected && inputs.shift == last->inputs.shift &&
                      inputs.gradient == last->inputs.gradient;
    if (!same) {
        m_submitted = requestFor(inputs);
        {
            std::lock_guard lock(m_mutex);
            m_request = m_submitted;
            m_requestId = ++m_submittedId;
            m_progress.tasks.cancelled = true;  // the job under way, if any, is overtaken
        }
        m_wake.notify_one();
        if (workOf(inputs) < kWaitForWork) changed = finish() || changed;
    }
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
    const ComputeInputs& in = job.request->inputs;
    const core::Tensor& picture = *job.request->picture;
    // The momentum belongs to a run: it goes on only from the layers the last chunk gave back,
    // on the same input and loss.
    // (The same picture may come in a new buffer: a chunk asked for before any update().)
    const bool samePicture = m_learnedFrom && (job.request->pictureVersion == m_learnedFrom->pictureVersion ||
                                               picture == *m_learnedFrom->picture);
    const bool goesOn = samePicture && in.layers == m_learned && in.gradient == m_learnedFrom->inputs.gradient;
    if (!goesOn) m_learner = core::Learner{};
    LearnProgress progress;
    progress.from = in.layers;
    progress.layers = in.layers;
    const auto start = std::chrono::steady_clock::now();
    const core::StackPlan plan = core::planStack(core::shapeOf(picture), in.layers);
    auto loss = lossFor(in.gradient, picture, plan.output());
    if (!plan.ok() || !loss) {
        progress.error = !plan.ok() ? plan.namedError() : loss.error();
    } else {
        for (int i = 0; i < job.steps; ++i) {
            auto value = core::learnStep(picture, progress.layers, *loss, job.options, m_learner);
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
    m_learnedFrom = job.request;
    std::lock_guard lock(m_mutex);
    m_learnDone = std::move(progress);
}

bool Pipeline::requestLearn(const ComputeInputs& inputs, const core::SgdOptions& options, int steps, double budgetMs) {
    if (m_learnBusy) return false;
    {
        std::lock_guard lock(m_mutex);
        m_learnJob = LearnJob{requestFor(inputs), options, steps, budgetMs};
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

std::optional<Pipeline::Progress> Pipeline::progress() const {
    if (!m_busy.load() || static_cast<double>(nowNs() - m_jobStartNs.load()) < kShowProgressAfterMs * 1e6)
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    const int from = m_jobFrom.load();
    const int layer = m_progress.layer.load();
    double before = 0.0, all = 0.0, current = 0.0;
    for (int i = std::max(0, from); i < static_cast<int>(m_jobWeights.size()); ++i) {
        const double w = m_jobWeights[static_cast<std::size_t>(i)];
        all += w;
        if (i < layer) before += w;
        if (i == layer) current = w;
    }
    const double total = static_cast<double>(m_progress.tasks.total.load());
    const double part = total > 0 ? static_cast<double>(m_progress.tasks.done.load()) / total : 0.0;
    const double fraction = all > 0 ? (before + current * part) / all : 0.0;
    return Progress{static_cast<float>(std::clamp(fraction, 0.0, 1.0)), from};
}

std::size_t Pipeline::buffersCreated() const {
    std::lock_guard lock(m_mutex);
    return m_workerBuffers;
}

}  // namespace convscope::gui
