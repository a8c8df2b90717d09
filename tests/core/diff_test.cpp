// The comparison behind `convscope-cli diff` and the app's difference view: numpy.allclose's
// rule, ULP distances, the worst cells and the shape hints.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "convscope/core/diff.hpp"
#include "convscope/core/layers/layer.hpp"

using namespace convscope::core;

TEST_CASE("ulp distance counts the floats between two values", "[diff]") {
    CHECK(ulpDistance(1.0f, 1.0f) == 0);
    CHECK(ulpDistance(1.0f, std::nextafter(1.0f, 2.0f)) == 1);
    CHECK(ulpDistance(0.0f, -0.0f) == 0);
    // The smallest subnormals on either side of zero are 2 apart.
    const float tiny = std::numeric_limits<float>::denorm_min();
    CHECK(ulpDistance(tiny, -tiny) == 2);
    CHECK(ulpDistance(NAN, 1.0f) == std::numeric_limits<std::uint32_t>::max());
    CHECK(ulpDistance(NAN, NAN) == 0);
}

TEST_CASE("tolerance is numpy.allclose's, relative to the reference", "[diff]") {
    const DiffTolerance numpyDefaults;
    CHECK(withinTolerance(1.000009f, 1.0f, numpyDefaults));  // 9e-6 ≤ 1e-8 + 1e-5·1
    CHECK_FALSE(withinTolerance(1.0001f, 1.0f, numpyDefaults));
    CHECK(withinTolerance(0.0f, 5e-9f, numpyDefaults));  // atol alone near zero
    CHECK_FALSE(withinTolerance(0.0f, 2e-8f, numpyDefaults));
    CHECK(withinTolerance(NAN, NAN, numpyDefaults));
    CHECK_FALSE(withinTolerance(NAN, 0.0f, numpyDefaults));
    CHECK(withinTolerance(INFINITY, INFINITY, numpyDefaults));
    CHECK_FALSE(withinTolerance(INFINITY, -INFINITY, numpyDefaults));
}

TEST_CASE("diffMaps counts the cells outside the tolerance and lists the worst first", "[diff]") {
    Tensor ours(2, 3, 4);
    for (std::size_t i = 0; i < ours.data.size(); ++i) ours.data[i] = static_cast<float>(i) * 0.5f - 3.0f;
    Tensor reference = ours;
    reference.at(1, 2, 1) += 0.25f;
    reference.at(0, 1, 3) += 2.0f;
    reference.at(0, 0, 0) = NAN;
    const DiffReport r = diffMaps(ours, reference, {}, 2);
    CHECK(r.cells == 24);
    CHECK(r.outside == 3);
    CHECK_FALSE(r.ok());
    REQUIRE(r.worst.size() == 2);
    // NaN against a number is the largest difference, then 2, then (left off) 0.25.
    CHECK((r.worst[0].channel == 0 && r.worst[0].row == 0 && r.worst[0].col == 0));
    CHECK((r.worst[1].channel == 0 && r.worst[1].row == 1 && r.worst[1].col == 3));
    CHECK(r.worst[1].absDiff == Approx(2.0));
    CHECK(r.absDiff.at(1, 2, 1) == Approx(0.25f));
    CHECK(r.absDiff.at(1, 0, 0) == 0.0f);
    CHECK(r.ulps.at(1, 0, 0) == 0.0f);
    CHECK(r.ulps.at(1, 2, 1) > 0.0f);
}

TEST_CASE("shape hints name the ceil mode or padding change that gives the reference's size", "[diff]") {
    // 2×2 max pooling, stride 2, ceil mode, on 63×63: 32×32; without ceil mode 31×31.
    auto pool = planLayer(Layer{MaxPool2d{{2, 2}, {2, 2}, {0, 0}, {1, 1}, true}}, {1, 63, 63});
    REQUIRE(pool.ok());
    auto e = explainShapes(*pool, {1, 31, 31});
    REQUIRE(e.has_value());
    REQUIRE(e->axes.size() == 2);
    CHECK(e->axes[0].ceilMode);
    CHECK_FALSE(e->axes[0].paddingMore);
    CHECK_THAT(shapeExplanationText(*e), Catch::Contains("yours is 31×31, convscope's is 32×32"));
    CHECK_FALSE(explainShapes(*pool, {1, 32, 32}).has_value());

    // A 3×3 conv with padding 1 keeps 8 rows; 7 would come from one cell less padding, and
    // with stride 2 (4 outputs) TensorFlow's SAME also gives ceil(8/2) = 4.
    Conv2d conv;
    conv.padding = {PaddingSpec::Kind::Explicit, 1, 0};
    auto plan = planLayer(Layer{conv}, {1, 8, 8});
    REQUIRE(plan.ok());
    auto less = explainShapes(*plan, {1, 7, 6});
    REQUIRE(less.has_value());
    REQUIRE(less->axes.size() == 1);  // the width agrees (8 − 2 = 6)
    CHECK(less->axes[0].axis == Axis::Height);
    CHECK(less->axes[0].paddingLess);
    CHECK_FALSE(less->axes[0].ceilMode);
    auto channels = explainShapes(*plan, {3, 8, 6});
    REQUIRE(channels.has_value());
    CHECK(channels->channelsDiffer);
    CHECK(channels->axes.empty());
}
