#pragma once
// NaN and infinity, as the tests put them into inputs and kernels.
#include <limits>

inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
inline constexpr float kInf = std::numeric_limits<float>::infinity();
