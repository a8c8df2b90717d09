#pragma once
// Internal to convWeightGradInto: its vectorised inner loop.

namespace convscope::core::detail {

// out[k] = Σ_{x < n} g[x]·p[offsets[k] + x] for k < count, each summed in float.
void rowDots(const float* g, const float* p, const int* offsets, int count, int n, float* out);

}  // namespace convscope::core::detail
