#include "convscope/core/conv_backward.hpp"

#include <algorithm>

#include "conv_backward_kernels.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

void reshapeWeights(Weights& w, int oc, int c, int kh, int kw) {
    w.outChannels = oc;
    w.inChannels = c;
    w.height = kh;
    w.width = kw;
    w.data.resize(static_cast<std::size_t>(oc) * static_cast<std::size_t>(c) * static_cast<std::size_t>(kh) *
                  static_cast<std::size_t>(kw));
}

// Output rows per task: small enough to spread a single map over the threads, and fixed, so
// that sums split by band add up the same whatever the thread count.
constexpr int kBandRows = 16;

int bandsOf(int rows) {
    return (rows + kBandRows - 1) / kBandRows;
}

// The stride-1 transposed convolution is a forward convolution of the zero-padded input
// with the kernel turned by 180° and its two channel axes swapped within each group:
// output (Y, X) reads input (Y + padTop − i·d, …) through tap (i, j), which the forward
// conv's tap (kh−1−i, kw−1−j) reaches with d·(kh−1) − padTop cells of leading padding.
// The forward conv is the engine's fastest loop, so this path shares its speed.
bool transposeAsForwardConv(const Tensor& in, const Weights& w, const TransposedConv& g, Tensor& out,
                            ConvBackwardWorkspace& workspace) {
    if (g.strideH != 1 || g.strideW != 1) return false;
    const int top = g.dilationH * (w.height - 1) - g.padTop;
    const int left = g.dilationW * (w.width - 1) - g.padLeft;
    const int bottom = g.outHeight - in.height + g.dilationH * (w.height - 1) - top;
    const int right = g.outWidth - in.width + g.dilationW * (w.width - 1) - left;
    if (top < 0 || left < 0 || bottom < 0 || right < 0) return false;

    const int perGroupIn = w.outChannels / g.groups;  // the transposed conv's input channels per group
    const int perGroupOut = w.inChannels;
    Weights& f = workspace.flipped;
    reshapeWeights(f, perGroupOut * g.groups, perGroupIn, w.height, w.width);
    for (int o = 0; o < w.outChannels; ++o) {
        const int group = o / perGroupIn;
        for (int c = 0; c < perGroupOut; ++c)
            for (int i = 0; i < w.height; ++i)
                for (int j = 0; j < w.width; ++j)
                    f.at(group * perGroupOut + c, o % perGroupIn, w.height - 1 - i, w.width - 1 - j) = w.at(o, c, i, j);
    }
    ConvParams p;
    p.padding = {top, bottom, left, right};
    p.dilationH = g.dilationH;
    p.dilationW = g.dilationW;
    p.groups = g.groups;
    static const std::vector<float> noBias;
    return conv2dInto(in, f, noBias, p, out, workspace.conv).ok();
}

// Any stride: each output row gathers, tap by tap, the input rows that land on it.
void transposeByScatter(const Tensor& in, const Weights& w, const TransposedConv& g, Tensor& out) {
    const int perGroupIn = w.outChannels / g.groups;
    const int perGroupOut = w.inChannels;
    const int outW = g.outWidth;
    const int bands = bandsOf(g.outHeight);
    const double work = static_cast<double>(in.size()) * static_cast<double>(w.data.size() / w.outChannels);
    parallelFor(out.channels * bands, threadsFor(work), [&](int task, int) {
        const int c = task / bands;
        const int group = c / perGroupOut;
        const int slice = c % perGroupOut;
        const int y0 = task % bands * kBandRows;
        const int y1 = std::min(g.outHeight, y0 + kBandRows);
        for (int Y = y0; Y < y1; ++Y) {
            float* row = out.plane(c) + static_cast<std::size_t>(Y) * outW;
            std::fill(row, row + outW, 0.0f);
            for (int k = 0; k < perGroupIn; ++k) {
                const int o = group * perGroupIn + k;
                for (int i = 0; i < w.height; ++i) {
                    const int t = Y + g.padTop - i * g.dilationH;
                    if (t < 0 || t % g.strideH != 0 || t / g.strideH >= in.height) continue;
                    const float* source = in.plane(o) + static_cast<std::size_t>(t / g.strideH) * in.width;
                    for (int j = 0; j < w.width; ++j) {
                        const float weight = w.at(o, slice, i, j);
                        const int base = j * g.dilationW - g.padLeft;  // input column x lands on x·s + base
                        const int x0 = base >= 0 ? 0 : (-base + g.strideW - 1) / g.strideW;
                        const int x1 = outW - 1 - base < 0 ? 0 : std::min(in.width, (outW - 1 - base) / g.strideW + 1);
                        for (int x = x0; x < x1; ++x) row[x * g.strideW + base] += weight * source[x];
                    }
                }
            }
        }
    });
}

