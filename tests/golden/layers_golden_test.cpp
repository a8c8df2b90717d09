// Stacks of layers in free order against PyTorch (fixtures by make_layers_golden.py, each an
// nn.Sequential): a VGG block, conv-conv, pool first, depthwise separable, grouped G = 2 and
// 4, channel multiplier 2, every padding mode; transposed convs alone (every parameter,
// groups, odd sizes) and in stacks (an autoencoder's round trip). Every layer's map must
// match PyTorch's.
#include <catch2/catch.hpp>
#include <fstream>

#include "convscope/core/stack.hpp"
#include "golden_json.hpp"
#include "golden_layers.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

Tensor tensorOf(const json& t) {
    const auto shape = t["shape"].get<std::vector<int>>();
    REQUIRE(shape.size() == 3);
    Tensor out(shape[0], shape[1], shape[2]);
    out.data = numbers(t["values"]);
    REQUIRE(out.data.size() == out.size());
    return out;
}

// Values that differ from PyTorch's beyond float32 tolerance (NaN equal to NaN), the first
// of them described in `first`.
int mismatches(const Tensor& expected, const Tensor& ours, std::string& first) {
    int wrong = 0;
    for (std::size_t i = 0; i < expected.data.size(); ++i)
        if (!sameValue(expected.data[i], ours.data[i]) && wrong++ == 0)
            first = "value " + std::to_string(i) + ": torch " + std::to_string(expected.data[i]) + ", ours " +
                    std::to_string(ours.data[i]);
    return wrong;
}

}  // namespace

TEST_CASE("every layer of free-order stacks matches PyTorch's nn.Sequential", "[golden][stack][layers]") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/layers_cases.json");
    REQUIRE(in.good());
    const json cases = json::parse(in)["cases"];
    REQUIRE(cases.size() >= 10);
    std::size_t grouped = 0;
    std::size_t transposed = 0;
    for (const json& c : cases) {
        const std::string name = c["name"].get<std::string>();
        INFO("case " << name);
        std::vector<Layer> layers;
        for (const json& l : c["layers"]) layers.push_back(layerOf(l));
        REQUIRE(c["outputs"].size() == layers.size());
        for (const Layer& l : layers)
            if (const auto* conv = std::get_if<Conv2d>(&l); conv && conv->groups > 1) ++grouped;
        for (const Layer& l : layers) transposed += isConvTranspose(l) ? 1 : 0;

        const Tensor input = tensorOf(c["input"]);
        const StackPlan plan = planStack(shapeOf(input), layers);
        INFO(plan.error.message);
        REQUIRE(plan.ok());
        const auto outputs = runStack(input, layers);
        REQUIRE(outputs.ok());
        REQUIRE(outputs->size() == layers.size());
        for (std::size_t i = 0; i < layers.size(); ++i) {
            INFO("layer " << i + 1 << " (" << layerLabel(layers[i]) << ")");
            const Tensor expected = tensorOf(c["outputs"][i]);
            // The plan predicts PyTorch's shape, and the run fills it with PyTorch's numbers.
            CHECK(plan.plans[i].out == shapeOf(expected));
            const Tensor& ours = (*outputs)[i].values;
            REQUIRE(shapeOf(ours) == shapeOf(expected));
            std::string first;
            const int wrong = mismatches(expected, ours, first);
            INFO(first);
            CHECK(wrong == 0);
        }
    }
    // The fixtures exercise what the issue asks for: grouped and depthwise convs among them.
    CHECK(grouped >= 8);
    CHECK(transposed >= 10);
}
