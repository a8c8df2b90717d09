#include "pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

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

namespace {

std::int64_t countDifferent(const core::Tensor& a, const core::Tensor& b) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < a.data.size() && i < b.data.size(); ++i)
        if (!(a.data[i] == b.data[i]) && !(std::isnan(a.data[i]) && std::isnan(b.data[i]))) ++n;
    return n;
}

// The stages before the selected one, run on `input`. Returns the selected stage's input
// map: `input` itself for the first stage (no copy), else `buffer` holding the last output.
// On an error, `failed` is the stage at fault.
core::Result<const core::Tensor*> runEarlierStages(const ComputeInputs& inputs, const core::Tensor& input,
                                                   core::StageOutput (&buffer)[2], core::ConvWorkspace& workspace,
                                                   int& failed) {
    const core::Tensor* x = &input;
    for (int i = 0; i < inputs.selected.stage; ++i) {
        core::StageOutput& out = buffer[i % 2];
        if (auto s = core::runStageInto(*x, inputs.stages[static_cast<std::size_t>(i)], out, workspace); !s) {
            failed = i;
            return s.error();
        }
        x = &out.output();
    }
    return x;
}

// The shift comparison needs both the conv and the pool valid for the current inputs.
void compareShifted(const ComputeInputs& inputs, PipelineResult& r, core::ConvWorkspace& workspace) {
    r.hasShift = false;
    if (!inputs.shift.enabled || !r.hasConv || !r.convError.message.empty() || !r.hasPool ||
        !r.poolError.message.empty())
        return;
    const core::Tensor moved = shifted(inputs.input, inputs.shift.dx, inputs.shift.dy);
    core::StageOutput buffer[2];
    int failed = 0;
    auto stageInput = runEarlierStages(inputs, moved, buffer, workspace, failed);
    if (!stageInput) return;
    core::StageOutput out;
    if (!core::runStageInto(**stageInput, inputs.stage(), out, workspace)) return;
    r.shiftedConv = std::move(out.activated);
    r.shiftedPool = std::move(out.pool.values);
    r.convChanged = countDifferent(r.activated, r.shiftedConv);
    r.poolChanged = countDifferent(r.pool.values, r.shiftedPool);
    r.hasShift = true;
}

std::vector<StageShape> stackShapes(const ComputeInputs& inputs) {
    std::vector<StageShape> shapes;
    int c = inputs.input.channels, h = inputs.input.height, w = inputs.input.width;
    for (const core::Stage& stage : inputs.stages) {
        auto plan = core::planStage(c, h, w, stage);
        if (!plan) {
            shapes.push_back({false, {}, plan.error()});
            break;
        }
        shapes.push_back({true, *plan, {}});
        c = plan->outChannels;
        h = plan->outHeight;
        w = plan->outWidth;
    }
    return shapes;
}

bool earlierStagesEqual(const ComputeInputs& a, const ComputeInputs& b) {
    if (a.selected.stage != b.selected.stage || a.input != b.input) return false;
    for (std::size_t i = 0; i < static_cast<std::size_t>(a.selected.stage); ++i)
        if (i >= b.stages.size() || a.stages[i] != b.stages[i]) return false;
    return true;
}

// The selected stage's conv and activation on its input `in`. Everything it sets is kept
// from the last valid computation until all of it succeeds, so the maps, the padded input
// and the traces always belong together.
void computeConv(const core::Tensor& in, const ComputeInputs& inputs, PipelineResult& r,
                 core::ConvWorkspace& workspace) {
    const core::Stage& stage = inputs.stage();
    auto params = core::convParams(stage.conv);
    auto plan = params ? core::planConv(in.channels, in.height, in.width, stage.conv.weights, &stage.conv.bias, *params)
                       : core::Result<core::ConvPlan>(params.error());
    if (!plan) {
        r.convError = plan.error();
        return;
    }
    if (auto s = core::conv2dInto(in, stage.conv.weights, stage.conv.bias, *params, r.conv, workspace); !s) {
        r.convError = s.error();
        return;
    }
    r.convError = {};
    r.hasConv = true;
    ++r.convVersion;
    r.activated.reshape(r.conv.channels, r.conv.height, r.conv.width);
    std::transform(r.conv.data.begin(), r.conv.data.end(), r.activated.data.begin(),
                   [&](float x) { return core::activate(x, stage.activation); });
    // The padded input depends on the stage's input and the padding only: kernel edits, the
    // commonest change, leave it (and its texture) alone.
    const bool inputSame = in == r.stageInput;
    const bool paddingSame = r.paddedVersion > 0 && plan->rows == r.convPlan.rows && plan->cols == r.convPlan.cols &&
                             params->mode == r.convParams.mode && inputSame;
    if (!inputSame) r.stageInput = in;
    r.convInputs = inputs;
    r.convPlan = *plan;
    r.convParams = *params;
    if (!paddingSame) {
        materialisePadding(r.stageInput, *plan, params->mode, r.padded);
        ++r.paddedVersion;
    }
}

}  // namespace