Error gradientShapeError(const Tensor& grad, int channels, int height, int width) {
    return engineError(ErrorId::GradientShapeMismatch, "gradient",
                       {{"gradient", shapeText(grad.channels, grad.height, grad.width)},
                        {"output", shapeText(channels, height, width)}});
}

// Σ of each output channel's gradient (in double), for a layer with `count` bias values.
void biasGradInto(const Tensor& gradOut, std::size_t count, std::vector<float>& gradBias) {
    gradBias.resize(count);
    for (std::size_t o = 0; o < count; ++o) {
        const float* g = gradOut.plane(static_cast<int>(o));
        double s = 0.0;
        for (std::size_t k = 0; k < gradOut.planeSize(); ++k) s += g[k];
        gradBias[o] = static_cast<float>(s);
    }
}

}  // namespace

void convTranspose2dInto(const Tensor& in, const Weights& w, const TransposedConv& geometry, Tensor& out,
                         ConvBackwardWorkspace& workspace) {
    out.reshape(w.inChannels * geometry.groups, geometry.outHeight, geometry.outWidth);
    if (transposeAsForwardConv(in, w, geometry, out, workspace)) return;
    transposeByScatter(in, w, geometry, out);
}

void convWeightGradInto(const Tensor& padded, const Tensor& gradOut, int strideH, int strideW, int dilationH,
                        int dilationW, int groups, Weights& gradWeight, ConvBackwardWorkspace& workspace) {
    const int filters = gradWeight.outChannels;
    const int slices = gradWeight.inChannels;
    const int kh = gradWeight.height;
    const int kw = gradWeight.width;
    const int perGroup = filters / groups;
    const int oh = gradOut.height;
    const int ow = gradOut.width;
    const int bands = bandsOf(oh);
    const std::size_t taps = static_cast<std::size_t>(slices) * kh * kw;
    std::vector<double>& partials = workspace.partials;
    partials.assign(static_cast<std::size_t>(filters) * bands * taps, 0.0);
    std::vector<int> offsets(static_cast<std::size_t>(kw));
    for (int j = 0; j < kw; ++j) offsets[static_cast<std::size_t>(j)] = j * dilationW;

    const double work = static_cast<double>(gradOut.size()) * static_cast<double>(taps);
    parallelFor(filters * bands, threadsFor(work), [&](int task, int) {
        const int o = task / bands;
        const int y0 = task % bands * kBandRows;
        const int y1 = std::min(oh, y0 + kBandRows);
        double* sums = partials.data() + static_cast<std::size_t>(task) * taps;
        std::vector<float> row(static_cast<std::size_t>(kw));
        for (int y = y0; y < y1; ++y) {
            const float* g = gradOut.plane(o) + static_cast<std::size_t>(y) * ow;
            for (int slice = 0; slice < slices; ++slice) {
                const float* plane = padded.plane(o / perGroup * slices + slice);
                for (int i = 0; i < kh; ++i) {
                    const float* p = plane + static_cast<std::size_t>(y * strideH + i * dilationH) * padded.width;
                    if (strideW == 1) {
                        detail::rowDots(g, p, offsets.data(), kw, ow, row.data());
                    } else {
                        for (int j = 0; j < kw; ++j) {
                            float s = 0.0f;
                            for (int x = 0; x < ow; ++x) s += g[x] * p[x * strideW + j * dilationW];
                            row[static_cast<std::size_t>(j)] = s;
                        }
                    }
                    double* tap = sums + (static_cast<std::size_t>(slice) * kh + i) * kw;
                    for (int j = 0; j < kw; ++j) tap[j] += row[static_cast<std::size_t>(j)];
                }
            }
        }
    });
    for (int o = 0; o < filters; ++o)
        for (std::size_t t = 0; t < taps; ++t) {
            double s = 0.0;
            for (int b = 0; b < bands; ++b) s += partials[(static_cast<std::size_t>(o) * bands + b) * taps + t];
            gradWeight.data[static_cast<std::size_t>(o) * taps + t] = static_cast<float>(s);
        }
}

