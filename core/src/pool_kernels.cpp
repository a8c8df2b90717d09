// pool2d's inner loops for AVX-512, AVX2 and baseline x86-64 in one binary (multiversion.hpp).
#include "pool_kernels.hpp"

#include <cstddef>
#include <cstring>
#include <utility>

#include "multiversion.hpp"

namespace convscope::core::detail {

namespace {

CONVSCOPE_BEGIN_AVX512
namespace avx512 {
#include "pool_kernels.inc"
}  // namespace avx512
CONVSCOPE_END_TARGET

CONVSCOPE_BEGIN_AVX2
namespace avx2 {
#include "pool_kernels.inc"
}  // namespace avx2
CONVSCOPE_END_TARGET

namespace baseline {
#include "pool_kernels.inc"
}  // namespace baseline

}  // namespace

int poolInterior(const PoolRows& job) {
    switch (vectorIsa()) {
        case VectorIsa::Avx512: return avx512::run<16>(job);
        case VectorIsa::Avx2: return avx2::run<8>(job);
        case VectorIsa::Baseline: return baseline::run<4>(job);
    }
    return job.x0;
}

}  // namespace convscope::core::detail
