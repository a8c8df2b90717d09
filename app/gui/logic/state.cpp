#include "state.hpp"

#include <utility>

#include "convscope/core/kernels.hpp"

namespace convscope::gui {

core::Tensor& ComputeInputs::editPicture() {
    // Only this (the UI) thread copies the inputs, so a count of 1 cannot grow behind our back.
    if (m_picture.use_count() > 1) m_picture = std::make_shared<core::Tensor>(*m_picture);
    return *m_picture;
}

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
    core::Tensor stroke(1, 7, 7);
    stroke.data.assign(grid, grid + 49);
    s.compute.setPicture(std::move(stroke));
    s.compute.conv()->weights = core::findKernelPreset("sobel_x")->weights();
    s.compute.conv()->padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    return s;
}

}  // namespace convscope::gui
