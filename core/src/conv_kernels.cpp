// The multiply-add loops of conv2d, written once with GCC vector types and compiled three
// times (AVX-512, AVX2 + FMA, baseline x86-64) inside one binary; the widest the CPU runs
// is picked once at start-up. Vectors are loaded with memcpy (unaligned loads).
#include <cstring>

#include "conv_band.hpp"

namespace convscope::core::detail {

namespace {

#define CONVSCOPE_INLINE inline __attribute__((always_inline))

// Blocks of B vectors of W floats along a row: B independent accumulators hide the FMA
// latency; the taps loop innermost so each output block is stored once.
template <int W, int B>
CONVSCOPE_INLINE void bandGeneric(const ConvBand& j) {
    typedef float V __attribute__((vector_size(W * sizeof(float))));  // (a `using` alias drops the attribute)
    static_assert(sizeof(V) == W * sizeof(float));
    const int taps = j.tapCount;
    for (int o = 0; o < j.outChannels; ++o) {
        const float* wt = j.weights + static_cast<std::ptrdiff_t>(o) * taps;
        const float b0 = j.bias ? j.bias[o] : 0.0f;
        for (int y = 0; y < j.rows; ++y) {
            const float* base = j.buffer + y * j.rowStep;
            float* out = j.out + o * j.outPlane + static_cast<std::ptrdiff_t>(y) * j.width;
            int x = 0;
            for (; x + B * W <= j.width; x += B * W) {
                V acc[B];
                for (int b = 0; b < B; ++b) acc[b] = V{} + b0;
                for (int t = 0; t < taps; ++t) {
                    const float w = wt[t];
                    const float* p = base + j.taps[t] + x;
                    for (int b = 0; b < B; ++b) {
                        V v;
                        std::memcpy(&v, p + b * W, sizeof v);
                        acc[b] += w * v;
                    }
                }
                for (int b = 0; b < B; ++b) std::memcpy(out + x + b * W, &acc[b], sizeof(V));
            }
            for (; x < j.width; x += W) {
                V acc = V{} + b0;
                for (int t = 0; t < taps; ++t) {
                    V v;
                    std::memcpy(&v, base + j.taps[t] + x, sizeof v);
                    acc += wt[t] * v;
                }
                const int n = j.width - x < W ? j.width - x : W;  // the last block may be partial
                std::memcpy(out + x, &acc, static_cast<std::size_t>(n) * sizeof(float));
            }
        }
    }
}

__attribute__((target("avx512f"))) void bandAvx512(const ConvBand& j) {
    bandGeneric<16, 4>(j);
}

__attribute__((target("avx2,fma"))) void bandAvx2(const ConvBand& j) {
    bandGeneric<8, 4>(j);
}

void bandBaseline(const ConvBand& j) {
    bandGeneric<4, 4>(j);
}

using BandFn = void (*)(const ConvBand&);

BandFn pickBand() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return bandAvx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return bandAvx2;
    return bandBaseline;
}

}  // namespace

void convBand(const ConvBand& band) {
    static const BandFn fn = pickBand();
    fn(band);
}

}  // namespace convscope::core::detail