void padInto(const Tensor& in, const Padding2D& padding, PaddingMode mode, Tensor& padded) {
    const int width = in.width + padding.left + padding.right;
    padded.reshape(in.channels, in.height + padding.top + padding.bottom, width);
    std::vector<std::int64_t> columns(static_cast<std::size_t>(width));
    for (int q = 0; q < width; ++q)
        columns[static_cast<std::size_t>(q)] = sourceIndex(q - padding.left, in.width, mode);
    for (int c = 0; c < in.channels; ++c)
        for (int r = 0; r < padded.height; ++r) {
            float* out = padded.plane(c) + static_cast<std::size_t>(r) * width;
            const std::int64_t source = sourceIndex(r - padding.top, in.height, mode);
            if (source < 0) {
                std::fill(out, out + width, 0.0f);
                continue;
            }
            const float* row = in.plane(c) + static_cast<std::size_t>(source) * in.width;
            for (int q = 0; q < width; ++q) {
                const std::int64_t s = columns[static_cast<std::size_t>(q)];
                out[q] = s < 0 ? 0.0f : row[s];
            }
        }
}

void foldPaddingInto(const Tensor& paddedGrad, const Padding2D& padding, PaddingMode mode, Tensor& grad) {
    const int height = paddedGrad.height - padding.top - padding.bottom;
    const int width = paddedGrad.width - padding.left - padding.right;
    grad.reshape(paddedGrad.channels, height, width);
    std::fill(grad.data.begin(), grad.data.end(), 0.0f);
    std::vector<std::int64_t> columns(static_cast<std::size_t>(paddedGrad.width));
    for (int q = 0; q < paddedGrad.width; ++q)
        columns[static_cast<std::size_t>(q)] = sourceIndex(q - padding.left, width, mode);
    for (int c = 0; c < grad.channels; ++c)
        for (int r = 0; r < paddedGrad.height; ++r) {
            const std::int64_t target = sourceIndex(r - padding.top, height, mode);
            if (target < 0) continue;
            const float* row = paddedGrad.plane(c) + static_cast<std::size_t>(r) * paddedGrad.width;
            float* out = grad.plane(c) + static_cast<std::size_t>(target) * width;
            for (int q = 0; q < paddedGrad.width; ++q) {
                const std::int64_t t = columns[static_cast<std::size_t>(q)];
                if (t >= 0) out[t] += row[q];
            }
        }
}

