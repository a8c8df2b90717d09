#include "machine_limits.hpp"

#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "convscope/core/parallel.hpp"
#include "convscope/core/vector_isa.hpp"

namespace convscope::bench {

namespace core = convscope::core;

namespace {

// Arrays far larger than any cache of the machines we run on (a Zen 5 CCD has 32 MiB of
// L3), so the copy streams from and to memory.
constexpr std::size_t kCopyBytes = std::size_t{128} << 20;
// Chunks small enough that two threads share them evenly even when the pool's second
// thread wakes late, large enough that handing one out costs nothing measurable.
constexpr std::size_t kCopyChunk = std::size_t{1} << 20;

// dst = src with streaming (non-temporal) stores in the engine's vector width: each byte is
// read once and written once, without the read-for-ownership an ordinary store makes the
// core do first. (glibc's memcpy picks streaming stores only above a threshold it derives
// from the L3 size, and a VM may report anything there.) Both 64-byte aligned.
__attribute__((target("avx512f"))) void streamAvx512(float* dst, const float* src, std::size_t n) {
    for (std::size_t i = 0; i < n; i += 16) _mm512_stream_ps(dst + i, _mm512_loadu_ps(src + i));
}

__attribute__((target("avx2"))) void streamAvx2(float* dst, const float* src, std::size_t n) {
    for (std::size_t i = 0; i < n; i += 8) _mm256_stream_ps(dst + i, _mm256_loadu_ps(src + i));
}

void streamBaseline(float* dst, const float* src, std::size_t n) {
    for (std::size_t i = 0; i < n; i += 4) _mm_stream_ps(dst + i, _mm_loadu_ps(src + i));
}

struct AlignedFree {
    void operator()(float* p) const { std::free(p); }
};
using Floats = std::unique_ptr<float[], AlignedFree>;

Floats touchedFloats(std::size_t n, float value) {
    Floats p(static_cast<float*>(std::aligned_alloc(64, n * sizeof(float))));
    std::fill(p.get(), p.get() + n, value);
    return p;
}

void copyLimit(benchmark::State& state, int threads) {
    core::setThreadCount(threads);
    const core::VectorIsa isa = core::vectorIsa();
    constexpr std::size_t kFloats = kCopyBytes / sizeof(float), kChunkFloats = kCopyChunk / sizeof(float);
    // Touched before timing: the engine's buffers are reused too, and first touch of fresh
    // memory (page faults) is a cost of its own, not of bandwidth.
    const Floats src = touchedFloats(kFloats, 1.0f), dst = touchedFloats(kFloats, 2.0f);
    const int chunks = static_cast<int>(kFloats / kChunkFloats);
    for (auto _ : state) {
        core::parallelFor(chunks, threads, [&](int i, int) {
            const std::size_t at = static_cast<std::size_t>(i) * kChunkFloats;
            switch (isa) {
                case core::VectorIsa::Avx512: streamAvx512(dst.get() + at, src.get() + at, kChunkFloats); break;
                case core::VectorIsa::Avx2: streamAvx2(dst.get() + at, src.get() + at, kChunkFloats); break;
                case core::VectorIsa::Baseline: streamBaseline(dst.get() + at, src.get() + at, kChunkFloats); break;
            }
            _mm_sfence();
        });
        benchmark::DoNotOptimize(dst.get());
        benchmark::ClobberMemory();
    }
    state.counters["bytes"] = static_cast<double>(2 * kCopyBytes);
}

// Independent accumulators: enough to cover FMA latency × pipes on current cores (4 × 2),
// with room to spare; each one is acc = acc·m + a, which stays bounded for m < 1.
constexpr int kChains = 24;
constexpr long kFmaRounds = 1 << 15;  // per task: kChains · kFmaRounds vector multiply-adds

__attribute__((target("avx512f"))) float fmaAvx512(float m, float a) {
    __m512 acc[kChains];
    // Broadcasts written as vector + scalar: GCC 12's _mm512_set1_ps trips -Wuninitialized.
    for (int i = 0; i < kChains; ++i) acc[i] = __m512{} + static_cast<float>(i);
    const __m512 vm = __m512{} + m, va = __m512{} + a;
    for (long r = 0; r < kFmaRounds; ++r)
#pragma GCC unroll 24
        for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], vm, va);
    __m512 s = acc[0];
    for (int i = 1; i < kChains; ++i) s += acc[i];
    return s[0];
}

