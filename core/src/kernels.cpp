#include "convscope/core/kernels.hpp"

#include <cmath>

namespace convscope::core {

Weights KernelPreset::weights() const {
    Weights w(1, 1, height, width);
    w.data = values;
    return w;
}

namespace {

std::vector<float> box(int k) {
    return std::vector<float>(static_cast<std::size_t>(k * k), 1.0f / static_cast<float>(k * k));
}

// Binomial weights: the discrete Gaussian that sums to exactly 1 in float for these sizes.
std::vector<float> binomial(int k) {
    std::vector<float> row(static_cast<std::size_t>(k), 1.0f);
    for (int i = 1; i < k - 1; ++i)
        for (int j = i; j > 0; --j) row[static_cast<std::size_t>(j)] += row[static_cast<std::size_t>(j - 1)];
    float total = 0.0f;
    for (float v : row) total += v;
    std::vector<float> out;
    for (float a : row)
        for (float b : row) out.push_back(a * b / (total * total));
    return out;
}

std::vector<KernelPreset> makePresets() {
    return {
        {"identity",
         "Identity",
         "Copies the input unchanged: a single 1 in the centre.",
         3,
         3,
         {0, 0, 0, 0, 1, 0, 0, 0, 0}},
        {"box3", "Box blur 3×3", "Replaces each pixel by the mean of its 3×3 neighbourhood.", 3, 3, box(3)},
        {"box5", "Box blur 5×5", "Mean of the 5×5 neighbourhood: a stronger, blockier blur.", 5, 5, box(5)},
        {"gaussian3", "Gaussian 3×3", "Weighted blur (1-2-1 binomial): near pixels count more.", 3, 3, binomial(3)},
        {"gaussian5", "Gaussian 5×5", "Smoother weighted blur (1-4-6-4-1 binomial).", 5, 5, binomial(5)},
        {"sharpen",
         "Sharpen",
         "Boosts a pixel against its 4 neighbours: edges look crisper.",
         3,
         3,
         {0, -1, 0, -1, 5, -1, 0, -1, 0}},
        {"laplacian4",
         "Laplacian (4-neighbour)",
         "Second derivative: responds to edges in any direction, zero on flat areas.",
         3,
         3,
         {0, 1, 0, 1, -4, 1, 0, 1, 0}},
        {"laplacian8",
         "Laplacian (8-neighbour)",
         "Second derivative including diagonals: stronger, rotation-friendlier edges.",
         3,
         3,
         {1, 1, 1, 1, -8, 1, 1, 1, 1}},
        {"sobel_x",
         "Sobel x",
         "Horizontal gradient: bright where the image gets brighter to the right.",
         3,
         3,
         {-1, 0, 1, -2, 0, 2, -1, 0, 1}},
        {"sobel_y",
         "Sobel y",
         "Vertical gradient: bright where the image gets brighter downwards.",
         3,
         3,
         {-1, -2, -1, 0, 0, 0, 1, 2, 1}},
        {"prewitt_x",
         "Prewitt x",
         "Horizontal gradient with equal row weights (less smoothing than Sobel).",
         3,
         3,
         {-1, 0, 1, -1, 0, 1, -1, 0, 1}},
        {"prewitt_y",
         "Prewitt y",
         "Vertical gradient with equal column weights.",
         3,
         3,
         {-1, -1, -1, 0, 0, 0, 1, 1, 1}},
        {"scharr_x",
         "Scharr x",
         "Horizontal gradient tuned for rotation accuracy (3-10-3).",
         3,
         3,
         {-3, 0, 3, -10, 0, 10, -3, 0, 3}},
        {"scharr_y",
         "Scharr y",
         "Vertical gradient tuned for rotation accuracy (3-10-3).",
         3,
         3,
         {-3, -10, -3, 0, 0, 0, 3, 10, 3}},
        {"emboss",
         "Emboss",
         "Lights the image from the top-left: surfaces look raised.",
         3,
         3,
         {-2, -1, 0, -1, 1, 1, 0, 1, 2}},
        {"outline",
         "Outline",
         "Keeps only edges: a strong centre against all 8 neighbours.",
         3,
         3,
         {-1, -1, -1, -1, 8, -1, -1, -1, -1}},
    };
}

}  // namespace

std::span<const KernelPreset> kernelPresets() {
    static const std::vector<KernelPreset> presets = makePresets();
    return presets;
}

const KernelPreset* findKernelPreset(const std::string& id) {
    for (const KernelPreset& p : kernelPresets())
        if (p.id == id) return &p;
    return nullptr;
}

}  // namespace convscope::core
