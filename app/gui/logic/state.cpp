#include "state.hpp"

#include "convscope/core/kernels.hpp"

namespace convscope::gui {

State defaultState() {
    State s;
    // A bright diagonal stroke on a dark background, small integers so every product can be
    // done in one's head.
    const float grid[49] = {
        0, 0, 0, 0, 0, 1, 3,  //
        0, 0, 0, 0, 1, 3, 1,  //
        0, 0, 0, 1, 3, 1, 0,  //
        0, 0, 1, 3, 1, 0, 0,  //
        0, 1, 3, 1, 0, 0, 0,  //
        1, 3, 1, 0, 0, 0, 0,  //
        3, 1, 0, 0, 0, 0, 0,  //
    };
    s.compute.input = core::Tensor(1, 7, 7);
    s.compute.input.data.assign(grid, grid + 49);
    s.compute.conv()->weights = core::findKernelPreset("sobel_x")->weights();
    s.compute.conv()->padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    return s;
}

}  // namespace convscope::gui
