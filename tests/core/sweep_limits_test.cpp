// Sweeps across the limits (sweep.hpp): out-of-range settings named in the error, the
// unread rows/cols against a tap-by-tap count, and what stays fast or is refused at sizes
// far beyond the sweep.
#include "convscope/core/geometry.hpp"
#include "convscope/core/trace.hpp"
#include "core/sweep.hpp"

using namespace sweep;

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
