#pragma once
// Layers as the fixtures write them (the keys of version-3 sessions, PyTorch's argument
// names), read without the io library so that the golden tests need the core alone.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "convscope/core/stack.hpp"
#include "golden_json.hpp"

namespace golden {

using namespace convscope::core;

inline Hw hwOf(const json& v) {
    const auto [h, w] = pairOf(v);
    return {h, w};
}

inline Layer layerOf(const json& j) {
    const std::string type = j["type"].get<std::string>();
    if (type == "conv2d") {
        Conv2d c;
        const auto ks = j["kernel"]["shape"].get<std::vector<int>>();
        REQUIRE(ks.size() == 4);
        c.weights = Weights(ks[0], ks[1], ks[2], ks[3]);
        c.weights.data = numbers(j["kernel"]["values"]);
        REQUIRE(c.weights.data.size() == static_cast<std::size_t>(ks[0] * ks[1] * ks[2] * ks[3]));
        c.bias = numbers(j["bias"]);
        c.stride = hwOf(j["stride"]);
        c.dilation = hwOf(j["dilation"]);
        const json& padding = j["padding"];
        if (padding.is_string())
            c.padding = {padding == "same" ? PaddingSpec::Kind::Same : PaddingSpec::Kind::Valid, 0, 0};
        else
            c.padding = {PaddingSpec::Kind::Explicit, pairOf(padding).first, pairOf(padding).second};
        c.groups = j["groups"].get<int>();
        c.mode = *parsePaddingMode(j["padding_mode"].get<std::string>());
        return c;
    }
    if (type == "conv_transpose2d") {
        ConvTranspose2d c;
        const auto ks = j["kernel"]["shape"].get<std::vector<int>>();
        REQUIRE(ks.size() == 4);
        c.weights = Weights(ks[0], ks[1], ks[2], ks[3]);  // (C, OC/groups, KH, KW)
        c.weights.data = numbers(j["kernel"]["values"]);
        REQUIRE(c.weights.data.size() == static_cast<std::size_t>(ks[0] * ks[1] * ks[2] * ks[3]));
        c.bias = numbers(j["bias"]);
        c.stride = hwOf(j["stride"]);
        c.padding = hwOf(j["padding"]);
        c.outputPadding = hwOf(j["output_padding"]);
        c.dilation = hwOf(j["dilation"]);
        c.groups = j["groups"].get<int>();
        return c;
    }
    if (type == "relu") return Activation{ActivationKind::Relu};
    if (type == "leaky_relu") return Activation{ActivationKind::LeakyRelu, j["negative_slope"].get<float>()};
    if (type == "max_pool2d")
        return MaxPool2d{hwOf(j["kernel_size"]), hwOf(j["stride"]), hwOf(j["padding"]), hwOf(j["dilation"]),
                         j["ceil_mode"].get<bool>()};
    if (type == "avg_pool2d")
        return AvgPool2d{hwOf(j["kernel_size"]), hwOf(j["stride"]), hwOf(j["padding"]), j["ceil_mode"].get<bool>(),
                         j["count_include_pad"].get<bool>()};
    FAIL("unknown layer type " << type);
    return Activation{};
}

}  // namespace golden
