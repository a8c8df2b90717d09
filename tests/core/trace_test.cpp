// traceConv / tracePool: the tap-by-tap account of one output value that the GUI's
// computation panel and `convscope-cli explain` print, and the explain.hpp wording of it.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/trace.hpp"
#include "core/reference.hpp"
#include "pool_params.hpp"

using namespace convscope::core;

namespace {

// Two channels of 3×3:
//   A = 1 2 3     B = −1 0  1
//       4 5 6          2 0 −2
//       7 8 9          1 1  1
Tensor twoChannels() {
    Tensor t(2, 3, 3);
    t.data = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, 1, 2, 0, -2, 1, 1, 1};
    return t;
}

// One filter over both channels: W0 = [1 2; 3 4] on A, W1 = [−1 1; 2 −2] on B; bias 0.25.
Weights filter() {
    Weights w(1, 2, 2, 2);
    w.data = {1, 2, 3, 4, -1, 1, 2, -2};
    return w;
}

const std::vector<float> kBias{0.25f};

ConvParams padded(PaddingMode mode) {
    ConvParams p;
    p.padding = {1, 1, 1, 1};
    p.mode = mode;
    return p;
}

// 3×4 input of the pool traces:
//   1 5 2 0
//   3 4 8 6
//   7 0 9 1
Tensor poolInput() {
    Tensor t(1, 3, 4);
    t.data = {1, 5, 2, 0, 3, 4, 8, 6, 7, 0, 9, 1};
    return t;
}

struct ExpectedTap {
    int channel, m, n, row, col;
    bool padding;
    int sourceRow, sourceCol;
    float input, weight, product;
};

void checkTaps(const ConvTrace& t, const std::vector<ExpectedTap>& expected) {
    REQUIRE(t.taps.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const ConvTap& a = t.taps[i];
        const ExpectedTap& e = expected[i];
        INFO("tap " << i);
        CHECK(a.channel == e.channel);
        CHECK(a.m == e.m);
        CHECK(a.n == e.n);
        CHECK(a.row == e.row);
        CHECK(a.col == e.col);
        CHECK(a.padding == e.padding);
        CHECK(a.sourceRow == e.sourceRow);
        CHECK(a.sourceCol == e.sourceCol);
        CHECK(a.input == e.input);
        CHECK(a.weight == e.weight);
        CHECK(a.product == e.product);
    }
}

}  // namespace

TEST_CASE("traceConv with reflect padding lists every tap with its mirrored source pixel", "[trace][conv]") {
    // Output (0,0) with padding 1 reads rows −1..0, cols −1..0. Reflect: −1 → 1.
    // Channel A: (−1,−1)→(1,1)=5 ×1 = 5, (−1,0)→(1,0)=4 ×2 = 8, (0,−1)→(0,1)=2 ×3 = 6, (0,0)=1 ×4 = 4
    // Channel B: (1,1)=0 ×−1 = 0, (1,0)=2 ×1 = 2, (0,1)=0 ×2 = 0, (0,0)=−1 ×−2 = 2
    // Sum 23 + 4 + bias 0.25 = 27.25
    auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Reflect), 0, 0, 0);
    REQUIRE(t.ok());
    CHECK(t->outChannel == 0);
    CHECK(t->outRow == 0);
    CHECK(t->outCol == 0);
    checkTaps(*t, {
                      {0, 0, 0, -1, -1, true, 1, 1, 5, 1, 5},
                      {0, 0, 1, -1, 0, true, 1, 0, 4, 2, 8},
                      {0, 1, 0, 0, -1, true, 0, 1, 2, 3, 6},
                      {0, 1, 1, 0, 0, false, 0, 0, 1, 4, 4},
                      {1, 0, 0, -1, -1, true, 1, 1, 0, -1, 0},
                      {1, 0, 1, -1, 0, true, 1, 0, 2, 1, 2},
                      {1, 1, 0, 0, -1, true, 0, 1, 0, 2, 0},
                      {1, 1, 1, 0, 0, false, 0, 0, -1, -2, 2},
                  });
    CHECK(t->hasBias);
    CHECK(t->bias == 0.25f);
    CHECK(t->sum == 27.25f);
}

