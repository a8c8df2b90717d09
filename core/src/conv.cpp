#include "convscope/core/conv.hpp"

#include <algorithm>

#include "conv_band.hpp"
#include "convscope/core/errors.hpp"
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
    return engineError(ErrorId::UnknownPaddingMode, "padding-mode", {{"name", name}});
}

const char* paddingKindName(PaddingSpec::Kind kind) {
    switch (kind) {
        case PaddingSpec::Kind::Same: return "same";
        case PaddingSpec::Kind::Valid: return "valid";
        case PaddingSpec::Kind::SameUpper: return "same_upper";
        case PaddingSpec::Kind::SameLower: return "same_lower";
        case PaddingSpec::Kind::Explicit:
        case PaddingSpec::Kind::PerSide: return nullptr;
    }
    return nullptr;
}

AxisPadding sameAxisPadding(std::int64_t input, std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                            bool upper) {
    const std::int64_t outputs = (input + stride - 1) / stride;  // ceil(H/s)
    const std::int64_t total = std::max<std::int64_t>(0, (outputs - 1) * stride + dilation * (kernel - 1) + 1 - input);
    const std::int64_t half = total / 2;
    return upper ? AxisPadding{half, total - half} : AxisPadding{total - half, half};
}

namespace {

constexpr std::int64_t kMaxSamePadding = 1'000'000'000;

Result<Padding2D> resolveSameForAnyStride(bool upper, int kernelH, int kernelW, int dilationH, int dilationW,
                                          int strideH, int strideW, int inputH, int inputW) {
    if (kernelH < 1 || kernelW < 1 || dilationH < 1 || dilationW < 1)
        return engineError(ErrorId::SameNeedsKernel, "kernel", {});
    if (strideH < 1 || strideW < 1) {
        const bool h = strideH < 1;
        return engineError(
            ErrorId::ValueTooSmall, "stride",
            {{"name", "stride"}, {"axis", h ? "height" : "width"}, {"value", num(h ? strideH : strideW)}});
    }
    // The amounts depend on the input: an empty one has none to give (planConv names it).
    if (inputH < 1 || inputW < 1) return emptyInputError(1, inputH, inputW);
    const AxisPadding rows = sameAxisPadding(inputH, kernelH, strideH, dilationH, upper);
    const AxisPadding cols = sameAxisPadding(inputW, kernelW, strideW, dilationW, upper);
    if (rows.before + rows.after > kMaxSamePadding || cols.before + cols.after > kMaxSamePadding)
        return engineError(ErrorId::SameTooLarge, "padding", {});
    return Padding2D{static_cast<int>(rows.before), static_cast<int>(rows.after), static_cast<int>(cols.before),
                     static_cast<int>(cols.after)};
}

}  // namespace

Result<Padding2D> resolvePadding(const PaddingSpec& spec, int kernelH, int kernelW, int dilationH, int dilationW,
                                 int strideH, int strideW, int inputH, int inputW) {
    switch (spec.kind) {
        case PaddingSpec::Kind::Valid: return Padding2D{};
        case PaddingSpec::Kind::Explicit:
            if (spec.height < 0 || spec.width < 0)
                return engineError(ErrorId::PaddingNegative, "padding",
                                   {{"value", num(std::min(spec.height, spec.width))}});
            return Padding2D{spec.height, spec.height, spec.width, spec.width};
        case PaddingSpec::Kind::PerSide: {
            const Padding2D& p = spec.sides;
            const int least = std::min({p.top, p.bottom, p.left, p.right});
            if (least < 0) return engineError(ErrorId::PaddingNegative, "padding", {{"value", num(least)}});
            return p;
        }
        case PaddingSpec::Kind::Same: {
            if (strideH != 1 || strideW != 1)
                return engineError(ErrorId::SameNeedsStride1, "padding",
                                   {{"stride_h", num(strideH)}, {"stride_w", num(strideW)}});
            if (kernelH < 1 || kernelW < 1 || dilationH < 1 || dilationW < 1)
                return engineError(ErrorId::SameNeedsKernel, "kernel", {});
            // Total d·(k−1) per axis keeps the size; an odd total puts the extra unit last.
            const std::int64_t th = std::int64_t{dilationH} * (kernelH - 1);
            const std::int64_t tw = std::int64_t{dilationW} * (kernelW - 1);
            if (th > kMaxSamePadding || tw > kMaxSamePadding) return engineError(ErrorId::SameTooLarge, "padding", {});
            return Padding2D{static_cast<int>(th / 2), static_cast<int>(th - th / 2), static_cast<int>(tw / 2),
                             static_cast<int>(tw - tw / 2)};
        }
        case PaddingSpec::Kind::SameUpper:
        case PaddingSpec::Kind::SameLower:
            return resolveSameForAnyStride(spec.kind == PaddingSpec::Kind::SameUpper, kernelH, kernelW, dilationH,
                                           dilationW, strideH, strideW, inputH, inputW);
    }
    return Padding2D{};
}

