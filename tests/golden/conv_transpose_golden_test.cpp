// conv_transpose2d's validity rules against PyTorch (fixtures by make_conv_transpose_errors.py):
// every setting PyTorch refuses is refused with the error id naming that rule, and its
// accepted neighbour one step inside the rule plans to PyTorch's output shape. The numbers of
// accepted layers are compared in layers_golden_test.cpp.
#include <catch2/catch.hpp>
#include <fstream>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "golden_json.hpp"
#include "golden_layers.hpp"

using namespace convscope::core;
using namespace golden;

TEST_CASE("conv_transpose2d refuses what PyTorch refuses, each rule with its own error", "[golden][convt]") {
    std::ifstream in(CONVSCOPE_GOLDEN_DIR "/conv_transpose_errors.json");
    REQUIRE(in.good());
    const json cases = json::parse(in)["cases"];
    REQUIRE(cases.size() >= 15);
    int refused = 0;
    for (const json& c : cases) {
        INFO("case " << c["name"].get<std::string>());
        const auto is = c["input_shape"].get<std::vector<int>>();
        const auto ks = c["kernel_shape"].get<std::vector<int>>();
        ConvTranspose2d layer;
        layer.weights = Weights(ks[0], ks[1], ks[2], ks[3]);
        layer.bias.assign(c["bias"].get<std::size_t>(), 0.5f);
        layer.stride = hwOf(c["stride"]);
        layer.padding = hwOf(c["padding"]);
        layer.outputPadding = hwOf(c["output_padding"]);
        layer.dilation = hwOf(c["dilation"]);
        layer.groups = c["groups"].get<int>();
        const auto plan = planLayer(layer, Shape{is[0], is[1], is[2]});
        if (c.contains("torch_error")) {
            INFO("PyTorch: " << c["torch_error"].get<std::string>());
            REQUIRE_FALSE(plan.ok());
            CHECK(plan.error().id == c["error_id"].get<std::string>());
            ++refused;
        } else {
            INFO((plan.ok() ? std::string() : plan.error().message));
            REQUIRE(plan.ok());
            const auto os = c["output_shape"].get<std::vector<int>>();
            CHECK(plan->out == Shape{os[0], os[1], os[2]});
        }
    }
    CHECK(refused >= 10);
}

TEST_CASE("a transposed conv's size errors show PyTorch's formula with the numbers", "[convt][errors]") {
    ConvTranspose2d layer;
    layer.weights = Weights(2, 3, 3, 3);
    layer.stride = {2, 2};
    layer.outputPadding = {2, 0};
    auto plan = planLayer(layer, Shape{2, 4, 4});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().parameter == "output_padding");
    CHECK(plan.error().message ==
          "output_padding height (2) must be smaller than the stride (2) or the dilation (1): it picks one of the "
          "sizes a stride rounds together in (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = "
          "(4 − 1)·2 − 2·0 + 1·(3 − 1) + 2 + 1 = 11");

    layer.outputPadding = {0, 0};
    layer.stride = {1, 1};
    layer.padding = {3, 1};
    plan = planLayer(layer, Shape{2, 4, 4});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message ==
          "output height would be 0: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = "
          "(4 − 1)·1 − 2·3 + 1·(3 − 1) + 0 + 1 = 0 — the padding removes more than the transposed conv produces");
}
