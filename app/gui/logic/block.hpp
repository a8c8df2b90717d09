#pragma once
// The layers the views show together: a conv with the activation and the pooling that follow
// it (a CNN block as it is drawn: conv → ReLU → pool), an activation with the pooling after
// it, or a lone pooling. Blocks tile the stack from its first layer, so every layer belongs
// to exactly one; selecting any layer of a block shows the whole block.
#include <vector>

#include "convscope/core/stack.hpp"

namespace convscope::gui {

struct Block {
    int first = 0;
    int last = 0;   // inclusive
    int conv = -1;  // the index of each part in the stack, −1 when the block has none
    int activation = -1;
    int pool = -1;
    bool operator==(const Block&) const = default;
    bool contains(int layer) const { return layer >= first && layer <= last; }
};

std::vector<Block> blocksOf(const std::vector<core::Layer>& layers);
// The block holding layer `index` (clamped into the stack).
Block blockOf(const std::vector<core::Layer>& layers, int index);

}  // namespace convscope::gui
