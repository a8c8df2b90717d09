// Whole stacks against PyTorch (fixtures by make_stack_golden.py, written as stages of
// conv → activation → pool): each stage becomes layers as old sessions convert, and every
// layer's map matches conv2d → relu / leaky_relu → max_pool2d / avg_pool2d.
#include <catch2/catch.hpp>
#include <fstream>

#include "convscope/core/stack.hpp"
#include "golden_json.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

// A fixture stage as layers, the way version-1 and version-2 sessions convert: its conv2d,
// then its activation unless it is "none", then its pool if it has one.
void appendStage(const json& j, std::vector<Layer>& layers) {
    Conv2d conv;
    const auto ks = j["kernel"]["shape"].get<std::vector<int>>();
    conv.weights = Weights(ks[0], ks[1], ks[2], ks[3]);
    conv.weights.data = numbers(j["kernel"]["data"]);
    conv.bias = numbers(j["bias"]);
    std::tie(conv.stride.h, conv.stride.w) = pairOf(j["stride"]);
    std::tie(conv.dilation.h, conv.dilation.w) = pairOf(j["dilation"]);
    if (j["padding"].is_string())
        conv.padding = {j["padding"] == "same" ? PaddingSpec::Kind::Same : PaddingSpec::Kind::Valid, 0, 0};
    else
        conv.padding = {PaddingSpec::Kind::Explicit, pairOf(j["padding"]).first, pairOf(j["padding"]).second};
    conv.mode = *parsePaddingMode(j["padding_mode"].get<std::string>());
    layers.push_back(conv);
    const std::string activation = j["activation"].get<std::string>();
    if (activation != "none") layers.push_back(Activation{*parseActivation(activation), j["slope"].get<float>()});
    const json& p = j["pool"];
    if (p.is_null()) return;
    PoolParams pool;
    pool.mode = *parsePoolMode(p["mode"].get<std::string>());
    std::tie(pool.windowH, pool.windowW) = pairOf(p["window"]);
    std::tie(pool.strideH, pool.strideW) = pairOf(p["stride"]);
    std::tie(pool.padH, pool.padW) = pairOf(p["padding"]);
    std::tie(pool.dilationH, pool.dilationW) = pairOf(p["dilation"]);
    pool.ceilMode = p["ceil_mode"].get<bool>();
    pool.countIncludePad = p["count_include_pad"].get<bool>();
    layers.push_back(poolLayer(pool));
}

void checkMap(const std::vector<int>& shape, const json& data, const Tensor& ours) {
    REQUIRE(ours.channels == shape[0]);
    REQUIRE(ours.height == shape[1]);
    REQUIRE(ours.width == shape[2]);
    const auto expected = numbers(data);
    REQUIRE(expected.size() == ours.data.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i << ": torch " << expected[i] << ", ours " << ours.data[i]);
        CHECK(sameValue(expected[i], ours.data[i]));
    }
}

}  // namespace

TEST_CASE("every layer of a converted stage stack matches PyTorch", "[golden][stack]") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/stack_cases.json");
    REQUIRE(in.good());
    const json cases = json::parse(in)["cases"];
    REQUIRE(cases.size() >= 4);
    int maps = 0;
    for (const json& c : cases) {
        INFO("case " << c["name"].get<std::string>());
        std::vector<Layer> layers;
        for (const json& s : c["stages"]) appendStage(s, layers);
        auto outputs = runStack(inputOf(c), layers);
        INFO((outputs.ok() ? "" : outputs.error().message));
        REQUIRE(outputs.ok());
        REQUIRE(outputs->size() == layers.size());
        // Walk the layers along the fixture's maps: each stage's conv map, its activated map
        // when it has an activation, its pooled map when it has a pool.
        std::size_t i = 0;
        for (const json& s : c["stages"]) {
            INFO("stage ending at layer " << i + 1);
            const auto convShape = s["conv"]["shape"].get<std::vector<int>>();
            checkMap(convShape, s["conv"]["data"], (*outputs)[i++].values);
            if (s["activation"] != "none") checkMap(convShape, s["activated"], (*outputs)[i++].values);
            if (!s["pool"].is_null())
                checkMap(s["output"]["shape"].get<std::vector<int>>(), s["output"]["data"], (*outputs)[i++].values);
            maps += 1;
        }
        CHECK(i == layers.size());
    }
    CHECK(maps >= 8);
}
