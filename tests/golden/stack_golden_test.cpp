// Whole stacks against PyTorch (fixtures by make_stack_golden.py): every stage's conv map,
// activated map and output match conv2d → relu / leaky_relu → max_pool2d / avg_pool2d.
#include <catch2/catch.hpp>
#include <fstream>

#include "convscope/core/stack.hpp"
#include "golden_json.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

Stage stageOf(const json& j) {
    Stage s;
    const auto ks = j["kernel"]["shape"].get<std::vector<int>>();
    s.conv.weights = Weights(ks[0], ks[1], ks[2], ks[3]);
    s.conv.weights.data = numbers(j["kernel"]["data"]);
    s.conv.bias = numbers(j["bias"]);
    std::tie(s.conv.strideH, s.conv.strideW) = pairOf(j["stride"]);
    std::tie(s.conv.dilationH, s.conv.dilationW) = pairOf(j["dilation"]);
    if (j["padding"].is_string())
        s.conv.padding = {j["padding"] == "same" ? PaddingSpec::Kind::Same : PaddingSpec::Kind::Valid, 0, 0};
    else
        s.conv.padding = {PaddingSpec::Kind::Explicit, pairOf(j["padding"]).first, pairOf(j["padding"]).second};
    s.conv.mode = *parsePaddingMode(j["padding_mode"].get<std::string>());
    s.activation.kind = *parseActivation(j["activation"].get<std::string>());
    s.activation.negativeSlope = j["slope"].get<float>();
    const json& p = j["pool"];
    s.poolEnabled = !p.is_null();
    if (s.poolEnabled) {
        s.pool.mode = *parsePoolMode(p["mode"].get<std::string>());
        std::tie(s.pool.windowH, s.pool.windowW) = pairOf(p["window"]);
        std::tie(s.pool.strideH, s.pool.strideW) = pairOf(p["stride"]);
        std::tie(s.pool.padH, s.pool.padW) = pairOf(p["padding"]);
        std::tie(s.pool.dilationH, s.pool.dilationW) = pairOf(p["dilation"]);
        s.pool.ceilMode = p["ceil_mode"].get<bool>();
        s.pool.countIncludePad = p["count_include_pad"].get<bool>();
    }
    return s;
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

TEST_CASE("every stage of a stack matches PyTorch") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/stack_cases.json");
    REQUIRE(in.good());
    const json cases = json::parse(in)["cases"];
    REQUIRE(cases.size() >= 4);
    for (const json& c : cases) {
        INFO("case " << c["name"].get<std::string>());
        std::vector<Stage> stages;
        for (const json& s : c["stages"]) stages.push_back(stageOf(s));
        auto outputs = runStack(inputOf(c), stages);
        REQUIRE(outputs.ok());
        REQUIRE(outputs->size() == stages.size());
        for (std::size_t i = 0; i < stages.size(); ++i) {
            INFO("stage " << i + 1);
            const json& s = c["stages"][i];
            const auto convShape = s["conv"]["shape"].get<std::vector<int>>();
            checkMap(convShape, s["conv"]["data"], (*outputs)[i].conv);
            checkMap(convShape, s["activated"], (*outputs)[i].activated);
            checkMap(s["output"]["shape"].get<std::vector<int>>(), s["output"]["data"], (*outputs)[i].output());
        }
    }
}
