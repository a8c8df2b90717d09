// conv2d's inner loops for AVX-512, AVX2 + FMA and baseline x86-64 in one binary
// (multiversion.hpp).
#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "conv_band.hpp"
#include "multiversion.hpp"

namespace convscope::core::detail {

// Register budgets per copy: AVX-512 has 32 vector registers (4 rows × 4 vectors of
// accumulators + 4 loaded vectors; for 7×7 and 11×11, 8 rows × 2 vectors + 2 loaded + the
// kernel column's 7 or 11 weights, measured ~8 % faster than 4 × 4 on Zen 5), AVX2 and SSE2
// have 16 (4 × 2 + 2, and a weight).
#define CONVSCOPE_KERNELS "conv_kernels.inc"
#include "multiversion_copies.inc"

void convBand(const ConvBand& band) {
    switch (vectorIsa()) {
        case VectorIsa::Avx512: return avx512::band<16, 4, 4, 8, 2>(band);
        case VectorIsa::Avx2: return avx2::band<8, 4, 2, 4, 2>(band);
        case VectorIsa::Baseline: return baseline::band<4, 4, 2, 4, 2>(band);
    }
}

}  // namespace convscope::core::detail
