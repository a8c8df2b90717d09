#include "convscope/core/text.hpp"

#include <charconv>
#include <cmath>

namespace convscope::core {

std::string num(std::int64_t value) {
    return std::to_string(value);
}

std::string shapeText(std::int64_t channels, std::int64_t height, std::int64_t width) {
    return num(channels) + "×" + num(height) + "×" + num(width);
}

std::string formatValue(float value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == 0.0f) return "0";  // also for -0, which reads as noise to a student
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "?";
    return std::string(buf, end);
}

std::string formatOperand(float value) {
    std::string text = formatValue(value);
    return (!text.empty() && text[0] == '-') ? "(" + text + ")" : text;
}

}  // namespace convscope::core
