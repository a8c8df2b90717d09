// Per-side padding and TensorFlow/ONNX "SAME" (same_upper / same_lower) against PyTorch run on
// explicitly padded input: F.pad, then conv2d with padding 0 (fixtures by
// make_padding_golden.py). The sides the rule gives are in the fixture, worked out there on
// their own; convscope's resolved padding and its output must both match.
#include <catch2/catch.hpp>
#include <fstream>

#include "convscope/core/layers/conv2d.hpp"
#include "golden_json.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

PaddingSpec paddingOf(const json& p) {
    if (p == "same_upper") return {PaddingSpec::Kind::SameUpper, 0, 0};
    if (p == "same_lower") return {PaddingSpec::Kind::SameLower, 0, 0};
    return PaddingSpec::perSide(
        {p["top"].get<int>(), p["bottom"].get<int>(), p["left"].get<int>(), p["right"].get<int>()});
}

Conv2d convOf(const json& j) {
    Conv2d c;
    const auto ks = j["kernel"]["shape"].get<std::vector<int>>();
    c.weights = Weights(ks[0], ks[1], ks[2], ks[3]);
    c.weights.data = numbers(j["kernel"]["values"]);
    c.bias = numbers(j["bias"]);
    c.stride = {pairOf(j["stride"]).first, pairOf(j["stride"]).second};
    c.dilation = {pairOf(j["dilation"]).first, pairOf(j["dilation"]).second};
    c.padding = paddingOf(j["padding"]);
    c.groups = j["groups"].get<int>();
    c.mode = *parsePaddingMode(j["padding_mode"].get<std::string>());
    return c;
}

}  // namespace

TEST_CASE("per-side, same_upper and same_lower padding match PyTorch on explicitly padded input", "[golden][padding]") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/padding_cases.json");
    REQUIRE(in.good());
    const json all = json::parse(in);
    REQUIRE(all["cases"].size() >= 50);
    for (const json& c : all["cases"]) {
        const std::string name = c["name"].get<std::string>();
        INFO(name);
        const auto shape = c["input"]["shape"].get<std::vector<int>>();
        Tensor input(shape[0], shape[1], shape[2]);
        input.data = numbers(c["input"]["data"]);
        const Conv2d layer = convOf(c["layer"]);
        auto plan = planLayer(layer, shapeOf(input));
        REQUIRE(plan.ok());
        const json& sides = c["sides"];
        CHECK(plan->conv.padding == Padding2D{sides["top"].get<int>(), sides["bottom"].get<int>(),
                                              sides["left"].get<int>(), sides["right"].get<int>()});
        LayerOutput out;
        LayerWorkspace workspace;
        REQUIRE(runLayer(layer, *plan, input, out, workspace).ok());
        const auto outShape = c["output"]["shape"].get<std::vector<int>>();
        REQUIRE(shapeOf(out.values) == Shape{outShape[0], outShape[1], outShape[2]});
        const std::vector<float> expected = numbers(c["output"]["data"]);
        int wrong = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) wrong += !sameValue(expected[i], out.values.data[i]);
        CHECK(wrong == 0);
    }
}

TEST_CASE("same_upper and same_lower differ only in which side gets the odd cell", "[padding]") {
    // H = 8, k = 3, s = 2: ceil(8/2) = 4 outputs, total (4−1)·2 + 3 − 8 = 1 cell of padding.
    Conv2d layer;
    layer.weights = Weights(1, 1, 3, 3);
    layer.stride = {2, 2};
    layer.padding = {PaddingSpec::Kind::SameUpper, 0, 0};
    auto upper = convParams(layer, {1, 8, 7});
    REQUIRE(upper.ok());
    CHECK(upper->padding == Padding2D{0, 1, 1, 1});  // W = 7: total (4−1)·2 + 3 − 7 = 2
    layer.padding = {PaddingSpec::Kind::SameLower, 0, 0};
    auto lower = convParams(layer, {1, 8, 7});
    REQUIRE(lower.ok());
    CHECK(lower->padding == Padding2D{1, 0, 1, 1});
    // PyTorch's "same" refuses stride 2; TensorFlow's SAME pads only 1 cell where a PyTorch
    // user would write padding=1 (2 cells): the two disagree on every window by one row.
    layer.padding = {PaddingSpec::Kind::Same, 0, 0};
    CHECK_FALSE(convParams(layer, {1, 8, 7}).ok());
}

TEST_CASE("same_upper needs an input to resolve and refuses stride 0 by name", "[padding][errors]") {
    Conv2d layer;
    layer.padding = {PaddingSpec::Kind::SameUpper, 0, 0};
    layer.stride = {0, 1};
    auto stride = convParams(layer, {1, 5, 5});
    REQUIRE_FALSE(stride.ok());
    CHECK(stride.error().parameter == "stride");
    layer.stride = {1, 1};
    CHECK_FALSE(convParams(layer, {1, 0, 5}).ok());
    auto negative = resolvePadding(PaddingSpec::perSide({0, -2, 1, 1}), 3, 3, 1, 1, 1, 1);
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().message == "padding must not be negative (got -2)");
}
