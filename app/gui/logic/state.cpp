#include "state.hpp"

#include <atomic>
#include <utility>

#include "convscope/core/kernels.hpp"

namespace convscope::gui {

namespace {

std::uint64_t newPictureStamp() {
    static std::atomic<std::uint64_t> last{0};  // atomic: tests build states on several threads
    return ++last;
}

}  // namespace

void ComputeInputs::setPicture(core::Tensor picture) {
    input = std::move(picture);
    pictureEdited();
}

void ComputeInputs::pictureEdited() {
    pictureStamp = newPictureStamp();
    stampedData = input.data.data();
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
    s.compute.input = core::Tensor(1, 7, 7);
    s.compute.input.data.assign(grid, grid + 49);
    s.compute.conv()->weights = core::findKernelPreset("sobel_x")->weights();
    s.compute.conv()->padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    return s;
}

}  // namespace convscope::gui