Status conv2dBackwardInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                          const ConvParams& params, const Tensor& gradOut, Tensor& gradInput, Weights& gradWeight,
                          std::vector<float>& gradBias, ConvBackwardWorkspace& workspace) {
    auto plan = planConv(input.channels, input.height, input.width, weights, &bias, params);
    if (!plan) return plan.error();
    if (gradOut.channels != plan->outChannels || gradOut.height != plan->outHeight || gradOut.width != plan->outWidth)
        return gradientShapeError(gradOut, plan->outChannels, plan->outHeight, plan->outWidth);

    biasGradInto(gradOut, bias.size(), gradBias);
    padInto(input, params.padding, params.mode, workspace.padded);
    reshapeWeights(gradWeight, weights.outChannels, weights.inChannels, weights.height, weights.width);
    convWeightGradInto(workspace.padded, gradOut, params.strideH, params.strideW, params.dilationH, params.dilationW,
                       params.groups, gradWeight, workspace);

    TransposedConv t;
    t.strideH = params.strideH;
    t.strideW = params.strideW;
    t.dilationH = params.dilationH;
    t.dilationW = params.dilationW;
    t.groups = params.groups;
    if (params.mode == PaddingMode::Zeros) {
        // Zero padding copies nothing: the padded cells' gradients are simply dropped.
        t.padTop = params.padding.top;
        t.padLeft = params.padding.left;
        t.outHeight = input.height;
        t.outWidth = input.width;
        convTranspose2dInto(gradOut, weights, t, gradInput, workspace);
        return Ok{};
    }
    t.outHeight = workspace.padded.height;
    t.outWidth = workspace.padded.width;
    convTranspose2dInto(gradOut, weights, t, workspace.paddedGrad, workspace);
    foldPaddingInto(workspace.paddedGrad, params.padding, params.mode, gradInput);
    return Ok{};
}

Status convTranspose2dBackwardInto(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                                   const TransposedConv& geometry, const Tensor& gradOut, Tensor& gradInput,
                                   Weights& gradWeight, std::vector<float>& gradBias,
                                   ConvBackwardWorkspace& workspace) {
    const int outChannels = weights.inChannels * geometry.groups;
    if (gradOut.channels != outChannels || gradOut.height != geometry.outHeight || gradOut.width != geometry.outWidth)
        return gradientShapeError(gradOut, outChannels, geometry.outHeight, geometry.outWidth);

    biasGradInto(gradOut, bias.size(), gradBias);

    // Input cell i reads the output gradient at i·s − p + m·d: padded by p at the top, the
    // padded gradient is exactly the (H − 1)·s + d·(k − 1) + 1 rows the taps reach. Its
    // bottom is p − output_padding: negative when output_padding (allowed up to the dilation)
    // exceeds p, cropping rows that no input cell stamps onto.
    const int reachH = (input.height - 1) * geometry.strideH + geometry.dilationH * (weights.height - 1) + 1;
    const int reachW = (input.width - 1) * geometry.strideW + geometry.dilationW * (weights.width - 1) + 1;
    const Padding2D padding{geometry.padTop, reachH - geometry.outHeight - geometry.padTop, geometry.padLeft,
                            reachW - geometry.outWidth - geometry.padLeft};
    padInto(gradOut, padding, PaddingMode::Zeros, workspace.padded);

    // dW: the correlation of the padded output gradient (P) with the input (G), filter c of
    // the weight gradient being input channel c.
    reshapeWeights(gradWeight, weights.outChannels, weights.inChannels, weights.height, weights.width);
    convWeightGradInto(workspace.padded, input, geometry.strideH, geometry.strideW, geometry.dilationH,
                       geometry.dilationW, geometry.groups, gradWeight, workspace);

    // The input gradient: a forward conv of the padded gradient, the layer's weights read as
    // a conv's (C filters, each over its group's OC/groups channels) — the conv whose input
    // gradient this layer's forward pass is.
    ConvParams p;
    p.strideH = geometry.strideH;
    p.strideW = geometry.strideW;
    p.dilationH = geometry.dilationH;
    p.dilationW = geometry.dilationW;
    p.groups = geometry.groups;
    static const std::vector<float> noBias;
    return conv2dInto(workspace.padded, weights, noBias, p, gradInput, workspace.conv);
}

}  // namespace convscope::core
