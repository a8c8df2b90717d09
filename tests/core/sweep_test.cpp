// Parameter sweeps: every combination of input size 1–12, kernel/window 1–7, stride 1–4,
// padding 0–4 and dilation 1–3 along an axis, under every padding mode and pooling option,
// either matches the naive reference (tests/core/reference.hpp) exactly or is refused with
// the error of a rule restated here from PyTorch's documentation:
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
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/trace.hpp"
#include "core/reference.hpp"

using namespace convscope::core;

namespace {

struct AxisCase {
    int input, kernel, stride, pad, dilation;
};

std::vector<AxisCase> allAxisCases() {
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

std::string text(const AxisCase& a) {
    std::ostringstream s;
    s << "n=" << a.input << " k=" << a.kernel << " s=" << a.stride << " p=" << a.pad << " d=" << a.dilation;
    return s.str();
}

// Small integers −4…4, different per tensor.
void fillSmall(std::vector<float>& v, unsigned seed) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(static_cast<int>((i * 5 + seed * 3) % 9) - 4);
}

bool sameValues(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

// ---- conv ---------------------------------------------------------------------------------

const PaddingMode kModes[] = {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular};

// The parameters (as error names) of the rules one axis breaks under `mode`.
std::set<std::string> convViolations(const AxisCase& a, PaddingMode mode) {
    std::set<std::string> broken;
    const long span = long{a.dilation} * (a.kernel - 1) + 1;
    if (reference::countFitting(a.input + 2L * a.pad, span, a.stride) < 1) broken.insert("kernel");
    if (mode == PaddingMode::Reflect && a.pad >= a.input) broken.insert("padding");
    if (mode == PaddingMode::Circular && a.pad > a.input) broken.insert("padding");
    return broken;
}

ConvParams convParams(const AxisCase& rows, const AxisCase& cols, PaddingMode mode) {
    ConvParams p;
    p.strideH = rows.stride;
    p.strideW = cols.stride;
    p.padding = {rows.pad, rows.pad, cols.pad, cols.pad};
    p.dilationH = rows.dilation;
    p.dilationW = cols.dilation;
    p.mode = mode;
    return p;
}

struct Tally {
    int matched = 0;
    int refused = 0;
};

// One 2-D conv: refused with one of the broken rules' parameters, or equal to the reference.
void checkConv(const AxisCase& rows, const AxisCase& cols, PaddingMode mode, int channels, int filters, Tally& tally) {
    std::set<std::string> broken = convViolations(rows, mode);
    broken.merge(convViolations(cols, mode));
    Tensor input(channels, rows.input, cols.input);
    fillSmall(input.data, 1);
    Weights weights(filters, channels, rows.kernel, cols.kernel);
    fillSmall(weights.data, 2);
    std::vector<float> bias(static_cast<std::size_t>(filters));
    fillSmall(bias, 3);
    const ConvParams p = convParams(rows, cols, mode);
    auto out = conv2d(input, weights, bias, p);
    if (!broken.empty()) {
        if (out.ok() || !broken.count(out.error().parameter) || out.error().message.empty())
            FAIL_CHECK(paddingModeName(mode)
                       << " rows " << text(rows) << ", cols " << text(cols) << ": expected an error on "
                       << *broken.begin() << ", got "
                       << (out.ok() ? "a result" : out.error().parameter + ": " + out.error().message));
        ++tally.refused;
        return;
    }
    const auto expected = reference::conv2d(input, weights, bias, p);
    if (!out.ok() || !expected || out->height != expected->height || out->width != expected->width ||
        out->channels != expected->channels || !sameValues(out->data, expected->data))
        FAIL_CHECK(paddingModeName(mode) << " rows " << text(rows) << ", cols " << text(cols) << ": "
                                         << (out.ok() ? "values differ from the reference" : out.error().message));
    ++tally.matched;
}

// ---- pool ---------------------------------------------------------------------------------

struct PoolOption {
    PoolMode mode;
    bool includePad;
    bool ceil;
};

std::set<std::string> poolViolations(const AxisCase& a, const PoolOption& o) {
    std::set<std::string> broken;
    if (o.mode == PoolMode::Avg && a.dilation != 1) broken.insert("dilation");
    if (a.pad > a.kernel / 2) broken.insert("padding");
    if (reference::poolOutputSize(a.input, a.kernel, a.stride, a.pad, a.dilation, o.ceil) < 1) broken.insert("window");
    return broken;
}

PoolParams poolParams(const AxisCase& rows, const AxisCase& cols, const PoolOption& o) {
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

std::string text(const PoolOption& o) {
    return std::string(poolModeName(o.mode)) +
           (o.mode == PoolMode::Avg ? (o.includePad ? " include_pad" : " exclude_pad") : "") +
           (o.ceil ? " ceil" : " floor");
}

void checkPool(const AxisCase& rows, const AxisCase& cols, const PoolOption& o, int channels, Tally& tally) {
    std::set<std::string> broken = poolViolations(rows, o);
    broken.merge(poolViolations(cols, o));
    Tensor input(channels, rows.input, cols.input);
    fillSmall(input.data, 4);
    const PoolParams p = poolParams(rows, cols, o);
    auto out = pool2d(input, p);
    if (!broken.empty()) {
        if (out.ok() || !broken.count(out.error().parameter) || out.error().message.empty())
            FAIL_CHECK(text(o) << " rows " << text(rows) << ", cols " << text(cols) << ": expected an error on "
                               << *broken.begin() << ", got "
                               << (out.ok() ? "a result" : out.error().parameter + ": " + out.error().message));
        ++tally.refused;
        return;
    }
    const auto expected = reference::pool2d(input, p);
    if (!out.ok() || !expected || out->values.height != expected->values.height ||
        out->values.width != expected->values.width || !sameValues(out->values.data, expected->values.data) ||
        out->indices != expected->indices)
        FAIL_CHECK(text(o) << " rows " << text(rows) << ", cols " << text(cols) << ": "
                           << (out.ok() ? "values or indices differ from the reference" : out.error().message));
    ++tally.matched;
}

const PoolOption kPoolOptions[] = {
    {PoolMode::Max, true, false}, {PoolMode::Max, true, true},   {PoolMode::Avg, true, false},
    {PoolMode::Avg, true, true},  {PoolMode::Avg, false, false}, {PoolMode::Avg, false, true},
};

}  // namespace

TEST_CASE("sweep: conv planning accepts exactly the settings PyTorch accepts, on each axis", "[sweep][conv]") {
    // Only the axis under test varies; the other is 1 cell, kernel 1.
    const AxisCase trivial{1, 1, 1, 0, 1};
    int accepted = 0, refused = 0;
    for (PaddingMode mode : kModes)
        for (const AxisCase& a : allAxisCases())
            for (bool rowsAxis : {true, false}) {
                const AxisCase& rows = rowsAxis ? a : trivial;
                const AxisCase& cols = rowsAxis ? trivial : a;
                Weights shape;
                shape.outChannels = shape.inChannels = 1;
                shape.height = rows.kernel;
                shape.width = cols.kernel;
                const auto plan = planConv(1, rows.input, cols.input, shape, nullptr, convParams(rows, cols, mode));
                const auto broken = convViolations(a, mode);
                if (broken.empty()) {
                    // The size is the number of windows that fit in the padded input.
                    const long expected =
                        reference::countFitting(a.input + 2L * a.pad, long{a.dilation} * (a.kernel - 1) + 1, a.stride);
                    if (!plan.ok() || (rowsAxis ? plan->outHeight : plan->outWidth) != expected)
                        FAIL_CHECK(paddingModeName(mode)
                                   << (rowsAxis ? " rows " : " cols ") << text(a) << ": expected size " << expected
                                   << ", got " << (plan.ok() ? "another size" : plan.error().message));
                    ++accepted;
                } else {
                    if (plan.ok() || !broken.count(plan.error().parameter))
                        FAIL_CHECK(paddingModeName(mode) << (rowsAxis ? " rows " : " cols ") << text(a)
                                                         << ": expected an error on " << *broken.begin());
                    ++refused;
                }
            }
    // Both outcomes occur: the sweep crosses every rule's boundary.
    CHECK(accepted > 10000);
    CHECK(refused > 5000);
}

TEST_CASE("sweep: conv2d equals the reference or is refused by the rule, every padding mode", "[sweep][conv]") {
    const auto cases = allAxisCases();
    for (PaddingMode mode : kModes) {
        const auto partners = partnersFor(cases, 7, [&](const AxisCase& c) { return convViolations(c, mode).empty(); });
        Tally tally;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            // Each setting once as rows, once as columns; channels and filters vary too.
            const int channels = 1 + static_cast<int>(i % 2);
            const int filters = 1 + static_cast<int>((i / 2) % 2);
            const AxisCase& partner = partners[i % partners.size()];
            checkConv(cases[i], partner, mode, channels, filters, tally);
            checkConv(partner, cases[i], mode, channels, filters, tally);
        }
        INFO(paddingModeName(mode) << ": " << tally.matched << " matched, " << tally.refused << " refused");
        CHECK(tally.matched > 1000);
        CHECK(tally.refused > 1000);
    }
}

TEST_CASE("sweep: strides up to past the input size match the reference", "[sweep][conv]") {
    // The sweep above stops at stride 4; vectorised paths have other cases for strides
    // larger than a vector (fuzz_cli_args found a 1×1 kernel, stride 32, padding 3 on 33×33
    // reading past the weights).
    Tally tally;
    for (int n : {17, 33, 40})
        for (int k = 1; k <= 3; ++k)
            for (int s : {5, 8, 15, 16, 17, 31, 32, 33, 64})
                for (int p = 0; p <= 3; ++p)
                    for (PaddingMode mode : kModes) {
                        const AxisCase a{n, k, s, p, 1};
                        const AxisCase b{n, k, 1 + (s % 3), p, 1};
                        checkConv(a, a, mode, 1, 1, tally);
                        checkConv(a, b, mode, 2, 1, tally);
                    }
    CHECK(tally.matched > 1000);
}

TEST_CASE("sweep: the padding-mode limits sit exactly at the input size", "[sweep][conv]") {
    // Reflect: padding n−1 is the largest allowed; circular: padding n. Checked with values.
    Tally tally;
    for (int n = 1; n <= 12; ++n)
        for (int k = 1; k <= 3; ++k) {
            const AxisCase other{3, 1, 1, 0, 1};
            for (int pad : {n - 1, n, n + 1}) {
                if (pad < 0) continue;
                const AxisCase a{n, k, 1, pad, 1};
                for (PaddingMode mode : kModes) checkConv(a, other, mode, 1, 1, tally);
            }
        }
    CHECK(tally.matched > 0);
    CHECK(tally.refused > 0);
    const Tensor in(1, 4, 4, 1.0f);
    const Weights k(1, 1, 1, 1, 1.0f);
    CHECK(conv2d(in, k, {}, convParams({4, 1, 1, 3, 1}, {4, 1, 1, 0, 1}, PaddingMode::Reflect)).ok());
    CHECK_FALSE(conv2d(in, k, {}, convParams({4, 1, 1, 4, 1}, {4, 1, 1, 0, 1}, PaddingMode::Reflect)).ok());
    CHECK(conv2d(in, k, {}, convParams({4, 1, 1, 0, 1}, {4, 1, 1, 4, 1}, PaddingMode::Circular)).ok());
    CHECK_FALSE(conv2d(in, k, {}, convParams({4, 1, 1, 0, 1}, {4, 1, 1, 5, 1}, PaddingMode::Circular)).ok());
}

TEST_CASE("sweep: 'same' padding keeps the size and matches the reference for every kernel and dilation",
          "[sweep][conv]") {
    Tally tally;
    for (int n = 1; n <= 12; ++n)
        for (int k = 1; k <= 7; ++k)
            for (int d = 1; d <= 3; ++d) {
                const auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, k, 1, d, 1, 1, 1);
                REQUIRE(pad.ok());
                // d·(k−1) in total, the odd cell after: top = floor, bottom = ceil.
                CHECK(pad->top == d * (k - 1) / 2);
                CHECK(pad->bottom == d * (k - 1) - d * (k - 1) / 2);
                ConvParams p;
                p.padding = *pad;
                p.dilationH = d;
                Tensor in(1, n, 2);
                fillSmall(in.data, 5);
                Weights w(1, 1, k, 1);
                fillSmall(w.data, 6);
                auto out = conv2d(in, w, {}, p);
                REQUIRE(out.ok());
                CHECK(out->height == n);
                const auto expected = reference::conv2d(in, w, {}, p);
                REQUIRE(expected);
                CHECK(sameValues(out->data, expected->data));
                ++tally.matched;
            }
    CHECK(tally.matched == 12 * 7 * 3);
}

