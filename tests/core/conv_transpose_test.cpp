// conv_transpose2d against a naive scatter written from PyTorch's definition (each input cell
// adds value × kernel onto the output at i·s − p + m·d, then output_padding rows at the end),
// on random parameters; its trace against the run; its thread count; and the windows that
// carry a conv's output back onto its input (what a conv's input gradient needs).
#include <catch2/catch.hpp>
#include <random>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/unfold.hpp"
#include "core/reference.hpp"

using namespace convscope::core;
using reference::randomTensor;
using reference::randomWeights;

namespace {

// The scatter form, summed in double: the stamps of every input cell, cropped by padding.
Tensor naiveConvTranspose(const Tensor& in, const ConvTranspose2d& l) {
    const Weights& w = l.weights;
    const int oh =
        (in.height - 1) * l.stride.h - 2 * l.padding.h + l.dilation.h * (w.height - 1) + l.outputPadding.h + 1;
    const int ow = (in.width - 1) * l.stride.w - 2 * l.padding.w + l.dilation.w * (w.width - 1) + l.outputPadding.w + 1;
    const int perGroupIn = in.channels / l.groups;
    std::vector<double> sum(static_cast<std::size_t>(l.outChannels()) * oh * ow, 0.0);
    for (int c = 0; c < in.channels; ++c)
        for (int o = 0; o < w.inChannels; ++o) {
            const int oc = c / perGroupIn * w.inChannels + o;
            for (int i = 0; i < in.height; ++i)
                for (int j = 0; j < in.width; ++j)
                    for (int m = 0; m < w.height; ++m)
                        for (int n = 0; n < w.width; ++n) {
                            const int y = i * l.stride.h - l.padding.h + m * l.dilation.h;
                            const int x = j * l.stride.w - l.padding.w + n * l.dilation.w;
                            if (y < 0 || y >= oh || x < 0 || x >= ow) continue;
                            sum[(static_cast<std::size_t>(oc) * oh + y) * ow + x] +=
                                static_cast<double>(in.at(c, i, j)) * w.at(c, o, m, n);
                        }
        }
    Tensor out(l.outChannels(), oh, ow);
    for (int oc = 0; oc < out.channels; ++oc)
        for (int k = 0; k < oh * ow; ++k)
            out.data[static_cast<std::size_t>(oc) * oh * ow + k] =
                static_cast<float>(sum[static_cast<std::size_t>(oc) * oh * ow + k] +
                                   (l.bias.empty() ? 0.0 : l.bias[static_cast<std::size_t>(oc)]));
    return out;
}

ConvTranspose2d randomLayer(std::mt19937& rng, int channels) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    ConvTranspose2d l;
    l.groups = channels % 2 == 0 && pick(0, 1) ? 2 : 1;
    l.weights = randomWeights(channels, pick(1, 3), pick(1, 4), pick(1, 4), rng);
    if (pick(0, 1)) l.bias = randomTensor(1, 1, l.outChannels(), rng).data;
    l.stride = {pick(1, 3), pick(1, 3)};
    l.dilation = {pick(1, 2), pick(1, 2)};
    l.padding = {pick(0, 3), pick(0, 3)};
    l.outputPadding = {pick(0, std::max(l.stride.h, l.dilation.h) - 1),
                       pick(0, std::max(l.stride.w, l.dilation.w) - 1)};
    return l;
}

}  // namespace

