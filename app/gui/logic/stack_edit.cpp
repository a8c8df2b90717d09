#include "stack_edit.hpp"

#include <algorithm>
#include <array>

#include "convscope/core/kernels.hpp"

namespace convscope::gui {

namespace {

// Weights with `channels` input channels: existing slices kept, new ones copying slice 0.
core::Weights withInChannels(const core::Weights& w, int channels) {
    core::Weights out(w.outChannels, channels, w.height, w.width);
    const std::size_t slice = static_cast<std::size_t>(w.height) * static_cast<std::size_t>(w.width);
    for (int f = 0; f < w.outChannels; ++f)
        for (int ch = 0; ch < channels; ++ch) {
            const float* from = kernelSlice(w, f, ch < w.inChannels ? ch : 0);
            std::copy(from, from + slice, kernelSlice(out, f, ch));
        }
    return out;
}

}  // namespace

void conformStack(ComputeInputs& c) {
    if (c.stages.empty()) c.stages.emplace_back();
    int channels = c.input.channels;
    for (core::Stage& stage : c.stages) {
        core::Weights& w = stage.conv.weights;
        if (w.inChannels != channels && channels > 0) w = withInChannels(w, channels);
        if (!stage.conv.bias.empty()) stage.conv.bias.resize(static_cast<std::size_t>(w.outChannels), 0.0f);
        channels = w.outChannels;
    }
    Selection& sel = c.selected;
    sel.stage = std::clamp(sel.stage, 0, static_cast<int>(c.stages.size()) - 1);
    const core::Weights& w = c.stage().conv.weights;
    sel.filter = std::clamp(sel.filter, 0, std::max(0, w.outChannels - 1));
    sel.channel = std::clamp(sel.channel, 0, std::max(0, w.inChannels - 1));
}

bool addStage(ComputeInputs& c) {
    if (c.stages.size() >= static_cast<std::size_t>(core::kMaxStages)) return false;
    const int channels = c.stages.back().conv.weights.outChannels;
    core::Stage stage;
    stage.conv.weights = core::Weights(channels, channels, 3, 3);
    // Each filter starts as an averaging of its own channel: the maps pass through recognisably.
    for (int f = 0; f < channels; ++f)
        std::fill(kernelSlice(stage.conv.weights, f, f), kernelSlice(stage.conv.weights, f, f) + 9, 1.0f / 9.0f);
    stage.activation.kind = core::Activation::Relu;
    c.stages.push_back(stage);
    c.selected = Selection{static_cast<int>(c.stages.size()) - 1, 0, 0};
    return true;
}

bool removeStage(ComputeInputs& c) {
    if (c.stages.size() <= 1) return false;
    c.stages.erase(c.stages.begin() + c.selected.stage);
    c.selected = Selection{std::max(0, c.selected.stage - 1), 0, 0};
    conformStack(c);
    return true;
}

bool addFilter(ComputeInputs& c) {
    core::ConvLayer& conv = c.stage().conv;
    const core::Weights& w = conv.weights;
    if (w.outChannels >= kMaxFilters) return false;
    core::Weights out(w.outChannels + 1, w.inChannels, w.height, w.width);
    std::copy(w.data.begin(), w.data.end(), out.data.begin());
    const std::size_t slice = static_cast<std::size_t>(w.height) * static_cast<std::size_t>(w.width);
    static const std::array<const char*, 8> edges{"sobel_x",   "sobel_y", "laplacian4", "prewitt_x",
                                                  "prewitt_y", "sharpen", "emboss",     "outline"};
    const core::KernelPreset* preset =
        core::findKernelPreset(edges[static_cast<std::size_t>(w.outChannels) % edges.size()]);
    for (int ch = 0; ch < w.inChannels; ++ch) {
        float* to = kernelSlice(out, w.outChannels, ch);
        if (preset && w.height == 3 && w.width == 3) {
            const core::Weights p = preset->weights();
            std::copy(p.data.begin(), p.data.end(), to);
        } else {
            const float* from = kernelSlice(w, c.selected.filter, ch);
            std::copy(from, from + slice, to);
        }
    }
    conv.weights = std::move(out);
    if (!conv.bias.empty()) conv.bias.push_back(0.0f);
    c.selected.filter = conv.weights.outChannels - 1;
    conformStack(c);  // the next stage reads one more channel
    return true;
}

bool removeFilter(ComputeInputs& c) {
    core::ConvLayer& conv = c.stage().conv;
    const core::Weights& w = conv.weights;
    if (w.outChannels <= 1) return false;
    const int gone = c.selected.filter;
    core::Weights out(w.outChannels - 1, w.inChannels, w.height, w.width);
    const std::size_t filterSize =
        static_cast<std::size_t>(w.inChannels) * static_cast<std::size_t>(w.height) * static_cast<std::size_t>(w.width);
    for (int f = 0, to = 0; f < w.outChannels; ++f)
        if (f != gone) {
            std::copy(kernelSlice(w, f, 0), kernelSlice(w, f, 0) + filterSize, kernelSlice(out, to, 0));
            ++to;
        }
    conv.weights = std::move(out);
    if (!conv.bias.empty()) conv.bias.erase(conv.bias.begin() + gone);
    // The next stage loses the slices that read the removed map.
    const std::size_t next = static_cast<std::size_t>(c.selected.stage) + 1;
    if (next < c.stages.size()) {
        core::Weights& nw = c.stages[next].conv.weights;
        core::Weights trimmed(nw.outChannels, nw.inChannels - 1, nw.height, nw.width);
        const std::size_t slice = static_cast<std::size_t>(nw.height) * static_cast<std::size_t>(nw.width);
        for (int f = 0; f < nw.outChannels; ++f)
            for (int ch = 0, to = 0; ch < nw.inChannels; ++ch)
                if (ch != gone)
                    std::copy(kernelSlice(nw, f, ch), kernelSlice(nw, f, ch) + slice, kernelSlice(trimmed, f, to++));
        nw = std::move(trimmed);
    }
    c.selected.filter = std::max(0, gone - 1);
    conformStack(c);
    return true;
}

}  // namespace convscope::gui