TEST_CASE("traceConv's source pixels and sums for zeros, replicate and circular padding", "[trace][conv]") {
    SECTION("zeros: padding taps have no source and read 0") {
        // Only (0,0) is real: 1·4 + (−1)·(−2) = 6, + 0.25
        auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Zeros), 0, 0, 0);
        REQUIRE(t.ok());
        for (int i : {0, 1, 2, 4, 5, 6}) {
            const ConvTap& tap = t->taps[static_cast<std::size_t>(i)];
            CHECK(tap.padding);
            CHECK(tap.sourceRow == -1);
            CHECK(tap.sourceCol == -1);
            CHECK(tap.input == 0.0f);
        }
        CHECK(t->sum == 6.25f);
    }
    SECTION("replicate: every tap copies the corner (0,0)") {
        // A: 1·(1+2+3+4) = 10; B: (−1)·(−1+1+2−2) = 0; + 0.25
        auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Replicate), 0, 0, 0);
        REQUIRE(t.ok());
        for (const ConvTap& tap : t->taps) {
            CHECK(tap.sourceRow == 0);
            CHECK(tap.sourceCol == 0);
        }
        CHECK(t->sum == 10.25f);
    }
    SECTION("circular: row/col −1 wrap to 2") {
        // A: 9·1 + 7·2 + 3·3 + 1·4 = 36; B: 1·(−1) + 1·1 + 1·2 + (−1)·(−2) = 4; + 0.25
        auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Circular), 0, 0, 0);
        REQUIRE(t.ok());
        const std::vector<std::pair<int, int>> sources{{2, 2}, {2, 0}, {0, 2}, {0, 0}};
        for (std::size_t i = 0; i < 8; ++i) {
            CHECK(t->taps[i].sourceRow == sources[i % 4].first);
            CHECK(t->taps[i].sourceCol == sources[i % 4].second);
        }
        CHECK(t->sum == 40.25f);
    }
}

TEST_CASE("traceConv's sum equals conv2d's output at every position and padding mode", "[trace][conv]") {
    // Small integers: every sum is exact, so equality must hold bit for bit.
    for (PaddingMode mode : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
        ConvParams p = padded(mode);
        p.strideW = 2;
        auto out = conv2d(twoChannels(), filter(), kBias, p);
        REQUIRE(out.ok());
        for (int y = 0; y < out->height; ++y)
            for (int x = 0; x < out->width; ++x) {
                auto t = traceConv(twoChannels(), filter(), kBias, p, 0, y, x);
                REQUIRE(t.ok());
                INFO(paddingModeName(mode) << " at " << y << "," << x);
                CHECK(t->sum == out->at(0, y, x));
                CHECK(t->taps.size() == 8);
            }
    }
}

TEST_CASE("traceConv follows stride and dilation to the input cells it reads", "[trace][conv]") {
    // Stride 2, dilation 2, no padding on a 7×7 input, 2×2 kernel: output (1,2) reads rows
    // 2, 4 and cols 4, 6.
    Tensor in(1, 7, 7);
    for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 7; ++c) in.at(0, r, c) = static_cast<float>(10 * r + c);
    Weights w(1, 1, 2, 2, 1.0f);
    ConvParams p;
    p.strideH = p.strideW = 2;
    p.dilationH = p.dilationW = 2;
    auto t = traceConv(in, w, {}, p, 0, 1, 2);
    REQUIRE(t.ok());
    REQUIRE(t->taps.size() == 4);
    CHECK((t->taps[0].row == 2 && t->taps[0].col == 4));
    CHECK((t->taps[1].row == 2 && t->taps[1].col == 6));
    CHECK((t->taps[2].row == 4 && t->taps[2].col == 4));
    CHECK((t->taps[3].row == 4 && t->taps[3].col == 6));
    CHECK_FALSE(t->hasBias);
    CHECK(t->sum == 24.0f + 26.0f + 44.0f + 46.0f);
}

