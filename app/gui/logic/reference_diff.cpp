#include "reference_diff.hpp"

#include "convscope/io/array.hpp"

namespace convscope::gui {

void compareReference(const ReferenceOutput& reference, const PipelineResult& r, ReferenceComparison& out) {
    const int layer = reference.layer;
    const bool has = layer >= 0 && layer < r.validOutputs && layer < static_cast<int>(r.plan.plans.size());
    if (!has) {
        const std::uint64_t version = out.version + (out.active ? 1 : 0);
        out = ReferenceComparison{};
        out.version = version;
        return;
    }
    if (out.active && out.layer == layer && out.generation == r.generation &&
        out.referenceVersion == reference.version && out.atol == reference.atol && out.rtol == reference.rtol)
        return;
    out.active = true;
    out.layer = layer;
    out.generation = r.generation;
    out.referenceVersion = reference.version;
    out.atol = reference.atol;
    out.rtol = reference.rtol;
    ++out.version;
    out.mismatch = core::explainShapes(r.plan.plans[static_cast<std::size_t>(layer)], core::shapeOf(reference.values));
    out.report.reset();
    if (!out.mismatch)
        out.report = core::diffMaps(r.output(layer).values, reference.values, {reference.atol, reference.rtol}, 200);
}

void loadReference(ReferenceOutput& reference, const std::string& path, int layer) {
    auto array = io::readArray(path);
    if (!array) {
        reference.error = array.error().message;
        return;
    }
    auto values = io::toTensor(*array, "reference");
    if (!values) {
        reference.error = values.error().message;
        return;
    }
    reference.path = path;
    reference.layer = layer;
    reference.values = std::move(*values);
    reference.error.clear();
    reference.listed = -1;
    ++reference.version;
}

bool comparisonInBlock(const ReferenceComparison& c, const Block& block) {
    return c.active && c.report && c.layer >= block.first && c.layer <= block.last;
}

}  // namespace convscope::gui