TEST_CASE("conv_transpose2d equals the naive scatter on random parameters", "[convt]") {
    std::mt19937 rng(31);
    int checked = 0;
    for (int round = 0; round < 150; ++round) {
        const int channels = std::uniform_int_distribution<int>(1, 4)(rng);
        const Tensor in = randomTensor(channels, std::uniform_int_distribution<int>(1, 7)(rng),
                                       std::uniform_int_distribution<int>(1, 7)(rng), rng);
        const ConvTranspose2d l = randomLayer(rng, channels);
        auto plan = planLayer(l, shapeOf(in));
        if (!plan) continue;  // padding cropped everything: the golden error cases cover it
        const Tensor expected = naiveConvTranspose(in, l);
        auto out = convTranspose2d(in, l);
        REQUIRE(out.ok());
        INFO("round " << round << ": " << pytorchModule(l, shapeOf(in)) << " on " << in.height << "×" << in.width);
        REQUIRE(shapeOf(*out) == shapeOf(expected));
        for (std::size_t i = 0; i < expected.data.size(); ++i)
            CHECK(out->data[i] == Approx(expected.data[i]).margin(1e-5));
        ++checked;
    }
    CHECK(checked > 100);
}

TEST_CASE("conv_transpose2d's numbers do not depend on the thread count", "[convt]") {
    std::mt19937 rng(32);
    const Tensor in = randomTensor(4, 37, 29, rng);
    ConvTranspose2d l;
    l.weights = randomWeights(4, 3, 3, 4, rng);
    l.groups = 2;
    l.stride = {2, 3};
    l.padding = {1, 2};
    l.outputPadding = {1, 0};
    setWorkPerThread(0);
    setThreadCount(1);
    auto one = convTranspose2d(in, l);
    setThreadCount(2);
    auto two = convTranspose2d(in, l);
    setThreadCount(0);
    setWorkPerThread(1e6);
    REQUIRE(one.ok());
    REQUIRE(two.ok());
    CHECK(*one == *two);
}

TEST_CASE("a transposed conv's trace lists every stamp on the cell, adding up to the output", "[convt][trace]") {
    std::mt19937 rng(33);
    const Tensor in = randomTensor(4, 5, 6, rng);
    ConvTranspose2d l;
    l.weights = randomWeights(4, 2, 3, 3, rng);
    l.bias = {0.5f, -0.25f, 1.0f, 2.0f};
    l.groups = 2;
    l.stride = {2, 2};
    l.padding = {1, 0};
    l.outputPadding = {1, 1};
    l.dilation = {1, 2};
    auto out = convTranspose2d(in, l);
    REQUIRE(out.ok());
    for (int oc = 0; oc < out->channels; ++oc)
        for (int y = 0; y < out->height; ++y)
            for (int x = 0; x < out->width; ++x) {
                auto t = traceConvTranspose(in, l, oc, y, x);
                REQUIRE(t.ok());
                CHECK(t->sum == Approx(out->at(oc, y, x)).margin(1e-5));
                CHECK(t->bias == l.bias[static_cast<std::size_t>(oc)]);
                for (const ConvTransposeTerm& term : t->terms) {
                    // The stamp of input (i, j) lands here through tap (m, n): y = i·s − p + m·d.
                    CHECK(term.inputRow * 2 - 1 + term.m * 1 == y);
                    CHECK(term.inputCol * 2 - 0 + term.n * 2 == x);
                    CHECK(term.channel / 2 == oc / 2);  // the output's group
                    CHECK(term.input == in.at(term.channel, term.inputRow, term.inputCol));
                    CHECK(term.weight == l.weights.at(term.channel, oc % 2, term.m, term.n));
                }
            }
    // Output (0, 0): input row 0 with m = 1 (0·2 − 1 + 1), col 0 with n = 0 — for both of the
    // group's channels.
    auto t = traceConvTranspose(in, l, 0, 0, 0);
    REQUIRE(t.ok());
    REQUIRE(t->terms.size() == 2);
    CHECK(t->terms[0].m == 1);
    CHECK(t->terms[0].n == 0);
}

