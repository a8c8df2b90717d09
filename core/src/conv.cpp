#include "convscope/core/conv.hpp"

#include <algorithm>

#include "conv_band.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

const char* paddingModeName(PaddingMode mode) {
    switch (mode) {
        case PaddingMode::Zeros: return "zeros";
        case PaddingMode::Reflect: return "reflect";
        case PaddingMode::Replicate: return "replicate";
        case PaddingMode::Circular: return "circular";
    }
    return "zeros";
}

Result<PaddingMode> parsePaddingMode(const std::string& name) {
    for (PaddingMode m : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular})
        if (name == paddingModeName(m)) return m;
    return makeError("padding-mode", "padding mode '" + name + "' is not one of zeros, reflect, replicate, circular");
}

Result<Padding2D> resolvePadding(const PaddingSpec& spec, int kernelH, int kernelW, int dilationH, int dilationW,
                                 int strideH, int strideW) {
    switch (spec.kind) {
        case PaddingSpec::Kind::Valid: return Padding2D{};
        case PaddingSpec::Kind::Explicit:
            if (spec.height < 0 || spec.width < 0)
                return makeError("padding",
                                 "padding must not be negative (got " + num(std::min(spec.height, spec.width)) + ")");
            return Padding2D{spec.height, spec.height, spec.width, spec.width};
        case PaddingSpec::Kind::Same: {
            if (strideH != 1 || strideW != 1)
                return makeError("padding", "padding 'same' needs stride 1 (got stride " + num(strideH) + "," +
                                                num(strideW) +
                                                "): with a larger stride no padding keeps the output the input's size");
            if (kernelH < 1 || kernelW < 1 || dilationH < 1 || dilationW < 1)
                return makeError("kernel", "padding 'same' needs a kernel and dilation of at least 1");
            // Total d·(k−1) per axis keeps the size; an odd total puts the extra unit last.
            const std::int64_t th = std::int64_t{dilationH} * (kernelH - 1);
            const std::int64_t tw = std::int64_t{dilationW} * (kernelW - 1);
            if (th > 1'000'000'000 || tw > 1'000'000'000)
                return makeError("padding", "padding 'same' would need more than 10^9 cells of padding");
            return Padding2D{static_cast<int>(th / 2), static_cast<int>(th - th / 2), static_cast<int>(tw / 2),
                             static_cast<int>(tw - tw / 2)};
        }
    }
    return Padding2D{};
}

Result<ConvParams> makeConvParams(int strideH, int strideW, const PaddingSpec& padding, int dilationH, int dilationW,
                                  PaddingMode mode, int kernelH, int kernelW) {
    auto resolved = resolvePadding(padding, kernelH, kernelW, dilationH, dilationW, strideH, strideW);
    if (!resolved) return resolved.error();
    ConvParams p;
    p.strideH = strideH;
    p.strideW = strideW;
    p.padding = *resolved;
    p.dilationH = dilationH;
    p.dilationW = dilationW;
    p.mode = mode;
    return p;
}

namespace {

Status checkModePadding(const AxisWindow& w, Axis axis, PaddingMode mode) {
    const std::int64_t pad = std::max(w.padBefore, w.padAfter);
    const std::string a = axisName(axis);
    if (mode == PaddingMode::Reflect && pad >= w.input)
        return makeError("padding", "reflect padding " + a + " (" + num(pad) + ") must be smaller than the input " + a +
                                        " (" + num(w.input) + "): a mirror image cannot reach past the opposite edge");
    if (mode == PaddingMode::Circular && pad > w.input)
        return makeError("padding", "circular padding " + a + " (" + num(pad) + ") must not exceed the input " + a +
                                        " (" + num(w.input) + "): the input would wrap around more than once");
    return Ok{};
}

}  // namespace