TEST_CASE("sweep: out-of-range stride, padding, dilation or kernel is refused naming it", "[sweep][conv][pool]") {
    const Tensor in(1, 6, 6, 1.0f);
    struct Bad {
        int kernel, stride, pad, dilation;
        const char* conv;  // the parameter conv names
        const char* pool;  // the parameter pool names
    };
    const Bad bad[] = {
        {0, 1, 0, 1, "kernel", "window"},      {-1, 1, 0, 1, "kernel", "window"},
        {3, 0, 0, 1, "stride", "stride"},      {3, -2, 0, 1, "stride", "stride"},
        {3, 1, -1, 1, "padding", "padding"},   {3, 1, 0, 0, "dilation", "dilation"},
        {3, 1, 0, -3, "dilation", "dilation"},
    };
    for (const Bad& b : bad)
        for (bool rowsAxis : {true, false}) {
            INFO("kernel " << b.kernel << " stride " << b.stride << " pad " << b.pad << " dilation " << b.dilation
                           << (rowsAxis ? " on rows" : " on cols"));
            const AxisCase good{6, 3, 1, 0, 1};
            const AxisCase a{6, b.kernel, b.stride, b.pad, b.dilation};
            const AxisCase& rows = rowsAxis ? a : good;
            const AxisCase& cols = rowsAxis ? good : a;
            Weights shape;  // planning only: a kernel size below 1 has no storage
            shape.outChannels = shape.inChannels = 1;
            shape.height = rows.kernel;
            shape.width = cols.kernel;
            for (PaddingMode mode : kModes) {
                auto plan = planConv(1, 6, 6, shape, nullptr, convParams(rows, cols, mode));
                REQUIRE_FALSE(plan.ok());
                CHECK(plan.error().parameter == b.conv);
            }
            for (const PoolOption& o : kPoolOptions) {
                auto out = pool2d(in, poolParams(rows, cols, o));
                REQUIRE_FALSE(out.ok());
                CHECK(out.error().parameter == b.pool);
            }
        }
}

