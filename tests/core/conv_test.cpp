// conv2d: hand-worked examples, properties against the naive reference, and every error
// path of planConv / resolvePadding.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "convscope/core/conv.hpp"
#include "core/reference.hpp"

using namespace convscope::core;

namespace {

Tensor tensor(int c, int h, int w, std::vector<float> values) {
    Tensor t(c, h, w);
    REQUIRE(values.size() == t.data.size());
    t.data = std::move(values);
    return t;
}

Weights weights(int oc, int c, int kh, int kw, std::vector<float> values) {
    Weights w(oc, c, kh, kw);
    REQUIRE(values.size() == w.data.size());
    w.data = std::move(values);
    return w;
}

ConvParams params(int stride, int pad, int dilation = 1, PaddingMode mode = PaddingMode::Zeros) {
    ConvParams p;
    p.strideH = p.strideW = stride;
    p.padding = {pad, pad, pad, pad};
    p.dilationH = p.dilationW = dilation;
    p.mode = mode;
    return p;
}

void checkExactly(const Tensor& actual, int c, int h, int w, const std::vector<float>& expected) {
    REQUIRE(actual.channels == c);
    REQUIRE(actual.height == h);
    REQUIRE(actual.width == w);
    REQUIRE(actual.data.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i);
        CHECK(actual.data[i] == expected[i]);
    }
}

// The 5×5 input of the hand-worked examples:
//   r0: 1 2 0 3 1
//   r1: 0 1 2 1 0
//   r2: 3 0 1 2 2
//   r3: 1 1 0 0 3
//   r4: 2 0 1 1 0
Tensor input5x5() {
    return tensor(1, 5, 5, {1, 2, 0, 3, 1, 0, 1, 2, 1, 0, 3, 0, 1, 2, 2, 1, 1, 0, 0, 3, 2, 0, 1, 1, 0});
}

// K = [1 0 2; 0 1 0; -1 0 1], so
// O(y,x) = I(r,c) + 2·I(r,c+2) + I(r+1,c+1) − I(r+2,c) + I(r+2,c+2), (r,c) = the window's top-left.
Weights kernel3x3() {
    return weights(1, 1, 3, 3, {1, 0, 2, 0, 1, 0, -1, 0, 1});
}

// The 3×3 input of the padding examples: 1…9 row by row.
Tensor input3x3() {
    return tensor(1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
}

}  // namespace

TEST_CASE("conv2d 5x5 input, 3x3 kernel, stride 1, no padding gives the hand-worked 3x3 output", "[conv]") {
    // O(0,0) = I00 + 2·I02 + I11 − I20 + I22 = 1 + 0 + 1 − 3 + 1 = 0
    // O(0,1) = I01 + 2·I03 + I12 − I21 + I23 = 2 + 6 + 2 − 0 + 2 = 12
    // O(0,2) = I02 + 2·I04 + I13 − I22 + I24 = 0 + 2 + 1 − 1 + 2 = 4
    // O(1,0) = I10 + 2·I12 + I21 − I30 + I32 = 0 + 4 + 0 − 1 + 0 = 3
    // O(1,1) = I11 + 2·I13 + I22 − I31 + I33 = 1 + 2 + 1 − 1 + 0 = 3
    // O(1,2) = I12 + 2·I14 + I23 − I32 + I34 = 2 + 0 + 2 − 0 + 3 = 7
    // O(2,0) = I20 + 2·I22 + I31 − I40 + I42 = 3 + 2 + 1 − 2 + 1 = 5
    // O(2,1) = I21 + 2·I23 + I32 − I41 + I43 = 0 + 4 + 0 − 0 + 1 = 5
    // O(2,2) = I22 + 2·I24 + I33 − I42 + I44 = 1 + 4 + 0 − 1 + 0 = 4
    auto out = conv2d(input5x5(), kernel3x3(), {}, params(1, 0));
    REQUIRE(out.ok());
    checkExactly(*out, 1, 3, 3, {0, 12, 4, 3, 3, 7, 5, 5, 4});
}

TEST_CASE("conv2d with stride 2 and zero padding 1 gives the hand-worked output", "[conv]") {
    // Size floor((5 + 2 − 2 − 1)/2) + 1 = 3. Window top-left (r,c) = (2y−1, 2x−1), zeros outside.
    // O(0,0): r=−1,c=−1: 0 + 0 + I00 − 0 + I11 = 1 + 1 = 2
    // O(0,1): r=−1,c=1:  0 + 0 + I02 − I11 + I13 = 0 − 1 + 1 = 0
    // O(0,2): r=−1,c=3:  0 + 0 + I04 − I13 + 0 = 1 − 1 = 0
    // O(1,0): r=1,c=−1:  0 + 2·I11 + I20 − 0 + I31 = 2 + 3 + 1 = 6
    // O(1,1): r=1,c=1:   I11 + 2·I13 + I22 − I31 + I33 = 1 + 2 + 1 − 1 + 0 = 3
    // O(1,2): r=1,c=3:   I13 + 0 + I24 − I33 + 0 = 1 + 2 − 0 = 3
    // O(2,0): r=3,c=−1:  0 + 2·I31 + I40 − 0 + 0 = 2 + 2 = 4
    // O(2,1): r=3,c=1:   I31 + 2·I33 + I42 − 0 + 0 = 1 + 0 + 1 = 2
    // O(2,2): r=3,c=3:   I33 + 0 + I44 = 0
    auto out = conv2d(input5x5(), kernel3x3(), {}, params(2, 1));
    REQUIRE(out.ok());
    checkExactly(*out, 1, 3, 3, {2, 0, 0, 6, 3, 3, 4, 2, 0});
}

