#pragma once
// A deliberately naive reference for conv2d, max_pool2d and avg_pool2d, written straight
// from PyTorch's definitions and sharing no code with the engine: the padded input is built
// one axis at a time the way F.pad does it, output sizes are found by counting the windows
// that fit, and conv sums are accumulated in double. The property tests compare the engine
// with it on random shapes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/tensor.hpp"

namespace reference {

using convscope::core::ConvParams;
using convscope::core::PaddingMode;
using convscope::core::PoolMode;
using convscope::core::PoolParams;
using convscope::core::Tensor;
using convscope::core::Weights;

// Padding one axis of `n` cells with `before`/`after` cells, by the definition of each mode:
// returns, for each padded position, the input index it copies, or -1 for a zero.
//   zeros:     0 outside the input
//   reflect:   the k-th cell before the input copies input[k], the k-th after copies
//              input[n−1−k] (mirror about the edge cell, which is not repeated)
//   replicate: the edge cell repeated
//   circular:  the input repeated periodically, so padded position p copies (p − before) mod n
// The caller guarantees PyTorch's limits (reflect < n, circular ≤ n).
inline std::vector<long> padAxis(long n, long before, long after, PaddingMode mode) {
    std::vector<long> src;
    for (long k = before; k >= 1; --k) {  // cells before the input, outermost first
        switch (mode) {
            case PaddingMode::Zeros: src.push_back(-1); break;
            case PaddingMode::Reflect: src.push_back(k); break;
            case PaddingMode::Replicate: src.push_back(0); break;
            case PaddingMode::Circular: src.push_back(n - k); break;
        }
    }
    for (long i = 0; i < n; ++i) src.push_back(i);
    for (long k = 1; k <= after; ++k) {
        switch (mode) {
            case PaddingMode::Zeros: src.push_back(-1); break;
            case PaddingMode::Reflect: src.push_back(n - 1 - k); break;
            case PaddingMode::Replicate: src.push_back(n - 1); break;
            case PaddingMode::Circular: src.push_back(k - 1); break;
        }
    }
    return src;
}

// How many windows of span `span`, placed every `stride` cells from 0, fit in `length` cells.
inline long countFitting(long length, long span, long stride) {
    long count = 0;
    for (long start = 0; start + span <= length; start += stride) ++count;
    return count;
}

// Conv2d by the definition: out[o][y][x] = bias[o] +
//   Σ_c Σ_m Σ_n w[o][c][m][n] · padded[g·C/G + c][y·sh + m·dh][x·sw + n·dw],
// c over the C/G channels of filter o's group g = o / (OC/G) (PyTorch's groups: the
// filters and the input channels are cut into G equal consecutive parts).
// nullopt when no window fits (the caller checks the mode and group limits itself).
inline std::optional<Tensor> conv2d(const Tensor& in, const Weights& w, const std::vector<float>& bias,
                                    const ConvParams& p) {
    const auto rows = padAxis(in.height, p.padding.top, p.padding.bottom, p.mode);
    const auto cols = padAxis(in.width, p.padding.left, p.padding.right, p.mode);
    const long spanH = long{p.dilationH} * (w.height - 1) + 1;
    const long spanW = long{p.dilationW} * (w.width - 1) + 1;
    const long oh = countFitting(static_cast<long>(rows.size()), spanH, p.strideH);
    const long ow = countFitting(static_cast<long>(cols.size()), spanW, p.strideW);
    if (oh < 1 || ow < 1) return std::nullopt;
    Tensor out(w.outChannels, static_cast<int>(oh), static_cast<int>(ow));
    const int filtersPerGroup = w.outChannels / p.groups;
    const int channelsPerGroup = in.channels / p.groups;
    for (int o = 0; o < w.outChannels; ++o)
        for (int y = 0; y < oh; ++y)
            for (int x = 0; x < ow; ++x) {
                double acc = bias.empty() ? 0.0 : static_cast<double>(bias[static_cast<std::size_t>(o)]);
                const int firstChannel = o / filtersPerGroup * channelsPerGroup;
                for (int c = 0; c < channelsPerGroup; ++c)
                    for (int m = 0; m < w.height; ++m)
                        for (int n = 0; n < w.width; ++n) {
                            const long sy = rows[static_cast<std::size_t>(y * p.strideH + m * p.dilationH)];
                            const long sx = cols[static_cast<std::size_t>(x * p.strideW + n * p.dilationW)];
                            const double v = (sy < 0 || sx < 0)
                                                 ? 0.0
                                                 : static_cast<double>(in.at(firstChannel + c, static_cast<int>(sy),
                                                                             static_cast<int>(sx)));
                            acc += static_cast<double>(w.at(o, c, m, n)) * v;
                        }
                out.at(o, y, x) = static_cast<float>(acc);
            }
    return out;
}

// PyTorch's pooling output size (pooling_output_shape): floor or ceil of
// (n + 2p − d(k−1) − 1)/s, plus 1; in ceil mode the last window is dropped when it would
// start at or past n + p.
inline long poolOutputSize(long n, long k, long s, long p, long d, bool ceil) {
    const long num = n + 2 * p - d * (k - 1) - 1;
    long q;
    if (ceil) {
        // ceil(num/s) for any sign of num
        q = num >= 0 ? (num + s - 1) / s : -((-num) / s);
    } else {
        q = num >= 0 ? num / s : -((-num + s - 1) / s);
    }
    long out = q + 1;
    if (ceil && (out - 1) * s >= n + p) --out;
    return out;
}

struct PoolResult {
    Tensor values;
    std::vector<std::int64_t> indices;
};

// max_pool2d / avg_pool2d by PyTorch's CPU kernels, written plainly:
//  max: scan the window's taps row-major, skip taps outside the input; the max starts at
//       −inf with the index of the first tap past the leading padding, and a tap replaces it
//       when it is larger or NaN.
//  avg: hstart = o·s − p, hend = min(hstart + k, n + p); pool_size = (hend−hstart)(wend−wstart);
//       then clip both to the input; sum in float row-major; divide by pool_size
//       (count_include_pad) or by the clipped area.
inline std::optional<PoolResult> pool2d(const Tensor& in, const PoolParams& p) {
    const long oh = poolOutputSize(in.height, p.windowH, p.strideH, p.padH, p.dilationH, p.ceilMode);
    const long ow = poolOutputSize(in.width, p.windowW, p.strideW, p.padW, p.dilationW, p.ceilMode);
    if (oh < 1 || ow < 1) return std::nullopt;
    PoolResult r;
    r.values = Tensor(in.channels, static_cast<int>(oh), static_cast<int>(ow));
    if (p.mode == PoolMode::Max) r.indices.assign(r.values.size(), -1);
    for (int c = 0; c < in.channels; ++c)
        for (int y = 0; y < oh; ++y)
            for (int x = 0; x < ow; ++x) {
                if (p.mode == PoolMode::Max) {
                    // The initial index: the first tap row and col that are not in the leading
                    // padding. With dilation a window can hold no input cell at all (its taps
                    // straddle the input); PyTorch then still reports this index, −inf as value.
                    long firstRow = long{y} * p.strideH - p.padH;
                    while (firstRow < 0) firstRow += p.dilationH;
                    long firstCol = long{x} * p.strideW - p.padW;
                    while (firstCol < 0) firstCol += p.dilationW;
                    float best = -std::numeric_limits<float>::infinity();
                    std::int64_t bestIndex = firstRow * in.width + firstCol;
                    for (int a = 0; a < p.windowH; ++a)
                        for (int b = 0; b < p.windowW; ++b) {
                            const long row = long{y} * p.strideH - p.padH + long{a} * p.dilationH;
                            const long col = long{x} * p.strideW - p.padW + long{b} * p.dilationW;
                            if (row < 0 || row >= in.height || col < 0 || col >= in.width) continue;
                            const float v = in.at(c, static_cast<int>(row), static_cast<int>(col));
                            const std::int64_t flat = row * in.width + col;
                            if (v > best || std::isnan(v)) {
                                best = v;
                                bestIndex = flat;
                            }
                        }
                    r.values.at(c, y, x) = best;
                    r.indices[r.values.index(c, y, x)] = bestIndex;
                } else {
                    long hs = long{y} * p.strideH - p.padH;
                    long ws = long{x} * p.strideW - p.padW;
                    long he = std::min(hs + p.windowH, long{in.height} + p.padH);
                    long we = std::min(ws + p.windowW, long{in.width} + p.padW);
                    const long poolSize = (he - hs) * (we - ws);
                    hs = std::max(hs, 0L);
                    ws = std::max(ws, 0L);
                    he = std::min(he, long{in.height});
                    we = std::min(we, long{in.width});
                    float sum = 0.0f;
                    for (long row = hs; row < he; ++row)
                        for (long col = ws; col < we; ++col)
                            sum += in.at(c, static_cast<int>(row), static_cast<int>(col));
                    const long divisor = p.countIncludePad ? poolSize : (he - hs) * (we - ws);
                    r.values.at(c, y, x) = sum / static_cast<float>(divisor);
                }
            }
    return r;
}

// Random values in [-1, 1), deterministic for a given generator.
inline void fillRandom(std::vector<float>& v, std::mt19937& rng) {
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    for (float& x : v) x = dist(rng);
}

inline Tensor randomTensor(int c, int h, int w, std::mt19937& rng) {
    Tensor t(c, h, w);
    fillRandom(t.data, rng);
    return t;
}

inline Weights randomWeights(int oc, int c, int kh, int kw, std::mt19937& rng) {
    Weights w(oc, c, kh, kw);
    fillRandom(w.data, rng);
    return w;
}

inline int randomInt(std::mt19937& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

// Float results of sums of a few dozen products in [-1,1]: equal within float rounding.
inline bool close(float expected, float actual, float tolerance = 1e-5f) {
    if (std::isnan(expected)) return std::isnan(actual);
    if (std::isinf(expected)) return expected == actual;
    return std::fabs(expected - actual) <= tolerance * std::max(1.0f, std::fabs(expected));
}

}  // namespace reference
