#include "pipeline.hpp"

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

namespace {

core::Result<core::ConvParams> convParamsOf(const ConvSettings& s) {
    return core::makeConvParams(s.strideH, s.strideW, s.padding, s.dilationH, s.dilationW, s.mode, s.weights.height,
                                s.weights.width);
}

}  // namespace

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

// The shift comparison needs both stages valid for the current inputs.
void compareShifted(const ComputeInputs& inputs, PipelineResult& r, core::ConvWorkspace& workspace) {
    r.hasShift = false;
    if (!inputs.shift.enabled || !r.hasConv || !r.convError.message.empty() || !r.hasPool ||
        !r.poolError.message.empty())
        return;
    const core::Tensor moved = shifted(inputs.input, inputs.shift.dx, inputs.shift.dy);
    if (!core::conv2dInto(moved, inputs.conv.weights, inputs.conv.bias, r.convParams, r.shiftedConv, workspace)) return;
    core::PoolOutput pooled;
    if (!core::pool2dInto(r.shiftedConv, inputs.pool.params, pooled)) return;
    r.shiftedPool = std::move(pooled.values);
    r.convChanged = countDifferent(r.conv, r.shiftedConv);
    r.poolChanged = countDifferent(r.pool.values, r.shiftedPool);
    r.hasShift = true;
}

}  // namespace

void recompute(const ComputeInputs& inputs, const ComputeInputs* previous, PipelineResult& r,
               core::ConvWorkspace& workspace) {
    const auto start = std::chrono::steady_clock::now();
    const bool convChanged = !previous || inputs.input != previous->input || inputs.conv != previous->conv;

    if (convChanged) {
        auto params = convParamsOf(inputs.conv);
        auto plan = params ? core::planConv(inputs.input.channels, inputs.input.height, inputs.input.width,
                                            inputs.conv.weights, &inputs.conv.bias, *params)
                           : core::Result<core::ConvPlan>(params.error());
        if (!plan) {
            r.convError = plan.error();
        } else {
            auto s = core::conv2dInto(inputs.input, inputs.conv.weights, inputs.conv.bias, *params, r.conv, workspace);
            if (!s) {
                r.convError = s.error();
            } else {
                r.convError = {};
                r.hasConv = true;
                ++r.convVersion;
                r.convInputs = inputs;
                // The padded input depends on the input and the padding only: kernel edits,
                // the commonest change, leave it (and its texture) alone.
                const bool paddingSame = previous && r.paddedVersion > 0 && inputs.input == previous->input &&
                                         plan->rows == r.convPlan.rows && plan->cols == r.convPlan.cols &&
                                         params->mode == r.convParams.mode;
                r.convPlan = *plan;
                r.convParams = *params;
                if (!paddingSame) {
                    materialisePadding(inputs.input, *plan, params->mode, r.padded);
                    ++r.paddedVersion;
                }
            }
        }
    }

    // Pooling runs over the conv map on screen (the last valid one).
    r.poolError = {};
    if (!inputs.pool.enabled) {
        r.hasPool = false;
    } else if (r.hasConv) {
        auto plan = core::planPool(r.conv.channels, r.conv.height, r.conv.width, inputs.pool.params);
        if (!plan) {
            r.poolError = plan.error();
        } else if (auto s = core::pool2dInto(r.conv, inputs.pool.params, r.pool); !s) {
            r.poolError = s.error();
        } else {
            r.hasPool = true;
            r.poolConvVersion = r.convVersion;
            r.poolParams = inputs.pool.params;
            r.poolPlan = *plan;
        }
    }
    // A pooled map of an earlier conv map would contradict the conv view: keep the last
    // valid pool only while it still belongs to the conv map on screen.
    if (!r.poolError.message.empty() && r.poolConvVersion != r.convVersion) r.hasPool = false;
    r.convInputs.pool = inputs.pool;
    r.convInputs.shift = inputs.shift;
    compareShifted(inputs, r, workspace);
    ++r.generation;
    r.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

namespace {

double workOf(const ComputeInputs& in) {
    const core::Weights& w = in.conv.weights;
    return static_cast<double>(in.input.height) * in.input.width * in.input.channels * w.outChannels * w.height *
           w.width;
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
        ComputeInputs inputs;
        std::uint64_t id = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_request; });
            if (m_stop) return;
            inputs = std::move(*m_request);
            id = m_requestId;
            m_request.reset();
        }
        recompute(inputs, m_workInputs ? &*m_workInputs : nullptr, m_work, m_workspace);
        m_workInputs = std::move(inputs);
        {
            std::lock_guard lock(m_mutex);
            if (m_request) continue;  // overtaken: the newer inputs are computed next
            m_ready = m_work;         // copy-assignment reuses m_ready's buffers
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
    if (!m_hasSubmitted || !(inputs == m_submitted)) {
        m_submitted = inputs;
        m_hasSubmitted = true;
        {
            std::lock_guard lock(m_mutex);
            m_request = inputs;
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
    if (!m_hasSubmitted) return false;
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_readyId == m_submittedId; });
    }
    const bool changed = takeReady();
    m_front.computing = m_frontId != m_submittedId;
    return changed;
}

}  // namespace convscope::gui
