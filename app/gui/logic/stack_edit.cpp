#include "stack_edit.hpp"

#include <algorithm>
#include <array>
#include <variant>
#include <vector>

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

// A transposed conv's weights (C, OC/groups, KH, KW) for `channels` input channels: existing
// channels kept, new ones copying channel 0.
core::Weights withTransposedInChannels(const core::Weights& w, int channels) {
    core::Weights out(channels, w.inChannels, w.height, w.width);
    const std::size_t perChannel =
        static_cast<std::size_t>(w.inChannels) * static_cast<std::size_t>(w.height) * static_cast<std::size_t>(w.width);
    for (int ch = 0; ch < channels; ++ch) {
        const float* from = kernelSlice(w, ch < w.outChannels ? ch : 0, 0);
        std::copy(from, from + perChannel, kernelSlice(out, ch, 0));
    }
    return out;
}

}  // namespace

int channelsRead(const std::vector<core::Layer>& layers) {
    for (const core::Layer& layer : layers) {
        if (const auto* conv = std::get_if<core::Conv2d>(&layer))
            return conv->weights.inChannels * std::max(1, conv->groups);
        if (const auto* convT = std::get_if<core::ConvTranspose2d>(&layer)) return convT->weights.outChannels;
    }
    return 0;
}

void conformStack(ComputeInputs& c) {
    if (c.layers.empty()) c.layers.emplace_back(core::Conv2d{});
    if (c.layers.size() > static_cast<std::size_t>(core::kMaxLayers))
        c.layers.resize(static_cast<std::size_t>(core::kMaxLayers));
    int channels = c.input().channels;
    for (core::Layer& layer : c.layers) {
        if (auto* convT = std::get_if<core::ConvTranspose2d>(&layer)) {
            // (C, OC/groups, KH, KW): the first dimension follows the incoming channels.
            core::Weights& w = convT->weights;
            if (channels > 0 && w.outChannels != channels) w = withTransposedInChannels(w, channels);
            if (!convT->bias.empty()) convT->bias.resize(static_cast<std::size_t>(convT->outChannels()), 0.0f);
            channels = convT->outChannels();
            continue;
        }
        auto* conv = std::get_if<core::Conv2d>(&layer);
        if (!conv) continue;
        core::Weights& w = conv->weights;
        const int groups = std::max(1, conv->groups);
        if (channels > 0 && channels % groups == 0 && w.inChannels != channels / groups)
            w = withInChannels(w, channels / groups);
        if (!conv->bias.empty()) conv->bias.resize(static_cast<std::size_t>(w.outChannels), 0.0f);
        channels = w.outChannels;
    }
    Selection& sel = c.selected;
    sel.layer = std::clamp(sel.layer, 0, static_cast<int>(c.layers.size()) - 1);
    const core::Conv2d* conv = c.conv();
    sel.filter = conv ? std::clamp(sel.filter, 0, std::max(0, conv->weights.outChannels - 1)) : 0;
    sel.channel = conv ? std::clamp(sel.channel, 0, std::max(0, conv->weights.inChannels - 1)) : 0;
}

namespace {

// The channels flowing into each layer, from the input's: entry i is layer i's input, the
// last entry the stack's output.
std::vector<int> channelsIn(const ComputeInputs& c) {
    std::vector<int> in{c.input().channels};
    for (const core::Layer& layer : c.layers) {
        const auto* conv = std::get_if<core::Conv2d>(&layer);
        const auto* convT = std::get_if<core::ConvTranspose2d>(&layer);
        in.push_back(conv ? conv->weights.outChannels : convT ? convT->outChannels() : in.back());
    }
    return in;
}

// A 3×3 conv from `channels` to as many filters, each averaging its own channel.
core::Conv2d passThroughConv(int channels) {
    core::Conv2d conv;
    conv.weights = core::Weights(channels, channels, 3, 3);
    for (int f = 0; f < channels; ++f)
        std::fill(kernelSlice(conv.weights, f, f), kernelSlice(conv.weights, f, f) + 9, 1.0f / 9.0f);
    return conv;
}

// A 3×3 transposed conv of stride 2 from `channels` to as many maps, each channel stamping
// only onto its own map with weights 1 (the stamps' overlaps show as larger values).
core::ConvTranspose2d upsamplingConv(int channels) {
    core::ConvTranspose2d t;
    t.weights = core::Weights(channels, channels, 3, 3);
    for (int ch = 0; ch < channels; ++ch)
        std::fill(kernelSlice(t.weights, ch, ch), kernelSlice(t.weights, ch, ch) + 9, 1.0f);
    return t;
}

core::Layer newLayer(NewLayer kind, int channels) {
    switch (kind) {
        case NewLayer::Conv: return passThroughConv(channels);
        case NewLayer::ConvTranspose: return upsamplingConv(channels);
        case NewLayer::Relu: return core::Activation{};
        case NewLayer::LeakyRelu: return core::Activation{core::ActivationKind::LeakyRelu, 0.1f};
        case NewLayer::MaxPool: return core::MaxPool2d{};
        case NewLayer::AvgPool: return core::AvgPool2d{};
    }
    return core::Activation{};
}

}  // namespace

bool insertLayer(ComputeInputs& c, NewLayer kind) {
    if (c.layers.size() >= static_cast<std::size_t>(core::kMaxLayers)) return false;
    const int at = c.selected.layer + 1;
    const int channels = channelsIn(c)[static_cast<std::size_t>(at)];  // the map after the selected layer
    c.layers.insert(c.layers.begin() + at, newLayer(kind, channels));
    c.selected = Selection{at, 0, 0};
    conformStack(c);
    return true;
}