TEST_CASE("conv2d with dilation 2 spreads the kernel taps two cells apart", "[conv]") {
    // K = [1 2; 3 4] with dilation 2 covers 3×3; O(y,x) = I(y,x) + 2·I(y,x+2) + 3·I(y+2,x) + 4·I(y+2,x+2)
    // O(0,0) = 1 + 0 + 9 + 4 = 14     O(0,1) = 2 + 6 + 0 + 8 = 16    O(0,2) = 0 + 2 + 3 + 8 = 13
    // O(1,0) = 0 + 4 + 3 + 0 = 7      O(1,1) = 1 + 2 + 3 + 0 = 6     O(1,2) = 2 + 0 + 0 + 12 = 14
    // O(2,0) = 3 + 2 + 6 + 4 = 15     O(2,1) = 0 + 4 + 0 + 4 = 8     O(2,2) = 1 + 4 + 3 + 0 = 8
    auto out = conv2d(input5x5(), weights(1, 1, 2, 2, {1, 2, 3, 4}), {}, params(1, 0, 2));
    REQUIRE(out.ok());
    checkExactly(*out, 1, 3, 3, {14, 16, 13, 7, 6, 14, 15, 8, 8});
}

TEST_CASE("a 1x1 kernel of 1 with padding 1 shows each padding mode's padded grid", "[conv][padding]") {
    // Input 1…9 in a 3×3 grid; the output of a 1×1 identity kernel is the padded input itself.
    const Weights one = weights(1, 1, 1, 1, {1});
    SECTION("zeros") {
        auto out = conv2d(input3x3(), one, {}, params(1, 1, 1, PaddingMode::Zeros));
        REQUIRE(out.ok());
        checkExactly(*out, 1, 5, 5, {0, 0, 0, 0, 0,  //
                                     0, 1, 2, 3, 0,  //
                                     0, 4, 5, 6, 0,  //
                                     0, 7, 8, 9, 0,  //
                                     0, 0, 0, 0, 0});
    }
    SECTION("reflect mirrors about the edge cell without repeating it") {
        // row −1 copies row 1, row 3 copies row 1; col −1 copies col 1, col 3 copies col 1.
        auto out = conv2d(input3x3(), one, {}, params(1, 1, 1, PaddingMode::Reflect));
        REQUIRE(out.ok());
        checkExactly(*out, 1, 5, 5, {5, 4, 5, 6, 5,  //
                                     2, 1, 2, 3, 2,  //
                                     5, 4, 5, 6, 5,  //
                                     8, 7, 8, 9, 8,  //
                                     5, 4, 5, 6, 5});
    }
    SECTION("replicate repeats the edge cell") {
        auto out = conv2d(input3x3(), one, {}, params(1, 1, 1, PaddingMode::Replicate));
        REQUIRE(out.ok());
        checkExactly(*out, 1, 5, 5, {1, 1, 2, 3, 3,  //
                                     1, 1, 2, 3, 3,  //
                                     4, 4, 5, 6, 6,  //
                                     7, 7, 8, 9, 9,  //
                                     7, 7, 8, 9, 9});
    }
    SECTION("circular wraps around to the opposite edge") {
        // row −1 is row 2, row 3 is row 0; likewise for columns.
        auto out = conv2d(input3x3(), one, {}, params(1, 1, 1, PaddingMode::Circular));
        REQUIRE(out.ok());
        checkExactly(*out, 1, 5, 5, {9, 7, 8, 9, 7,  //
                                     3, 1, 2, 3, 1,  //
                                     6, 4, 5, 6, 4,  //
                                     9, 7, 8, 9, 7,  //
                                     3, 1, 2, 3, 1});
    }
}

TEST_CASE("reflect padding 2 on a 3-wide input reaches the opposite edge, circular 3 wraps once", "[conv][padding]") {
    const Weights one = weights(1, 1, 1, 1, {1});
    SECTION("reflect 2: cols −2,−1 copy cols 2,1; cols 3,4 copy cols 1,0") {
        ConvParams p = params(1, 0, 1, PaddingMode::Reflect);
        p.padding = {0, 0, 2, 2};
        auto out = conv2d(input3x3(), one, {}, p);
        REQUIRE(out.ok());
        checkExactly(*out, 1, 3, 7, {3, 2, 1, 2, 3, 2, 1,  //
                                     6, 5, 4, 5, 6, 5, 4,  //
                                     9, 8, 7, 8, 9, 8, 7});
    }
    SECTION("circular 3: the row repeats three times") {
        ConvParams p = params(1, 0, 1, PaddingMode::Circular);
        p.padding = {0, 0, 3, 3};
        auto out = conv2d(input3x3(), one, {}, p);
        REQUIRE(out.ok());
        checkExactly(*out, 1, 3, 9, {1, 2, 3, 1, 2, 3, 1, 2, 3,  //
                                     4, 5, 6, 4, 5, 6, 4, 5, 6,  //
                                     7, 8, 9, 7, 8, 9, 7, 8, 9});
    }
}

