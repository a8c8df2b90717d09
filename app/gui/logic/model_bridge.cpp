#include "model_bridge.hpp"

#include <algorithm>
#include <cmath>

#include "convscope/io/errors.hpp"

namespace convscope::gui {

core::Status openModel(const std::string& path, State& s) {
    auto model = io::readModel(path);
    if (!model) return model.error();
    OpenModel open;
    open.path = path;
    open.model = std::make_shared<const io::Model>(std::move(*model));
    for (const io::ModelNode& n : open.model->nodes)
        if (n.layer) {
            open.first = open.last = n.index;
            break;
        }
    s.model = std::move(open);
    s.view.modelTabRequested = true;
    return core::Ok{};
}

int inputChannels(const io::ModelNode& node) {
    if (node.inputShape.size() == 4 && node.inputShape[1] > 0 && node.inputShape[1] <= 1'000'000)
        return static_cast<int>(node.inputShape[1]);
    if (node.layer && core::isConv(*node.layer)) {
        const auto& conv = std::get<core::Conv2d>(*node.layer);
        return conv.weights.inChannels * conv.groups;
    }
    return 0;
}

core::Result<bool> useModelNodes(State& s) {
    if (!s.model) return core::Error{};
    const io::Model& model = *s.model->model;
    auto layers = io::nodeChain(model, {s.model->first, s.model->last});
    if (!layers) return layers.error();
    if (layers->size() > static_cast<std::size_t>(core::kMaxLayers))
        return core::engineError(
            core::ErrorId::StackSize, "nodes",
            {{"max", std::to_string(core::kMaxLayers)}, {"count", std::to_string(layers->size())}});
    const io::ModelNode& first = model.nodes[static_cast<std::size_t>(s.model->first - 1)];
    const int channels = inputChannels(first);
    bool reloadPicture = false;
    if (s.image && (channels == 3 || channels == 1)) {
        const io::ImageChannel wanted = channels == 3 ? io::ImageChannel::Rgb : io::ImageChannel::Luminance;
        const bool fits =
            channels == 3 ? s.image->channel == io::ImageChannel::Rgb : s.image->channel != io::ImageChannel::Rgb;
        if (!fits) {
            s.image->channel = wanted;
            reloadPicture = true;
        }
    } else if (!s.image && first.inputShape.size() == 4 && channels > 0 && first.inputShape[2] > 0 &&
               first.inputShape[3] > 0 && first.inputShape[2] <= 256 && first.inputShape[3] <= 256 && channels <= 64) {
        // A ramp, so every layer shows something until a picture is opened.
        core::Tensor ramp(channels, static_cast<int>(first.inputShape[2]), static_cast<int>(first.inputShape[3]));
        for (std::size_t i = 0; i < ramp.data.size(); ++i)
            ramp.data[i] = static_cast<float>(i % ramp.planeSize()) / static_cast<float>(ramp.planeSize());
        s.compute.setPicture(std::move(ramp));
    }
    s.compute.layers = std::move(*layers);
    s.compute.selected = Selection{};
    s.pin = Cell{};
    return reloadPicture;
}

core::Status loadModelTensor(State& s) {
    if (!s.model || s.model->tensor < 0 || s.model->tensor >= static_cast<int>(s.model->model->tensors.size()))
        return core::Error{};
    const io::StoredTensor& stored = s.model->model->tensors[static_cast<std::size_t>(s.model->tensor)];
    auto array = io::loadAsFloat(stored);
    if (!array) return array.error();
    core::Conv2d* conv = s.compute.conv();
    if (!conv) return core::engineError(core::ErrorId::StackSize, "layer", {{"max", "1"}, {"count", "0"}});
    if (array->shape.size() == 1) {
        auto bias = io::toBias(*array, stored.name);
        if (!bias) return bias.error();
        conv->bias = std::move(*bias);
        return core::Ok{};
    }
    const io::Array oriented = s.model->channelsLast ? io::kernelToChannelsFirst(*array) : *array;
    auto weights = io::toWeights(oriented, stored.name);
    if (!weights) return weights.error();
    if (!conv->bias.empty() && static_cast<int>(conv->bias.size()) != weights->outChannels) conv->bias.clear();
    conv->weights = std::move(*weights);
    s.compute.selected.filter = 0;
    s.compute.selected.channel = 0;
    return core::Ok{};
}

std::vector<std::array<float, 3>> filterColours(const core::Weights& weights, int filter) {
    float maxAbs = 0.0f;
    for (float w : weights.data) maxAbs = std::max(maxAbs, std::fabs(w));
    std::vector<std::array<float, 3>> colours;
    if (weights.inChannels != 3 || filter < 0 || filter >= weights.outChannels) return colours;
    for (int m = 0; m < weights.height; ++m)
        for (int n = 0; n < weights.width; ++n) {
            std::array<float, 3> rgb{};
            for (int c = 0; c < 3; ++c)
                rgb[static_cast<std::size_t>(c)] =
                    maxAbs > 0.0f ? 0.5f + 0.5f * weights.at(filter, c, m, n) / maxAbs : 0.5f;
            colours.push_back(rgb);
        }
    return colours;
}

}  // namespace convscope::gui
