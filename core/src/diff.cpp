#include "convscope/core/diff.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <tuple>

#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

// Float bits mapped onto a line where consecutive floats are consecutive integers: the
// negative floats mirrored below zero, so −0 and +0 meet at 0.
std::int64_t orderedBits(float v) {
    const auto bits = std::bit_cast<std::uint32_t>(v);
    const std::int64_t magnitude = bits & 0x7fffffffu;
    return (bits & 0x80000000u) ? -magnitude : magnitude;
}

}  // namespace

std::uint32_t ulpDistance(float a, float b) {
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b) ? 0 : std::numeric_limits<std::uint32_t>::max();
    const std::int64_t d = orderedBits(a) - orderedBits(b);
    return static_cast<std::uint32_t>(
        std::min<std::int64_t>(d < 0 ? -d : d, std::numeric_limits<std::uint32_t>::max()));
}

bool withinTolerance(float ours, float reference, const DiffTolerance& tolerance) {
    if (std::isnan(ours) || std::isnan(reference)) return std::isnan(ours) && std::isnan(reference);
    if (std::isinf(ours) || std::isinf(reference)) return ours == reference;
    const double a = ours;
    const double b = reference;
    return std::fabs(a - b) <= tolerance.atol + tolerance.rtol * std::fabs(b);
}

namespace {

double absoluteDifference(float a, float b) {
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b) ? 0.0 : std::numeric_limits<double>::infinity();
    if (a == b) return 0.0;  // equal infinities too
    return std::fabs(static_cast<double>(a) - static_cast<double>(b));
}

}  // namespace

DiffReport diffMaps(const Tensor& ours, const Tensor& reference, const DiffTolerance& tolerance, std::size_t keep) {
    DiffReport r;
    r.shape = shapeOf(ours);
    r.cells = static_cast<std::int64_t>(ours.data.size());
    r.absDiff = Tensor(ours.channels, ours.height, ours.width);
    r.ulps = Tensor(ours.channels, ours.height, ours.width);
    std::vector<DiffCell> outside;
    const std::int64_t plane = std::int64_t{ours.height} * ours.width;
    for (std::int64_t i = 0; i < r.cells; ++i) {
        const float a = ours.data[static_cast<std::size_t>(i)];
        const float b = reference.data[static_cast<std::size_t>(i)];
        const double diff = absoluteDifference(a, b);
        const std::uint32_t ulps = ulpDistance(a, b);
        r.absDiff.data[static_cast<std::size_t>(i)] = static_cast<float>(diff);
        r.ulps.data[static_cast<std::size_t>(i)] = static_cast<float>(ulps);
        r.maxAbsDiff = std::max(r.maxAbsDiff, diff);
        r.maxUlps = std::max(r.maxUlps, ulps);
        if (withinTolerance(a, b, tolerance)) continue;
        ++r.outside;
        const auto c = static_cast<int>(i / plane);
        const auto y = static_cast<int>(i % plane / ours.width);
        const auto x = static_cast<int>(i % ours.width);
        outside.push_back({c, y, x, a, b, diff, ulps});
    }
    // Largest difference first; ties by ULPs, then in map order, so the list is stable.
    const auto worse = [](const DiffCell& p, const DiffCell& q) {
        if (p.absDiff != q.absDiff) return p.absDiff > q.absDiff;
        return p.ulps > q.ulps;
    };
    const std::size_t n = std::min(keep, outside.size());
    std::partial_sort(outside.begin(), outside.begin() + static_cast<std::ptrdiff_t>(n), outside.end(),
                      [&](const DiffCell& p, const DiffCell& q) {
                          if (worse(p, q)) return true;
                          if (worse(q, p)) return false;
                          return std::tie(p.channel, p.row, p.col) < std::tie(q.channel, q.row, q.col);
                      });
    outside.resize(n);
    r.worst = std::move(outside);
    return r;
}

namespace {

AxisShapeHint axisHint(const AxisWindow& w, Axis axis, std::int64_t reference) {
    AxisShapeHint h;
    h.axis = axis;
    h.ours = countWindows(w);
    h.reference = reference;
    AxisWindow other = w;
    other.ceilMode = !w.ceilMode;
    h.ceilMode = countWindows(other) == reference;
    other = w;
    if (w.padAfter > 0 || w.padBefore > 0) {
        (w.padAfter > 0 ? other.padAfter : other.padBefore) -= 1;
        h.paddingLess = countWindows(other) == reference;
    }
    other = w;
    other.padAfter += 1;
    h.paddingMore = countWindows(other) == reference;
    h.samePadding = (w.input + w.stride - 1) / w.stride == reference && h.ours != reference;
    return h;
}

std::string sizeText(const Shape& s, bool withChannels) {
    return withChannels ? shapeText(s.channels, s.height, s.width) : num(s.height) + "×" + num(s.width);
}

}  // namespace

std::optional<ShapeExplanation> explainShapes(const LayerPlan& plan, const Shape& reference) {
    if (plan.out == reference) return std::nullopt;
    ShapeExplanation e;
    e.ours = plan.out;
    e.reference = reference;
    e.channelsDiffer = plan.out.channels != reference.channels;
    const bool windows = !plan.windows.elementWise;
    if (plan.out.height != reference.height) {
        e.axes.push_back(windows ? axisHint(plan.windows.rows, Axis::Height, reference.height)
                                 : AxisShapeHint{Axis::Height, plan.out.height, reference.height});
    }
    if (plan.out.width != reference.width) {
        e.axes.push_back(windows ? axisHint(plan.windows.cols, Axis::Width, reference.width)
                                 : AxisShapeHint{Axis::Width, plan.out.width, reference.width});
    }
    return e;
}

std::string shapeExplanationText(const ShapeExplanation& e) {
    std::string text = "yours is " + sizeText(e.reference, e.channelsDiffer) + ", convscope's is " +
                       sizeText(e.ours, e.channelsDiffer);
    if (e.channelsDiffer)
        text += "; the channels differ (" + num(e.reference.channels) + " against " + num(e.ours.channels) +
                "): another layer, or a channels-last (H,W,C) array?";
    for (const AxisShapeHint& h : e.axes) {
        const std::int64_t d = h.reference - h.ours;
        const std::string unit = h.axis == Axis::Height ? "row" : "col";
        std::string what = std::string(axisName(h.axis)) + " " + num(h.reference) + " instead of " + num(h.ours);
        std::vector<std::string> causes;
        if (h.ceilMode) causes.push_back("the other rounding (ceil mode)");
        if (h.paddingLess) causes.push_back("one cell less padding");
        if (h.paddingMore) causes.push_back("one cell more padding");
        if (h.samePadding) causes.push_back("TensorFlow/ONNX SAME padding (ceil(H/s))");
        text += "; " + what;
        if (causes.empty()) {
            text += (d == 1 || d == -1) ? ": one " + unit + (d > 0 ? " more" : " fewer") +
                                              ", which no single change of rounding or padding explains"
                                        : "";
            continue;
        }
        text += ": ";
        for (std::size_t i = 0; i < causes.size(); ++i)
            text += (i == 0 ? "" : i + 1 == causes.size() ? " or " : ", ") + causes[i];
        text += " would give it — a ceil-mode or padding difference?";
    }
    return text;
}

}  // namespace convscope::core