TEST_CASE("sweep: pool planning accepts exactly the settings PyTorch accepts, on each axis", "[sweep][pool]") {
    const AxisCase trivial{1, 1, 1, 0, 1};
    int accepted = 0, refused = 0;
    for (const PoolOption& o : kPoolOptions)
        for (const AxisCase& a : allAxisCases())
            for (bool rowsAxis : {true, false}) {
                const AxisCase& rows = rowsAxis ? a : trivial;
                const AxisCase& cols = rowsAxis ? trivial : a;
                const auto plan = planPool(1, rows.input, cols.input, poolParams(rows, cols, o));
                const auto broken = poolViolations(a, o);
                if (broken.empty()) {
                    const long expected =
                        reference::poolOutputSize(a.input, a.kernel, a.stride, a.pad, a.dilation, o.ceil);
                    if (!plan.ok() || (rowsAxis ? plan->outHeight : plan->outWidth) != expected)
                        FAIL_CHECK(text(o)
                                   << (rowsAxis ? " rows " : " cols ") << text(a) << ": expected size " << expected
                                   << ", got " << (plan.ok() ? "another size" : plan.error().message));
                    ++accepted;
                } else {
                    if (plan.ok() || !broken.count(plan.error().parameter))
                        FAIL_CHECK(text(o) << (rowsAxis ? " rows " : " cols ") << text(a) << ": expected an error on "
                                           << *broken.begin());
                    ++refused;
                }
            }
    CHECK(accepted > 10000);
    CHECK(refused > 10000);
}

