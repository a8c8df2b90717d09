#pragma once
#include <cstdint>

#include "convscope/core/conv.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::gui {

// Cell (y, x) of a row-major height×width plane seen through `top` rows and `left` columns
// of padding: the plane's own cell, 0 in zero padding, or the cell that reflect, replicate or
// circular padding copies there (core::sourceIndex). shaders/map.frag draws the same.
inline float paddedCell(const float* plane, int height, int width, std::int64_t top, std::int64_t left,
                        core::PaddingMode mode, int y, int x) {
    const auto sy = core::sourceIndex(y - top, height, mode);
    const auto sx = core::sourceIndex(x - left, width, mode);
    return sy < 0 || sx < 0 ? 0.0f : plane[sy * width + sx];
}

// A block's input as its conv reads it, padding included, computed cell by cell instead of
// copied (a padded copy of a 4096² picture is 64 MB, and the pipeline kept up to four): cell
// (y, x) of the padded grid is an input pixel, 0 in zero padding, or the pixel that reflect,
// replicate or circular padding copies there (core::sourceIndex).
struct PaddedView {
    const core::Tensor* input = nullptr;  // null: no block
    std::int64_t top = 0;                 // padding rows before the input
    std::int64_t left = 0;                // padding columns before it
    core::PaddingMode mode = core::PaddingMode::Zeros;
    int height = 0;  // of the padded grid
    int width = 0;
    float at(int channel, int y, int x) const {
        return paddedCell(input->plane(channel), input->height, input->width, top, left, mode, y, x);
    }
};

}  // namespace convscope::gui
