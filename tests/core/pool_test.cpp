// max_pool2d / avg_pool2d: hand-worked examples, PyTorch's edge rules (divisors, ceil mode,
// ties, NaN, indices), properties against the reference, and the error paths.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "convscope/core/pool.hpp"
#include "core/reference.hpp"
#include "float_specials.hpp"
#include "pool_params.hpp"

using namespace convscope::core;

namespace {

Tensor tensor(int c, int h, int w, std::vector<float> values) {
    Tensor t(c, h, w);
    REQUIRE(values.size() == t.data.size());
    t.data = std::move(values);
    return t;
}

// v(r,c) = 5r + c on a 5×5 grid: 0…24.
Tensor ramp5x5() {
    Tensor t(1, 5, 5);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 5; ++c) t.at(0, r, c) = static_cast<float>(5 * r + c);
    return t;
}

void checkValues(const Tensor& actual, int c, int h, int w, const std::vector<float>& expected) {
    REQUIRE(actual.channels == c);
    REQUIRE(actual.height == h);
    REQUIRE(actual.width == w);
    REQUIRE(actual.data.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i);
        CHECK(actual.data[i] == expected[i]);
    }
}

}  // namespace

TEST_CASE("2x2 max pooling with stride 2 keeps each window's largest value and its index", "[pool]") {
    //   1 3 | 2 4        max{1,3,5,6} = 6 at (1,1) → 1·4+1 = 5    max{2,4,1,0} = 4 at (0,3) → 3
    //   5 6 | 1 0
    //   ----+----        max{7,2,0,1} = 7 at (2,0) → 8            max{9,8,3,6} = 9 at (2,2) → 10
    //   7 2 | 9 8
    //   0 1 | 3 6
    const Tensor in = tensor(1, 4, 4, {1, 3, 2, 4, 5, 6, 1, 0, 7, 2, 9, 8, 0, 1, 3, 6});
    auto out = pool2d(in, squarePool(PoolMode::Max, 2, 2));
    REQUIRE(out.ok());
    checkValues(out->values, 1, 2, 2, {6, 4, 7, 9});
    CHECK(out->indices == std::vector<std::int64_t>{5, 3, 8, 10});
}

TEST_CASE("2x2 average pooling with stride 2 gives each window's mean", "[pool]") {
    // (1+3+5+6)/4 = 3.75, (2+4+1+0)/4 = 1.75, (7+2+0+1)/4 = 2.5, (9+8+3+6)/4 = 6.5
    const Tensor in = tensor(1, 4, 4, {1, 3, 2, 4, 5, 6, 1, 0, 7, 2, 9, 8, 0, 1, 3, 6});
    auto out = pool2d(in, squarePool(PoolMode::Avg, 2, 2));
    REQUIRE(out.ok());
    checkValues(out->values, 1, 2, 2, {3.75f, 1.75f, 2.5f, 6.5f});
    CHECK(out->indices.empty());
}

