#pragma once
// Reading PyTorch fixtures: numbers (NaN and infinities travel as strings), tensors, pairs,
// and the float32 tolerance every golden comparison uses.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "convscope/core/tensor.hpp"

namespace golden {

using convscope::core::Tensor;
using nlohmann::json;

inline float number(const json& v) {
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "nan") return std::numeric_limits<float>::quiet_NaN();
        if (s == "inf") return std::numeric_limits<float>::infinity();
        if (s == "-inf") return -std::numeric_limits<float>::infinity();
        FAIL("unknown special value " << s);
    }
    return v.get<float>();
}

inline std::vector<float> numbers(const json& array) {
    std::vector<float> out;
    for (const json& v : array) out.push_back(number(v));
    return out;
}

inline Tensor inputOf(const json& c) {
    const auto shape = c["input"]["shape"].get<std::vector<int>>();
    Tensor t(shape[0], shape[1], shape[2]);
    t.data = numbers(c["input"]["data"]);
    return t;
}

inline std::pair<int, int> pairOf(const json& v) {
    return {v[0].get<int>(), v[1].get<int>()};
}

// Same value, NaN equal to NaN, ±inf exact; finite values within float32 tolerance of a
// sum of a few dozen terms.
inline bool sameValue(float expected, float actual) {
    if (std::isnan(expected)) return std::isnan(actual);
    if (std::isinf(expected)) return expected == actual;
    return std::fabs(expected - actual) <= 1e-5f * std::max(1.0f, std::fabs(expected));
}

}  // namespace golden