TEST_CASE("a grouped conv's trace lists only its group's channels, by their input index", "[trace][conv][groups]") {
    // 6 channels, each value naming its channel: 100·c + 10·row + col. Small integer weights,
    // so every sum is exact and must equal conv2d's output bit for bit.
    Tensor in(6, 5, 5);
    for (int c = 0; c < 6; ++c)
        for (int r = 0; r < 5; ++r)
            for (int col = 0; col < 5; ++col) in.at(c, r, col) = static_cast<float>(100 * c + 10 * r + col);
    std::mt19937 rng(12);
    SECTION("3 groups of 2 channels and 2 filters: filter 3 is in group 1 and reads channels 2 and 3") {
        Weights w(6, 2, 3, 3);
        for (float& v : w.data) v = static_cast<float>(reference::randomInt(rng, -3, 3));
        const std::vector<float> bias{1, 2, 3, 4, 5, 6};
        ConvParams p = padded(PaddingMode::Zeros);
        p.groups = 3;
        auto t = traceConv(in, w, bias, p, 3, 2, 2);
        REQUIRE(t.ok());
        REQUIRE(t->taps.size() == 2 * 3 * 3);
        double expected[2] = {0, 0};
        for (std::size_t i = 0; i < t->taps.size(); ++i) {
            const ConvTap& tap = t->taps[i];
            const int c = 2 + static_cast<int>(i) / 9;  // channel 2's nine taps, then channel 3's
            INFO("tap " << i);
            CHECK(tap.channel == c);
            CHECK(tap.input == in.at(c, 1 + tap.m, 1 + tap.n));
            CHECK(tap.weight == w.at(3, c - 2, tap.m, tap.n));
            expected[c - 2] += double(in.at(c, 1 + tap.m, 1 + tap.n)) * w.at(3, c - 2, tap.m, tap.n);
        }
        const auto sums = channelSums(*t);
        REQUIRE(sums.size() == 2);
        CHECK(sums[0] == static_cast<float>(expected[0]));
        CHECK(sums[1] == static_cast<float>(expected[1]));
        CHECK(t->bias == 4.0f);
        CHECK(t->sum == static_cast<float>(expected[0] + expected[1] + 4.0));
        // The explanation names the input channels the filter reads, by their input index.
        const auto lines = convTapLines(*t, PaddingMode::Zeros);
        REQUIRE(lines.size() == 18);
        CHECK(lines[0].rfind("I[c2](1,1) × K(0,0) = 211 × ", 0) == 0);
        CHECK(lines[17].rfind("I[c3](3,3) × K(2,2) = 333 × ", 0) == 0);
        // And the trace's sum is conv2d's value at every filter and position.
        const auto out = conv2d(in, w, bias, p);
        REQUIRE(out.ok());
        for (int o = 0; o < 6; ++o)
            for (int y = 0; y < out->height; ++y)
                for (int x = 0; x < out->width; ++x) {
                    auto each = traceConv(in, w, bias, p, o, y, x);
                    REQUIRE(each.ok());
                    INFO("filter " << o << " at " << y << "," << x);
                    CHECK(each->sum == out->at(o, y, x));
                    CHECK(each->taps.front().channel == o / 2 * 2);
                    CHECK(each->taps.back().channel == o / 2 * 2 + 1);
                }
    }
    SECTION("depthwise with multiplier 2 and reflect padding: filter o reads channel o / 2 alone") {
        Weights w(12, 1, 3, 3);
        for (float& v : w.data) v = static_cast<float>(reference::randomInt(rng, -3, 3));
        ConvParams p = padded(PaddingMode::Reflect);
        p.groups = 6;
        const auto out = conv2d(in, w, {}, p);
        REQUIRE(out.ok());
        for (int o = 0; o < 12; ++o) {
            auto t = traceConv(in, w, {}, p, o, 0, 4);
            REQUIRE(t.ok());
            REQUIRE(t->taps.size() == 9);
            for (const ConvTap& tap : t->taps) {
                CHECK(tap.channel == o / 2);
                // Reflect: row −1 copies row 1, col 5 copies col 3.
                CHECK(tap.input == in.at(o / 2, tap.sourceRow, tap.sourceCol));
            }
            CHECK(t->taps[0].sourceRow == 1);
            CHECK(t->taps[2].sourceCol == 3);
            CHECK(channelSums(*t).size() == 1);
            CHECK(t->sum == out->at(o, 0, 4));
        }
    }
}

TEST_CASE("traceConv refuses a position or channel outside the output", "[trace][errors]") {
    // 3×3 input, 2×2 kernel, padding 1: output 4×4, one channel.
    const ConvParams p = padded(PaddingMode::Zeros);
    auto row = traceConv(twoChannels(), filter(), kBias, p, 0, 4, 0);
    REQUIRE_FALSE(row.ok());
    CHECK(row.error().parameter == "at");
    CHECK_THAT(row.error().message, Catch::Contains("(4,0)") && Catch::Contains("4×4"));
    auto col = traceConv(twoChannels(), filter(), kBias, p, 0, 0, -1);
    REQUIRE_FALSE(col.ok());
    CHECK(col.error().parameter == "at");
    auto channel = traceConv(twoChannels(), filter(), kBias, p, 1, 0, 0);
    REQUIRE_FALSE(channel.ok());
    CHECK(channel.error().parameter == "channel");
    // Invalid geometry is reported as such, not as a position error.
    ConvParams bad = p;
    bad.strideH = 0;
    auto geometry = traceConv(twoChannels(), filter(), kBias, bad, 0, 0, 0);
    REQUIRE_FALSE(geometry.ok());
    CHECK(geometry.error().parameter == "stride");
}

