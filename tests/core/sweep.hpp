#pragma once
// Parameter sweeps (sweep_conv_test.cpp, sweep_pool_test.cpp, sweep_limits_test.cpp): every
// combination of input size 1–12, kernel/window 1–7, stride 1–4, padding 0–4 and dilation
// 1–3 along an axis, under every padding mode and pooling option, either matches the naive
// reference (tests/core/reference.hpp) exactly or is refused with the error of a rule
// restated here from PyTorch's documentation:
//   - no window fits: the reference counts the windows that fit and finds none → "kernel"
//     (conv) / "window" (pool)
//   - reflect padding ≥ the input size, circular padding > the input size → "padding"
//   - pool padding > window/2 → "padding"; avg pooling with dilation ≠ 1 → "dilation"
//
// Per axis there are 12·7·4·5·3 = 5040 settings. Validity is checked for all of them on
// each axis; values are computed for every setting once as the rows and once as the columns
// of a 2-D case, under each mode/option (the partner axis is a valid setting drawn by a
// fixed-seed shuffle).
// Values are small integers, so sums are exact and results must be identical.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "core/reference.hpp"

namespace sweep {

using namespace convscope::core;

struct AxisCase {
    int input, kernel, stride, pad, dilation;
};

inline std::vector<AxisCase> allAxisCases() {
    std::vector<AxisCase> cases;
    for (int n = 1; n <= 12; ++n)
        for (int k = 1; k <= 7; ++k)
            for (int s = 1; s <= 4; ++s)
                for (int p = 0; p <= 4; ++p)
                    for (int d = 1; d <= 3; ++d) cases.push_back({n, k, s, p, d});
    return cases;
}

// The partner axis for each case: the cases that `valid` accepts, in a fixed-seed shuffle,
// so a refusal is always the case's own doing and an accepted case meets varied partners.
template <class Valid>
std::vector<AxisCase> partnersFor(const std::vector<AxisCase>& cases, unsigned seed, Valid valid) {
    std::vector<AxisCase> ok;
    for (const AxisCase& c : cases)
        if (valid(c)) ok.push_back(c);
    std::mt19937 rng(seed);
    std::shuffle(ok.begin(), ok.end(), rng);
    REQUIRE(!ok.empty());
    return ok;
}

inline std::string text(const AxisCase& a) {
    std::ostringstream s;
    s << "n=" << a.input << " k=" << a.kernel << " s=" << a.stride << " p=" << a.pad << " d=" << a.dilation;
    return s.str();
}

// Small integers −4…4, different per tensor.
inline void fillSmall(std::vector<float>& v, unsigned seed) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(static_cast<int>((i * 5 + seed * 3) % 9) - 4);
}

inline bool sameValues(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

struct Tally {
    int matched = 0;
    int refused = 0;
};

// A 2-D case that breaks rules (`broken`: their parameters) must be refused naming one of
// them, with a message. True when the case broke a rule (and is done); false when it broke
// none and its values are the caller's to check.
template <class T>
bool checkRefused(const std::set<std::string>& broken, const Result<T>& out, const std::string& label, Tally& tally) {
    if (broken.empty()) return false;
    if (out.ok() || !broken.count(out.error().parameter) || out.error().message.empty())
        FAIL_CHECK(label << ": expected an error on " << *broken.begin() << ", got "
                         << (out.ok() ? "a result" : out.error().parameter + ": " + out.error().message));
    ++tally.refused;
    return true;
}

// ---- conv ---------------------------------------------------------------------------------

inline constexpr PaddingMode kModes[] = {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate,
                                         PaddingMode::Circular};

// The parameters (as error names) of the rules one axis breaks under `mode`.
inline std::set<std::string> convViolations(const AxisCase& a, PaddingMode mode) {
    std::set<std::string> broken;
    const long span = long{a.dilation} * (a.kernel - 1) + 1;
    if (reference::countFitting(a.input + 2L * a.pad, span, a.stride) < 1) broken.insert("kernel");
    if (mode == PaddingMode::Reflect && a.pad >= a.input) broken.insert("padding");
    if (mode == PaddingMode::Circular && a.pad > a.input) broken.insert("padding");
    return broken;
}

inline ConvParams convParams(const AxisCase& rows, const AxisCase& cols, PaddingMode mode) {
    ConvParams p;
    p.strideH = rows.stride;
    p.strideW = cols.stride;
    p.padding = {rows.pad, rows.pad, cols.pad, cols.pad};
    p.dilationH = rows.dilation;
    p.dilationW = cols.dilation;
    p.mode = mode;
    return p;
}

// ---- pool ---------------------------------------------------------------------------------

struct PoolOption {
    PoolMode mode;
    bool includePad;
    bool ceil;
};

inline constexpr PoolOption kPoolOptions[] = {
    {PoolMode::Max, true, false}, {PoolMode::Max, true, true},   {PoolMode::Avg, true, false},
    {PoolMode::Avg, true, true},  {PoolMode::Avg, false, false}, {PoolMode::Avg, false, true},
};

inline std::set<std::string> poolViolations(const AxisCase& a, const PoolOption& o) {
    std::set<std::string> broken;
    if (o.mode == PoolMode::Avg && a.dilation != 1) broken.insert("dilation");
    if (a.pad > a.kernel / 2) broken.insert("padding");
    if (reference::poolOutputSize(a.input, a.kernel, a.stride, a.pad, a.dilation, o.ceil) < 1) broken.insert("window");
    return broken;
}

inline PoolParams poolParams(const AxisCase& rows, const AxisCase& cols, const PoolOption& o) {
    PoolParams p;
    p.mode = o.mode;
    p.windowH = rows.kernel;
    p.windowW = cols.kernel;
    p.strideH = rows.stride;
    p.strideW = cols.stride;
    p.padH = rows.pad;
    p.padW = cols.pad;
    p.dilationH = rows.dilation;
    p.dilationW = cols.dilation;
    p.ceilMode = o.ceil;
    p.countIncludePad = o.includePad;
    return p;
}

inline std::string text(const PoolOption& o) {
    return std::string(poolModeName(o.mode)) +
           (o.mode == PoolMode::Avg ? (o.includePad ? " include_pad" : " exclude_pad") : "") +
           (o.ceil ? " ceil" : " floor");
}

}  // namespace sweep
