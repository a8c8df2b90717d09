#pragma once
// Comparing a layer's output with someone else's (their own kernel, another framework): which
// cells differ beyond a tolerance, by how much (absolutely and in ULPs), the worst of them, and
// when the shapes disagree, what in the layer's parameters would explain it. The CLI's `diff`
// and the app's difference view both use this one comparison.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// numpy.allclose's rule and defaults: a cell agrees when |ours − reference| ≤ atol + rtol·|reference|.
// NaN agrees with NaN and an infinity with the same infinity (numpy's equal_nan=True), since
// convscope propagates them as PyTorch does; NaN against a number never agrees.
struct DiffTolerance {
    double atol = 1e-8;
    double rtol = 1e-5;
};

// Distance between two floats in units in the last place: how many representable float32
// values lie between them (0 for equal values, +0 and −0 included). NaN against anything but
// NaN, or infinities of opposite sign, is the largest distance.
std::uint32_t ulpDistance(float a, float b);

bool withinTolerance(float ours, float reference, const DiffTolerance& tolerance);

struct DiffCell {
    int channel = 0;
    int row = 0;
    int col = 0;
    float ours = 0.0f;
    float reference = 0.0f;
    double absDiff = 0.0;  // infinity when exactly one is NaN or the infinities differ
    std::uint32_t ulps = 0;
};

struct DiffReport {
    Shape shape;                  // both maps' shape (they agree)
    std::int64_t cells = 0;       // C·H·W
    std::int64_t outside = 0;     // cells outside the tolerance
    double maxAbsDiff = 0.0;      // over all cells
    std::uint32_t maxUlps = 0;    // over all cells
    std::vector<DiffCell> worst;  // the cells outside the tolerance, largest difference first (at most `keep`)
    // Per cell, row-major as the maps: |ours − reference| and the ULP distance (as float; the
    // largest distances round), for the app's difference view.
    Tensor absDiff;
    Tensor ulps;
    bool ok() const { return outside == 0; }
};

// Compares two maps of the same shape (the caller checks shapes first with explainShapes).
DiffReport diffMaps(const Tensor& ours, const Tensor& reference, const DiffTolerance& tolerance, std::size_t keep = 20);

// Why a reference's shape may differ from the layer's output, per axis: which change of the
// layer's parameters would give the reference's size.
struct AxisShapeHint {
    Axis axis = Axis::Height;
    std::int64_t ours = 0;
    std::int64_t reference = 0;
    bool ceilMode = false;     // the other rounding (ceil ↔ floor) gives the reference's size
    bool paddingLess = false;  // one cell less padding (at the end) gives it
    bool paddingMore = false;  // one cell more padding gives it
    bool samePadding = false;  // TensorFlow/ONNX SAME (ceil(H/s)) gives it
};
struct ShapeExplanation {
    Shape ours;
    Shape reference;
    std::vector<AxisShapeHint> axes;  // only the axes whose sizes differ
    bool channelsDiffer = false;
};

// nullopt when the shapes agree. `plan` is the layer's (its windows give the hints; an
// element-wise layer has none to give).
std::optional<ShapeExplanation> explainShapes(const LayerPlan& plan, const Shape& reference);

// "yours is 31×31, convscope's is 32×32: height: one row fewer comes from ceil mode or from
// one cell less padding; …" in English (the app words it in either language).
std::string shapeExplanationText(const ShapeExplanation& e);

}  // namespace convscope::core
