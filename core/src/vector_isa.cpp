#include "convscope/core/vector_isa.hpp"

#include <algorithm>
#include <atomic>

namespace convscope::core {

namespace {

VectorIsa detect() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma"))
        return VectorIsa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return VectorIsa::Avx2;
    return VectorIsa::Baseline;
}

std::atomic<VectorIsa>& current() {
    static std::atomic<VectorIsa> isa{bestVectorIsa()};
    return isa;
}

}  // namespace

const char* vectorIsaName(VectorIsa isa) {
    switch (isa) {
        case VectorIsa::Baseline: return "baseline";
        case VectorIsa::Avx2: return "avx2";
        case VectorIsa::Avx512: return "avx512";
    }
    return "baseline";
}

VectorIsa bestVectorIsa() {
    static const VectorIsa best = detect();
    return best;
}

VectorIsa vectorIsa() {
    return current().load(std::memory_order_relaxed);
}

VectorIsa setVectorIsa(VectorIsa isa) {
    const VectorIsa used = std::min(isa, bestVectorIsa());
    current().store(used, std::memory_order_relaxed);
    return used;
}

}  // namespace convscope::core