TEST_CASE("gradientWindow carries a conv's output back onto exactly its input's cells", "[convt][geometry]") {
    // Each conv output o reads inputs o·s − pb + j·d; the gradient window's transposed conv
    // stamps o onto the same cells, and has the conv's input size, dropped rows included.
    for (const AxisWindow& conv : {AxisWindow{7, 3, 2, 0, 0, 1, false}, AxisWindow{10, 3, 3, 1, 1, 2, false},
                                   AxisWindow{6, 4, 1, 1, 2, 1, false}, AxisWindow{9, 2, 4, 0, 0, 1, false}}) {
        const AxisWindow back = gradientWindow(conv);
        INFO("input " << conv.input << " kernel " << conv.kernel << " stride " << conv.stride);
        CHECK(countWindows(back) == conv.input);
        const std::int64_t outputs = countWindows(conv);
        for (std::int64_t i = 0; i < conv.input; ++i) {
            // The conv outputs (and taps) that read input i, against the transposed window's
            // sources of cell i.
            std::vector<std::pair<std::int64_t, std::int64_t>> reads, stamps;
            for (std::int64_t o = 0; o < outputs; ++o)
                for (std::int64_t j = 0; j < conv.kernel; ++j)
                    if (tapIndex(conv, o, j) == i) reads.push_back({o, j});
            for (std::int64_t j = 0; j < back.kernel; ++j) {
                const std::int64_t o = windowSource(back, tapIndex(back, i, j), PaddingMode::Zeros);
                if (o >= 0) stamps.push_back({o, back.kernel - 1 - j});
            }
            std::sort(stamps.begin(), stamps.end());
            CHECK(reads == stamps);
        }
    }
}

TEST_CASE("the conv matrix C is the conv, and the transposed conv is C transposed", "[convt][matrix]") {
    // What the Matrix tab draws: C for the conv from the transposed conv's output size back to
    // its input size, with the same kernel, stride, padding and dilation; out = Cᵀ · in.
    std::mt19937 rng(47);
    int checked = 0;
    for (int round = 0; round < 60; ++round) {
        const Tensor in = randomTensor(1, std::uniform_int_distribution<int>(1, 5)(rng),
                                       std::uniform_int_distribution<int>(1, 5)(rng), rng);
        ConvTranspose2d l = randomLayer(rng, 1);
        l.weights = randomWeights(1, 1, l.weights.height, l.weights.width, rng);
        l.groups = 1;
        l.bias.clear();
        auto out = convTranspose2d(in, l);
        if (!out) continue;
        ConvParams p;
        p.strideH = l.stride.h;
        p.strideW = l.stride.w;
        p.padding = {l.padding.h, l.padding.h, l.padding.w, l.padding.w};
        p.dilationH = l.dilation.h;
        p.dilationW = l.dilation.w;
        auto c = convolutionMatrix(out->height, out->width, l.weights, p);
        REQUIRE(c.ok());
        INFO("round " << round << ": " << pytorchModule(l, shapeOf(in)));
        REQUIRE(c->width == out->height * out->width);
        // C · y is the conv of y, one row per output cell of that conv.
        const Tensor y = randomTensor(1, out->height, out->width, rng);
        const auto conv = reference::conv2d(y, l.weights, {}, p);
        REQUIRE(conv.has_value());
        REQUIRE(c->height == conv->height * conv->width);
        for (int i = 0; i < c->height; ++i) {
            double sum = 0.0;
            for (int j = 0; j < c->width; ++j) sum += static_cast<double>(c->at(0, i, j)) * y.data[j];
            CHECK(sum == Approx(conv->data[static_cast<std::size_t>(i)]).margin(1e-5));
        }
        // That conv's output covers the transposed conv's input (more only when output_padding
        // reaches the stride), and Cᵀ · in over those rows is the transposed conv of in.
        REQUIRE((conv->height >= in.height && conv->width >= in.width));
        for (int j = 0; j < c->width; ++j) {
            double sum = 0.0;
            for (int yy = 0; yy < in.height; ++yy)
                for (int xx = 0; xx < in.width; ++xx)
                    sum += static_cast<double>(c->at(0, yy * conv->width + xx, j)) * in.at(0, yy, xx);
            CHECK(sum == Approx(out->data[static_cast<std::size_t>(j)]).margin(1e-5));
        }
        ++checked;
    }
    CHECK(checked > 30);
}
