#pragma once
// Reading one JSON field strictly, shared by the session reader (session.cpp) and the layer
// readers (layer_json.cpp). Each reader throws BadField with an error naming the field as
// written in the file ("layers[2].stride"); parseSession turns it into its Error at its
// boundary, so the readers stay straight-line code.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/io/errors.hpp"

namespace convscope::io::detail {

using nlohmann::json;

// Thrown inside the parser only, turned into an Error at its boundary.
struct BadField {
    core::Error error;
};

// The field's name stays a value ("field"), so a translation can place it.
[[noreturn]] inline void bad(IoErrorId id, const std::string& where, std::vector<core::ErrorValue> more = {}) {
    more.insert(more.begin(), {"field", where});
    throw BadField{ioError(id, "session", std::move(more))};
}

// "layers[2]" + "stride" → "layers[2].stride"; the top level has no prefix.
inline std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
}

inline const json& field(const json& object, const char* key, const std::string& where) {
    if (!object.is_object() || !object.contains(key)) bad(IoErrorId::FieldMissing, join(where, key));
    return object.at(key);
}

// JSON has no NaN or infinity; they travel as the strings "nan", "inf", "-inf".
inline json number(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

inline json numbers(const std::vector<float>& values) {
    json a = json::array();
    for (float v : values) a.push_back(number(v));
    return a;
}

inline json pair(const core::Hw& v) {
    return json::array({v.h, v.w});
}

inline float readNumber(const json& v, const std::string& where) {
    if (v.is_number()) return v.get<float>();
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s == "nan") return NAN;
        if (s == "inf") return INFINITY;
        if (s == "-inf") return -INFINITY;
    }
    bad(IoErrorId::FieldNotNumber, where);
}

inline std::vector<float> readNumbers(const json& v, const std::string& where, std::size_t expected) {
    if (!v.is_array()) bad(IoErrorId::FieldNotNumberList, where);
    if (v.size() != expected)
        bad(IoErrorId::FieldCountMismatch, where,
            {{"count", std::to_string(v.size())}, {"expected", std::to_string(expected)}});
    std::vector<float> out;
    out.reserve(v.size());
    for (const json& x : v) out.push_back(readNumber(x, where));
    return out;
}

inline int readInt(const json& v, const std::string& where, int lo, int hi) {
    if (!v.is_number_integer()) bad(IoErrorId::FieldNotInteger, where);
    // Past 2^63 − 1 the parser keeps an unsigned number, which get<int64> would wrap to a
    // negative one: compare it as the largest int64, and show it as written (dump).
    const bool huge = v.is_number_unsigned() &&
                      v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const auto x = huge ? std::numeric_limits<std::int64_t>::max() : v.get<std::int64_t>();
    if (x < lo || x > hi)
        bad(IoErrorId::FieldOutsideRange, where,
            {{"value", v.dump()}, {"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}});
    return static_cast<int>(x);
}

inline core::Hw readHw(const json& v, const std::string& where, int lo, int hi) {
    if (!v.is_array() || v.size() != 2) bad(IoErrorId::FieldNotPair, where);
    return {readInt(v[0], where + "[0]", lo, hi), readInt(v[1], where + "[1]", lo, hi)};
}

inline bool readBool(const json& v, const std::string& where) {
    if (!v.is_boolean()) bad(IoErrorId::FieldNotBool, where);
    return v.get<bool>();
}

inline std::string readString(const json& v, const std::string& where) {
    if (!v.is_string()) bad(IoErrorId::FieldNotString, where);
    return v.get<std::string>();
}

inline std::vector<std::int64_t> readShape(const json& v, const std::string& where, std::size_t rank) {
    if (!v.is_array() || v.size() != rank) bad(IoErrorId::FieldShapeRank, where, {{"rank", std::to_string(rank)}});
    std::vector<std::int64_t> shape;
    std::int64_t total = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        const int d = readInt(v[i], where + "[" + std::to_string(i) + "]", 1, 1 << 20);
        shape.push_back(d);
        total *= d;
        if (total > core::kMaxValues) bad(IoErrorId::FieldShapeTooLarge, where);
    }
    return shape;
}

// Strides, paddings, windows, groups: far beyond any real use, small enough for int sums.
inline constexpr int kMaxParam = 1 << 20;

}  // namespace convscope::io::detail