Result<ConvParams> makeConvParams(int strideH, int strideW, const PaddingSpec& padding, int dilationH, int dilationW,
                                  PaddingMode mode, int kernelH, int kernelW, int groups, int inputH, int inputW) {
    auto resolved = resolvePadding(padding, kernelH, kernelW, dilationH, dilationW, strideH, strideW, inputH, inputW);
    if (!resolved) return resolved.error();
    ConvParams p;
    p.strideH = strideH;
    p.strideW = strideW;
    p.padding = *resolved;
    p.dilationH = dilationH;
    p.dilationW = dilationW;
    p.mode = mode;
    p.groups = groups;
    return p;
}

namespace {

Status checkModePadding(const AxisWindow& w, Axis axis, PaddingMode mode) {
    const std::int64_t pad = std::max(w.padBefore, w.padAfter);
    const std::string a = axisName(axis);
    if (mode == PaddingMode::Reflect && pad >= w.input)
        return engineError(ErrorId::ReflectPaddingTooLarge, "padding",
                           {{"axis", a}, {"pad", num(pad)}, {"input", num(w.input)}});
    if (mode == PaddingMode::Circular && pad > w.input)
        return engineError(ErrorId::CircularPaddingTooLarge, "padding",
                           {{"axis", a}, {"pad", num(pad)}, {"input", num(w.input)}});
    return Ok{};
}

}  // namespace

Result<ConvPlan> planConv(int inChannels, int inHeight, int inWidth, const Weights& weights,
                          const std::vector<float>* bias, const ConvParams& params) {
    if (inChannels < 1 || inHeight < 1 || inWidth < 1) return emptyInputError(inChannels, inHeight, inWidth);
    if (weights.outChannels < 1 || weights.inChannels < 1)
        return engineError(ErrorId::KernelNoFilters, "kernel",
                           {{"out_channels", num(weights.outChannels)}, {"in_channels", num(weights.inChannels)}});
    if (params.groups < 1) return engineError(ErrorId::GroupsNotPositive, "groups", {{"groups", num(params.groups)}});
    if (params.groups == 1 && weights.inChannels != inChannels)
        return engineError(ErrorId::KernelChannelMismatch, "kernel",
                           {{"kernel_channels", num(weights.inChannels)}, {"channels", num(inChannels)}});
    // PyTorch's two checks for groups, in its order: the filters split evenly into the
    // groups, and each group's kernel slices match its share of the input channels.
    if (params.groups > 1 && weights.outChannels % params.groups != 0)
        return engineError(ErrorId::GroupsFilters, "groups",
                           {{"groups", num(params.groups)}, {"filters", num(weights.outChannels)}});
    if (params.groups > 1 && std::int64_t{weights.inChannels} * params.groups != inChannels)
        return engineError(ErrorId::GroupsChannels, "groups",
                           {{"groups", num(params.groups)},
                            {"kernel_channels", num(weights.inChannels)},
                            {"expected", num(std::int64_t{weights.inChannels} * params.groups)},
                            {"channels", num(inChannels)}});
    if (bias && !bias->empty() && static_cast<int>(bias->size()) != weights.outChannels)
        return engineError(
            ErrorId::BiasSizeMismatch, "bias",
            {{"bias_values", num(static_cast<std::int64_t>(bias->size()))}, {"filters", num(weights.outChannels)}});

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
        productExceedsLimit({plan.rows.paddedInput(), plan.cols.paddedInput(), inChannels}) ||
        productExceedsLimit({weights.outChannels, weights.inChannels, weights.height, weights.width}))
        return engineError(ErrorId::ConvOutputTooLarge, "output",
                           {{"channels", num(weights.outChannels)},
                            {"height", num(*oh)},
                            {"width", num(*ow)},
                            {"padded_height", num(plan.rows.paddedInput())},
                            {"padded_width", num(plan.cols.paddedInput())},
                            {"limit", num(kMaxValues)}});
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

std::int64_t windowSource(const AxisWindow& w, std::int64_t t, PaddingMode mode) {
    if (w.upsample == 1) return sourceIndex(t, w.input, mode);
    if (t < 0 || t % w.upsample != 0 || t / w.upsample >= w.input) return -1;
    return t / w.upsample;
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
    parallelFor(schedule.bandCount() * params.groups, schedule.layout.workers,
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
