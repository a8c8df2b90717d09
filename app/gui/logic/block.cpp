#include "block.hpp"

#include <algorithm>

namespace convscope::gui {

std::vector<Block> blocksOf(const std::vector<core::Layer>& layers) {
    std::vector<Block> blocks;
    const int n = static_cast<int>(layers.size());
    const auto kindAt = [&](int i, auto test) { return i < n && test(layers[static_cast<std::size_t>(i)]); };
    int i = 0;
    while (i < n) {
        Block b;
        b.first = i;
        if (kindAt(i, core::isConv)) b.conv = i++;
        if (kindAt(i, core::isActivation) && (b.conv >= 0 || i == b.first)) b.activation = i++;
        if (kindAt(i, core::isPool)) b.pool = i++;
        // A kind with no place in conv → activation → pool (a transposed conv) is a block of
        // its own.
        if (i == b.first) ++i;
        b.last = i - 1;
        blocks.push_back(b);
    }
    return blocks;
}

Block blockOf(const std::vector<core::Layer>& layers, int index) {
    const std::vector<Block> blocks = blocksOf(layers);
    if (blocks.empty()) return Block{};
    index = std::clamp(index, 0, static_cast<int>(layers.size()) - 1);
    for (const Block& b : blocks)
        if (b.contains(index)) return b;
    return blocks.back();
}

}  // namespace convscope::gui