TEST_CASE("reflect padding with a 3x3 kernel sums the mirrored neighbourhood", "[conv][padding]") {
    // All-ones kernel at (0,0) with reflect padding 1 sums the padded grid's top-left 3×3:
    // 5 + 4 + 5 + 2 + 1 + 2 + 5 + 4 + 5 = 33. With zeros it is 1 + 2 + 4 + 5 = 12.
    const Weights ones(1, 1, 3, 3, 1.0f);
    auto reflect = conv2d(input3x3(), ones, {}, params(1, 1, 1, PaddingMode::Reflect));
    auto zeros = conv2d(input3x3(), ones, {}, params(1, 1, 1, PaddingMode::Zeros));
    REQUIRE(reflect.ok());
    REQUIRE(zeros.ok());
    CHECK(reflect->at(0, 0, 0) == 33.0f);
    CHECK(zeros->at(0, 0, 0) == 12.0f);
}

TEST_CASE("conv2d sums over input channels and adds each filter's bias", "[conv]") {
    // ch0 = [1 2 3; 4 5 6; 7 8 9], ch1 = [1 0 2; 0 3 0; 1 0 0]
    // filter 0: W00 = [1 0; 0 1], W01 = [2 2; 2 2], bias 0.5
    //   ch0 diagonal sums: 1+5=6, 2+6=8, 4+8=12, 5+9=14
    //   ch1 2×2 block sums ×2: (1+0+0+3)·2=8, (0+2+3+0)·2=10, (0+3+1+0)·2=8, (3+0+0+0)·2=6
    //   O0 = 6+8+0.5=14.5, 8+10+0.5=18.5, 12+8+0.5=20.5, 14+6+0.5=20.5
    // filter 1: W10 = [0 1; −1 0], W11 = [1 0; 0 −1], bias −1
    //   ch0: I(y,x+1) − I(y+1,x) = 2−4, 3−5, 5−7, 6−8 = −2 each
    //   ch1: I(y,x) − I(y+1,x+1) = 1−3=−2, 0−0=0, 0−0=0, 3−0=3
    //   O1 = −2−2−1=−5, −2+0−1=−3, −3, −2+3−1=0
    const Tensor in = tensor(2, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0, 2, 0, 3, 0, 1, 0, 0});
    const Weights w = weights(2, 2, 2, 2, {1, 0, 0, 1, 2, 2, 2, 2, 0, 1, -1, 0, 1, 0, 0, -1});
    auto out = conv2d(in, w, {0.5f, -1.0f}, params(1, 0));
    REQUIRE(out.ok());
    checkExactly(*out, 2, 2, 2, {14.5f, 18.5f, 20.5f, 20.5f, -5, -3, -3, 0});
}

TEST_CASE("'same' padding with an even kernel puts the extra padding at the bottom/right", "[conv][padding]") {
    SECTION("2x2 kernel: total 1 per axis, all of it after") {
        auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 2, 2, 1, 1, 1, 1);
        REQUIRE(pad.ok());
        CHECK(*pad == Padding2D{0, 1, 0, 1});
        // K = [0 0; 0 1] reads P(y+1,x+1) = I(y+1,x+1): the input moves up-left, zeros enter
        // at the bottom/right. (Padding at the top/left instead would give I(y,x).)
        ConvParams p;
        p.padding = *pad;
        auto out = conv2d(input3x3(), weights(1, 1, 2, 2, {0, 0, 0, 1}), {}, p);
        REQUIRE(out.ok());
        checkExactly(*out, 1, 3, 3, {5, 6, 0, 8, 9, 0, 0, 0, 0});
    }
    SECTION("4x4 kernel: total 3 per axis, 1 before and 2 after") {
        auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 4, 4, 1, 1, 1, 1);
        REQUIRE(pad.ok());
        CHECK(*pad == Padding2D{1, 2, 1, 2});
        ConvParams p;
        p.padding = *pad;
        // A 1 at K(0,0) reads I(y−1,x−1); a 1 at K(3,3) reads I(y+2,x+2).
        std::vector<float> k(16, 0.0f);
        k[0] = 1;
        auto first = conv2d(input3x3(), weights(1, 1, 4, 4, k), {}, p);
        REQUIRE(first.ok());
        checkExactly(*first, 1, 3, 3, {0, 0, 0, 0, 1, 2, 0, 4, 5});
        k[0] = 0;
        k[15] = 1;
        auto last = conv2d(input3x3(), weights(1, 1, 4, 4, k), {}, p);
        REQUIRE(last.ok());
        checkExactly(*last, 1, 3, 3, {9, 0, 0, 0, 0, 0, 0, 0, 0});
    }
    SECTION("dilation scales the total: d·(k−1)") {
        // k 3, d 2: total 4 → 2 + 2; k 2, d 3: total 3 → 1 + 2; rows and cols independent.
        auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 3, 2, 2, 3, 1, 1);
        REQUIRE(pad.ok());
        CHECK(*pad == Padding2D{2, 2, 1, 2});
    }
    SECTION("'same' keeps the input size for every kernel size") {
        for (int k = 1; k <= 6; ++k) {
            auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, k, k, 1, 1, 1, 1);
            REQUIRE(pad.ok());
            ConvParams p;
            p.padding = *pad;
            auto out = conv2d(Tensor(1, 7, 5, 1.0f), Weights(1, 1, k, k, 1.0f), {}, p);
            REQUIRE(out.ok());
            CHECK(out->height == 7);
            CHECK(out->width == 5);
        }
    }
}

