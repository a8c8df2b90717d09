// The app's comparison of the selected layer with a loaded reference: what the difference
// view and tab show, redone when the layer's output or the tolerance changes.
#include <catch2/catch.hpp>

#include "../../io/temp_dir.hpp"
#include "convscope/io/npy.hpp"
#include "logic/pipeline.hpp"
#include "logic/reference_diff.hpp"
#include "logic/state.hpp"

using namespace convscope;
using namespace convscope::gui;

TEST_CASE("a reference for the first layer is compared with its output, within the chosen tolerance", "[gui][diff]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    (void)p.finish();
    const PipelineResult& r = p.result();
    REQUIRE(r.validOutputs >= 1);
    ReferenceOutput& ref = s.reference;
    ref.layer = 0;
    ref.values = r.output(0).values;
    ref.values.at(0, 2, 3) += 0.5f;
    ++ref.version;
    ReferenceComparison c;
    compareReference(ref, r, c);
    REQUIRE(c.active);
    REQUIRE(c.report.has_value());
    CHECK(c.report->outside == 1);
    REQUIRE(c.report->worst.size() == 1);
    CHECK((c.report->worst[0].row == 2 && c.report->worst[0].col == 3));
    CHECK(comparisonInBlock(c, r.block));

    const std::uint64_t before = c.version;
    ref.atol = 1.0;  // a looser tolerance: recompared, nothing outside
    compareReference(ref, r, c);
    CHECK(c.version != before);
    CHECK(c.report->outside == 0);

    ref.values = core::Tensor(1, 3, 3);  // another shape: explained, no report
    ++ref.version;
    compareReference(ref, r, c);
    CHECK(c.mismatch.has_value());
    CHECK_FALSE(c.report.has_value());
    CHECK_FALSE(comparisonInBlock(c, r.block));
}

TEST_CASE("loading a reference that cannot be read keeps the one before and says why", "[gui][diff]") {
    iotest::TempDir dir;
    ReferenceOutput ref;
    loadReference(ref, (dir / "missing.npy").string(), 0);
    CHECK(ref.layer == -1);
    CHECK_FALSE(ref.error.empty());
    io::Array a;
    a.shape = {2, 2};
    a.data = {1, 2, 3, 4};
    iotest::writeBytes(dir / "r.npy", io::encodeNpyFloat32(a));
    loadReference(ref, (dir / "r.npy").string(), 1);
    CHECK(ref.layer == 1);
    CHECK(ref.error.empty());
    CHECK(core::shapeOf(ref.values) == core::Shape{1, 2, 2});
    loadReference(ref, (dir / "missing.npy").string(), 0);
    CHECK(ref.layer == 1);  // kept
    CHECK_FALSE(ref.error.empty());
}
