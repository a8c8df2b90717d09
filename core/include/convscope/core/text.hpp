#pragma once
// Number formatting shared by messages, the CLI and the GUI, so every face of the engine
// writes the same value the same way.
#include <cstdint>
#include <string>

namespace convscope::core {

std::string num(std::int64_t value);

// A map's shape as the CLI and the app write it: "4×16×16" (channels × height × width).
std::string shapeText(std::int64_t channels, std::int64_t height, std::int64_t width);

// Shortest text that reads back as the same float32 ("0.1", "-3", "nan", "inf").
std::string formatValue(float value);

// A value for a product or sum line: negative values in parentheses, "(-1)".
std::string formatOperand(float value);

}  // namespace convscope::core
