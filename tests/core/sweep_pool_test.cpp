// The pooling sweeps (the rules and the setting ranges: sweep.hpp): planning and values
// under every pooling option.
#include "core/sweep.hpp"

using namespace sweep;

namespace {

void checkPool(const AxisCase& rows, const AxisCase& cols, const PoolOption& o, int channels, Tally& tally) {
    std::set<std::string> broken = poolViolations(rows, o);
    broken.merge(poolViolations(cols, o));
    Tensor input(channels, rows.input, cols.input);
    fillSmall(input.data, 4);
    const PoolParams p = poolParams(rows, cols, o);
    auto out = pool2d(input, p);
    const std::string label = text(o) + " rows " + text(rows) + ", cols " + text(cols);
    if (checkRefused(broken, out, label, tally)) return;
    const auto expected = reference::pool2d(input, p);
    if (!out.ok() || !expected || out->values.height != expected->values.height ||
        out->values.width != expected->values.width || !sameValues(out->values.data, expected->values.data) ||
        out->indices != expected->indices)
        FAIL_CHECK(label << ": " << (out.ok() ? "values or indices differ from the reference" : out.error().message));
    ++tally.matched;
}

}  // namespace

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