TEST_CASE("average pooling's divisor at padded edges follows count_include_pad", "[pool][avg]") {
    // Input 1…9 (3×3), window 3, stride 1, padding 1. Each window holds the 3×3 block around
    // (y,x); clipped to the input:
    //   corners (0,0) 1+2+4+5=12, (0,2) 2+3+5+6=16, (2,0) 4+5+7+8=24, (2,2) 5+6+8+9=28 — 4 cells
    //   edges (0,1) 1+…+6=21, (1,0) 1+2+4+5+7+8=27, (1,2) 2+3+5+6+8+9=33, (2,1) 4+…+9=39 — 6 cells
    //   centre 45 — 9 cells
    const Tensor in = tensor(1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    SECTION("count_include_pad: the padding counts, every divisor is 9") {
        auto out = pool2d(in, squarePool(PoolMode::Avg, 3, 1, 1));
        REQUIRE(out.ok());
        checkValues(
            out->values, 1, 3, 3,
            {12.0f / 9, 21.0f / 9, 16.0f / 9, 27.0f / 9, 45.0f / 9, 33.0f / 9, 24.0f / 9, 39.0f / 9, 28.0f / 9});
    }
    SECTION("exclude pad: only input cells count") {
        PoolParams p = squarePool(PoolMode::Avg, 3, 1, 1);
        p.countIncludePad = false;
        auto out = pool2d(in, p);
        REQUIRE(out.ok());
        // 12/4=3, 21/6=3.5, 16/4=4, 27/6=4.5, 45/9=5, 33/6=5.5, 24/4=6, 39/6=6.5, 28/4=7
        checkValues(out->values, 1, 3, 3, {3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7});
    }
}

TEST_CASE("avgDivisor reports the counts behind each divisor", "[pool][avg]") {
    // 3×4 input, window 2, stride 2, padding 1. Output (0,0): rows −1..0, cols −1..0 — 4 cells in
    // input+padding, 1 in the input. Output (1,2): rows 1..2, cols 3..4 — 4 and 2.
    PoolParams p = squarePool(PoolMode::Avg, 2, 2, 1);
    auto plan = planPool(1, 3, 4, p);
    REQUIRE(plan.ok());
    const AvgDivisor corner = avgDivisor(*plan, p, 0, 0);
    CHECK(corner.paddedCells == 4);
    CHECK(corner.inputCells == 1);
    CHECK(corner.fullWindow == 4);
    CHECK(corner.divisor == 4);
    const AvgDivisor edge = avgDivisor(*plan, p, 1, 2);
    CHECK(edge.paddedCells == 4);
    CHECK(edge.inputCells == 2);
    p.countIncludePad = false;
    CHECK(avgDivisor(*plan, p, 0, 0).divisor == 1);
    CHECK(avgDivisor(*plan, p, 1, 2).divisor == 2);
}

TEST_CASE("ceil mode adds a partial last window whose divisor counts only cells in the input", "[pool][ceil]") {
    // Input 5, window 2, stride 2, no padding: floor((5 − 1 − 1)/2) + 1 = 2 windows; ceil gives
    // ceil(3/2) + 1 = 3, and the third starts at 4 < 5 + 0, so it stays. It covers row 4 only.
    const Tensor in = ramp5x5();
    PoolParams p = squarePool(PoolMode::Max, 2, 2);
    auto floorOut = pool2d(in, p);
    REQUIRE(floorOut.ok());
    CHECK(floorOut->values.height == 2);
    CHECK(floorOut->values.width == 2);

    p.ceilMode = true;
    SECTION("max") {
        auto out = pool2d(in, p);
        REQUIRE(out.ok());
        // Windows cover rows {0,1},{2,3},{4}, cols likewise; the max is the bottom-right cell.
        checkValues(out->values, 1, 3, 3, {6, 8, 9, 16, 18, 19, 21, 23, 24});
        CHECK(out->indices == std::vector<std::int64_t>{6, 8, 9, 16, 18, 19, 21, 23, 24});
    }
    SECTION("avg with count_include_pad: the overhang past the input does not count") {
        p.mode = PoolMode::Avg;
        auto out = pool2d(in, p);
        REQUIRE(out.ok());
        // (0,0): (0+1+5+6)/4 = 3;  (0,2): hend = min(4+2, 5+0) = 5 → (4+9)/2 = 6.5
        // (2,0): (20+21)/2 = 20.5;  (2,2): 24/1 = 24
        CHECK(out->values.at(0, 0, 0) == 3.0f);
        CHECK(out->values.at(0, 0, 2) == 6.5f);
        CHECK(out->values.at(0, 2, 0) == 20.5f);
        CHECK(out->values.at(0, 2, 2) == 24.0f);
    }
}

TEST_CASE("ceil mode drops a last window that would start in the trailing padding", "[pool][ceil]") {
    // Input 5, window 2, stride 2, padding 1: ceil((5 + 2 − 1 − 1)/2) + 1 = ceil(5/2) + 1 = 4,
    // but window 4 would start at (4−1)·2 = 6 ≥ 5 + 1 (only trailing padding): dropped → 3,
    // the same as floor((5)/2) + 1 = 3. Windows cover rows {−1,0}, {1,2}, {3,4}.
    const Tensor in = ramp5x5();
    PoolParams p = squarePool(PoolMode::Max, 2, 2, 1);
    p.ceilMode = true;
    auto plan = planPool(1, 5, 5, p);
    REQUIRE(plan.ok());
    CHECK(plan->outHeight == 3);
    CHECK(plan->outWidth == 3);
    CHECK(ceilWindowRemoved(plan->rows));
    auto out = pool2d(in, p);
    REQUIRE(out.ok());
    // max of rows {0},{1,2},{3,4} × cols likewise: v(0|2|4, 0|2|4)
    checkValues(out->values, 1, 3, 3, {0, 2, 4, 10, 12, 14, 20, 22, 24});
}

TEST_CASE("max pooling: the first of equal maxima wins", "[pool][max]") {
    SECTION("ties everywhere") {
        auto out = pool2d(tensor(1, 2, 2, {3, 1, 3, 3}), squarePool(PoolMode::Max, 2, 2));
        REQUIRE(out.ok());
        CHECK(out->values.data[0] == 3.0f);
        CHECK(out->indices[0] == 0);
    }
    SECTION("the tie starts after the first cell") {
        auto out = pool2d(tensor(1, 2, 2, {1, 3, 3, 2}), squarePool(PoolMode::Max, 2, 2));
        REQUIRE(out.ok());
        CHECK(out->indices[0] == 1);
    }
}

TEST_CASE("max pooling: NaN wins over any number, and the last NaN in scan order wins", "[pool][max]") {
    SECTION("a NaN beats a larger number that follows it") {
        auto out = pool2d(tensor(1, 2, 2, {1, kNaN, 5, 2}), squarePool(PoolMode::Max, 2, 2));
        REQUIRE(out.ok());
        CHECK(std::isnan(out->values.data[0]));
        CHECK(out->indices[0] == 1);
    }
    SECTION("two NaNs: the later one's index") {
        auto out = pool2d(tensor(1, 2, 2, {kNaN, 1, kNaN, 2}), squarePool(PoolMode::Max, 2, 2));
        REQUIRE(out.ok());
        CHECK(std::isnan(out->values.data[0]));
        CHECK(out->indices[0] == 2);
    }
    SECTION("NaN in average pooling poisons the mean") {
        auto out = pool2d(tensor(1, 2, 2, {1, kNaN, 5, 2}), squarePool(PoolMode::Avg, 2, 2));
        REQUIRE(out.ok());
        CHECK(std::isnan(out->values.data[0]));
    }
}

TEST_CASE("max pooling over a window of -inf gives -inf at the first in-bounds cell", "[pool][max]") {
    // 4×4 of −inf, window 2, stride 2, padding 1: output 3×3. (0,0) reads only (0,0) → 0;
    // (1,1) reads rows 1..2, cols 1..2, first (1,1) → 5; (2,2) reads only (3,3) → 15;
    // (0,2) reads only (0,3) → 3.
    const Tensor in(1, 4, 4, -kInf);
    auto out = pool2d(in, squarePool(PoolMode::Max, 2, 2, 1));
    REQUIRE(out.ok());
    REQUIRE(out->values.height == 3);
    for (float v : out->values.data) CHECK(v == -kInf);
    CHECK(out->indices[0] == 0);
    CHECK(out->indices[2] == 3);
    CHECK(out->indices[4] == 5);
    CHECK(out->indices[8] == 15);
}

TEST_CASE("a dilated max window whose taps all miss the input gives -inf and PyTorch's start index", "[pool][max]") {
    // 1×2 input, window (1,2), padding (0,1), dilation (1,3): the output width is
    // floor((2 + 2 − 3·1 − 1)/1) + 1 = 1 and its taps are cols −1 and 2, both outside the input.
    // PyTorch starts at col −1, steps past the leading padding by the dilation to col 2, scans
    // nothing, and reports −inf with index 0·2 + 2 = 2 (past the end of the plane).
    PoolParams p = squarePool(PoolMode::Max, 1, 1);
    p.windowW = 2;
    p.padW = 1;
    p.dilationW = 3;
    auto out = pool2d(tensor(1, 1, 2, {4, 5}), p);
    REQUIRE(out.ok());
    checkValues(out->values, 1, 1, 1, {-kInf});
    CHECK(out->indices == std::vector<std::int64_t>{2});
}

TEST_CASE("max pooling indices are row·W + col in each channel's unpadded input", "[pool][max]") {
    // 3×4 input, window 2, stride 2, padding 1: output 2×3. Windows cover rows {0}, {1,2} and
    // cols {0}, {1,2}, {3}.
    //   ch0  1 5 2 0      (0,0) {1}→1 @0   (0,1) {5,2}→5 @1     (0,2) {0}→0 @3
    //        3 4 8 6      (1,0) {3,7}→7 @8 (1,1) {4,8,0,9}→9 @10 (1,2) {6,1}→6 @7
    //        7 0 9 1
    //   ch1 = −ch0: (0,0) −1 @0, (0,1) −2 @2, (0,2) −0 @3, (1,0) −3 @4, (1,1) −0 @9, (1,2) −1 @11
    std::vector<float> ch0{1, 5, 2, 0, 3, 4, 8, 6, 7, 0, 9, 1};
    std::vector<float> both = ch0;
    for (float v : ch0) both.push_back(-v);
    auto out = pool2d(tensor(2, 3, 4, both), squarePool(PoolMode::Max, 2, 2, 1));
    REQUIRE(out.ok());
    checkValues(out->values, 2, 2, 3, {1, 5, 0, 7, 9, 6, -1, -2, 0, -3, 0, -1});
    CHECK(out->indices == std::vector<std::int64_t>{0, 1, 3, 8, 10, 7, 0, 2, 3, 4, 9, 11});
}

TEST_CASE("dilated max pooling reads every second cell", "[pool][max]") {
    // 5×5 input of the conv examples, window 2, dilation 2 (span 3), stride 1: output 3×3,
    // O(y,x) = max{I(y,x), I(y,x+2), I(y+2,x), I(y+2,x+2)}:
    //   (0,0) {1,0,3,1} → 3 @(2,0)=10   (0,1) {2,3,0,2} → 3 @(0,3)=3   (0,2) {0,1,1,2} → 2 @(2,4)=14
    //   (1,0) {0,2,1,0} → 2 @(1,2)=7    (1,1) {1,1,1,0} → 1 @(1,1)=6   (1,2) {2,0,0,3} → 3 @(3,4)=19
    //   (2,0) {3,1,2,1} → 3 @(2,0)=10   (2,1) {0,2,0,1} → 2 @(2,3)=13  (2,2) {1,2,1,0} → 2 @(2,4)=14
    const Tensor in = tensor(1, 5, 5, {1, 2, 0, 3, 1, 0, 1, 2, 1, 0, 3, 0, 1, 2, 2, 1, 1, 0, 0, 3, 2, 0, 1, 1, 0});
    PoolParams p = squarePool(PoolMode::Max, 2, 1);
    p.dilationH = p.dilationW = 2;
    auto out = pool2d(in, p);
    REQUIRE(out.ok());
    checkValues(out->values, 1, 3, 3, {3, 3, 2, 2, 1, 3, 3, 2, 2});
    CHECK(out->indices == std::vector<std::int64_t>{10, 3, 14, 7, 6, 19, 10, 13, 14});
}

TEST_CASE("dilated max pooling with padding skips leading padding in steps of the dilation", "[pool][max]") {
    // 1×5 row 0…4 (as 5 columns), window 3, dilation 2, padding 1, stride 1:
    // size floor((5 + 2 − 4 − 1)/1) + 1 = 3; window x reads cols x−1, x+1, x+3.
    //   x=0: {−1 pad, 1, 3} → 3 @3;  x=1: {0, 2, 4} → 4 @4;  x=2: {1, 3, 5 pad} → 3 @3
    PoolParams p = squarePool(PoolMode::Max, 1, 1);
    p.windowW = 3;
    p.padW = 1;
    p.dilationW = 2;
    auto out = pool2d(tensor(1, 1, 5, {0, 1, 2, 3, 4}), p);
    REQUIRE(out.ok());
    checkValues(out->values, 1, 1, 3, {3, 4, 3});
    CHECK(out->indices == std::vector<std::int64_t>{3, 4, 3});
}

// ---------------------------------------------------------------------------------------
// Properties

TEST_CASE("max pooling is at least average pooling everywhere", "[pool][property]") {
    std::mt19937 rng(77);
    for (int trial = 0; trial < 100; ++trial) {
        const int h = reference::randomInt(rng, 2, 10);
        const int w = reference::randomInt(rng, 2, 10);
        const int k = reference::randomInt(rng, 1, std::min(h, w));
        PoolParams p = squarePool(PoolMode::Max, k, reference::randomInt(rng, 1, 3), 0);
        if (trial % 2) {  // with padding, averaging over the input cells only
            p.padH = p.padW = reference::randomInt(rng, 0, k / 2);
            p.countIncludePad = false;
        }
        p.ceilMode = trial % 4 >= 2;
        const Tensor in = reference::randomTensor(2, h, w, rng);
        auto mx = pool2d(in, p);
        p.mode = PoolMode::Avg;
        auto avg = pool2d(in, p);
        REQUIRE((mx.ok() && avg.ok()));
        REQUIRE(mx->values.size() == avg->values.size());
        for (std::size_t i = 0; i < mx->values.size(); ++i) {
            INFO("trial " << trial << " value " << i);
            // A mean of float values may round one ulp above the max of equal values.
            CHECK(mx->values.data[i] >= avg->values.data[i] - 1e-6f);
        }
    }
}

TEST_CASE("pooling matches the naive reference on random shapes", "[pool][property]") {
    std::mt19937 rng(99);
    int checked = 0;
    for (int trial = 0; trial < 400; ++trial) {
        PoolParams p;
        p.mode = trial % 2 ? PoolMode::Avg : PoolMode::Max;
        p.windowH = reference::randomInt(rng, 1, 4);
        p.windowW = reference::randomInt(rng, 1, 4);
        p.strideH = reference::randomInt(rng, 1, 4);
        p.strideW = reference::randomInt(rng, 1, 4);
        p.padH = reference::randomInt(rng, 0, p.windowH / 2);
        p.padW = reference::randomInt(rng, 0, p.windowW / 2);
        if (p.mode == PoolMode::Max) {
            p.dilationH = reference::randomInt(rng, 1, 3);
            p.dilationW = reference::randomInt(rng, 1, 3);
        }
        p.ceilMode = reference::randomInt(rng, 0, 1) == 1;
        p.countIncludePad = reference::randomInt(rng, 0, 1) == 1;
        const Tensor in = reference::randomTensor(reference::randomInt(rng, 1, 3), reference::randomInt(rng, 1, 9),
                                                  reference::randomInt(rng, 1, 9), rng);
        INFO("trial " << trial << ": " << poolModeName(p.mode) << " " << in.channels << "x" << in.height << "x"
                      << in.width << " window " << p.windowH << "," << p.windowW << " stride " << p.strideH << ","
                      << p.strideW << " pad " << p.padH << "," << p.padW << " dilation " << p.dilationH << ","
                      << p.dilationW << " ceil " << p.ceilMode << " include_pad " << p.countIncludePad);
        const auto expected = reference::pool2d(in, p);
        auto actual = pool2d(in, p);
        if (!expected) {
            CHECK_FALSE(actual.ok());
            continue;
        }
        REQUIRE(actual.ok());
        REQUIRE(actual->values.height == expected->values.height);
        REQUIRE(actual->values.width == expected->values.width);
        // Same operations in the same order: the values are identical, not merely close.
        CHECK(actual->values.data == expected->values.data);
        CHECK(actual->indices == expected->indices);
        ++checked;
    }
    CHECK(checked >= 200);
}

TEST_CASE("pool2dInto reuses its output across shapes and modes", "[pool]") {
    std::mt19937 rng(3);
    PoolOutput out;
    for (PoolMode mode : {PoolMode::Max, PoolMode::Avg, PoolMode::Max}) {
        const Tensor in = reference::randomTensor(2, reference::randomInt(rng, 4, 8), 6, rng);
        const PoolParams p = squarePool(mode, 3, 2, 1);
        REQUIRE(pool2dInto(in, p, out).ok());
        auto fresh = pool2d(in, p);
        REQUIRE(fresh.ok());
        CHECK(out.values == fresh->values);
        CHECK(out.indices == fresh->indices);
    }
}

// ---------------------------------------------------------------------------------------
// Errors

TEST_CASE("pool padding larger than half the window is refused", "[pool][errors]") {
    // window 3: 3/2 = 1, so padding 2 breaks the rule; padding 1 is fine.
    auto bad = planPool(1, 8, 8, squarePool(PoolMode::Max, 3, 1, 2));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "padding");
    CHECK_THAT(bad.error().message, Catch::Contains("(2)") && Catch::Contains("3/2 = 1"));
    CHECK(planPool(1, 8, 8, squarePool(PoolMode::Max, 3, 1, 1)).ok());
    // The rule uses the raw window, not the dilated span: window 2 dilation 3 still allows only 1.
    PoolParams dilated = squarePool(PoolMode::Max, 2, 1, 2);
    dilated.dilationH = dilated.dilationW = 3;
    CHECK_FALSE(planPool(1, 8, 8, dilated).ok());
    CHECK_FALSE(pool2d(Tensor(1, 8, 8), squarePool(PoolMode::Avg, 3, 1, 2)).ok());
}

