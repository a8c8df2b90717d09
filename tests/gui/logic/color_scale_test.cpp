// The colour range a map is drawn with: what a person reads off the legend.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "render/color_scale.hpp"

using convscope::gui::ColorScale;

namespace {

// The plain definition the fast fit must agree with.
ColorScale reference(const std::vector<float>& v) {
    float lo = INFINITY, hi = -INFINITY;
    for (float x : v)
        if (std::isfinite(x)) {
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    if (lo > hi) return {};
    if (lo < 0.0f) {
        const float m = std::max(std::fabs(lo), std::fabs(hi));
        return {-m, m, true};
    }
    return {lo, hi, false};
}

}  // namespace

TEST_CASE("a non-negative map gets a grey scale from its minimum to its maximum", "[gui][color]") {
    const std::vector<float> v{0.5f, 2.0f, 1.0f};
    const ColorScale s = ColorScale::fit(v.data(), v.size());
    CHECK_FALSE(s.diverging);
    CHECK(s.low == 0.5f);
    CHECK(s.high == 2.0f);
}

TEST_CASE("a signed map gets a diverging scale symmetric around 0", "[gui][color]") {
    const std::vector<float> v{-3.0f, 1.0f, 0.0f};
    const ColorScale s = ColorScale::fit(v.data(), v.size());
    CHECK(s.diverging);
    CHECK(s.low == -3.0f);
    CHECK(s.high == 3.0f);
}

TEST_CASE("NaN and infinities do not stretch the scale", "[gui][color]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> v{nan, INFINITY, 2.0f, -INFINITY, 4.0f, nan};
    const ColorScale s = ColorScale::fit(v.data(), v.size());
    CHECK_FALSE(s.diverging);
    CHECK(s.low == 2.0f);
    CHECK(s.high == 4.0f);
    const std::vector<float> none{nan, INFINITY, -INFINITY};
    const ColorScale d = ColorScale::fit(none.data(), none.size());
    CHECK(d.low == ColorScale{}.low);
    CHECK(d.high == ColorScale{}.high);
}

TEST_CASE("the fit agrees with the plain definition at every length and position", "[gui][color]") {
    // Lengths around the vector width, and the extreme at each position, so no lane or
    // tail element is skipped.
    for (std::size_t n = 1; n <= 70; ++n)
        for (std::size_t at = 0; at < n; ++at) {
            std::vector<float> v(n);
            for (std::size_t i = 0; i < n; ++i) v[i] = 1.0f + static_cast<float>((i * 7) % 5);
            v[at] = (n % 2) ? -9.0f : 100.0f;
            if (n > 3) v[(at + 1) % n] = std::numeric_limits<float>::quiet_NaN();
            const ColorScale s = ColorScale::fit(v.data(), n);
            const ColorScale e = reference(v);
            INFO("n " << n << " at " << at);
            REQUIRE(s.low == e.low);
            REQUIRE(s.high == e.high);
            REQUIRE(s.diverging == e.diverging);
        }
}
