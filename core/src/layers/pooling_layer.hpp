#pragma once
// What the two pooling kinds share: both run the engine's pool2d, so their plans, runs and
// labels differ only in the parameters they hand it.
#include <string>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/result.hpp"

namespace convscope::core::detail {

// The parameters both kinds have (the rest keep their defaults).
PoolParams commonPoolParams(PoolMode mode, const Hw& kernel, const Hw& stride, const Hw& padding, bool ceilMode);
Result<LayerPlan> planPooling(const PoolParams& params, const Shape& in);
Status runPooling(const LayerPlan& plan, const Tensor& in, LayerOutput& out);
// "max 2", "max 3/2" (window/stride when they differ), "max 2×3".
std::string poolingLabel(const std::string& mode, const Hw& kernel, const Hw& stride);
std::string pairText(const Hw& v);  // "(2, 2)"

}  // namespace convscope::core::detail
