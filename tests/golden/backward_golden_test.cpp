// The backward pass and learning against PyTorch (fixtures by make_backward_golden.py):
// autograd's gradients in float64 for every layer kind and parameter (conv2d and
// conv_transpose2d: input, weight and bias gradients) and for stacks, and torch.optim.SGD's
// losses and weights after 1, 10 and 50 steps.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "convscope/core/backward.hpp"
#include "convscope/core/parallel.hpp"
#include "golden_json.hpp"
#include "golden_layers.hpp"

using namespace convscope::core;
using namespace golden;

namespace {

json load(const char* name) {
    std::ifstream in(std::string(CONVSCOPE_GOLDEN_DIR) + "/" + name);
    REQUIRE(in.good());
    return json::parse(in)["cases"];
}

// A map as these fixtures write it: {"shape", "data"}.
Tensor dataTensorOf(const json& j) {
    const auto shape = j["shape"].get<std::vector<int>>();
    Tensor t(shape[0], shape[1], shape[2]);
    t.data = numbers(j["data"]);
    return t;
}

std::vector<Layer> layersOf(const json& c) {
    std::vector<Layer> layers;
    for (const json& l : c["layers"]) layers.push_back(layerOf(l));
    return layers;
}

// Float32 against autograd in float64: within float rounding of sums of a few dozen terms,
// relative to the largest value of the map (a gradient near 0 is a difference of larger terms).
void checkClose(const std::vector<float>& expected, const std::vector<float>& ours, double relative = 2e-5) {
    REQUIRE(ours.size() == expected.size());
    double scale = 1.0;
    for (float e : expected) scale = std::max(scale, static_cast<double>(std::fabs(e)));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("value " << i << ": torch " << expected[i] << ", ours " << ours[i]);
        CHECK(std::fabs(static_cast<double>(expected[i]) - ours[i]) <= relative * scale);
    }
}

void checkTensor(const json& expected, const Tensor& ours) {
    const auto shape = expected["shape"].get<std::vector<int>>();
    REQUIRE(shape.size() == 3);
    CHECK(ours.channels == shape[0]);
    CHECK(ours.height == shape[1]);
    CHECK(ours.width == shape[2]);
    checkClose(numbers(expected["data"]), ours.data);
}

void checkWeights(const json& expected, const Weights& ours) {
    CHECK(expected["shape"].get<std::vector<int>>() ==
          std::vector<int>{ours.outChannels, ours.inChannels, ours.height, ours.width});
    checkClose(numbers(expected["data"]), ours.data, 1e-4);
}

Loss lossOf(const json& c) {
    if (c["loss"].is_string()) return Loss{LossKind::Sum, {}};
    return Loss{LossKind::SquaredError, dataTensorOf(c["loss"]["target"])};
}

StackGradients gradientsOf(const json& c, int threads) {
    setThreadCount(threads);
    setWorkPerThread(0);  // split even these small maps over the threads
    const Tensor input = dataTensorOf(c["input"]);
    const std::vector<Layer> layers = layersOf(c);
    const StackPlan plan = planStack(shapeOf(input), layers);
    INFO((plan.ok() ? "" : plan.namedError().message));
    REQUIRE(plan.ok());
    std::vector<LayerOutput> outputs;
    LayerWorkspace forward;
    REQUIRE(runStackInto(input, layers, plan, outputs, forward).ok());
    StackGradients grads;
    BackwardWorkspace workspace;
    auto s = backwardStackInto(input, layers, plan, outputs, lossOf(c), grads, workspace);
    setThreadCount(0);
    setWorkPerThread(1e6);
    INFO((s.ok() ? "" : s.error().message));
    REQUIRE(s.ok());
    return grads;
}

}  // namespace

TEST_CASE("every gradient of every layer kind and stack matches PyTorch's autograd", "[golden][backward]") {
    const json cases = load("backward_cases.json");
    REQUIRE(cases.size() >= 37);
    int checked = 0;
    for (const json& c : cases) {
        for (int threads : {1, 2}) {
            INFO("case " << c["name"].get<std::string>() << ", " << threads << " thread(s)");
            const StackGradients grads = gradientsOf(c, threads);
            const json& e = c["expected"];
            CHECK(grads.loss == Approx(e["loss"].get<double>()).epsilon(1e-5).margin(1e-5));
            REQUIRE(grads.layers.size() == e["layers"].size());
            for (std::size_t k = 0; k < grads.layers.size(); ++k) {
                INFO("layer " << k + 1);
                const json& layer = e["layers"][k];
                checkTensor(layer["grad_input"], grads.layers[k].input);
                if (layer.contains("grad_weight")) {
                    checkWeights(layer["grad_weight"], grads.layers[k].weight);
                    checkClose(numbers(layer["grad_bias"]), grads.layers[k].bias, 1e-4);
                } else {
                    CHECK(grads.layers[k].weight.data.empty());
                    CHECK(grads.layers[k].bias.empty());
                }
                ++checked;
            }
        }
    }
    CHECK(checked >= 2 * 52);
}

TEST_CASE("learning follows torch.optim.SGD step by step", "[golden][learn]") {
    const json cases = load("learn_cases.json");
    REQUIRE(cases.size() >= 4);
    for (const json& c : cases) {
        INFO("case " << c["name"].get<std::string>());
        const Tensor input = dataTensorOf(c["input"]);
        std::vector<Layer> layers = layersOf(c);
        const Loss loss{LossKind::SquaredError, dataTensorOf(c["target"])};
        const SgdOptions options{c["lr"].get<float>(), c["momentum"].get<float>()};
        const auto losses = c["losses"].get<std::vector<double>>();
        Learner learner;
        for (int step = 1; step <= c["steps"].get<int>(); ++step) {
            INFO("step " << step);
            auto value = learnStep(input, layers, loss, options, learner);
            REQUIRE(value.ok());
            CHECK(*value == Approx(losses[static_cast<std::size_t>(step - 1)]).epsilon(1e-4));
            const std::string key = std::to_string(step);
            if (!c["checkpoints"].contains(key)) continue;
            const json& expected = c["checkpoints"][key];
            for (std::size_t k = 0; k < layers.size(); ++k) {
                if (expected[k].is_null()) continue;
                INFO("layer " << k + 1);
                checkWeights(expected[k]["weight"], *layerWeights(layers[k]));
                checkClose(numbers(expected[k]["bias"]), *layerBias(layers[k]), 1e-4);
            }
        }
        CHECK(learner.step == 50);
    }
}