TEST_CASE("pool window 0 and stride 0 are refused, naming the parameter", "[pool][errors]") {
    auto window = planPool(1, 8, 8, squarePool(PoolMode::Max, 0, 1));
    REQUIRE_FALSE(window.ok());
    CHECK(window.error().parameter == "window");
    CHECK_THAT(window.error().message, Catch::Contains("got 0"));
    auto stride = planPool(1, 8, 8, squarePool(PoolMode::Avg, 2, 0));
    REQUIRE_FALSE(stride.ok());
    CHECK(stride.error().parameter == "stride");
    CHECK_THAT(stride.error().message, Catch::Contains("got 0"));
    PoolParams negPad = squarePool(PoolMode::Max, 2, 2);
    negPad.padW = -1;
    auto pad = planPool(1, 8, 8, negPad);
    REQUIRE_FALSE(pad.ok());
    CHECK(pad.error().parameter == "padding");
}

TEST_CASE("average pooling with dilation is refused", "[pool][errors]") {
    PoolParams p = squarePool(PoolMode::Avg, 2, 2);
    p.dilationH = 2;
    auto plan = planPool(1, 8, 8, p);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "dilation");
    CHECK_THAT(plan.error().message, Catch::Contains("2,1"));
    p.mode = PoolMode::Max;
    CHECK(planPool(1, 8, 8, p).ok());
}