void recompute(const ComputeInputs& inputs, const ComputeInputs* previous, PipelineResult& r,
               core::ConvWorkspace& workspace) {
    const auto start = std::chrono::steady_clock::now();
    const core::Stage& stage = inputs.stage();
    const bool convChanged = !previous || !earlierStagesEqual(inputs, *previous) ||
                             stage.conv != previous->stage().conv || stage.activation != previous->stage().activation;
    r.shapes = stackShapes(inputs);
    std::vector<core::StagePlan> plans;
    for (const StageShape& shape : r.shapes)
        if (shape.valid) plans.push_back(shape.plan);
    r.layers = core::windowLayers(inputs.stages, plans);

    if (convChanged) {
        core::StageOutput buffer[2];
        r.convErrorStage = inputs.selected.stage;
        auto stageInput = runEarlierStages(inputs, inputs.input, buffer, workspace, r.convErrorStage);
        if (!stageInput)
            r.convError = stageInput.error();
        else
            computeConv(**stageInput, inputs, r, workspace);
    }

    // Pooling runs over the conv map on screen (the last valid one).
    r.poolError = {};
    if (!stage.poolEnabled) {
        r.hasPool = false;
    } else if (r.hasConv) {
        const core::Tensor& a = r.activated;
        auto plan = core::planPool(a.channels, a.height, a.width, stage.pool);
        if (!plan) {
            r.poolError = plan.error();
        } else if (auto s = core::pool2dInto(a, stage.pool, r.pool); !s) {
            r.poolError = s.error();
        } else {
            r.hasPool = true;
            r.poolConvVersion = r.convVersion;
            r.poolParams = stage.pool;
            r.poolPlan = *plan;
        }
    }
    // A pooled map of an earlier conv map would contradict the conv view: keep the last
    // valid pool only while it still belongs to the conv map on screen.
    if (!r.poolError.message.empty() && r.poolConvVersion != r.convVersion) r.hasPool = false;
    // What the views show besides the numbers follows the inputs at once, where the stage
    // shown is still the one computed: the pool settings, and which filter and channel.
    Selection& shown = r.convInputs.selected;
    if (r.hasConv && shown.stage == inputs.selected.stage && r.convInputs.stages.size() == inputs.stages.size()) {
        r.convInputs.stage().pool = stage.pool;
        r.convInputs.stage().poolEnabled = stage.poolEnabled;
        const int channel = std::min(inputs.selected.channel, r.stageInput.channels - 1);
        if (channel != shown.channel) ++r.paddedVersion;  // the input view shows another channel
        shown.channel = channel;
        shown.filter = std::min(inputs.selected.filter, r.conv.channels - 1);
    }
    r.convInputs.shift = inputs.shift;
    compareShifted(inputs, r, workspace);
    ++r.generation;
    r.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

namespace {

// Multiply-adds of the first stage, a fair measure of the whole stack (later stages work
// on smaller maps).
double workOf(const ComputeInputs& in) {
    const core::Weights& w = in.stages.front().conv.weights;
    return static_cast<double>(in.input.height) * in.input.width * in.input.channels * w.outChannels * w.height *
           w.width * static_cast<double>(in.stages.size());
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
            m_wake.wait(lock, [this] { return m_stop || m_request; });
            if (m_stop) return;
            inputs = std::move(m_request);
            id = m_requestId;
            m_request.reset();
        }
        recompute(*inputs, m_workInputs.get(), m_work, m_workspace);
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

}  // namespace convscope::gui