TEST_CASE("'valid' padding is no padding and explicit padding is symmetric per axis", "[conv][padding]") {
    auto valid = resolvePadding({PaddingSpec::Kind::Valid, 0, 0}, 3, 3, 1, 1, 2, 2);
    REQUIRE(valid.ok());
    CHECK(*valid == Padding2D{0, 0, 0, 0});
    auto explicitPad = resolvePadding({PaddingSpec::Kind::Explicit, 2, 1}, 3, 3, 1, 1, 2, 2);
    REQUIRE(explicitPad.ok());
    CHECK(*explicitPad == Padding2D{2, 2, 1, 1});
}

// ---------------------------------------------------------------------------------------
// Properties

TEST_CASE("the identity kernel with padding 1 returns the input unchanged", "[conv][property]") {
    std::mt19937 rng(11);
    const Tensor in = reference::randomTensor(1, 6, 9, rng);
    const Weights identity = weights(1, 1, 3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
    for (PaddingMode mode : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
        auto out = conv2d(in, identity, {}, params(1, 1, 1, mode));
        REQUIRE(out.ok());
        CHECK(out->data == in.data);
    }
}

TEST_CASE("conv2d is linear in the input and in the weights", "[conv][property]") {
    std::mt19937 rng(12);
    const ConvParams p = params(2, 1, 1);
    const Tensor x = reference::randomTensor(2, 7, 6, rng);
    const Tensor y = reference::randomTensor(2, 7, 6, rng);
    const Weights v = reference::randomWeights(3, 2, 3, 3, rng);
    const Weights u = reference::randomWeights(3, 2, 3, 3, rng);
    const float a = 0.75f, b = -1.5f;

    SECTION("conv(a·x + b·y, w) = a·conv(x, w) + b·conv(y, w)") {
        Tensor mix = x;
        for (std::size_t i = 0; i < mix.data.size(); ++i) mix.data[i] = a * x.data[i] + b * y.data[i];
        auto lhs = conv2d(mix, v, {}, p);
        auto cx = conv2d(x, v, {}, p);
        auto cy = conv2d(y, v, {}, p);
        REQUIRE((lhs.ok() && cx.ok() && cy.ok()));
        for (std::size_t i = 0; i < lhs->data.size(); ++i)
            CHECK(reference::close(a * cx->data[i] + b * cy->data[i], lhs->data[i], 1e-4f));
    }
    SECTION("conv(x, a·v + b·u) = a·conv(x, v) + b·conv(x, u)") {
        Weights mix = v;
        for (std::size_t i = 0; i < mix.data.size(); ++i) mix.data[i] = a * v.data[i] + b * u.data[i];
        auto lhs = conv2d(x, mix, {}, p);
        auto cv = conv2d(x, v, {}, p);
        auto cu = conv2d(x, u, {}, p);
        REQUIRE((lhs.ok() && cv.ok() && cu.ok()));
        for (std::size_t i = 0; i < lhs->data.size(); ++i)
            CHECK(reference::close(a * cv->data[i] + b * cu->data[i], lhs->data[i], 1e-4f));
    }
}

TEST_CASE("a stride-1 zero-padded conv output shifts with its input away from the borders", "[conv][property]") {
    // Small integers keep every sum exact, so the shifted outputs must be equal, not close.
    std::mt19937 rng(13);
    const int h = 9, w = 10, dy = 2, dx = 1, k = 3, pad = 1;
    Tensor in(1, h, w);
    for (float& v : in.data) v = static_cast<float>(reference::randomInt(rng, -4, 4));
    Tensor shifted(1, h, w, 0.0f);  // shifted(r,c) = in(r−dy, c−dx), zero where that is outside
    for (int r = dy; r < h; ++r)
        for (int c = dx; c < w; ++c) shifted.at(0, r, c) = in.at(0, r - dy, c - dx);
    Weights kern(1, 1, k, k);
    for (float& v : kern.data) v = static_cast<float>(reference::randomInt(rng, -3, 3));
    auto out = conv2d(in, kern, {}, params(1, pad));
    auto outShifted = conv2d(shifted, kern, {}, params(1, pad));
    REQUIRE((out.ok() && outShifted.ok()));
    int compared = 0;
    for (int y = 0; y < out->height; ++y)
        for (int x = 0; x < out->width; ++x) {
            // Output (y,x) reads input rows y−pad … y−pad+k−1; after the shift those rows must
            // still be inside the shifted input (bottom/right border) for the values to agree.
            if (y + dy >= out->height || x + dx >= out->width) continue;
            if (y - pad + k - 1 > h - 1 - dy || x - pad + k - 1 > w - 1 - dx) continue;
            INFO("at " << y << "," << x);
            CHECK(outShifted->at(0, y + dy, x + dx) == out->at(0, y, x));
            ++compared;
        }
    CHECK(compared >= 30);
}

TEST_CASE("conv output size equals a brute-force count of the windows that fit", "[conv][property]") {
    for (int n = 1; n <= 7; ++n)
        for (int k = 1; k <= 4; ++k)
            for (int s = 1; s <= 3; ++s)
                for (int pb = 0; pb <= 2; ++pb)
                    for (int pa = 0; pa <= 2; ++pa)
                        for (int d = 1; d <= 3; ++d) {
                            // Windows start at 0, s, 2s, … in the padded input of n + pb + pa cells;
                            // one fits when its last tap, start + d·(k−1), is inside.
                            int fits = 0;
                            for (int start = 0; start + d * (k - 1) <= n + pb + pa - 1; start += s) ++fits;
                            ConvParams p;
                            p.strideH = s;
                            p.padding = {pb, pa, 0, 0};
                            p.dilationH = d;
                            const Weights kern(1, 1, k, 1, 1.0f);
                            auto plan = planConv(1, n, 1, kern, nullptr, p);
                            INFO("n=" << n << " k=" << k << " s=" << s << " pb=" << pb << " pa=" << pa << " d=" << d);
                            if (fits == 0) {
                                CHECK_FALSE(plan.ok());
                            } else {
                                REQUIRE(plan.ok());
                                CHECK(plan->outHeight == fits);
                                auto out = conv2d(Tensor(1, n, 1, 1.0f), kern, {}, p);
                                REQUIRE(out.ok());
                                CHECK(out->height == fits);
                            }
                        }
}

TEST_CASE("conv2d matches the naive reference on random shapes for every padding mode", "[conv][property]") {
    std::mt19937 rng(2024);
    int checked = 0;
    for (PaddingMode mode : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
        for (int trial = 0; trial < 150; ++trial) {
            const int c = reference::randomInt(rng, 1, 3);
            const int oc = reference::randomInt(rng, 1, 3);
            const int h = reference::randomInt(rng, 1, 9);
            const int w = reference::randomInt(rng, 1, 9);
            const int kh = reference::randomInt(rng, 1, 4);
            const int kw = reference::randomInt(rng, 1, 4);
            ConvParams p;
            p.mode = mode;
            p.strideH = reference::randomInt(rng, 1, 3);
            p.strideW = reference::randomInt(rng, 1, 3);
            p.dilationH = reference::randomInt(rng, 1, 3);
            p.dilationW = reference::randomInt(rng, 1, 3);
            // PyTorch's limits per mode: reflect < size, circular ≤ size, others any.
            const int maxPadH = mode == PaddingMode::Reflect ? h - 1 : mode == PaddingMode::Circular ? h : 3;
            const int maxPadW = mode == PaddingMode::Reflect ? w - 1 : mode == PaddingMode::Circular ? w : 3;
            p.padding.top = reference::randomInt(rng, 0, std::min(maxPadH, 3));
            p.padding.bottom = reference::randomInt(rng, 0, std::min(maxPadH, 3));
            p.padding.left = reference::randomInt(rng, 0, std::min(maxPadW, 3));
            p.padding.right = reference::randomInt(rng, 0, std::min(maxPadW, 3));
            const Tensor in = reference::randomTensor(c, h, w, rng);
            const Weights kern = reference::randomWeights(oc, c, kh, kw, rng);
            std::vector<float> bias;
            if (trial % 2) {
                bias.resize(static_cast<std::size_t>(oc));
                reference::fillRandom(bias, rng);
            }
            INFO("mode " << paddingModeName(mode) << " trial " << trial << ": " << c << "x" << h << "x" << w
                         << " kernel " << oc << "x" << kh << "x" << kw << " stride " << p.strideH << "," << p.strideW
                         << " dilation " << p.dilationH << "," << p.dilationW << " padding " << p.padding.top << ","
                         << p.padding.bottom << "," << p.padding.left << "," << p.padding.right);
            const auto expected = reference::conv2d(in, kern, bias, p);
            auto actual = conv2d(in, kern, bias, p);
            if (!expected) {
                CHECK_FALSE(actual.ok());
                continue;
            }
            REQUIRE(actual.ok());
            REQUIRE(actual->channels == expected->channels);
            REQUIRE(actual->height == expected->height);
            REQUIRE(actual->width == expected->width);
            for (std::size_t i = 0; i < expected->data.size(); ++i) {
                INFO("value " << i);
                CHECK(reference::close(expected->data[i], actual->data[i]));
            }
            ++checked;
        }
    }
    CHECK(checked >= 300);  // most random geometries are valid
}

TEST_CASE("conv2dInto reuses its buffers across shapes and gives the same values as conv2d", "[conv]") {
    std::mt19937 rng(5);
    Tensor out;
    ConvWorkspace ws;
    for (int h : {9, 4, 7}) {
        const Tensor in = reference::randomTensor(2, h, h + 1, rng);
        const Weights kern = reference::randomWeights(2, 2, 3, 2, rng);
        const ConvParams p = params(1, 1, 1, PaddingMode::Replicate);
        REQUIRE(conv2dInto(in, kern, {}, p, out, ws).ok());
        auto fresh = conv2d(in, kern, {}, p);
        REQUIRE(fresh.ok());
        CHECK(out == *fresh);
    }
}

TEST_CASE("NaN in the input propagates to the outputs whose windows read it", "[conv]") {
    Tensor in(1, 4, 4, 1.0f);
    in.at(0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
    auto out = conv2d(in, Weights(1, 1, 2, 2, 1.0f), {}, params(1, 0));
    REQUIRE(out.ok());
    CHECK(std::isnan(out->at(0, 0, 0)));
    CHECK(out->at(0, 0, 1) == 4.0f);
    CHECK(out->at(0, 2, 2) == 4.0f);
}

// ---------------------------------------------------------------------------------------
// Errors: every rule names the parameter at fault and shows the numbers.

TEST_CASE("planConv refuses a kernel whose input channels differ from the input's", "[conv][errors]") {
    auto plan = planConv(2, 5, 5, Weights(1, 3, 3, 3), nullptr, ConvParams{});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "kernel");
    CHECK_THAT(plan.error().message, Catch::Contains("3") && Catch::Contains("2"));
    auto out = conv2d(Tensor(2, 5, 5), Weights(1, 3, 3, 3), {}, ConvParams{});
    CHECK_FALSE(out.ok());
}

TEST_CASE("planConv refuses a bias whose length is not the number of filters", "[conv][errors]") {
    const std::vector<float> bias{1, 2, 3};
    auto plan = planConv(1, 5, 5, Weights(2, 1, 3, 3), &bias, ConvParams{});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "bias");
    CHECK_THAT(plan.error().message, Catch::Contains("3") && Catch::Contains("2"));
    CHECK_FALSE(conv2d(Tensor(1, 5, 5), Weights(2, 1, 3, 3), bias, ConvParams{}).ok());
    // An empty bias means "no bias" and is fine.
    const std::vector<float> none;
    CHECK(planConv(1, 5, 5, Weights(2, 1, 3, 3), &none, ConvParams{}).ok());
}

