#include "color_scale.hpp"

#include <algorithm>
#include <cmath>

namespace convscope::gui {

ColorScale ColorScale::fit(const float* values, std::size_t count) {
    float lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < count; ++i)
        if (std::isfinite(values[i])) {
            lo = std::min(lo, values[i]);
            hi = std::max(hi, values[i]);
        }
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

}  // namespace convscope::gui
