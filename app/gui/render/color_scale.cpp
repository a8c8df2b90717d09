#include "color_scale.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace convscope::gui {

FiniteRange::FiniteRange() : low(INFINITY), high(-INFINITY) {}

// An AVX2 copy beside the baseline one, picked at load time: a 4096² map is read in ~2.5 ms
// instead of ~5 (the engine's kernels have their own copies, core/src/multiversion.hpp).
__attribute__((target_clones("avx2", "default"))) void FiniteRange::add(const float* values, std::size_t count) {
    // Branch-free over independent lanes, so the compiler vectorises it: a new 1024² map is
    // fitted on the UI thread in the frame that shows it (scalar, with a branch per value,
    // that took ~3 ms of the frame). |v| ≤ FLT_MAX is false for NaN and ±inf.
    constexpr std::size_t kLanes = 16;
    float los[kLanes], his[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
        los[j] = low;
        his[j] = high;
    }
    std::size_t i = 0;
    for (; i + kLanes <= count; i += kLanes)
        for (std::size_t j = 0; j < kLanes; ++j) {
            const float v = values[i + j];
            const bool finite = std::fabs(v) <= FLT_MAX;
            const float lo = finite ? v : INFINITY, hi = finite ? v : -INFINITY;
            los[j] = lo < los[j] ? lo : los[j];
            his[j] = hi > his[j] ? hi : his[j];
        }
    for (; i < count; ++i)
        if (std::fabs(values[i]) <= FLT_MAX) {
            los[0] = std::min(los[0], values[i]);
            his[0] = std::max(his[0], values[i]);
        }
    for (std::size_t j = 0; j < kLanes; ++j) {
        low = std::min(low, los[j]);
        high = std::max(high, his[j]);
    }
}

ColorScale ColorScale::fit(const float* values, std::size_t count) {
    FiniteRange range;
    range.add(values, count);
    return fit(range);
}

ColorScale ColorScale::fit(const FiniteRange& range) {
    const float lo = range.low, hi = range.high;
    if (lo > hi) return {};  // nothing finite
    ColorScale s;
    if (lo < 0.0f) {
        // Symmetric, so 0 is always the neutral middle and signs read at a glance.
        const float m = std::max(std::fabs(lo), std::fabs(hi));
        s = {-m, m, true};
    } else {
        s = {lo, hi, false};
    }
    return s;
}

float ColorScale::normalized(float v) const {
    if (std::isinf(v)) return v > 0 ? 1.0f : 0.0f;
    const float span = high - low;
    return span > 0.0f ? std::clamp((v - low) / span, 0.0f, 1.0f) : 0.5f;
}

bool ColorScale::darkAt(float v) const {
    if (std::isnan(v)) return false;
    const float t = normalized(v);
    return diverging ? std::fabs(t - 0.5f) > 0.3f : t < 0.55f;
}

ColorScale::Rgb ColorScale::colourOf(float v) const {
    if (std::isnan(v)) return {0.85f, 0.0f, 0.85f};
    const float t = normalized(v);
    if (!diverging) {
        const float g = 0.08f + (0.97f - 0.08f) * t;
        return {g, g, g};
    }
    // Same three anchors as the shader's cool–warm scale.
    const Rgb cold{0.16f, 0.33f, 0.78f}, mid{0.93f, 0.93f, 0.93f}, warm{0.78f, 0.12f, 0.12f};
    const auto mix = [](const Rgb& a, const Rgb& b, float u) {
        return Rgb{a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u};
    };
    return t < 0.5f ? mix(cold, mid, t * 2.0f) : mix(mid, warm, (t - 0.5f) * 2.0f);
}

ColorScale signedScale(const ColorScale& scale) {
    float m = std::max(std::fabs(scale.low), std::fabs(scale.high));
    if (!(m > 0.0f) || !std::isfinite(m)) m = 1.0f;
    return ColorScale{-m, m, true};
}

}  // namespace convscope::gui
