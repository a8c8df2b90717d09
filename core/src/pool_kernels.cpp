// pool2d's inner loops for AVX-512, AVX2 and baseline x86-64 in one binary (multiversion.hpp).
#include "pool_kernels.hpp"

#include <immintrin.h>

#include <cstddef>
#include <cstring>
#include <utility>

#include "multiversion.hpp"

namespace convscope::core::detail {

#define CONVSCOPE_KERNELS "pool_kernels.inc"
#include "multiversion_copies.inc"

int poolInterior(const PoolRows& job) {
    switch (vectorIsa()) {
        case VectorIsa::Avx512: return avx512::run<16>(job);
        case VectorIsa::Avx2: return avx2::run<8>(job);
        case VectorIsa::Baseline: return baseline::run<4>(job);
    }
    return job.x0;
}

}  // namespace convscope::core::detail
