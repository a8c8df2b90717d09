// The engine's fast paths against the naive reference (tests/core/reference.hpp), on shapes
// chosen to reach each of them:
//   conv — the register-blocked square kernels (3, 5, 7, 11) at vertical stride 1 and 2,
//          and every row remainder of their row blocks;
//          the direct path (horizontal stride 1, windows inside the input, whole vectors)
//          and the buffered edge vectors around it; the stride phases of the band buffer;
//          the tap-list kernel for every other shape; bands split over threads; grouped
//          and depthwise convs through each of these;
//   pool — the vector path for windows inside the input (horizontal stride 1 and 2), the
//          scalar scan around it; streaming stores for large calls (conv too); max pooling's NaN / tie / −inf rules
//          inside vectors;
// each with 1 and with 3 threads, and with every vector instruction set this CPU runs (the
// binary holds AVX-512, AVX2 and baseline copies of each loop); and the thread pool itself.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/vector_isa.hpp"
#include "core/reference.hpp"
#include "float_specials.hpp"

using namespace convscope::core;

namespace {

// Splits even these small jobs over threads while a test runs (the engine keeps small
// jobs on one thread), and puts the defaults back when it ends, passed or not.
struct EngineDefaults {
    double work = workPerThread();
    EngineDefaults() { setWorkPerThread(0); }
    ~EngineDefaults() {
        setThreadCount(0);
        setVectorIsa(bestVectorIsa());
        setWorkPerThread(work);
    }
};

std::vector<VectorIsa> isasHere() {
    std::vector<VectorIsa> isas;
    for (VectorIsa isa : {VectorIsa::Baseline, VectorIsa::Avx2, VectorIsa::Avx512})
        if (isa <= bestVectorIsa()) isas.push_back(isa);
    return isas;
}

std::string describe(const Tensor& in, const Weights& w, const ConvParams& p) {
    std::ostringstream s;
    s << in.channels << "x" << in.height << "x" << in.width << " kernel " << w.outChannels << "x" << w.height << "x"
      << w.width << " stride " << p.strideH << "," << p.strideW << " dilation " << p.dilationH << "," << p.dilationW
      << " padding " << p.padding.top << "," << p.padding.bottom << "," << p.padding.left << "," << p.padding.right
      << " " << paddingModeName(p.mode) << " groups " << p.groups << ", " << vectorIsaName(vectorIsa()) << ", "
      << threadCount() << " thread(s)";
    return s.str();
}

// conv2dInto against the reference; returns how many outputs differ (reporting the first).
int convMismatches(const Tensor& in, const Weights& w, const std::vector<float>& bias, const ConvParams& p,
                   ConvWorkspace& workspace, Tensor& out) {
    INFO(describe(in, w, p));
    const auto expected = reference::conv2d(in, w, bias, p);
    REQUIRE(expected);
    const Status s = conv2dInto(in, w, bias, p, out, workspace);
    REQUIRE(s.ok());
    REQUIRE(out.channels == expected->channels);
    REQUIRE(out.height == expected->height);
    REQUIRE(out.width == expected->width);
    int wrong = 0;
    for (std::size_t i = 0; i < expected->data.size(); ++i)
        if (!reference::close(expected->data[i], out.data[i])) {
            if (wrong++ == 0) {
                INFO("first difference at flat index " << i << ": reference " << expected->data[i] << ", engine "
                                                       << out.data[i]);
                CHECK(false);
            }
        }
    return wrong;
}

// Padding within PyTorch's limits for the mode (reflect < size, circular ≤ size).
int randomPad(std::mt19937& rng, PaddingMode mode, int size, int most) {
    const int limit = mode == PaddingMode::Reflect ? size - 1 : mode == PaddingMode::Circular ? size : most;
    return reference::randomInt(rng, 0, std::max(0, std::min(limit, most)));
}

bool sameFloat(float a, float b) {
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// pool2dInto against the reference: identical values (bit for bit, NaN equal to NaN) and
// identical indices. Returns the number of differences.
int poolMismatches(const Tensor& in, const PoolParams& p, PoolOutput& out) {
    INFO(poolModeName(p.mode) << " " << in.channels << "x" << in.height << "x" << in.width << " window " << p.windowH
                              << "," << p.windowW << " stride " << p.strideH << "," << p.strideW << " pad " << p.padH
                              << "," << p.padW << " dilation " << p.dilationH << "," << p.dilationW << " ceil "
                              << p.ceilMode << " include_pad " << p.countIncludePad << ", "
                              << vectorIsaName(vectorIsa()) << ", " << threadCount() << " thread(s)");
    const auto expected = reference::pool2d(in, p);
    REQUIRE(expected);
    REQUIRE(pool2dInto(in, p, out).ok());
    REQUIRE(out.values.height == expected->values.height);
    REQUIRE(out.values.width == expected->values.width);
    REQUIRE(out.indices.size() == expected->indices.size());
    int wrong = 0;
    for (std::size_t i = 0; i < expected->values.data.size(); ++i) {
        const bool indexOk = expected->indices.empty() || expected->indices[i] == out.indices[i];
        if (!sameFloat(expected->values.data[i], out.values.data[i]) || !indexOk) {
            if (wrong++ == 0) {
                INFO("first difference at flat index "
                     << i << ": reference " << expected->values.data[i] << (expected->indices.empty() ? "" : " @ ")
                     << (expected->indices.empty() ? 0 : expected->indices[i]) << ", engine " << out.values.data[i]);
                CHECK(false);
            }
        }
    }
    return wrong;
}

}  // namespace

TEST_CASE("square kernels 3, 5, 7, 11 at strides 1 and 2 match the reference in every mode, ISA and thread count",
          "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(505);
    ConvWorkspace workspace;
    Tensor out;
    int checked = 0;
    const PaddingMode modes[] = {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate,
                                 PaddingMode::Circular};
    for (VectorIsa isa : isasHere())
        for (int threads : {1, 3})
            for (int k : {3, 5, 7, 11})
                for (int strideH : {1, 2})
                    for (int strideW : {1, 2}) {
                        setVectorIsa(isa);
                        setThreadCount(threads);
                        ConvParams p;
                        p.mode = modes[reference::randomInt(rng, 0, 3)];
                        p.strideH = strideH;
                        p.strideW = strideW;
                        p.dilationW = reference::randomInt(rng, 1, 2);  // the fast path takes any horizontal dilation
                        const int h = reference::randomInt(rng, k, 40);
                        const int w = reference::randomInt(rng, k * p.dilationW, 56);
                        p.padding = {randomPad(rng, p.mode, h, k / 2), randomPad(rng, p.mode, h, k / 2),
                                     randomPad(rng, p.mode, w, k / 2), randomPad(rng, p.mode, w, k / 2)};
                        const int c = reference::randomInt(rng, 1, 2);
                        const Tensor in = reference::randomTensor(c, h, w, rng);
                        const Weights kern = reference::randomWeights(reference::randomInt(rng, 1, 2), c, k, k, rng);
                        std::vector<float> bias(static_cast<std::size_t>(kern.outChannels));
                        reference::fillRandom(bias, rng);
                        CHECK(convMismatches(in, kern, checked % 2 ? bias : std::vector<float>{}, p, workspace, out) ==
                              0);
                        ++checked;
                    }
    CHECK(checked == static_cast<int>(isasHere().size()) * 2 * 4 * 2 * 2);
}

TEST_CASE("the direct path and its buffered edge vectors give every column of every width", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(17);
    ConvWorkspace workspace;
    Tensor out;
    // Widths around one and a few vectors: no direct columns, exactly one vector, a partial
    // last vector, and rows narrower than a vector (scratch). Padding k/2 as usual, none, or
    // wider than a vector on the left.
    for (VectorIsa isa : isasHere())
        for (int k : {3, 5})
            for (int w = k; w <= 70; ++w) {
                setVectorIsa(isa);
                setThreadCount(w % 3 == 0 ? 3 : 1);
                ConvParams p;
                const int pad = w % 7 == 0 ? 0 : w % 11 == 0 ? 18 : k / 2;
                p.padding = {k / 2, k / 2, pad, k / 2};
                const Tensor in = reference::randomTensor(1, 13, w, rng);
                const Weights kern = reference::randomWeights(1, 1, k, k, rng);
                CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
            }
}

TEST_CASE("7x7 and 11x11 give every output row in blocks of 8, 4 and 1, also on 4 KiB-wide rows", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(71);
    ConvWorkspace workspace;
    Tensor out;
    // Output heights 1…17 reach every remainder of the 8-row block (then 4-row, then single
    // rows); a padded width of 1024 floats takes the buffer's anti-aliasing row stride.
    for (VectorIsa isa : isasHere())
        for (int k : {7, 11})
            for (int outH = 1; outH <= 17; ++outH) {
                setVectorIsa(isa);
                setThreadCount(outH % 3 == 0 ? 3 : 1);
                ConvParams p;
                p.padding = {k / 2, k / 2, k / 2, k / 2};
                const int w = outH % 4 == 0 ? 1024 - 2 * (k / 2) : reference::randomInt(rng, k, 60);
                const Tensor in = reference::randomTensor(outH % 2 + 1, outH, w, rng);
                const Weights kern = reference::randomWeights(2, in.channels, k, k, rng);
                CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
                CHECK(out.height == outH);
            }
}

TEST_CASE("calls of 16 MiB and more (streaming stores) match the reference", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(88);
    // 1040 × 2048 in and out: past 16 MiB read + written, with a width of whole vectors, the
    // square kernels store with streaming stores, starting with one ordinary vector up to
    // the first aligned column. A fresh output each time, so a vector the kernel skipped
    // would stay zero.
    const Tensor in = reference::randomTensor(1, 1040, 2048, rng);
    int round = 0;
    for (VectorIsa isa : isasHere())
        for (int k : {3, 7}) {
            setVectorIsa(isa);
            setThreadCount(round++ % 2 ? 3 : 1);
            ConvParams p;
            p.padding = {k / 2, k / 2, k / 2, k / 2};
            const Weights kern = reference::randomWeights(1, 1, k, k, rng);
            ConvWorkspace workspace;
            Tensor out;
            CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
        }
}

TEST_CASE("the tap-list kernel matches the reference for dilation, rectangular kernels and large strides",
          "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(99);
    ConvWorkspace workspace;
    Tensor out;
    for (VectorIsa isa : isasHere())
        for (int threads : {1, 3})
            for (int trial = 0; trial < 40; ++trial) {
                setVectorIsa(isa);
                setThreadCount(threads);
                ConvParams p;
                p.mode = static_cast<PaddingMode>(reference::randomInt(rng, 0, 3));
                // Strides past 4 now and then: the stride picks kernels and phase buffers.
                const int strides[] = {1, 2, 3, 4, 1, 2, 11, 12, 21, 31};
                p.strideH = strides[reference::randomInt(rng, 0, 9)];
                p.strideW = strides[reference::randomInt(rng, 0, 9)];
                p.dilationH = reference::randomInt(rng, 1, 3);
                p.dilationW = reference::randomInt(rng, 1, 3);
                const int kh = reference::randomInt(rng, 1, 6);
                const int kw = reference::randomInt(rng, 1, 6);
                const int h = reference::randomInt(rng, p.dilationH * (kh - 1) + 1, 36);
                const int w = reference::randomInt(rng, p.dilationW * (kw - 1) + 1, 48);
                p.padding = {randomPad(rng, p.mode, h, 3), randomPad(rng, p.mode, h, 3), randomPad(rng, p.mode, w, 3),
                             randomPad(rng, p.mode, w, 3)};
                const int c = reference::randomInt(rng, 1, 3);
                const Tensor in = reference::randomTensor(c, h, w, rng);
                const Weights kern = reference::randomWeights(reference::randomInt(rng, 1, 3), c, kh, kw, rng);
                CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
            }
}

TEST_CASE("a tall input split into several bands per thread matches the reference", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(3);
    ConvWorkspace workspace;
    Tensor out;
    // 300 rows of 256 need more than one 256 KiB band buffer even on one thread.
    const Tensor in = reference::randomTensor(1, 300, 256, rng);
    for (int threads : {1, 2, 3}) {
        setThreadCount(threads);
        for (int k : {3, 4}) {  // 4: the tap-list kernel
            ConvParams p;
            p.padding = {k / 2, k / 2, k / 2, k / 2};
            const Weights kern = reference::randomWeights(1, 1, k, k, rng);
            CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
        }
    }
}

TEST_CASE("NaN and infinity reach exactly the conv outputs whose windows read them", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(8);
    ConvWorkspace workspace;
    Tensor out;
    for (VectorIsa isa : isasHere())
        for (int k : {3, 5, 4})
            for (int stride : {1, 2}) {
                setVectorIsa(isa);
                setThreadCount(stride == 1 ? 1 : 3);
                Tensor in = reference::randomTensor(2, 30, 45, rng);
                // One NaN inside, one on an edge, one +inf, per channel.
                for (int c = 0; c < 2; ++c) {
                    in.at(c, reference::randomInt(rng, 0, 29), reference::randomInt(rng, 0, 44)) = kNaN;
                    in.at(c, reference::randomInt(rng, 0, 29), 0) = kNaN;
                    in.at(c, reference::randomInt(rng, 0, 29), reference::randomInt(rng, 0, 44)) = kInf;
                }
                ConvParams p;
                p.strideH = p.strideW = stride;
                p.padding = {k / 2, k / 2, k / 2, k / 2};
                const Weights kern = reference::randomWeights(2, 2, k, k, rng);
                CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
                int nans = 0;
                for (float v : out.data) nans += std::isnan(v) ? 1 : 0;
                CHECK(nans > 0);  // the test reaches the rule it is about
            }
}

TEST_CASE("one workspace serves changing shapes, thread counts and instruction sets", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(21);
    ConvWorkspace workspace;
    Tensor out;
    for (int round = 0; round < 12; ++round) {
        const auto isas = isasHere();
        setVectorIsa(isas[static_cast<std::size_t>(round) % isas.size()]);
        setThreadCount(round % 2 ? 1 : 3);
        const int k = round % 3 == 0 ? 3 : round % 3 == 1 ? 7 : 2;
        ConvParams p;
        p.strideW = 1 + round % 2;
        p.padding = {k / 2, k / 2, k / 2, k / 2};
        const Tensor in = reference::randomTensor(1 + round % 2, 20 + 7 * round, 90 - 5 * round, rng);
        const Weights kern = reference::randomWeights(2, in.channels, k, k, rng);
        CHECK(convMismatches(in, kern, {}, p, workspace, out) == 0);
    }
}

TEST_CASE("conv2d gives the same bits on 1 and on 3 threads", "[conv][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(4);
    for (int k : {3, 4, 5}) {
        ConvParams p;
        p.strideW = k == 5 ? 2 : 1;
        p.padding = {k / 2, k / 2, k / 2, k / 2};
        const Tensor in = reference::randomTensor(2, 45, 70, rng);
        const Weights kern = reference::randomWeights(2, 2, k, k, rng);
        setThreadCount(1);
        const auto one = conv2d(in, kern, {}, p);
        setThreadCount(3);
        const auto three = conv2d(in, kern, {}, p);
        REQUIRE(one.ok());
        REQUIRE(three.ok());
        CHECK(std::memcmp(one->data.data(), three->data.data(), one->data.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("grouped and depthwise convs match the reference in every mode, stride, dilation, ISA and thread count",
          "[conv][fastpath][groups]") {
    EngineDefaults restore;
    std::mt19937 rng(1212);
    ConvWorkspace workspace;
    Tensor out;
    // Each group's bands read its own channels of the input (a channel offset into the band
    // buffer and the direct path's pointer) and write its own filters: the shapes below put
    // G = 2, 4 and G = C (depthwise, multiplier 1 and 2) through the square fast paths
    // (3, 5, 7, 11), the direct path (stride-1 rows wider than a vector, windows inside the
    // input) and the tap list (even and rectangular kernels, vertical dilation).
    struct Grouping {
        int channels;
        int groups;
        int filtersPerGroup;
    };
    const Grouping groupings[] = {{4, 2, 1}, {8, 4, 3}, {8, 8, 1}, {3, 3, 2}};
    const PaddingMode modes[] = {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate,
                                 PaddingMode::Circular};
    const int kernels[][2] = {{3, 3}, {5, 5}, {7, 7}, {11, 11}, {4, 4}, {2, 3}};
    int checked = 0;
    for (VectorIsa isa : isasHere())
        for (int threads : {1, 3})
            for (const auto& k : kernels)
                for (const Grouping& g : groupings)
                    for (int strides = 0; strides < 4; ++strides) {
                        setVectorIsa(isa);
                        setThreadCount(threads);
                        ConvParams p;
                        p.groups = g.groups;
                        p.mode = modes[(checked + strides) % 4];
                        p.strideH = 1 + strides / 2;
                        p.strideW = 1 + strides % 2;
                        // Vertical dilation takes the tap list; horizontal dilation any path.
                        p.dilationW = reference::randomInt(rng, 1, 2);
                        p.dilationH = k[0] == k[1] ? 1 : reference::randomInt(rng, 1, 2);
                        const int spanH = p.dilationH * (k[0] - 1) + 1;
                        const int spanW = p.dilationW * (k[1] - 1) + 1;
                        const int h = reference::randomInt(rng, spanH, spanH + 24);
                        const int w = reference::randomInt(rng, spanW + 16, spanW + 56);
                        p.padding = {randomPad(rng, p.mode, h, k[0] / 2), randomPad(rng, p.mode, h, k[0] / 2),
                                     randomPad(rng, p.mode, w, k[1] / 2), randomPad(rng, p.mode, w, k[1] / 2)};
                        const Tensor in = reference::randomTensor(g.channels, h, w, rng);
                        const Weights kern = reference::randomWeights(g.groups * g.filtersPerGroup,
                                                                      g.channels / g.groups, k[0], k[1], rng);
                        std::vector<float> bias(static_cast<std::size_t>(kern.outChannels));
                        reference::fillRandom(bias, rng);
                        INFO("groups " << g.groups);
                        CHECK(convMismatches(in, kern, checked % 2 ? bias : std::vector<float>{}, p, workspace, out) ==
                              0);
                        ++checked;
                    }
    CHECK(checked == static_cast<int>(isasHere().size()) * 2 * 6 * 4 * 4);
}

TEST_CASE("a depthwise conv over many channels gives the same bits on 1 and on 3 threads", "[conv][fastpath][groups]") {
    EngineDefaults restore;
    std::mt19937 rng(32);
    // 32 groups of one channel: the jobs are group × band, so threads take whole groups.
    for (int stride : {1, 2}) {
        ConvParams p;
        p.groups = 32;
        p.strideH = p.strideW = stride;
        p.padding = {1, 1, 1, 1};
        const Tensor in = reference::randomTensor(32, 37, 70, rng);
        const Weights kern = reference::randomWeights(32, 1, 3, 3, rng);
        setThreadCount(1);
        const auto one = conv2d(in, kern, {}, p);
        setThreadCount(3);
        const auto three = conv2d(in, kern, {}, p);
        REQUIRE(one.ok());
        REQUIRE(three.ok());
        CHECK(std::memcmp(one->data.data(), three->data.data(), one->data.size() * sizeof(float)) == 0);
        const auto expected = reference::conv2d(in, kern, {}, p);
        REQUIRE(expected);
        int wrong = 0;
        for (std::size_t i = 0; i < expected->data.size(); ++i)
            wrong += reference::close(expected->data[i], three->data[i]) ? 0 : 1;
        CHECK(wrong == 0);
    }
}

TEST_CASE("pooling's vector path matches the reference bit for bit", "[pool][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(77);
    PoolOutput out;
    int checked = 0;
    for (VectorIsa isa : isasHere())
        for (int threads : {1, 3})
            for (int trial = 0; trial < 48; ++trial) {
                setVectorIsa(isa);
                setThreadCount(threads);
                PoolParams p;
                p.mode = trial % 2 ? PoolMode::Avg : PoolMode::Max;
                p.windowH = reference::randomInt(rng, 1, 4);
                p.windowW = reference::randomInt(rng, 1, 4);
                p.strideH = reference::randomInt(rng, 1, 3);
                p.strideW = trial % 3 == 2 ? 3 : 1 + trial % 3;  // 1 and 2 take the vector path
                p.padH = reference::randomInt(rng, 0, p.windowH / 2);
                p.padW = reference::randomInt(rng, 0, p.windowW / 2);
                if (p.mode == PoolMode::Max && trial % 5 == 0) p.dilationH = p.dilationW = 2;  // scalar path
                p.ceilMode = trial % 4 < 2;
                p.countIncludePad = trial % 3 == 0;
                const Tensor in =
                    reference::randomTensor(reference::randomInt(rng, 1, 2), reference::randomInt(rng, 8, 40),
                                            reference::randomInt(rng, 8, 90), rng);
                CHECK(poolMismatches(in, p, out) == 0);
                ++checked;
            }
    CHECK(checked == static_cast<int>(isasHere().size()) * 2 * 48);
}

TEST_CASE("2x2 and 3x3 pooling windows (unrolled at compile time) match the reference bit for bit",
          "[pool][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(23);
    PoolOutput out;
    for (VectorIsa isa : isasHere())
        for (PoolMode mode : {PoolMode::Max, PoolMode::Avg})
            for (int window : {2, 3})
                for (int strideH : {1, 2})
                    for (int strideW : {1, 2}) {
                        setVectorIsa(isa);
                        setThreadCount(strideH == strideW ? 1 : 3);
                        PoolParams p;
                        p.mode = mode;
                        p.windowH = p.windowW = window;
                        p.strideH = strideH;
                        p.strideW = strideW;
                        p.padH = p.padW = reference::randomInt(rng, 0, window / 2);
                        const Tensor in = reference::randomTensor(1, reference::randomInt(rng, window, 30),
                                                                  reference::randomInt(rng, 16, 90), rng);
                        CHECK(poolMismatches(in, p, out) == 0);
                    }
}

TEST_CASE("pooling calls of 16 MiB and more (streaming stores) match the reference bit for bit", "[pool][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(29);
    // 2048 × 2050 in: past 16 MiB read + written, max streams its indices and avg its
    // values, each row from its first aligned column (an odd output width, 1025 or 1024,
    // moves that column from row to row). A fresh output each time, so a skipped vector
    // would stay zero.
    const Tensor in = reference::randomTensor(1, 2048, 2050, rng);
    int round = 0;
    for (VectorIsa isa : isasHere())
        for (PoolMode mode : {PoolMode::Max, PoolMode::Avg})
            for (int window : {2, 3, 4}) {  // 4: the runtime window loops
                setVectorIsa(isa);
                setThreadCount(round++ % 2 ? 3 : 1);
                PoolParams p;
                p.mode = mode;
                p.windowH = p.windowW = window;
                p.strideH = p.strideW = 2;
                PoolOutput out;
                CHECK(poolMismatches(in, p, out) == 0);
            }
}

TEST_CASE("max pooling's vector path keeps PyTorch's NaN, tie and -inf rules", "[pool][fastpath]") {
    EngineDefaults restore;
    std::mt19937 rng(5);
    PoolOutput out;
    for (VectorIsa isa : isasHere())
        for (int window : {2, 3})
            for (int stride : {1, 2}) {
                setVectorIsa(isa);
                setThreadCount(stride);
                // Small integers: many equal maxima; a sprinkling of NaN (several per window
                // now and then: the last one wins) and of −inf, and one window all −inf.
                Tensor in(1, 24, 70);
                for (float& v : in.data) {
                    const int r = reference::randomInt(rng, 0, 19);
                    v = r == 0 ? kNaN : r == 1 ? -kInf : static_cast<float>(r % 4);
                }
                for (int y = 4; y < 4 + window; ++y)
                    for (int x = 10; x < 10 + window; ++x) in.at(0, y, x) = -kInf;
                PoolParams p;
                p.mode = PoolMode::Max;
                p.windowH = p.windowW = window;
                p.strideH = p.strideW = stride;
                CHECK(poolMismatches(in, p, out) == 0);
            }
}

TEST_CASE("parallelFor runs each task once on a worker index below its thread count, from any caller", "[parallel]") {
    // True when every task ran exactly once on a valid worker index. (No CHECK inside: the
    // callers below are threads, and Catch's assertions are not thread-safe.)
    auto runsCorrectly = [](int tasks, int threads) {
        std::vector<std::atomic<int>> runs(static_cast<std::size_t>(tasks));
        std::atomic<int> badWorker{0};
        parallelFor(tasks, threads, [&](int task, int worker) {
            runs[static_cast<std::size_t>(task)].fetch_add(1);
            if (worker < 0 || worker >= std::min(tasks, threads)) badWorker.fetch_add(1);
        });
        for (const auto& r : runs)
            if (r.load() != 1) return false;
        return badWorker.load() == 0;
    };
    for (int threads : {1, 2, 3, 8})
        for (int tasks : {0, 1, 2, 7, 100}) {
            INFO(tasks << " tasks on " << threads << " threads");
            CHECK(runsCorrectly(tasks, threads));
        }

    // Several callers at once, and a task that calls parallelFor itself: whoever finds the
    // workers busy runs its tasks on its own thread.
    std::atomic<int> failures{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < 3; ++i)
        callers.emplace_back([&] {
            for (int round = 0; round < 20; ++round)
                if (!runsCorrectly(50, 3)) failures.fetch_add(1);
        });
    for (std::thread& t : callers) t.join();
    CHECK(failures.load() == 0);
    std::atomic<int> inner{0};
    parallelFor(4, 3, [&](int, int) { parallelFor(5, 3, [&](int, int) { inner.fetch_add(1); }); });
    CHECK(inner.load() == 20);
}
