// The weight gradient's dot products for AVX-512, AVX2 + FMA and baseline x86-64 in one
// binary (multiversion.hpp).
#include <immintrin.h>

#include <cstring>

#include "conv_backward_kernels.hpp"
#include "multiversion.hpp"

namespace convscope::core::detail {

#define CONVSCOPE_KERNELS "conv_backward_kernels.inc"
#include "multiversion_copies.inc"

void rowDots(const float* g, const float* p, const int* offsets, int count, int n, float* out) {
    switch (vectorIsa()) {
        case VectorIsa::Avx512: return avx512::dots<16>(g, p, offsets, count, n, out);
        case VectorIsa::Avx2: return avx2::dots<8>(g, p, offsets, count, n, out);
        case VectorIsa::Baseline: return baseline::dots<4>(g, p, offsets, count, n, out);
    }
}

}  // namespace convscope::core::detail
