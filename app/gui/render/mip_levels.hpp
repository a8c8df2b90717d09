#pragma once
// The reduced levels of a map's mip chain, made on the CPU. llvmpipe makes mipmaps by
// rendering each level (glGenerateMipmap): for a 4096² map that took ~60 ms of the frame that
// showed a new result; averaging the cells here takes a few.
//
// Level k's texel (i, j) is the mean of the map cells under it: its 2×2 children on level
// k − 1, clipped to the map (a map smaller than its texture never averages in cells outside
// it, so its edge does not fade), and on the last row or column of a level that GL's sizes
// (⌊size / 2ᵏ⌋) leave one short, the odd child too. A NaN under a texel makes it NaN, so a
// NaN cell stays visible zoomed out.
#include <cstddef>
#include <vector>

#include "color_scale.hpp"

namespace convscope::gui {

struct MipLevel {
    int width = 0;  // of the map's region on this level (the texture's level may be larger)
    int height = 0;
    std::size_t offset = 0;  // of its first value in MipLevels::values (row-major, `width` a row)
};

struct MipLevels {
    std::vector<float> values;     // every level ≥ 1, one after the other; reused, grows only
    std::vector<MipLevel> levels;  // levels[0] is texture level 1
    FiniteRange range;             // of the map's cells: read in the same pass, while in cache
};

// Levels 1… of a row-major height×width map inside a texture whose level 0 is
// storageHeight×storageWidth (each ≥ the map's), down to the texture's 1×1 level; and the
// map's range, so that a new map is read once, not once more to fit its colour scale.
void buildMipLevels(const float* map, int height, int width, int storageHeight, int storageWidth, MipLevels& out);

}  // namespace convscope::gui
