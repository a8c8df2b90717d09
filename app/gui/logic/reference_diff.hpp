#pragma once
// The selected layer's output against a reference (State::reference): core's one comparison
// (core/diff.hpp), redone only when the layer's output, the reference or the tolerance
// change. The difference view, the difference tab and the computation panel read it.
#include <cstdint>
#include <optional>
#include <string>

#include "convscope/core/diff.hpp"
#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

struct ReferenceComparison {
    bool active = false;  // a reference is loaded and its layer has an output
    int layer = -1;
    std::optional<core::ShapeExplanation> mismatch;  // set instead of a report when shapes differ
    std::optional<core::DiffReport> report;
    std::uint64_t version = 0;  // bumps whenever the numbers above change (the view's texture)

    // What the numbers were computed from.
    std::uint64_t generation = ~std::uint64_t{0};
    std::uint64_t referenceVersion = ~std::uint64_t{0};
    double atol = -1.0;
    double rtol = -1.0;
};

void compareReference(const ReferenceOutput& reference, const PipelineResult& result, ReferenceComparison& out);

// Reads a .npy/.csv (H,W) or (C,H,W), or a picture, into `reference` for `layer`; on failure
// keeps what was loaded before and sets reference.error.
void loadReference(ReferenceOutput& reference, const std::string& path, int layer);

// True when the comparison's map belongs to the block the views show.
bool comparisonInBlock(const ReferenceComparison& c, const Block& block);

}  // namespace convscope::gui
