#pragma once
// Named kernels people reach for first, each with a one-line description of what it does.
#include <span>
#include <string>
#include <vector>

#include "convscope/core/tensor.hpp"

namespace convscope::core {

struct KernelPreset {
    std::string id;           // stable key: "sobel_x"; used in sessions and the CLI
    std::string name;         // "Sobel x"
    std::string description;  // one line
    int height = 0;
    int width = 0;
    std::vector<float> values;  // row-major

    Weights weights() const;  // as a 1×1×KH×KW filter bank
};

std::span<const KernelPreset> kernelPresets();
const KernelPreset* findKernelPreset(const std::string& id);

}  // namespace convscope::core