bool removeLayer(ComputeInputs& c) {
    if (c.layers.size() <= 1) return false;
    c.layers.erase(c.layers.begin() + c.selected.layer);
    c.selected = Selection{std::max(0, c.selected.layer - 1), 0, 0};
    conformStack(c);
    return true;
}

namespace {

// Inserts `layer` at `at`, or erases layer `at` (layer null), keeping the selection on the
// layer it named.
void insertAt(ComputeInputs& c, int at, const core::Layer* layer) {
    if (layer) {
        if (c.layers.size() >= static_cast<std::size_t>(core::kMaxLayers)) return;
        c.layers.insert(c.layers.begin() + at, *layer);
        if (c.selected.layer >= at) ++c.selected.layer;
    } else {
        if (c.layers.size() <= 1) return;
        c.layers.erase(c.layers.begin() + at);
        if (c.selected.layer >= at) c.selected.layer = std::max(0, c.selected.layer - 1);
    }
    conformStack(c);
}

}  // namespace

void setBlockActivation(ComputeInputs& c, const core::Activation* activation) {
    const Block b = c.block();
    if (b.activation >= 0 && activation)
        c.layers[static_cast<std::size_t>(b.activation)] = *activation;
    else if (b.activation >= 0 && (b.conv >= 0 || b.pool >= 0))
        insertAt(c, b.activation, nullptr);
    else if (b.activation < 0 && activation && b.conv >= 0) {
        const core::Layer layer = *activation;
        insertAt(c, b.conv + 1, &layer);
    }
}

void setBlockPooling(ComputeInputs& c, bool on) {
    const Block b = c.block();
    if (on && b.pool < 0) {
        const core::Layer pool = core::MaxPool2d{};
        insertAt(c, b.last + 1, &pool);
    } else if (!on && b.pool >= 0 && b.last > b.first) {
        insertAt(c, b.pool, nullptr);
    }
}

void applyStackPreset(ComputeInputs& c, StackPreset preset) {
    const int channels = c.input().channels;
    const core::Weights sobel = core::findKernelPreset("sobel_x")->weights();
    // Every filter of a conv gets the Sobel kernel on each slice: edges, whatever the channels.
    const auto sobelConv = [&](int filters, int slices) {
        core::Conv2d conv;
        conv.weights = core::Weights(filters, slices, 3, 3);
        for (int f = 0; f < filters; ++f)
            for (int ch = 0; ch < slices; ++ch)
                std::copy(sobel.data.begin(), sobel.data.end(), kernelSlice(conv.weights, f, ch));
        return conv;
    };
    // The pointwise mix: filter o takes channel o mod C whole and a quarter of the others.
    const int mixed = 4;
    const auto mixWeight = [&](int o, int ch) { return ch == o % channels ? 1.0f : 0.25f; };
    c.layers.clear();
    switch (preset) {
        case StackPreset::Single: c.layers = {sobelConv(1, channels), core::MaxPool2d{}}; break;
        case StackPreset::VggBlock:
            c.layers = {sobelConv(4, channels), core::Activation{}, passThroughConv(4), core::Activation{},
                        core::MaxPool2d{}};
            break;
        case StackPreset::DepthwiseSeparable: {
            core::Conv2d depthwise = sobelConv(channels, 1);
            depthwise.groups = channels;
            core::Conv2d pointwise;
            pointwise.weights = core::Weights(mixed, channels, 1, 1);
            pointwise.padding = {core::PaddingSpec::Kind::Explicit, 0, 0};
            for (int o = 0; o < mixed; ++o)
                for (int ch = 0; ch < channels; ++ch) pointwise.weights.at(o, ch, 0, 0) = mixWeight(o, ch);
            c.layers = {depthwise, pointwise, core::Activation{}};
            break;
        }
        case StackPreset::FullConv: {
            // The one conv that computes what depthwise + pointwise compute: filter o's slice
            // for channel ch is the depthwise kernel scaled by the pointwise weight.
            core::Conv2d full = sobelConv(mixed, channels);
            for (int o = 0; o < mixed; ++o)
                for (int ch = 0; ch < channels; ++ch) {
                    float* slice = kernelSlice(full.weights, o, ch);
                    for (int i = 0; i < 9; ++i) slice[i] *= mixWeight(o, ch);
                }
            c.layers = {full, core::Activation{}};
            break;
        }
        case StackPreset::RoundTrip: {
            // Down: each channel averaged over 3×3 windows two apart; back up: each cell
            // stamping its own channel (the stamps' overlaps show).
            core::Conv2d down = passThroughConv(channels);
            down.stride = {2, 2};
            core::ConvTranspose2d up = upsamplingConv(channels);
            up.padding = {1, 1};
            // (⌈H/2⌉ − 1)·2 − 2 + 3 + output_padding = H: output_padding 1 when H is even.
            up.outputPadding = {c.input().height % 2 == 0 ? 1 : 0, c.input().width % 2 == 0 ? 1 : 0};
            c.layers = {down, core::Activation{}, up};
            break;
        }
    }
    c.selected = Selection{};
    conformStack(c);
}

bool addFilter(ComputeInputs& c) {
    if (!c.conv()) return false;
    core::Conv2d& conv = *c.conv();
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
    conformStack(c);  // the next conv reads one more channel
    return true;
}

bool removeFilter(ComputeInputs& c) {
    if (!c.conv()) return false;
    core::Conv2d& conv = *c.conv();
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
    // The next conv loses the slices that read the removed map (with groups, conformStack
    // trims its last slices instead: which slice reads which map depends on the grouping).
    core::Conv2d* next = nullptr;
    for (std::size_t i = static_cast<std::size_t>(c.block().conv) + 1; i < c.layers.size() && !next; ++i)
        next = std::get_if<core::Conv2d>(&c.layers[i]);
    if (next && next->groups == 1) {
        core::Weights& nw = next->weights;
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
