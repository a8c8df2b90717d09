#pragma once
// Internal: how the engine's inner loops are built for several instruction sets in one
// binary that still runs on any x86-64 (which copy runs: vector_isa.hpp). A kernel file
// writes its loops once, in a .inc file, with GCC vector types of W floats, and has
// multiversion_copies.inc include it three times:
//
//   #define CONVSCOPE_KERNELS "x_kernels.inc"
//   #include "multiversion_copies.inc"        then call avx512::f<16>(…)
//
// (likewise avx2::f<8> with AVX2 + FMA, and baseline::f<4> with SSE2). The pragma gives every
// function and template defined inside the region that target; a target attribute on the
// caller alone is not enough (GCC lowers vector compares in an un-targeted inline helper
// to scalars). Standard headers are included before the regions so none of their code is
// retargeted, and each copy lives in its own namespace inside an anonymous one, so the
// linker can never hand an AVX-512 copy of an inline function to another caller.
#include <cstdint>

#include "convscope/core/vector_isa.hpp"

#if defined(__clang__)
// clang ignores `#pragma GCC target`, and then cannot hold a 64-byte vector in a register
// (the fuzz build, tests/fuzz, is clang): its own pragma gives the region's functions the
// target instead.
// (One string each: _Pragma does not join adjacent literals.)
// clang-format off
#define CONVSCOPE_BEGIN_AVX512 \
    _Pragma("clang attribute push(__attribute__((target(\"avx512f,avx512vl,avx512bw,avx512dq,fma\"))), apply_to = function)")
// clang-format on
#define CONVSCOPE_BEGIN_AVX2 _Pragma("clang attribute push(__attribute__((target(\"avx2,fma\"))), apply_to = function)")
#define CONVSCOPE_END_TARGET _Pragma("clang attribute pop")
#else
#define CONVSCOPE_BEGIN_AVX512 \
    _Pragma("GCC push_options") _Pragma("GCC target(\"avx512f,avx512vl,avx512bw,avx512dq,fma\")")
#define CONVSCOPE_BEGIN_AVX2 _Pragma("GCC push_options") _Pragma("GCC target(\"avx2,fma\")")
#define CONVSCOPE_END_TARGET _Pragma("GCC pop_options")
#endif
#define CONVSCOPE_INLINE inline __attribute__((always_inline))

namespace convscope::core::detail {

// Vector types of W lanes. (Declared per width: GCC drops vector_size from a `using` alias
// or typedef whose size depends on a template parameter.)
template <int W>
struct Vec;
template <>
struct Vec<16> {
    typedef float F __attribute__((vector_size(64)));
    typedef std::int32_t I __attribute__((vector_size(64)));
    typedef std::int32_t Half __attribute__((vector_size(32)));
    typedef std::int64_t L __attribute__((vector_size(64)));  // half as many lanes
};
template <>
struct Vec<8> {
    typedef float F __attribute__((vector_size(32)));
    typedef std::int32_t I __attribute__((vector_size(32)));
    typedef std::int32_t Half __attribute__((vector_size(16)));
    typedef std::int64_t L __attribute__((vector_size(32)));
};
template <>
struct Vec<4> {
    typedef float F __attribute__((vector_size(16)));
    typedef std::int32_t I __attribute__((vector_size(16)));
    typedef std::int32_t Half __attribute__((vector_size(8)));
    typedef std::int64_t L __attribute__((vector_size(16)));
};

}  // namespace convscope::core::detail
