// The conv sweeps (the rules and the setting ranges: sweep.hpp): planning and values under
// every padding mode, strides past the input, the padding-mode limits and 'same' padding.
#include "core/sweep.hpp"

using namespace sweep;

namespace {

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
    const std::string label = std::string(paddingModeName(mode)) + " rows " + text(rows) + ", cols " + text(cols);
    if (checkRefused(broken, out, label, tally)) return;
    const auto expected = reference::conv2d(input, weights, bias, p);
    if (!out.ok() || !expected || out->height != expected->height || out->width != expected->width ||
        out->channels != expected->channels || !sameValues(out->data, expected->data))
        FAIL_CHECK(label << ": " << (out.ok() ? "values differ from the reference" : out.error().message));
    ++tally.matched;
}

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