TEST_CASE("tracePool max names the winner and its flat index", "[trace][pool]") {
    // Window 2, stride 2, padding 1 on the 3×4 input.
    const PoolParams p = squarePool(PoolMode::Max, 2, 2, 1);
    SECTION("inside: (1,1) reads (1,1)=4 (1,2)=8 (2,1)=0 (2,2)=9 → 9, index 2·4+2 = 10") {
        auto t = tracePool(poolInput(), p, 0, 1, 1);
        REQUIRE(t.ok());
        REQUIRE(t->taps.size() == 4);
        CHECK(t->result == 9.0f);
        CHECK(t->winner == 3);
        CHECK(t->winnerFlatIndex == 10);
        for (const PoolTap& tap : t->taps) CHECK(tap.cell == PoolCell::Input);
        CHECK(poolResultLine(*t) == "max{4, 8, 0, 9} = 9 at (2,2)");
        CHECK(divisorReason(*t).empty());
    }
    SECTION("corner: three padding cells and (0,0)=1") {
        auto t = tracePool(poolInput(), p, 0, 0, 0);
        REQUIRE(t.ok());
        REQUIRE(t->taps.size() == 4);
        CHECK(t->taps[0].cell == PoolCell::Padding);
        CHECK(t->taps[1].cell == PoolCell::Padding);
        CHECK(t->taps[2].cell == PoolCell::Padding);
        CHECK(t->taps[3].cell == PoolCell::Input);
        CHECK((t->taps[0].row == -1 && t->taps[0].col == -1));
        CHECK(t->result == 1.0f);
        CHECK(t->winner == 3);
        CHECK(t->winnerFlatIndex == 0);
        CHECK(poolResultLine(*t) == "max{1} = 1 at (0,0)");
    }
}

TEST_CASE("tracePool agrees with pool2d at every position", "[trace][pool]") {
    std::mt19937 rng(8);
    Tensor in = reference::randomTensor(2, 7, 6, rng);
    in.at(1, 3, 3) = in.at(1, 3, 4);  // a tie
    PoolParams p = squarePool(PoolMode::Max, 3, 2, 1);
    p.ceilMode = true;
    for (PoolMode mode : {PoolMode::Max, PoolMode::Avg}) {
        p.mode = mode;
        auto out = pool2d(in, p);
        REQUIRE(out.ok());
        for (int c = 0; c < 2; ++c)
            for (int y = 0; y < out->values.height; ++y)
                for (int x = 0; x < out->values.width; ++x) {
                    auto t = tracePool(in, p, c, y, x);
                    REQUIRE(t.ok());
                    INFO(poolModeName(mode) << " channel " << c << " at " << y << "," << x);
                    CHECK(t->result == out->values.at(c, y, x));
                    if (mode == PoolMode::Max) CHECK(t->winnerFlatIndex == out->indices[out->values.index(c, y, x)]);
                }
    }
}

TEST_CASE("tracePool avg reports the divisor, its rule and the cell counts", "[trace][pool]") {
    // Output (1,2): rows 1..2, cols 3..4 — (1,3)=6, (1,4) padding, (2,3)=1, (2,4) padding.
    PoolParams p = squarePool(PoolMode::Avg, 2, 2, 1);
    SECTION("count_include_pad: 7/4") {
        auto t = tracePool(poolInput(), p, 0, 1, 2);
        REQUIRE(t.ok());
        CHECK(t->taps[1].cell == PoolCell::Padding);
        CHECK(t->taps[3].cell == PoolCell::Padding);
        CHECK(t->sum == 7.0f);
        CHECK(t->divisor.divisor == 4);
        CHECK(t->divisor.inputCells == 2);
        CHECK(t->divisor.paddedCells == 4);
        CHECK(t->rule == DivisorRule::IncludePad);
        CHECK(t->result == 1.75f);
        CHECK(poolResultLine(*t) == "(6 + 1)/4 = 1.75");
        CHECK_THAT(divisorReason(*t), Catch::Contains("divisor 4") && Catch::Contains("count_include_pad"));
    }
    SECTION("exclude pad: 7/2") {
        p.countIncludePad = false;
        auto t = tracePool(poolInput(), p, 0, 1, 2);
        REQUIRE(t.ok());
        CHECK(t->divisor.divisor == 2);
        CHECK(t->rule == DivisorRule::ExcludePad);
        CHECK(t->result == 3.5f);
        CHECK(poolResultLine(*t) == "(6 + 1)/2 = 3.5");
        CHECK_THAT(divisorReason(*t), Catch::Contains("divisor 2") && Catch::Contains("2 window cell"));
    }
}

