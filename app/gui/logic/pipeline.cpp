#include "pipeline.hpp"

#include <chrono>

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
    core::ConvParams p;
    p.strideH = s.strideH;
    p.strideW = s.strideW;
    p.dilationH = s.dilationH;
    p.dilationW = s.dilationW;
    p.mode = s.mode;
    auto padding = core::resolvePadding(s.padding, s.weights.height, s.weights.width, s.dilationH, s.dilationW,
                                        s.strideH, s.strideW);
    if (!padding) return padding.error();
    p.padding = *padding;
    return p;
}

}  // namespace

bool Pipeline::update(const ComputeInputs& inputs) {
    if (m_applied && inputs == m_last) return false;
    const auto start = std::chrono::steady_clock::now();
    const bool convChanged = !m_applied || inputs.input != m_last.input || inputs.conv != m_last.conv;
    m_last = inputs;
    m_applied = true;
    PipelineResult& r = m_result;

    if (convChanged) {
        auto params = convParamsOf(inputs.conv);
        auto plan = params ? core::planConv(inputs.input.channels, inputs.input.height, inputs.input.width,
                                            inputs.conv.weights, &inputs.conv.bias, *params)
                           : core::Result<core::ConvPlan>(params.error());
        if (!plan) {
            r.convError = plan.error().message;
        } else {
            auto s =
                core::conv2dInto(inputs.input, inputs.conv.weights, inputs.conv.bias, *params, r.conv, m_workspace);
            if (!s) {
                r.convError = s.error().message;
            } else {
                r.convError.clear();
                r.hasConv = true;
                ++r.convVersion;
                r.convInputs = inputs;
                r.convParams = *params;
                r.convPlan = *plan;
                materialisePadding(inputs.input, *plan, params->mode, r.padded);
            }
        }
    }

    // Pooling runs over the conv map on screen (the last valid one).
    r.poolError.clear();
    if (!inputs.pool.enabled) {
        r.hasPool = false;
    } else if (r.hasConv) {
        auto plan = core::planPool(r.conv.channels, r.conv.height, r.conv.width, inputs.pool.params);
        if (!plan) {
            r.poolError = plan.error().message;
        } else if (auto s = core::pool2dInto(r.conv, inputs.pool.params, r.pool); !s) {
            r.poolError = s.error().message;
        } else {
            r.hasPool = true;
            r.poolConvVersion = r.convVersion;
            r.poolParams = inputs.pool.params;
            r.poolPlan = *plan;
        }
    }
    // A pooled map of an earlier conv map would contradict the conv view: keep the last
    // valid pool only while it still belongs to the conv map on screen.
    if (!r.poolError.empty() && r.poolConvVersion != r.convVersion) r.hasPool = false;
    r.convInputs.pool = inputs.pool;
    ++r.generation;
    r.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return true;
}

}  // namespace convscope::gui