TEST_CASE("planConv refuses stride 0 and dilation 0, naming the parameter", "[conv][errors]") {
    SECTION("stride height 0") {
        ConvParams p;
        p.strideH = 0;
        auto plan = planConv(1, 5, 5, Weights(1, 1, 3, 3), nullptr, p);
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "stride");
        CHECK_THAT(plan.error().message, Catch::Contains("height") && Catch::Contains("got 0"));
    }
    SECTION("stride width 0") {
        ConvParams p;
        p.strideW = 0;
        auto plan = planConv(1, 5, 5, Weights(1, 1, 3, 3), nullptr, p);
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "stride");
        CHECK_THAT(plan.error().message, Catch::Contains("width") && Catch::Contains("got 0"));
    }
    SECTION("dilation 0") {
        ConvParams p;
        p.dilationH = 0;
        auto plan = planConv(1, 5, 5, Weights(1, 1, 3, 3), nullptr, p);
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "dilation");
        CHECK_THAT(plan.error().message, Catch::Contains("got 0"));
    }
    SECTION("negative stride") {
        ConvParams p;
        p.strideW = -2;
        auto plan = planConv(1, 5, 5, Weights(1, 1, 3, 3), nullptr, p);
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "stride");
        CHECK_THAT(plan.error().message, Catch::Contains("-2"));
    }
}