TEST_CASE("sweep: pool2d equals the reference or is refused by the rule, every pooling option", "[sweep][pool]") {
    const auto cases = allAxisCases();
    for (const PoolOption& o : kPoolOptions) {
        const auto partners = partnersFor(cases, 11, [&](const AxisCase& c) { return poolViolations(c, o).empty(); });
        Tally tally;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const int channels = 1 + static_cast<int>(i % 2);
            const AxisCase& partner = partners[i % partners.size()];
            checkPool(cases[i], partner, o, channels, tally);
            checkPool(partner, cases[i], o, channels, tally);
        }
        INFO(text(o) << ": " << tally.matched << " matched, " << tally.refused << " refused");
        CHECK(tally.matched > 1000);
        CHECK(tally.refused > 1000);
    }
}

TEST_CASE("sweep: the unread rows/cols and their summary match a tap-by-tap count on every axis setting",
          "[sweep][coverage]") {
    for (const AxisCase& a : allAxisCases()) {
        const long span = long{a.dilation} * (a.kernel - 1) + 1;
        const long outputs = reference::countFitting(a.input + 2L * a.pad, span, a.stride);
        if (outputs < 1) continue;
        std::vector<char> read(static_cast<std::size_t>(a.input), 0);
        for (long o = 0; o < outputs; ++o)
            for (long j = 0; j < a.kernel; ++j) {
                const long i = o * a.stride - a.pad + j * a.dilation;
                if (i >= 0 && i < a.input) read[static_cast<std::size_t>(i)] = 1;
            }
        std::vector<std::int64_t> expected;
        for (int i = 0; i < a.input; ++i)
            if (!read[static_cast<std::size_t>(i)]) expected.push_back(i);
        const AxisWindow w{a.input, a.kernel, a.stride, a.pad, a.pad, a.dilation, false};
        const auto summary = summarizeUncovered(w, outputs, 2);
        const std::vector<std::int64_t> firstTwo(expected.begin(),
                                                 expected.begin() + std::min<std::ptrdiff_t>(2, std::ssize(expected)));
        if (uncoveredInputs(w, outputs) != expected || summary.count != std::ssize(expected) ||
            summary.first != firstTwo)
            FAIL_CHECK(text(a) << ": the unread cells differ from the tap-by-tap count");
    }
}

