#pragma once
// "Copy as PyTorch": a short Python program that recomputes what the app shows with
// torch.nn.functional, so a student can check every number in Python.
#include <string>

#include "state.hpp"

namespace convscope::gui {

// Tensor literals for inputs of up to kLiteralLimit values; a picture kept at full
// resolution is loaded from its path instead.
inline constexpr std::size_t kLiteralLimit = 4096;

std::string pytorchSnippet(const State& s);

}  // namespace convscope::gui