TEST_CASE("negative padding is refused by resolvePadding and by planConv", "[conv][errors]") {
    auto pad = resolvePadding({PaddingSpec::Kind::Explicit, 1, -1}, 3, 3, 1, 1, 1, 1);
    REQUIRE_FALSE(pad.ok());
    CHECK(pad.error().parameter == "padding");
    CHECK_THAT(pad.error().message, Catch::Contains("-1"));

    ConvParams p;
    p.padding = {0, 0, -3, 0};
    auto plan = planConv(1, 5, 5, Weights(1, 1, 3, 3), nullptr, p);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "padding");
    CHECK_THAT(plan.error().message, Catch::Contains("-3"));
}

TEST_CASE("a kernel larger than the padded input is refused with the size formula worked out", "[conv][errors]") {
    SECTION("5x5 kernel on a 4x4 input") {
        // floor((4 + 0 − 4 − 1)/1) + 1 = floor(−1) + 1 = 0
        auto plan = planConv(1, 4, 4, Weights(1, 1, 5, 5), nullptr, ConvParams{});
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "kernel");
        CHECK_THAT(plan.error().message, Catch::Contains("floor((4 + 2·0 − 1·(5−1) − 1)/1) + 1 = 0"));
        CHECK_THAT(plan.error().message, Catch::Contains("height"));
        CHECK_FALSE(conv2d(Tensor(1, 4, 4), Weights(1, 1, 5, 5), {}, ConvParams{}).ok());
    }
    SECTION("only the width is too small: the message names the width") {
        // height: floor((10 + 2 − 2 − 1)/1) + 1 = 10; width: floor((2 + 2 − 4 − 1)/1) + 1 = 0
        auto plan = planConv(1, 10, 2, Weights(1, 1, 3, 5), nullptr, params(1, 1));
        REQUIRE_FALSE(plan.ok());
        CHECK_THAT(plan.error().message,
                   Catch::Contains("width") && Catch::Contains("floor((2 + 2·1 − 1·(5−1) − 1)/1) + 1 = 0"));
    }
    SECTION("a dilated kernel that no longer fits") {
        // span 2·(3−1)+1 = 5 > 4: floor((4 − 4 − 1)/1) + 1 = 0
        auto plan = planConv(1, 4, 4, Weights(1, 1, 3, 3), nullptr, params(1, 0, 2));
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().parameter == "kernel");
        CHECK_THAT(plan.error().message, Catch::Contains("floor((4 + 2·0 − 2·(3−1) − 1)/1) + 1 = 0"));
    }
}