Result<ConvPlan> planConv(int inChannels, int inHeight, int inWidth, const Weights& weights,
                          const std::vector<float>* bias, const ConvParams& params) {
    if (inChannels < 1 || inHeight < 1 || inWidth < 1)
        return makeError("input",
                         "the input is empty (" + num(inChannels) + "×" + num(inHeight) + "×" + num(inWidth) + ")");
    if (weights.outChannels < 1 || weights.inChannels < 1)
        return makeError("kernel", "the kernel has no filters (" + num(weights.outChannels) + "×" +
                                       num(weights.inChannels) + " channels)");
    if (weights.inChannels != inChannels)
        return makeError("kernel", "the kernel expects " + num(weights.inChannels) +
                                       " input channel(s) but the input has " + num(inChannels));
    if (bias && !bias->empty() && static_cast<int>(bias->size()) != weights.outChannels)
        return makeError("bias", "the bias has " + num(static_cast<std::int64_t>(bias->size())) +
                                     " value(s) but the kernel has " + num(weights.outChannels) + " filter(s)");

    ConvPlan plan;
    plan.rows = {inHeight,         weights.height, params.strideH, params.padding.top, params.padding.bottom,
                 params.dilationH, false};
    plan.cols = {inWidth,          weights.width, params.strideW, params.padding.left, params.padding.right,
                 params.dilationW, false};
    auto oh = outputSize(plan.rows, Axis::Height);
    if (!oh) return oh.error();
    auto ow = outputSize(plan.cols, Axis::Width);
    if (!ow) return ow.error();
    if (auto s = checkModePadding(plan.rows, Axis::Height, params.mode); !s) return s.error();
    if (auto s = checkModePadding(plan.cols, Axis::Width, params.mode); !s) return s.error();

    if (productExceedsLimit({*oh, *ow, weights.outChannels}) ||
        productExceedsLimit({plan.rows.paddedInput(), plan.cols.paddedInput(), inChannels}))
        return makeError("output", "the output would be " + num(weights.outChannels) + "×" + num(*oh) + "×" + num(*ow) +
                                       " values (padded input " + num(plan.rows.paddedInput()) + "×" +
                                       num(plan.cols.paddedInput()) + "), more than the limit of " + num(kMaxValues));
    plan.outChannels = weights.outChannels;
    plan.outHeight = static_cast<int>(*oh);
    plan.outWidth = static_cast<int>(*ow);
    return plan;
}

std::int64_t sourceIndex(std::int64_t i, std::int64_t size, PaddingMode mode) {
    if (i >= 0 && i < size) return i;
    switch (mode) {
        case PaddingMode::Zeros: return -1;
        case PaddingMode::Reflect: return i < 0 ? -i : 2 * (size - 1) - i;  // mirror, edge not repeated
        case PaddingMode::Replicate: return i < 0 ? 0 : size - 1;
        case PaddingMode::Circular: return ((i % size) + size) % size;
    }
    return -1;
}

Status conv2dInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias, const ConvParams& params,
                  Tensor& out, ConvWorkspace& workspace) {
    auto planned = planConv(input.channels, input.height, input.width, weights, &bias, params);
    if (!planned) return planned.error();
    out.reshape(planned->outChannels, planned->outHeight, planned->outWidth);

    const detail::ConvCall call{input, weights, bias, params, *planned};
    const double work = static_cast<double>(out.size()) * static_cast<double>(weights.data.size() / out.channels) +
                        static_cast<double>(input.size());
    const detail::ConvSchedule schedule = detail::scheduleConv(call, threadsFor(work));
    detail::prepareWorkspace(call, schedule, workspace);
    parallelFor(schedule.bandCount(), schedule.layout.workers,
                [&](int band, int worker) { detail::runBand(call, schedule, workspace, band, worker, out); });
    return Ok{};
}

Result<Tensor> conv2d(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                      const ConvParams& params) {
    Tensor out;
    ConvWorkspace workspace;
    if (auto s = conv2dInto(input, weights, bias, params, out, workspace); !s) return s.error();
    return out;
}

}  // namespace convscope::core