TEST_CASE("sweep: finding the unread cells of a huge kernel takes time linear in the input", "[sweep][coverage]") {
    // 2·10^6 rows, kernel 10^6: 10^6 + 1 windows of 10^6 taps each. Tap by tap this was
    // 10^12 steps (with 10^8 rows, a hang in `convscope-cli shape`); now two passes.
    const AxisWindow dense{2'000'000, 1'000'000, 1, 0, 0, 1, false};
    CHECK(summarizeUncovered(dense, countWindows(dense), 5).count == 0);
    // Dilation 3, stride 2, 4·10^5 taps: window o starts at 2o, so the windows cycle through
    // the residue classes mod 3 as 0, 2, 1, 0, … and each reads its class from 2o to
    // 2o + 3·(4·10^5 − 1) = 2o + 1199997.
    const AxisWindow dilated{2'000'000, 400'000, 2, 0, 0, 3, false};
    const std::int64_t n = countWindows(dilated);  // floor((2·10^6 − 1199997 − 1)/2) + 1
    CHECK(n == 400'002);
    const auto s = summarizeUncovered(dilated, n, 3);
    // Row 1 (class 1): the first class-1 window (o = 2) starts at row 4. Row 1999998
    // (class 0): the last class-0 window (o = 399999) ends at 799998 + 1199997 = 1999995.
    // Rows 1999996, 1999999 (class 1) and 1999997 (class 2) are reached by o = 400001 and
    // o = 400000.
    CHECK(s.count == 2);
    CHECK(s.first == std::vector<std::int64_t>{1, 1'999'998});
}

TEST_CASE("limits: a trace of more window cells than it can list is refused, one at the limit is made",
          "[sweep][limits][trace]") {
    // Window 2·10^9 with padding 10^9 is a valid pooling of a 4×4 input (every window covers
    // it all), but its trace would list 4·10^18 cells.
    const Tensor in(1, 4, 4, 1.0f);
    PoolParams huge;
    huge.windowH = huge.windowW = 2'000'000'000;
    huge.padH = huge.padW = 1'000'000'000;
    huge.strideH = huge.strideW = 1;
    REQUIRE(planPool(1, 4, 4, huge).ok());
    auto t = tracePool(in, huge, 0, 0, 0);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().parameter == "window");
    CHECK_THAT(t.error().message, Catch::Contains("4000000000000000000") && Catch::Contains("trace"));
    // 1024 × 1024 = 2^20 cells, exactly the limit: listed. One row more: refused.
    PoolParams edge;
    edge.windowH = edge.windowW = 1024;
    edge.padH = edge.padW = 512;
    edge.strideH = edge.strideW = 1;
    auto atLimit = tracePool(in, edge, 0, 0, 0);
    REQUIRE(atLimit.ok());
    CHECK(atLimit->taps.size() == std::size_t{1} << 20);
    CHECK(atLimit->result == 1.0f);
    edge.windowH = 1025;
    CHECK_FALSE(tracePool(in, edge, 0, 0, 0).ok());
}
