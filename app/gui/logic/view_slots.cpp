#include "view_slots.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <utility>

namespace convscope::gui {

namespace {

// How wide each map is drawn, relative to the others: a kernel is small, the maps share.
float widthWeight(View view) {
    switch (view) {
        case View::Input:
        case View::Transposed:
        case View::GradInput: return 0.30f;
        case View::Kernel:
        case View::GradKernel: return 0.16f;
        case View::Conv:
        case View::Pool:
        case View::Diff:
        case View::GradConv:
        case View::GradPool: return 0.27f;
        case View::None: break;
    }
    return 0.0f;
}

constexpr std::array<std::pair<View, std::string_view>, 10> kViewNames{{{View::Input, "input"},
                                                                        {View::Kernel, "kernel"},
                                                                        {View::Conv, "conv"},
                                                                        {View::Pool, "pool"},
                                                                        {View::Transposed, "conv_transpose"},
                                                                        {View::Diff, "diff"},
                                                                        {View::GradInput, "grad_input"},
                                                                        {View::GradKernel, "grad_kernel"},
                                                                        {View::GradConv, "grad_conv"},
                                                                        {View::GradPool, "grad_pool"}}};

}  // namespace

std::vector<View> mapsOf(const core::Layer& layer, bool leads) {
    return std::visit(
        [&](const auto& kind) -> std::vector<View> {
            using Kind = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<Kind, core::Conv2d>)
                return {View::Input, View::Kernel, View::Conv};
            else if constexpr (std::is_same_v<Kind, core::ConvTranspose2d>)
                // its output: the stamps landing (transposed_walk.hpp); the Transposed tab shows more
                return {View::Input, View::Kernel, View::Transposed};
            else if constexpr (std::is_same_v<Kind, core::Activation>)
                return leads ? std::vector<View>{View::Input, View::Conv} : std::vector<View>{};
            else if constexpr (std::is_same_v<Kind, core::MaxPool2d> || std::is_same_v<Kind, core::AvgPool2d>)
                // a pooling: the map it reads is the conv view when it leads its block
                return leads ? std::vector<View>{View::Conv, View::Pool} : std::vector<View>{View::Pool};
            else
                static_assert(sizeof(Kind) == 0, "a new layer kind names its maps here");
        },
        layer);
}

View gradientOf(View view) {
    switch (view) {
        case View::Input: return View::GradInput;
        case View::Kernel: return View::GradKernel;
        case View::Conv: return View::GradConv;
        case View::Pool: return View::GradPool;
        default: return view;
    }
}

std::vector<ViewSlot> viewSlots(const Block& block, const std::vector<core::Layer>& layers, Pass pass) {
    std::vector<ViewSlot> slots;
    const int last = std::min(block.last, static_cast<int>(layers.size()) - 1);
    for (int i = block.first; i <= last; ++i)
        for (View view : mapsOf(layers[static_cast<std::size_t>(i)], i == block.first)) {
            const View shown = pass == Pass::Backward ? gradientOf(view) : view;
            slots.push_back({shown, i, widthWeight(shown)});
        }
    return slots;
}

ViewSlot diffSlot(int layer) {
    return {View::Diff, layer, widthWeight(View::Diff)};
}

std::string_view viewName(View view) {
    for (const auto& [v, name] : kViewNames)
        if (v == view) return name;
    return {};
}

std::optional<View> parseViewName(std::string_view name) {
    for (const auto& [v, n] : kViewNames)
        if (n == name) return v;
    return std::nullopt;
}

}  // namespace convscope::gui
