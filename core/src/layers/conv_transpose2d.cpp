#include "convscope/core/layers/conv_transpose2d.hpp"

#include <algorithm>

#include "convscope/core/errors.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/text.hpp"
#include "convscope/core/trace.hpp"

namespace convscope::core {

AxisWindow transposedWindow(std::int64_t input, std::int64_t kernel, std::int64_t stride, std::int64_t padding,
                            std::int64_t outputPadding, std::int64_t dilation) {
    AxisWindow w;
    w.input = input;
    w.kernel = kernel;
    w.stride = 1;
    w.dilation = dilation;
    w.upsample = stride;
    w.padBefore = dilation * (kernel - 1) - padding;
    w.padAfter = w.padBefore + outputPadding;
    w.transposed = true;
    return w;
}

AxisWindow gradientWindow(const AxisWindow& conv) {
    // The conv's output o stamps onto its input cells o·s − pad_before + j·d: a transposed conv
    // of stride s and padding pad_before, grown at the end until it has the conv's input size.
    const std::int64_t outputs = countWindows(conv);
    AxisWindow w = transposedWindow(outputs, conv.kernel, conv.stride, conv.padBefore, 0, conv.dilation);
    w.padAfter = conv.input - 1 - (outputs - 1) * conv.stride + conv.padBefore;
    return w;
}

namespace {

Status checkAxis(const ConvTranspose2d& layer, Axis axis) {
    const bool h = axis == Axis::Height;
    const std::string a = axisName(axis);
    auto tooSmall = [&](const std::string& name, std::int64_t value) {
        return engineError(ErrorId::ValueTooSmall, name, {{"name", name}, {"axis", a}, {"value", num(value)}});
    };
    const int kernel = h ? layer.weights.height : layer.weights.width;
    const Hw& s = layer.stride;
    const Hw& p = layer.padding;
    const Hw& op = layer.outputPadding;
    const Hw& d = layer.dilation;
    if (kernel < 1) return tooSmall("kernel", kernel);
    if ((h ? s.h : s.w) < 1) return tooSmall("stride", h ? s.h : s.w);
    if ((h ? p.h : p.w) < 0)
        return engineError(ErrorId::PaddingNegativeAxis, "padding", {{"axis", a}, {"value", num(h ? p.h : p.w)}});
    if ((h ? d.h : d.w) < 1) return tooSmall("dilation", h ? d.h : d.w);
    if ((h ? op.h : op.w) < 0)
        return engineError(ErrorId::OutputPaddingNegative, "output_padding",
                           {{"axis", a}, {"value", num(h ? op.h : op.w)}});
    return Ok{};
}

Status checkOutputPadding(const AxisWindow& w, Axis axis) {
    const std::int64_t op = transposedOutputPadding(w);
    if (op < w.upsample || op < w.dilation) return Ok{};
    return engineError(ErrorId::OutputPaddingTooLarge, "output_padding",
                       {{"axis", axisName(axis)},
                        {"output_padding", num(op)},
                        {"stride", num(w.upsample)},
                        {"dilation", num(w.dilation)},
                        {"formula", outputSizeFormula(w)},
                        {"size", num(countWindows(w))}});
}

// The rules every call must meet, whoever made the windows: shapes that fit together and an
// output of at least one cell within the size limit. Returns the output's shape.
Result<Shape> checkCall(int channels, int height, int width, const Weights& weights, const std::vector<float>& bias,
                        const AxisWindow& rows, const AxisWindow& cols, int groups) {
    if (channels < 1 || height < 1 || width < 1) return emptyInputError(channels, height, width);
    if (weights.outChannels < 1 || weights.inChannels < 1)
        return engineError(ErrorId::KernelNoFilters, "kernel",
                           {{"out_channels", num(std::int64_t{weights.inChannels} * std::max(groups, 1))},
                            {"in_channels", num(weights.outChannels)}});
    if (groups < 1) return engineError(ErrorId::GroupsNotPositive, "groups", {{"groups", num(groups)}});
    if (weights.outChannels % groups != 0)
        return engineError(ErrorId::GroupsInputChannels, "groups",
                           {{"groups", num(groups)}, {"channels", num(weights.outChannels)}});
    if (weights.outChannels != channels)
        return engineError(ErrorId::KernelChannelMismatch, "kernel",
                           {{"kernel_channels", num(weights.outChannels)}, {"channels", num(channels)}});
    const std::int64_t outChannels = std::int64_t{weights.inChannels} * groups;
    if (!bias.empty() && static_cast<std::int64_t>(bias.size()) != outChannels)
        return engineError(
            ErrorId::BiasSizeMismatch, "bias",
            {{"bias_values", num(static_cast<std::int64_t>(bias.size()))}, {"filters", num(outChannels)}});
    auto oh = outputSize(rows, Axis::Height);
    if (!oh) return oh.error();
    auto ow = outputSize(cols, Axis::Width);
    if (!ow) return ow.error();
    if (productExceedsLimit({*oh, *ow, outChannels}) || productExceedsLimit({rows.paddedInput(), cols.paddedInput()}) ||
        productExceedsLimit({outChannels, weights.outChannels, weights.height, weights.width}))
        return engineError(ErrorId::ConvOutputTooLarge, "output",
                           {{"channels", num(outChannels)},
                            {"height", num(*oh)},
                            {"width", num(*ow)},
                            {"padded_height", num(rows.paddedInput())},
                            {"padded_width", num(cols.paddedInput())},
                            {"limit", num(kMaxValues)}});
    return Shape{static_cast<int>(outChannels), static_cast<int>(*oh), static_cast<int>(*ow)};
}

AxisWindow layerWindow(const ConvTranspose2d& layer, Axis axis, int input) {
    const bool h = axis == Axis::Height;
    return transposedWindow(input, h ? layer.weights.height : layer.weights.width, h ? layer.stride.h : layer.stride.w,
                            h ? layer.padding.h : layer.padding.w, h ? layer.outputPadding.h : layer.outputPadding.w,
                            h ? layer.dilation.h : layer.dilation.w);
}

std::string pair(const Hw& v) {
    return "(" + num(v.h) + ", " + num(v.w) + ")";
}

// Along one axis: the output cells come in `upsample` phases (x − pad_before mod s); in each,
// the taps that land are fixed and read consecutive input cells, so a phase is a short
// stride-1 correlation: acc[q] += w · in[q0 + q + offset]. These are the taps of phase r.
struct PhaseTap {
    int tap;              // kernel index (already flipped: the PyTorch tap m or n)
    std::int64_t offset;  // input index = Q + offset, Q the phase's cell number
};

std::vector<PhaseTap> phaseTaps(const AxisWindow& w, std::int64_t r) {
    std::vector<PhaseTap> taps;
    for (std::int64_t j = 0; j < w.kernel; ++j)
        if ((r + j * w.dilation) % w.upsample == 0)
            taps.push_back({static_cast<int>(w.kernel - 1 - j), (r + j * w.dilation) / w.upsample});
    return taps;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

}  // namespace

Result<LayerPlan> planLayer(const ConvTranspose2d& layer, const Shape& in) {
    if (in.channels < 1 || in.height < 1 || in.width < 1) return emptyInputError(in.channels, in.height, in.width);
    if (auto s = checkAxis(layer, Axis::Height); !s) return s.error();
    if (auto s = checkAxis(layer, Axis::Width); !s) return s.error();
    if (layer.groups < 1) return engineError(ErrorId::GroupsNotPositive, "groups", {{"groups", num(layer.groups)}});
    const AxisWindow rows = layerWindow(layer, Axis::Height, in.height);
    const AxisWindow cols = layerWindow(layer, Axis::Width, in.width);
    if (auto s = checkOutputPadding(rows, Axis::Height); !s) return s.error();
    if (auto s = checkOutputPadding(cols, Axis::Width); !s) return s.error();
    auto out = checkCall(in.channels, in.height, in.width, layer.weights, layer.bias, rows, cols, layer.groups);
    if (!out) return out.error();

    LayerPlan p;
    p.in = in;
    p.out = *out;
    p.windows = {rows, cols, PaddingMode::Zeros, false};
    const Weights& k = layer.weights;
    // Every input value meets every tap of its group's OC/groups kernels once.
    p.cost.parameters = static_cast<std::int64_t>(k.data.size()) + static_cast<std::int64_t>(layer.bias.size());
    p.cost.multiplyAdds = std::int64_t{in.height} * in.width * in.channels * k.inChannels * k.height * k.width;
    return p;
}

Status runLayer(const ConvTranspose2d& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace) {
    out.indices.clear();
    return convTranspose2dInto(in, layer.weights, layer.bias, plan.windows.rows, plan.windows.cols, layer.groups,
                               out.values, workspace.convTranspose);
}

Status backwardLayer(const ConvTranspose2d& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput&,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace) {
    TransposedConv geometry;
    geometry.strideH = layer.stride.h;
    geometry.strideW = layer.stride.w;
    geometry.padTop = layer.padding.h;
    geometry.padLeft = layer.padding.w;
    geometry.dilationH = layer.dilation.h;
    geometry.dilationW = layer.dilation.w;
    geometry.groups = layer.groups;
    geometry.outHeight = plan.out.height;
    geometry.outWidth = plan.out.width;
    return convTranspose2dBackwardInto(in, layer.weights, layer.bias, geometry, gradOut, grad.input, grad.weight,
                                       grad.bias, workspace.conv);
}

Status convTranspose2dInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                           const AxisWindow& rowWindow, const AxisWindow& colWindow, int groups, Tensor& out,
                           ConvTransposeWorkspace& workspace) {
    // The sizes come from the input and the kernel, whatever the windows say.
    AxisWindow rows = rowWindow;
    AxisWindow cols = colWindow;
    rows.input = input.height;
    cols.input = input.width;
    rows.kernel = weights.height;
    cols.kernel = weights.width;
    rows.stride = cols.stride = 1;
    auto shape = checkCall(input.channels, input.height, input.width, weights, bias, rows, cols, groups);
    if (!shape) return shape.error();
    out.reshape(shape->channels, shape->height, shape->width);

    const int perGroupIn = weights.outChannels / groups;
    const int perGroupOut = weights.inChannels;
    const int OH = shape->height;
    const int OW = shape->width;
    const int W = input.width;
    const std::int64_t su = cols.upsample;
    const int phases = static_cast<int>(std::min<std::int64_t>(su, OW));
    const std::int64_t phaseLen = (OW + su - 1) / su;

    // The column taps of each phase, and where each phase starts: output x is in phase
    // r = (x − pad_before) mod s, its cell number Q = floor((x − pad_before)/s).
    std::vector<std::vector<PhaseTap>> colTaps(static_cast<std::size_t>(phases));
    std::vector<std::int64_t> firstX(static_cast<std::size_t>(phases));
    for (int x = 0; x < phases; ++x) {
        const std::int64_t r = ((x - cols.padBefore) % su + su) % su;
        colTaps[static_cast<std::size_t>(x)] = phaseTaps(cols, r);
        firstX[static_cast<std::size_t>(x)] = x;
    }

    const double work = static_cast<double>(input.size()) * perGroupOut * weights.height * weights.width;
    const int threads = threadsFor(work);
    const int bandRows = std::max(1, OH / std::max(1, threads * 8));
    const int bands = (OH + bandRows - 1) / bandRows;
    const int workers = std::min(threads, bands * groups);
    const std::size_t accFloats = static_cast<std::size_t>(perGroupOut) * static_cast<std::size_t>(phaseLen);
    if (workspace.rows.size() < accFloats * static_cast<std::size_t>(workers))
        workspace.rows.resize(accFloats * static_cast<std::size_t>(workers));

    parallelFor(bands * groups, workers, [&](int task, int worker) {
        const int g = task / bands;
        const int y0 = (task % bands) * bandRows;
        const int y1 = std::min(OH, y0 + bandRows);
        float* acc = workspace.rows.data() + accFloats * static_cast<std::size_t>(worker);
        struct RowTap {
            int m;
            int row;
        };
        std::vector<RowTap> rowTaps;
        rowTaps.reserve(static_cast<std::size_t>(weights.height));
        for (int y = y0; y < y1; ++y) {
            rowTaps.clear();
            for (std::int64_t j = 0; j < rows.kernel; ++j) {
                const std::int64_t t = tapIndex(rows, y, j);
                const std::int64_t i = windowSource(rows, t, PaddingMode::Zeros);
                if (i >= 0) rowTaps.push_back({static_cast<int>(rows.kernel - 1 - j), static_cast<int>(i)});
            }
            for (int ph = 0; ph < phases; ++ph) {
                const std::int64_t x0 = firstX[static_cast<std::size_t>(ph)];
                const std::int64_t count = (OW - x0 + su - 1) / su;
                const std::int64_t q0 = floorDiv(x0 - cols.padBefore, su);
                for (int o = 0; o < perGroupOut; ++o) {
                    const float b = bias.empty() ? 0.0f : bias[static_cast<std::size_t>(g * perGroupOut + o)];
                    std::fill(acc + o * phaseLen, acc + o * phaseLen + count, b);
                }
                for (int c = 0; c < perGroupIn; ++c) {
                    const int channel = g * perGroupIn + c;
                    for (const RowTap& rt : rowTaps) {
                        const float* in = input.plane(channel) + static_cast<std::size_t>(rt.row) * W;
                        for (const PhaseTap& ct : colTaps[static_cast<std::size_t>(ph)]) {
                            // Cells q whose input index q0 + q + offset lies inside the row.
                            const std::int64_t base = q0 + ct.offset;
                            const std::int64_t qa = std::max<std::int64_t>(0, -base);
                            const std::int64_t qb = std::min<std::int64_t>(count, W - base);
                            if (qa >= qb) continue;
                            const float* src = in + base;
                            for (int o = 0; o < perGroupOut; ++o) {
                                const float wv = weights.at(channel, o, rt.m, ct.tap);
                                float* a = acc + o * phaseLen;
                                for (std::int64_t q = qa; q < qb; ++q) a[q] += wv * src[q];
                            }
                        }
                    }
                }
                for (int o = 0; o < perGroupOut; ++o) {
                    float* dst = out.plane(g * perGroupOut + o) + static_cast<std::size_t>(y) * OW + x0;
                    const float* a = acc + o * phaseLen;
                    if (su == 1) {
                        std::copy(a, a + count, dst);
                    } else {
                        for (std::int64_t q = 0; q < count; ++q) dst[q * su] = a[q];
                    }
                }
            }
        }
    });
    return Ok{};
}

Result<Tensor> convTranspose2d(const Tensor& input, const ConvTranspose2d& layer) {
    auto plan = planLayer(layer, shapeOf(input));
    if (!plan) return plan.error();
    Tensor out;
    ConvTransposeWorkspace workspace;
    if (auto s = convTranspose2dInto(input, layer.weights, layer.bias, plan->windows.rows, plan->windows.cols,
                                     layer.groups, out, workspace);
        !s)
        return s.error();
    return out;
}

Result<ConvTransposeTrace> traceConvTranspose(const Tensor& input, const ConvTranspose2d& layer, int outChannel,
                                              int outRow, int outCol) {
    auto plan = planLayer(layer, shapeOf(input));
    if (!plan) return plan.error();
    const Shape& out = plan->out;
    if (outChannel < 0 || outChannel >= out.channels)
        return engineError(
            ErrorId::ChannelOutside, "channel",
            {{"channel", num(outChannel)}, {"channels", num(out.channels)}, {"last", num(out.channels - 1)}});
    if (outRow < 0 || outRow >= out.height || outCol < 0 || outCol >= out.width)
        return engineError(ErrorId::PositionOutside, "at",
                           {{"row", num(outRow)},
                            {"col", num(outCol)},
                            {"height", num(out.height)},
                            {"width", num(out.width)},
                            {"last_row", num(out.height - 1)},
                            {"last_col", num(out.width - 1)}});
    const Weights& k = layer.weights;
    const std::int64_t taps = std::int64_t{k.outChannels / layer.groups} * k.height * k.width;
    if (taps > kMaxTraceTaps)
        return engineError(ErrorId::TraceTooLarge, "kernel",
                           {{"what", "kernel"}, {"taps", num(taps)}, {"limit", num(kMaxTraceTaps)}});
    const AxisWindow& rows = plan->windows.rows;
    const AxisWindow& cols = plan->windows.cols;
    const int perGroupIn = k.outChannels / layer.groups;
    const int group = outChannel / k.inChannels;

    ConvTransposeTrace t;
    t.outChannel = outChannel;
    t.outRow = outRow;
    t.outCol = outCol;
    t.hasBias = !layer.bias.empty();
    t.bias = t.hasBias ? layer.bias[static_cast<std::size_t>(outChannel)] : 0.0f;
    double sum = 0.0;
    for (int c = group * perGroupIn; c < (group + 1) * perGroupIn; ++c)
        for (int m = 0; m < k.height; ++m) {
            // Kernel tap m is the equivalent convolution's flipped tap k − 1 − m.
            const std::int64_t i = windowSource(rows, tapIndex(rows, outRow, k.height - 1 - m), PaddingMode::Zeros);
            if (i < 0) continue;
            for (int n = 0; n < k.width; ++n) {
                const std::int64_t j = windowSource(cols, tapIndex(cols, outCol, k.width - 1 - n), PaddingMode::Zeros);
                if (j < 0) continue;
                ConvTransposeTerm term;
                term.channel = c;
                term.inputRow = static_cast<int>(i);
                term.inputCol = static_cast<int>(j);
                term.m = m;
                term.n = n;
                term.input = input.at(c, term.inputRow, term.inputCol);
                term.weight = k.at(c, outChannel % k.inChannels, m, n);
                term.product = term.input * term.weight;
                sum += static_cast<double>(term.product);
                t.terms.push_back(term);
            }
        }
    t.sum = static_cast<float>(sum + static_cast<double>(t.bias));
    return t;
}

std::string layerLabel(const ConvTranspose2d& layer) {
    const Weights& k = layer.weights;
    std::string label = "convT " + shapeText(layer.outChannels(), k.height, k.width);
    if (layer.stride.h == layer.stride.w)
        label += "/" + num(layer.stride.h);
    else
        label += "/" + num(layer.stride.h) + "," + num(layer.stride.w);
    if (layer.groups > 1) label += " g" + num(layer.groups);
    return label;
}

std::string pytorchModule(const ConvTranspose2d& layer, const Shape& in) {
    const Weights& k = layer.weights;
    return "nn.ConvTranspose2d(" + num(in.channels) + ", " + num(layer.outChannels()) +
           ", kernel_size=" + pair({k.height, k.width}) + ", stride=" + pair(layer.stride) +
           ", padding=" + pair(layer.padding) + ", output_padding=" + pair(layer.outputPadding) +
           ", groups=" + num(layer.groups) + ", bias=" + (layer.bias.empty() ? "False" : "True") +
           ", dilation=" + pair(layer.dilation) + ")";
}

}  // namespace convscope::core