__attribute__((target("avx2,fma"))) float fmaAvx2(float m, float a) {
    __m256 acc[kChains / 2];  // 16 registers: 12 chains, the two constants
    for (int i = 0; i < kChains / 2; ++i) acc[i] = _mm256_set1_ps(static_cast<float>(i));
    const __m256 vm = _mm256_set1_ps(m), va = _mm256_set1_ps(a);
    for (long r = 0; r < 2 * kFmaRounds; ++r)
#pragma GCC unroll 12
        for (int i = 0; i < kChains / 2; ++i) acc[i] = _mm256_fmadd_ps(acc[i], vm, va);
    float out[8];
    __m256 s = acc[0];
    for (int i = 1; i < kChains / 2; ++i) s = _mm256_add_ps(s, acc[i]);
    _mm256_storeu_ps(out, s);
    return out[0];
}

// SSE2 has no fused multiply-add: a multiply and an add count as one multiply-add, as in
// the engine's baseline copy.
float fmaBaseline(float m, float a) {
    __m128 acc[kChains / 2];
    for (int i = 0; i < kChains / 2; ++i) acc[i] = _mm_set1_ps(static_cast<float>(i));
    const __m128 vm = _mm_set1_ps(m), va = _mm_set1_ps(a);
    for (long r = 0; r < 2 * kFmaRounds; ++r)
#pragma GCC unroll 12
        for (int i = 0; i < kChains / 2; ++i) acc[i] = _mm_add_ps(_mm_mul_ps(acc[i], vm), va);
    float out[4];
    __m128 s = acc[0];
    for (int i = 1; i < kChains / 2; ++i) s = _mm_add_ps(s, acc[i]);
    _mm_storeu_ps(out, s);
    return out[0];
}

// Scalar multiply-adds one task does with the ISA the engine uses.
double fmaPerTask(core::VectorIsa isa) {
    switch (isa) {
        case core::VectorIsa::Avx512: return 16.0 * kChains * kFmaRounds;
        case core::VectorIsa::Avx2: return 8.0 * (kChains / 2) * 2 * kFmaRounds;
        case core::VectorIsa::Baseline: return 4.0 * (kChains / 2) * 2 * kFmaRounds;
    }
    return 0.0;
}

void fmaLimit(benchmark::State& state, int threads) {
    core::setThreadCount(threads);
    const core::VectorIsa isa = core::vectorIsa();
    constexpr int kTasks = 32;
    std::vector<float> sink(kTasks);
    for (auto _ : state) {
        core::parallelFor(kTasks, threads, [&](int i, int) {
            const float m = 0.999f, a = 0.001f * static_cast<float>(i + 1);
            switch (isa) {
                case core::VectorIsa::Avx512: sink[static_cast<std::size_t>(i)] = fmaAvx512(m, a); break;
                case core::VectorIsa::Avx2: sink[static_cast<std::size_t>(i)] = fmaAvx2(m, a); break;
                case core::VectorIsa::Baseline: sink[static_cast<std::size_t>(i)] = fmaBaseline(m, a); break;
            }
        });
        benchmark::DoNotOptimize(sink.data());
        benchmark::ClobberMemory();
    }
    state.counters["macs"] = fmaPerTask(isa) * kTasks;
}

}  // namespace

void registerLimits(const std::vector<int>& threadCounts) {
    for (int threads : threadCounts) {
        const std::string t = "/t" + std::to_string(threads);
        benchmark::RegisterBenchmark(("limit/copy" + t).c_str(), copyLimit, threads)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime()
            ->MinTime(0.2);
        benchmark::RegisterBenchmark(("limit/fma" + t).c_str(), fmaLimit, threads)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime()
            ->MinTime(0.2);
    }
}

}  // namespace convscope::bench
