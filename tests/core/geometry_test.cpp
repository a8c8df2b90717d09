// Sliding-window geometry, one axis at a time: sizes, the ceil-mode rule, coverage and the
// reverse map from an input cell to the outputs that read it, each against brute force.
#include <catch2/catch.hpp>
#include <set>
#include <utility>
#include <vector>

#include "convscope/core/explain.hpp"
#include "convscope/core/geometry.hpp"

using namespace convscope::core;

namespace {

AxisWindow axis(std::int64_t input, std::int64_t kernel, std::int64_t stride, std::int64_t pad,
                std::int64_t dilation = 1, bool ceil = false) {
    return AxisWindow{input, kernel, stride, pad, pad, dilation, ceil};
}

// Brute force: window o starts at o·s in the padded input and its last tap is at
// o·s + d·(k−1); count the windows whose last tap lies inside the padded input.
std::int64_t bruteFloorCount(const AxisWindow& w) {
    std::int64_t n = 0;
    for (std::int64_t start = 0; start + w.dilation * (w.kernel - 1) <= w.paddedInput() - 1; start += w.stride) ++n;
    return n;
}

// Ceil mode, stated as a process: keep adding windows while the previous one ends before the
// padded input does; then keep only windows that start inside the input or its leading
// padding (start − pb < input).
std::int64_t bruteCeilCount(const AxisWindow& w) {
    const std::int64_t span = w.dilation * (w.kernel - 1) + 1;
    std::int64_t n = 0;
    for (std::int64_t o = 0;; ++o) {
        const bool previousEndsEarly = o == 0 || (o - 1) * w.stride + span < w.paddedInput();
        if (!previousEndsEarly) break;
        if (o * w.stride - w.padBefore >= w.input) break;
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("effectiveKernel is the span of a dilated kernel, gaps included", "[geometry]") {
    CHECK(effectiveKernel(3, 1) == 3);
    CHECK(effectiveKernel(3, 2) == 5);  // taps at 0, 2, 4
    CHECK(effectiveKernel(2, 3) == 4);  // taps at 0, 3
    CHECK(effectiveKernel(1, 7) == 1);  // one tap, no gaps
    CHECK(effectiveKernel(5, 4) == 17);
}

TEST_CASE("countWindows agrees with a brute-force count over a grid of small parameters", "[geometry]") {
    int compared = 0;
    for (std::int64_t n = 1; n <= 9; ++n)
        for (std::int64_t k = 1; k <= 5; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t pb = 0; pb <= 3; ++pb)
                    for (std::int64_t pa = 0; pa <= 3; ++pa)
                        for (std::int64_t d = 1; d <= 3; ++d) {
                            const AxisWindow w{n, k, s, pb, pa, d, false};
                            const std::int64_t expected = bruteFloorCount(w);
                            INFO("n=" << n << " k=" << k << " s=" << s << " pb=" << pb << " pa=" << pa << " d=" << d);
                            if (expected == 0) {
                                CHECK(countWindows(w) <= 0);
                                CHECK_FALSE(outputSize(w, Axis::Height).ok());
                            } else {
                                CHECK(countWindows(w) == expected);
                                auto size = outputSize(w, Axis::Height);
                                REQUIRE(size.ok());
                                CHECK(*size == expected);
                                ++compared;
                            }
                        }
    CHECK(compared > 1000);
}

TEST_CASE("ceil mode agrees with the add-windows-then-drop-trailing-padding rule", "[geometry][ceil]") {
    // Pooling geometry: symmetric padding of at most half the window.
    int compared = 0, removed = 0;
    for (std::int64_t n = 1; n <= 10; ++n)
        for (std::int64_t k = 1; k <= 5; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t p = 0; p <= k / 2; ++p)
                    for (std::int64_t d = 1; d <= 3; ++d) {
                        const AxisWindow w = axis(n, k, s, p, d, true);
                        if (w.paddedInput() < effectiveKernel(k, d)) continue;  // not even one window fits
                        INFO("n=" << n << " k=" << k << " s=" << s << " p=" << p << " d=" << d);
                        CHECK(countWindows(w) == bruteCeilCount(w));
                        // Ceil mode never gives fewer windows than floor mode, and at most one more.
                        const std::int64_t floorCount = countWindows(axis(n, k, s, p, d, false));
                        CHECK(countWindows(w) >= floorCount);
                        CHECK(countWindows(w) <= floorCount + 1);
                        if (ceilWindowRemoved(w)) ++removed;
                        ++compared;
                    }
    CHECK(compared > 300);
    CHECK(removed > 0);
}

TEST_CASE("the ceil-mode rule on worked examples", "[geometry][ceil]") {
    // n 5, k 2, s 2, p 0: floor(3/2)+1 = 2; ceil(3/2)+1 = 3; window 3 starts at 4 < 5 → kept.
    CHECK(countWindows(axis(5, 2, 2, 0, 1, false)) == 2);
    CHECK(countWindows(axis(5, 2, 2, 0, 1, true)) == 3);
    CHECK_FALSE(ceilWindowRemoved(axis(5, 2, 2, 0, 1, true)));
    // n 5, k 2, s 2, p 1: ceil(5/2)+1 = 4; window 4 starts at 3·2 = 6 ≥ 5 + 1 → removed → 3.
    CHECK(countWindows(axis(5, 2, 2, 1, 1, true)) == 3);
    CHECK(ceilWindowRemoved(axis(5, 2, 2, 1, 1, true)));
    // An exact fit: n 6, k 2, s 2: floor = ceil = 3, nothing removed.
    CHECK(countWindows(axis(6, 2, 2, 0, 1, true)) == 3);
    CHECK_FALSE(ceilWindowRemoved(axis(6, 2, 2, 0, 1, true)));
    // Floor mode never removes anything.
    CHECK_FALSE(ceilWindowRemoved(axis(5, 2, 2, 1, 1, false)));
}

TEST_CASE("uncoveredInputs lists the rows dropped by the floor", "[geometry][coverage]") {
    // H 6, k 3, s 2, p 0: floor((6 − 2 − 1)/2) + 1 = 2 windows, rows 0–2 and 2–4: row 5 is never read.
    const AxisWindow w = axis(6, 3, 2, 0);
    CHECK(uncoveredInputs(w, countWindows(w)) == std::vector<std::int64_t>{5});
    // With padding 1 the same input is covered: floor((6 + 2 − 3)/2) + 1 = 3 windows reach row 4…6.
    const AxisWindow padded = axis(6, 3, 2, 1);
    CHECK(uncoveredInputs(padded, countWindows(padded)).empty());
}

TEST_CASE("uncoveredInputs lists the holes left by stride and dilation", "[geometry][coverage]") {
    // k 1, s 2 on 6 rows: windows read rows 0, 2, 4 → odd rows are never read.
    const AxisWindow strided = axis(6, 1, 2, 0);
    CHECK(countWindows(strided) == 3);
    CHECK(uncoveredInputs(strided, 3) == std::vector<std::int64_t>{1, 3, 5});
    // k 2, d 3, s 4 on 8 rows: span 4, windows at 0 and 4 read {0,3} and {4,7}.
    const AxisWindow dilated = axis(8, 2, 4, 0, 3);
    CHECK(countWindows(dilated) == 2);
    CHECK(uncoveredInputs(dilated, 2) == std::vector<std::int64_t>{1, 2, 5, 6});
    // Stride equal to the kernel covers everything.
    CHECK(uncoveredInputs(axis(6, 2, 2, 0), 3).empty());
}

TEST_CASE("uncoveredInputs agrees with brute force over a grid", "[geometry][coverage]") {
    for (std::int64_t n = 1; n <= 8; ++n)
        for (std::int64_t k = 1; k <= 4; ++k)
            for (std::int64_t s = 1; s <= 4; ++s)
                for (std::int64_t p = 0; p <= 2; ++p)
                    for (std::int64_t d = 1; d <= 3; ++d) {
                        const AxisWindow w = axis(n, k, s, p, d);
                        const std::int64_t outputs = bruteFloorCount(w);
                        if (outputs < 1) continue;
                        std::set<std::int64_t> read;
                        for (std::int64_t o = 0; o < outputs; ++o)
                            for (std::int64_t j = 0; j < k; ++j) read.insert(o * s - p + j * d);
                        std::vector<std::int64_t> expected;
                        for (std::int64_t i = 0; i < n; ++i)
                            if (!read.count(i)) expected.push_back(i);
                        INFO("n=" << n << " k=" << k << " s=" << s << " p=" << p << " d=" << d);
                        CHECK(uncoveredInputs(w, outputs) == expected);
                    }
}

TEST_CASE("readersOf finds exactly the (output, tap) pairs that read an input index", "[geometry]") {
    int compared = 0;
    for (std::int64_t n = 1; n <= 8; ++n)
        for (std::int64_t k = 1; k <= 4; ++k)
            for (std::int64_t s = 1; s <= 3; ++s)
                for (std::int64_t pb = 0; pb <= 2; ++pb)
                    for (std::int64_t pa = 0; pa <= 2; ++pa)
                        for (std::int64_t d = 1; d <= 3; ++d) {
                            const AxisWindow w{n, k, s, pb, pa, d, false};
                            const std::int64_t outputs = bruteFloorCount(w);
                            if (outputs < 1) continue;
                            for (std::int64_t i = 0; i < n; ++i) {
                                // Every (o, j) with o·s − pb + j·d == i, in increasing output order
                                // (one tap per output: two taps of one window never read the same cell).
                                std::vector<Reader> expected;
                                for (std::int64_t o = 0; o < outputs; ++o)
                                    for (std::int64_t j = 0; j < k; ++j)
                                        if (o * s - pb + j * d == i) expected.push_back({o, j});
                                INFO("n=" << n << " k=" << k << " s=" << s << " pb=" << pb << " pa=" << pa << " d=" << d
                                          << " i=" << i);
                                CHECK(readersOf(w, outputs, i) == expected);
                                ++compared;
                            }
                        }
    CHECK(compared > 1000);
}

TEST_CASE("readersOf on a worked example", "[geometry]") {
    // n 5, k 3, s 1, p 1: output o reads o−1, o, o+1. Input 2 is read by outputs 1, 2, 3 with
    // taps 2, 1, 0.
    const AxisWindow w = axis(5, 3, 1, 1);
    CHECK(readersOf(w, 5, 2) == std::vector<Reader>{{1, 2}, {2, 1}, {3, 0}});
    // Input 0 is read by output 0 (tap 1) and output 1 (tap 0).
    CHECK(readersOf(w, 5, 0) == std::vector<Reader>{{0, 1}, {1, 0}});
}

TEST_CASE("outputSizeFormula writes the formula with the axis's numbers", "[geometry]") {
    CHECK(outputSizeFormula(axis(28, 3, 2, 1)) == "floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1");
    CHECK(outputSizeFormula(axis(5, 2, 2, 1, 1, true)) == "ceil((5 + 2·1 − 1·(2−1) − 1)/2) + 1");
    // Unequal padding (from 'same' with an even kernel) shows both sides.
    CHECK(outputSizeFormula(AxisWindow{7, 4, 1, 1, 2, 1, false}) == "floor((7 + 1 + 2 − 1·(4−1) − 1)/1) + 1");
    CHECK(outputSizeFormula(axis(9, 3, 1, 0, 2)) == "floor((9 + 2·0 − 2·(3−1) − 1)/1) + 1");
}

TEST_CASE("describeOutputSize writes the formula and its result", "[geometry][explain]") {
    CHECK(describeOutputSize(axis(28, 3, 2, 1), Axis::Height) == "O_h = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14");
    CHECK(describeOutputSize(axis(28, 3, 2, 1), Axis::Width) == "O_w = floor((28 + 2·1 − 1·(3−1) − 1)/2) + 1 = 14");
    // The ceil window dropped from the trailing padding is mentioned.
    CHECK_THAT(describeOutputSize(axis(5, 2, 2, 1, 1, true), Axis::Height),
               Catch::StartsWith("O_h = ceil((5 + 2·1 − 1·(2−1) − 1)/2) + 1 = 3") && Catch::Contains("dropped"));
    // An invalid size gives the error message.
    CHECK_THAT(describeOutputSize(axis(2, 5, 1, 0), Axis::Height), Catch::Contains("would be"));
}

TEST_CASE("productExceedsLimit compares a product with kMaxValues without overflowing", "[geometry]") {
    // 2^14 · 2^14 = 2^28 = the limit itself: allowed; one more factor of 2 is over.
    CHECK_FALSE(productExceedsLimit({16384, 16384}));
    CHECK(productExceedsLimit({16384, 16384, 2}));
    CHECK(productExceedsLimit({kMaxValues + 1}));
    // (2^31)^3 = 2^93 would overflow int64 if multiplied out.
    const std::int64_t big = std::int64_t{1} << 31;
    CHECK(productExceedsLimit({big, big, big}));
    CHECK(productExceedsLimit({4'000'000'026, 4'000'000'026, 1}));
    // An empty array is within any limit.
    CHECK_FALSE(productExceedsLimit({3, 0, 5}));
}

TEST_CASE("outputSize checks each range and names the parameter", "[geometry][errors]") {
    const std::pair<AxisWindow, const char*> cases[] = {
        {axis(5, 0, 1, 0), "window"},   {axis(5, 3, 0, 0), "stride"}, {axis(5, 3, 1, 0, 0), "dilation"},
        {axis(5, 3, 1, -1), "padding"}, {axis(0, 1, 1, 0), "input"},  {axis(2, 5, 1, 0), "window"},
        {axis(5, 3, -4, 0), "stride"},
    };
    for (const auto& [w, parameter] : cases) {
        auto size = outputSize(w, Axis::Width, "window");
        REQUIRE_FALSE(size.ok());
        CHECK(size.error().parameter == parameter);
        CHECK_THAT(size.error().message, Catch::Contains("width"));
    }
}