TEST_CASE("reflect padding must be smaller than the input", "[conv][errors]") {
    const Weights one(1, 1, 1, 1, 1.0f);
    auto bad = planConv(1, 3, 3, one, nullptr, params(1, 3, 1, PaddingMode::Reflect));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "padding");
    CHECK_THAT(bad.error().message, Catch::Contains("reflect") && Catch::Contains("(3)"));
    CHECK_FALSE(conv2d(input3x3(), one, {}, params(1, 3, 1, PaddingMode::Reflect)).ok());
    // Only the bottom padding reaches the limit: still refused.
    ConvParams p = params(1, 0, 1, PaddingMode::Reflect);
    p.padding = {0, 3, 0, 0};
    CHECK_FALSE(planConv(1, 3, 3, one, nullptr, p).ok());
    CHECK(planConv(1, 3, 3, one, nullptr, params(1, 2, 1, PaddingMode::Reflect)).ok());
}

TEST_CASE("circular padding may equal the input size but not exceed it", "[conv][errors]") {
    const Weights one(1, 1, 1, 1, 1.0f);
    auto bad = planConv(1, 3, 3, one, nullptr, params(1, 4, 1, PaddingMode::Circular));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "padding");
    CHECK_THAT(bad.error().message, Catch::Contains("circular") && Catch::Contains("(4)") && Catch::Contains("(3)"));
    CHECK(planConv(1, 3, 3, one, nullptr, params(1, 3, 1, PaddingMode::Circular)).ok());
}

TEST_CASE("replicate and zero padding accept padding larger than the input", "[conv][padding]") {
    // Replicate 4 on a 1×1 input of 7: every padded cell is 7; a 3×3 ones kernel sums 9·7 = 63.
    const Tensor in = tensor(1, 1, 1, {7});
    auto out = conv2d(in, Weights(1, 1, 3, 3, 1.0f), {}, params(1, 4, 1, PaddingMode::Replicate));
    REQUIRE(out.ok());
    CHECK(out->height == 7);
    CHECK(out->width == 7);
    for (float v : out->data) CHECK(v == 63.0f);
    CHECK(planConv(1, 1, 1, Weights(1, 1, 3, 3), nullptr, params(1, 4)).ok());
}

TEST_CASE("'same' padding needs stride 1", "[conv][errors]") {
    auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 3, 3, 1, 1, 2, 1);
    REQUIRE_FALSE(pad.ok());
    CHECK(pad.error().parameter == "padding");
    CHECK_THAT(pad.error().message, Catch::Contains("stride") && Catch::Contains("2"));
    CHECK_FALSE(resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 3, 3, 1, 1, 1, 3).ok());
}

TEST_CASE("'same' padding that would exceed a billion cells is refused", "[conv][errors]") {
    auto pad = resolvePadding({PaddingSpec::Kind::Same, 0, 0}, 1'000'000, 3, 2'000, 1, 1, 1);
    REQUIRE_FALSE(pad.ok());
    CHECK(pad.error().parameter == "padding");
}

TEST_CASE("padding of 2000000000 on one axis is refused for size, without allocating", "[conv][errors]") {
    ConvParams p;
    p.padding = {2'000'000'000, 2'000'000'000, 0, 0};
    auto plan = planConv(1, 1, 1, Weights(1, 1, 1, 1, 1.0f), nullptr, p);
    REQUIRE_FALSE(plan.ok());
    CHECK_THAT(plan.error().message, Catch::Contains(std::to_string(kMaxValues)));
    CHECK_FALSE(conv2d(Tensor(1, 1, 1, 1.0f), Weights(1, 1, 1, 1, 1.0f), {}, p).ok());
}

TEST_CASE("padding of 2000000000 on both axes is refused for size, without overflow", "[conv][errors]") {
    // Each axis alone is ~4·10^9 outputs; their product (1.6·10^19) does not fit in int64, so
    // the size check must not multiply them before comparing with the limit.
    ConvParams p = params(1, 2'000'000'000);
    auto plan = planConv(1, 1, 1, Weights(1, 1, 1, 1, 1.0f), nullptr, p);
    REQUIRE_FALSE(plan.ok());
    CHECK_THAT(plan.error().message, Catch::Contains(std::to_string(kMaxValues)));
    CHECK_FALSE(conv2d(Tensor(1, 1, 1, 1.0f), Weights(1, 1, 1, 1, 1.0f), {}, p).ok());
}

TEST_CASE("an output just over the value limit is refused, one at the limit is planned", "[conv][errors]") {
    // 1×1 kernel on a 1×1 input with padding (pt,pb,pl,pr): output (1+pt+pb)×(1+pl+pr).
    // 16384·16384 = 2^28 = kMaxValues is allowed; 16384·16385 is one row too many.
    ConvParams at;
    at.padding = {0, 16383, 0, 16383};
    CHECK(planConv(1, 1, 1, Weights(1, 1, 1, 1), nullptr, at).ok());
    ConvParams over;
    over.padding = {0, 16384, 0, 16383};
    auto plan = planConv(1, 1, 1, Weights(1, 1, 1, 1), nullptr, over);
    REQUIRE_FALSE(plan.ok());
    CHECK_THAT(plan.error().message, Catch::Contains("16385") && Catch::Contains(std::to_string(kMaxValues)));
}

TEST_CASE("an empty input or a kernel without filters is refused", "[conv][errors]") {
    auto empty = planConv(1, 0, 5, Weights(1, 1, 1, 1), nullptr, ConvParams{});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().parameter == "input");
    auto noFilters = planConv(1, 5, 5, Weights(0, 1, 1, 1), nullptr, ConvParams{});
    REQUIRE_FALSE(noFilters.ok());
    CHECK(noFilters.error().parameter == "kernel");
    auto zeroKernel = planConv(1, 5, 5, Weights(1, 1, 0, 3), nullptr, ConvParams{});
    REQUIRE_FALSE(zeroKernel.ok());
    CHECK(zeroKernel.error().parameter == "kernel");
}

TEST_CASE("padding mode names parse and print", "[conv]") {
    // PyTorch's padding_mode strings, written out: a round trip alone would pass if both
    // directions were renamed together, and sessions, the CLI and fixtures use these words.
    const std::pair<PaddingMode, std::string> names[] = {{PaddingMode::Zeros, "zeros"},
                                                         {PaddingMode::Reflect, "reflect"},
                                                         {PaddingMode::Replicate, "replicate"},
                                                         {PaddingMode::Circular, "circular"}};
    for (const auto& [m, name] : names) {
        CHECK(paddingModeName(m) == name);
        auto parsed = parsePaddingMode(name);
        REQUIRE(parsed.ok());
        CHECK(*parsed == m);
    }
    auto bad = parsePaddingMode("mirror");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().parameter == "padding-mode");
    CHECK_THAT(bad.error().message, Catch::Contains("mirror"));
}