TEST_CASE("a pool window larger than the padded input is refused with the formula", "[pool][errors]") {
    // floor((2 + 0 − 2 − 1)/1) + 1 = floor(−1) + 1 = 0
    auto plan = planPool(1, 2, 5, squarePool(PoolMode::Max, 3, 1));
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "window");
    CHECK_THAT(plan.error().message, Catch::Contains("floor((2 + 2·0 − 1·(3−1) − 1)/1) + 1 = 0"));
    CHECK_FALSE(pool2d(Tensor(1, 2, 5), squarePool(PoolMode::Avg, 3, 1)).ok());
}

TEST_CASE("a pooled output beyond the value limit is refused without overflow", "[pool][errors]") {
    // 8 channels of 2·10^9 × 2·10^9 with window 1, stride 1: each axis alone is far past the
    // limit and the product 3.2·10^19 does not fit in int64, so the check must not form it.
    auto plan = planPool(8, 2'000'000'000, 2'000'000'000, squarePool(PoolMode::Max, 1, 1));
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "output");
    CHECK_THAT(plan.error().message, Catch::Contains(std::to_string(kMaxValues)));
    // Just past the limit on one axis: 1 × 268435457.
    auto wide = planPool(1, 1, 268'435'457, squarePool(PoolMode::Max, 1, 1));
    REQUIRE_FALSE(wide.ok());
    CHECK(planPool(1, 1, 268'435'456, squarePool(PoolMode::Max, 1, 1)).ok());
}

TEST_CASE("pool errors on an empty input", "[pool][errors]") {
    auto plan = planPool(0, 4, 4, squarePool(PoolMode::Max, 2, 2));
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "input");
}

TEST_CASE("pool mode names parse", "[pool]") {
    REQUIRE(parsePoolMode("max").ok());
    CHECK(*parsePoolMode("max") == PoolMode::Max);
    CHECK(*parsePoolMode("avg") == PoolMode::Avg);
    // And printed as the CLI's --mode takes them.
    CHECK(std::string(poolModeName(PoolMode::Max)) == "max");
    CHECK(std::string(poolModeName(PoolMode::Avg)) == "avg");
    auto bad = parsePoolMode("mean");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "mode");
}