TEST_CASE("tracePool marks ceil mode's overhang as outside and leaves it out of the divisor", "[trace][pool]") {
    // 5×5 ramp v = 5r + c, window 2, stride 2, ceil: window (2,2) covers (4,4) and three cells
    // past the input (no padding declared). Divisor 1, result 24.
    Tensor in(1, 5, 5);
    for (int i = 0; i < 25; ++i) in.data[static_cast<std::size_t>(i)] = static_cast<float>(i);
    PoolParams p = squarePool(PoolMode::Avg, 2, 2, 0);
    p.ceilMode = true;
    auto t = tracePool(in, p, 0, 2, 2);
    REQUIRE(t.ok());
    REQUIRE(t->taps.size() == 4);
    CHECK(t->taps[0].cell == PoolCell::Input);
    CHECK(t->taps[1].cell == PoolCell::Outside);
    CHECK(t->taps[2].cell == PoolCell::Outside);
    CHECK(t->taps[3].cell == PoolCell::Outside);
    CHECK(t->divisor.divisor == 1);
    CHECK(t->divisor.paddedCells == 1);
    CHECK(t->divisor.fullWindow == 4);
    CHECK(t->result == 24.0f);
    CHECK_THAT(divisorReason(*t), Catch::Contains("3 of the 4"));
}

TEST_CASE("tracePool refuses a position or channel outside the output", "[trace][errors]") {
    const PoolParams p = squarePool(PoolMode::Max, 2, 2, 0);  // 3×4 → 1×2
    auto row = tracePool(poolInput(), p, 0, 1, 0);
    REQUIRE_FALSE(row.ok());
    CHECK(row.error().parameter == "at");
    CHECK_THAT(row.error().message, Catch::Contains("1×2"));
    auto channel = tracePool(poolInput(), p, 1, 0, 0);
    REQUIRE_FALSE(channel.ok());
    CHECK(channel.error().parameter == "channel");
    auto negative = tracePool(poolInput(), p, -1, 0, 0);
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().parameter == "channel");
}

TEST_CASE("convSumLine writes the whole dot product and ends with '= <sum>'", "[trace][explain]") {
    auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Reflect), 0, 0, 0);
    REQUIRE(t.ok());
    // Inputs·weights in tap order, negatives in parentheses, then the bias.
    CHECK(convSumLine(*t) == "O(0,0) = 5·1 + 4·2 + 2·3 + 1·4 + 0·(-1) + 2·1 + 0·2 + (-1)·(-2) + 0.25 = 27.25");
    auto noBias = traceConv(twoChannels(), filter(), {}, padded(PaddingMode::Zeros), 0, 3, 3);
    REQUIRE(noBias.ok());
    // (3,3) reads rows 2..3, cols 2..3: only (2,2) is real: A 9·1, B 1·(−1) → 8.
    CHECK_THAT(convSumLine(*noBias), Catch::StartsWith("O(3,3) = 9·1 + ") && Catch::EndsWith(" = 8"));
}

TEST_CASE("convTapLines has one line per tap naming the padding source", "[trace][explain]") {
    auto t = traceConv(twoChannels(), filter(), kBias, padded(PaddingMode::Reflect), 0, 0, 0);
    REQUIRE(t.ok());
    const auto lines = convTapLines(*t, PaddingMode::Reflect);
    REQUIRE(lines.size() == 8);
    CHECK_THAT(lines[0], Catch::Contains("(-1,-1)") && Catch::Contains("(1,1)") && Catch::EndsWith("= 5"));
    CHECK_THAT(lines[3], Catch::Contains("(0,0)") && Catch::EndsWith("= 4"));
}

TEST_CASE("describeCoverage explains rows dropped by the floor and holes between windows", "[explain][coverage]") {
    const AxisWindow floorDrop{6, 3, 2, 0, 0, 1, false};  // rows 0–4 read, row 5 dropped
    const AxisWindow full{6, 3, 1, 1, 1, 1, false};
    const AxisWindow holes{6, 1, 2, 0, 0, 1, false};  // rows 0, 2, 4 read
    SECTION("floor") {
        const auto notes = describeCoverage(floorDrop, full, 2, 6);
        REQUIRE(notes.size() == 1);
        CHECK_THAT(notes[0], Catch::Contains("row 5") && Catch::Contains("dropped by the floor"));
    }
    SECTION("holes") {
        const auto notes = describeCoverage(full, holes, 6, 3);
        REQUIRE(notes.size() == 1);
        CHECK_THAT(notes[0], Catch::Contains("cols 1, 3, 5"));
        CHECK_THAT(notes[0], !Catch::Contains("dropped by the floor"));
    }
    SECTION("everything read: no notes") {
        CHECK(describeCoverage(full, full, 6, 6).empty());
    }
}
