#include "convscope/core/conv.hpp"

#include <algorithm>
#include <array>

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

namespace {

// Output rows in bands of at most `per` rows, within up to three segments [edges[i],
// edges[i+1]): with the direct path the rows whose windows leave the input vertically
// (top, bottom) form their own bands, read only from the buffer.
struct Bands {
    int edges[4] = {0, 0, 0, 0};
    int per = 1;

    int inSegment(int s) const { return (edges[s + 1] - edges[s] + per - 1) / per; }
    int count() const { return inSegment(0) + inSegment(1) + inSegment(2); }
    // Band i as {segment, first row, rows}.
    std::array<int, 3> band(int i) const {
        int s = 0;
        while (i >= inSegment(s)) i -= inSegment(s++);
        const int y0 = edges[s] + i * per;
        return {s, y0, std::min(per, edges[s + 1] - y0)};
    }
};

// The buffer columns the direct path's edges read assume vectors of up to 16 floats.
constexpr int kDirectVector = 16;

}  // namespace

Status conv2dInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias, const ConvParams& params,
                  Tensor& out, ConvWorkspace& workspace) {
    auto planned = planConv(input.channels, input.height, input.width, weights, &bias, params);
    if (!planned) return planned.error();
    const ConvPlan& plan = *planned;
    out.reshape(plan.outChannels, plan.outHeight, plan.outWidth);

    const detail::BandLayout layout = detail::layoutBands(plan, input.channels, params, threadCount());
    const std::size_t perWorker = layout.bufferFloats();
    workspace.padded.resize(perWorker * static_cast<std::size_t>(layout.workers));
    detail::columnSources(plan, layout, params.mode, workspace.columnSource);
    detail::tapOffsets(plan, layout, params, weights.height, weights.width, workspace.taps);

    // The register-blocked kernels: square kernels of the sizes people use, vertical dilation
    // 1, vertical stride 1 or 2.
    const int k = weights.height;
    const bool square = weights.width == k && (k == 3 || k == 5 || k == 7 || k == 11) && params.dilationH == 1 &&
                        (params.strideH == 1 || params.strideH == 2);
    // The direct path: with horizontal stride 1 the cells of windows inside the input are
    // read where they are; only the edges are copied.
    const std::int64_t padTop = plan.rows.padBefore, padLeft = plan.cols.padBefore;
    const std::int64_t sh = params.strideH;
    const std::int64_t yIn0 = std::min<std::int64_t>(plan.outHeight, (padTop + sh - 1) / sh);
    const std::int64_t yIn1 = std::clamp<std::int64_t>((input.height - k + padTop) / sh + 1, yIn0, plan.outHeight);
    const std::int64_t xIn0 = std::min<std::int64_t>(plan.outWidth, padLeft);
    const std::int64_t lastX = input.width - 1 - std::int64_t{k - 1} * params.dilationW + padLeft;
    const std::int64_t xIn1 = std::clamp<std::int64_t>(lastX + 1, xIn0, plan.outWidth);
    // Direct columns in whole vectors from a vector boundary, so that with the buffer's
    // one-vector edges every output is computed once (the last edge vector may overlap).
    const std::int64_t directStart = (xIn0 + kDirectVector - 1) / kDirectVector * kDirectVector;
    const int directX0 = static_cast<int>(std::min(directStart, xIn1));
    const int directX1 = static_cast<int>(directX0 + (xIn1 - directX0) / kDirectVector * kDirectVector);
    const bool direct = square && params.strideW == 1 && input.height >= k && yIn1 > yIn0 && directX1 > directX0 &&
                        plan.outWidth >= kDirectVector;

    Bands bands;
    bands.per = layout.rowsPerBand;
    bands.edges[1] = direct ? static_cast<int>(yIn0) : 0;
    bands.edges[2] = direct ? static_cast<int>(yIn1) : 0;
    bands.edges[3] = plan.outHeight;
    detail::BandColumns edgesOnly;
    edgesOnly.leftEnd = directX0 + (k - 1) * params.dilationW;
    edgesOnly.rightStart = std::min(directX1, plan.outWidth - kDirectVector);

    parallelFor(bands.count(), layout.workers, [&](int index, int worker) {
        const auto [segment, y0, rows] = bands.band(index);
        const bool directBand = direct && segment == 1;
        float* buffer = workspace.padded.data() + perWorker * static_cast<std::size_t>(worker);
        detail::fillBand(input, plan, params.mode, layout, workspace.columnSource.data(), y0, rows,
                         directBand ? edgesOnly : detail::BandColumns{}, buffer);
        detail::ConvBand job;
        job.buffer = buffer;
        job.rowStep = static_cast<std::ptrdiff_t>(params.strideH) * layout.rowStride;
        job.taps = workspace.taps.data();
        job.tapCount = static_cast<int>(workspace.taps.size());
        job.kernel = square ? k : 0;
        job.strideH = params.strideH;
        job.inChannels = input.channels;
        job.rowStride = layout.rowStride;
        job.channelStride = static_cast<std::ptrdiff_t>(layout.bufferRows) * layout.rowStride;
        if (directBand) {
            job.direct = input.plane(0) + (y0 * sh - padTop) * input.width + (directX0 - padLeft);
            job.directRowStep = sh * input.width;
            job.directRowStride = input.width;
            job.directChannelStride = static_cast<std::ptrdiff_t>(input.planeSize());
            job.directX0 = directX0;
            job.directX1 = directX1;
        }
        job.weights = weights.data.data();
        job.bias = bias.empty() ? nullptr : bias.data();
        job.out = out.plane(0) + static_cast<std::size_t>(y0) * static_cast<std::size_t>(plan.outWidth);
        job.outPlane = static_cast<std::ptrdiff_t>(out.planeSize());
        job.outChannels = plan.outChannels;
        job.rows = rows;
        job.width = plan.outWidth;
        detail::convBand(job);
    });
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
