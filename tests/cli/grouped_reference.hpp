#pragma once
// A grouped conv from the naive reference (tests/core/reference.hpp, groups = 1): PyTorch's
// definition — filter o reads only the input channels of group ⌊o / (OC/G)⌋ — by cutting the
// input, the filters and the bias into G slices and running each slice as a plain conv.
#include <optional>
#include <vector>

#include "core/reference.hpp"

namespace clitest {

inline std::optional<convscope::core::Tensor> groupedConv(const convscope::core::Tensor& in,
                                                          const convscope::core::Weights& w,
                                                          const std::vector<float>& bias,
                                                          convscope::core::ConvParams p) {
    using namespace convscope;
    const int groups = p.groups;
    p.groups = 1;
    const int perGroupIn = in.channels / groups;
    const int perGroupOut = w.outChannels / groups;
    std::optional<core::Tensor> out;
    for (int g = 0; g < groups; ++g) {
        core::Tensor slice(perGroupIn, in.height, in.width);
        for (int c = 0; c < perGroupIn; ++c)
            for (int y = 0; y < in.height; ++y)
                for (int x = 0; x < in.width; ++x) slice.at(c, y, x) = in.at(g * perGroupIn + c, y, x);
        core::Weights filters(perGroupOut, w.inChannels, w.height, w.width);
        for (int o = 0; o < perGroupOut; ++o)
            for (int c = 0; c < w.inChannels; ++c)
                for (int m = 0; m < w.height; ++m)
                    for (int n = 0; n < w.width; ++n) filters.at(o, c, m, n) = w.at(g * perGroupOut + o, c, m, n);
        std::vector<float> b;
        if (!bias.empty()) b.assign(bias.begin() + g * perGroupOut, bias.begin() + (g + 1) * perGroupOut);
        auto part = reference::conv2d(slice, filters, b, p);
        if (!part) return std::nullopt;
        if (!out) out = core::Tensor(w.outChannels, part->height, part->width);
        for (int o = 0; o < perGroupOut; ++o)
            for (int y = 0; y < part->height; ++y)
                for (int x = 0; x < part->width; ++x) out->at(g * perGroupOut + o, y, x) = part->at(o, y, x);
    }
    return out;
}

}  // namespace clitest