TEST_CASE("PyTorch's group rules come back as errors naming the rule", "[conv][errors][groups]") {
    const Tensor in(4, 5, 5, 1.0f);
    auto groups = [](int g) {
        ConvParams p;
        p.groups = g;
        return p;
    };
    SECTION("groups must be positive (PyTorch: non-positive groups is not supported)") {
        for (int g : {0, -2}) {
            auto out = conv2d(in, Weights(4, 1, 3, 3), {}, groups(g));
            REQUIRE_FALSE(out.ok());
            CHECK(out.error().id == "groups_not_positive");
            CHECK(out.error().parameter == "groups");
            CHECK_THAT(out.error().message, Catch::Contains("got " + std::to_string(g)));
        }
    }
    SECTION("the filters split evenly into the groups: 6 filters in 4 groups do not") {
        auto out = conv2d(Tensor(8, 5, 5), Weights(6, 2, 3, 3), {}, groups(4));
        REQUIRE_FALSE(out.ok());
        CHECK(out.error().id == "groups_filters");
        CHECK_THAT(out.error().message, Catch::Contains("groups = 4") && Catch::Contains("6 filter(s)"));
    }
    SECTION("the input has groups × the kernel's channels: 2 groups of 3-channel slices need 6, not 4") {
        auto out = conv2d(in, Weights(4, 3, 3, 3), {}, groups(2));
        REQUIRE_FALSE(out.ok());
        CHECK(out.error().id == "groups_channels");
        CHECK_THAT(out.error().message, Catch::Contains("2·3 = 6") && Catch::Contains("the input has 4"));
        // A depthwise kernel (one channel per slice) with groups 1 is a plain channel mismatch.
        auto plain = conv2d(in, Weights(4, 1, 3, 3), {}, groups(1));
        REQUIRE_FALSE(plain.ok());
        CHECK(plain.error().id == "kernel_channel_mismatch");
    }
    SECTION("valid groups: 1, 2 and 4 on 4 channels") {
        CHECK(conv2d(in, Weights(4, 4, 3, 3), {}, groups(1)).ok());
        CHECK(conv2d(in, Weights(4, 2, 3, 3), {}, groups(2)).ok());
        CHECK(conv2d(in, Weights(8, 1, 3, 3), {}, groups(4)).ok());
    }
}

TEST_CASE("a depthwise conv filters each channel on its own", "[conv][groups]") {
    // Channel c of the input is all c + 1; filter o of multiplier 2 is all o + 1 over 3×3 with
    // no padding, so output o = 9·(o + 1)·(o/2 + 1): it sees its own channel and no other.
    Tensor in(3, 4, 4);
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 16; ++i) in.data[static_cast<std::size_t>(c * 16 + i)] = static_cast<float>(c + 1);
    Weights w(6, 1, 3, 3);
    for (int o = 0; o < 6; ++o)
        for (int i = 0; i < 9; ++i) w.data[static_cast<std::size_t>(o * 9 + i)] = static_cast<float>(o + 1);
    ConvParams p;
    p.groups = 3;
    auto out = conv2d(in, w, {}, p);
    REQUIRE(out.ok());
    REQUIRE(out->channels == 6);
    for (int o = 0; o < 6; ++o) {
        INFO("filter " << o);
        CHECK(out->at(o, 0, 0) == static_cast<float>(9 * (o + 1) * (o / 2 + 1)));
        CHECK(out->at(o, 1, 1) == out->at(o, 0, 0));
    }
}
