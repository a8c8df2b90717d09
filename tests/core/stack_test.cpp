// Stacks as layer lists: shapes flowing through layers in any order, the layer count limits,
// a layer that cannot run, costs, receptive fields, and lineage checked against a brute
// force that puts a NaN into the input and watches where it goes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>

#include "convscope/core/stack.hpp"
#include "convscope/core/trace.hpp"
#include "float_specials.hpp"
#include "reference.hpp"

using namespace convscope::core;
using reference::randomTensor;
using reference::randomWeights;

namespace {

Conv2d conv(Weights w, int pad, int stride = 1, int dilation = 1, int groups = 1,
            PaddingMode mode = PaddingMode::Zeros) {
    Conv2d c;
    c.weights = std::move(w);
    c.padding = {PaddingSpec::Kind::Explicit, pad, pad};
    c.stride = {stride, stride};
    c.dilation = {dilation, dilation};
    c.groups = groups;
    c.mode = mode;
    return c;
}

// Weights (C, OC/groups, KH, KW).
ConvTranspose2d convT(Weights w, int stride, int pad = 0, int outputPad = 0, int dilation = 1, int groups = 1) {
    ConvTranspose2d c;
    c.weights = std::move(w);
    c.stride = {stride, stride};
    c.padding = {pad, pad};
    c.outputPadding = {outputPad, outputPad};
    c.dilation = {dilation, dilation};
    c.groups = groups;
    return c;
}

Activation relu() {
    return Activation{ActivationKind::Relu, 0.01f};
}

Activation leaky(float slope) {
    return Activation{ActivationKind::LeakyRelu, slope};
}

MaxPool2d maxPool(int k, int s, int pad = 0, int dilation = 1, bool ceil = false) {
    return MaxPool2d{{k, k}, {s, s}, {pad, pad}, {dilation, dilation}, ceil};
}

AvgPool2d avgPool(int k, int s, int pad = 0, bool ceil = false, bool includePad = true) {
    return AvgPool2d{{k, k}, {s, s}, {pad, pad}, ceil, includePad};
}

// A VGG block on a 3-channel picture: conv(3→4, 3×3, pad 1) → ReLU → conv(4→4, 3×3, pad 1)
// → ReLU → max 2.
std::vector<Layer> vggBlock(std::mt19937& rng) {
    return {conv(randomWeights(4, 3, 3, 3, rng), 1), relu(), conv(randomWeights(4, 4, 3, 3, rng), 1), relu(),
            maxPool(2, 2)};
}

Shape shape(int c, int h, int w) {
    return Shape{c, h, w};
}

// Plans the layers, checks each layer's input and output shape against `expected` (the
// input, then each layer's output), then runs them and checks the maps have those shapes.
void checkShapes(const Shape& input, const std::vector<Layer>& layers, const std::vector<Shape>& expected,
                 std::mt19937& rng) {
    REQUIRE(expected.size() == layers.size() + 1);
    const StackPlan plan = planStack(input, layers);
    INFO(plan.error.message);
    REQUIRE(plan.ok());
    REQUIRE(plan.plans.size() == layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
        INFO("layer " << i + 1 << " " << layerLabel(layers[i]));
        CHECK(plan.plans[i].in == expected[i]);
        CHECK(plan.plans[i].out == expected[i + 1]);
    }
    CHECK(plan.output() == expected.back());
    const auto outputs = runStack(randomTensor(input.channels, input.height, input.width, rng), layers);
    REQUIRE(outputs.ok());
    REQUIRE(outputs->size() == layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) CHECK(shapeOf((*outputs)[i].values) == expected[i + 1]);
}

}  // namespace

TEST_CASE("relu and leaky relu act as PyTorch's, NaN passing through", "[stack][activation]") {
    const Activation r = relu();
    const Activation l = leaky(0.2f);
    CHECK(activate(-2.0f, r) == 0.0f);
    CHECK(activate(3.5f, r) == 3.5f);
    CHECK(activate(-2.0f, l) == Approx(-0.4f));
    CHECK(activate(3.0f, l) == 3.0f);
    CHECK(std::isnan(activate(kNaN, r)));
    CHECK(std::isnan(activate(kNaN, l)));
    CHECK(activate(-std::numeric_limits<float>::infinity(), r) == 0.0f);
    CHECK(parseActivation("leaky_relu").value() == ActivationKind::LeakyRelu);
    CHECK(parseActivation("relu").value() == ActivationKind::Relu);
    CHECK_FALSE(parseActivation("tanh").ok());
    // No activation is no layer now, so "none" is not an activation's name, and the message
    // must not offer it as one.
    const auto none = parseActivation("none");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "unknown activation \"none\" (relu or leaky_relu)");
}

TEST_CASE("shapes flow through layers in any order by the size formulas", "[stack]") {
    std::mt19937 rng(1);
    SECTION("conv-ReLU-conv-ReLU-pool: 'same'-sized convs, the pool halves") {
        checkShapes(shape(3, 32, 32), vggBlock(rng),
                    {shape(3, 32, 32), shape(4, 32, 32), shape(4, 32, 32), shape(4, 32, 32), shape(4, 32, 32),
                     shape(4, 16, 16)},
                    rng);
    }
    SECTION("conv-conv: 20 − 5 + 1 = 16, then floor((16 − 3)/2) + 1 = 7") {
        checkShapes(shape(3, 20, 20),
                    {conv(randomWeights(4, 3, 5, 5, rng), 0), conv(randomWeights(2, 4, 3, 3, rng), 0, 2)},
                    {shape(3, 20, 20), shape(4, 16, 16), shape(2, 7, 7)}, rng);
    }
    SECTION("pool first: max 3/2 on 17 gives floor(14/2) + 1 = 8; avg 2/2 ceil on 8 gives 4; a 1×1 conv") {
        checkShapes(shape(3, 17, 17), {maxPool(3, 2), avgPool(2, 2, 0, true), conv(randomWeights(5, 3, 1, 1, rng), 0)},
                    {shape(3, 17, 17), shape(3, 8, 8), shape(3, 4, 4), shape(5, 4, 4)}, rng);
    }
    SECTION("ceil mode keeps the partial last window: avg 2/2 ceil on 17 gives ceil(15/2) + 1 = 9") {
        checkShapes(shape(2, 17, 11), {avgPool(2, 2, 0, true)}, {shape(2, 17, 11), shape(2, 9, 6)}, rng);
    }
    SECTION("ReLU first, then leaky ReLU, then a depthwise conv with multiplier 2 and stride 2") {
        checkShapes(shape(2, 5, 7), {relu(), leaky(0.1f), conv(randomWeights(4, 1, 3, 3, rng), 1, 2, 1, 2)},
                    {shape(2, 5, 7), shape(2, 5, 7), shape(2, 5, 7), shape(4, 3, 4)}, rng);
    }
    SECTION("a grouped conv's output has its filter count") {
        checkShapes(shape(8, 9, 9), {conv(randomWeights(6, 4, 3, 3, rng), 0, 1, 1, 2)},
                    {shape(8, 9, 9), shape(6, 7, 7)}, rng);
    }
}

TEST_CASE("a stack has 1 to 12 layers", "[stack]") {
    std::mt19937 rng(7);
    const Shape in = shape(1, 8, 8);
    const StackPlan twelve = planStack(in, std::vector<Layer>(12, relu()));
    CHECK(twelve.ok());
    CHECK(twelve.plans.size() == 12);
    CHECK(kMaxLayers == 12);

    for (std::size_t count : {std::size_t{0}, std::size_t{13}}) {
        INFO(count << " layers");
        const StackPlan plan = planStack(in, std::vector<Layer>(count, relu()));
        CHECK_FALSE(plan.ok());
        CHECK(plan.plans.empty());
        CHECK(plan.error.id == "stack_size");
        CHECK(plan.error.message == "a stack has 1 to 12 layers, not " + std::to_string(count));
        CHECK(plan.namedError().message == plan.error.message);  // no layer is at fault
        const auto run = runStack(randomTensor(1, 8, 8, rng), std::vector<Layer>(count, relu()));
        REQUIRE_FALSE(run.ok());
        CHECK(run.error().message == plan.error.message);
    }
}

TEST_CASE("a layer that cannot run stops the plan, which names it", "[stack]") {
    std::mt19937 rng(2);
    SECTION("the third layer's kernel expects 3 channels but the first conv makes 4") {
        std::vector<Layer> layers{conv(randomWeights(4, 3, 3, 3, rng), 1), relu(),
                                  conv(randomWeights(2, 3, 3, 3, rng), 1), relu()};
        const StackPlan plan = planStack(shape(3, 16, 16), layers);
        CHECK_FALSE(plan.ok());
        CHECK(plan.failed == 2);
        CHECK(plan.plans.size() == 2);  // the layers before it
        CHECK(plan.output() == shape(4, 16, 16));
        CHECK(plan.error.id == "kernel_channel_mismatch");
        // The plan keeps the layer's own error; namedError() names the layer, as runStack does.
        CHECK(plan.error.message == "the kernel expects 3 input channel(s) but the input has 4");
        CHECK(plan.namedError().message == "layer 3: the kernel expects 3 input channel(s) but the input has 4");

        // runStack refuses with the same message; runStackInto computes the layers that can run.
        const Tensor input = randomTensor(3, 16, 16, rng);
        const auto run = runStack(input, layers);
        REQUIRE_FALSE(run.ok());
        CHECK(run.error().message == plan.namedError().message);
        std::vector<LayerOutput> outputs;
        LayerWorkspace workspace;
        const Status s = runStackInto(input, layers, plan, outputs, workspace);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message == plan.namedError().message);
        REQUIRE(outputs.size() >= 2);
        const auto first = conv2d(input, std::get<Conv2d>(layers[0]).weights, {},
                                  *convParams(std::get<Conv2d>(layers[0]), shapeOf(input)));
        REQUIRE(first.ok());
        CHECK(outputs[0].values == *first);
        CHECK(shapeOf(outputs[1].values) == shape(4, 16, 16));
    }
    SECTION("a pool larger than the map it gets: layer 4 of conv → ReLU → max 2 → max 5") {
        std::vector<Layer> layers{conv(randomWeights(2, 1, 3, 3, rng), 0), relu(), maxPool(2, 2), maxPool(5, 1)};
        // 10 → 8 → 8 → 4, and a 5-window does not fit in 4.
        const StackPlan plan = planStack(shape(1, 10, 10), layers);
        CHECK(plan.failed == 3);
        CHECK(plan.namedError().message.rfind("layer 4: ", 0) == 0);
        CHECK_THAT(plan.error.message, Catch::Contains("floor((4 + 2·0 − 1·(5−1) − 1)/1) + 1 = 0"));
    }
    SECTION("grouped conv whose groups do not divide the channels it receives") {
        std::vector<Layer> layers{maxPool(2, 2), conv(randomWeights(4, 2, 3, 3, rng), 1, 1, 1, 2)};
        const StackPlan plan = planStack(shape(3, 8, 8), layers);
        CHECK(plan.failed == 1);
        CHECK(plan.error.id == "groups_channels");
        CHECK(plan.namedError().message.rfind("layer 2: groups = 2 with kernel slices of 2 channel(s) expects 2·2 = 4",
                                              0) == 0);
    }
}

TEST_CASE("runStackInto keeps one output per layer as layers come and go", "[stack]") {
    std::mt19937 rng(8);
    const Tensor input = randomTensor(3, 12, 12, rng);
    std::vector<Layer> layers = vggBlock(rng);
    LayerWorkspace workspace;
    std::vector<LayerOutput> outputs;
    REQUIRE(runStackInto(input, layers, planStack(shapeOf(input), layers), outputs, workspace).ok());
    CHECK(outputs.size() == 5);

    // The person removes the last three layers: the outputs are the two layers' maps, not
    // two fresh maps followed by the removed layers' stale ones (a caller writing
    // layer1.npy … layerN.npy or drawing one view per output relies on the count).
    layers.resize(2);
    REQUIRE(runStackInto(input, layers, planStack(shapeOf(input), layers), outputs, workspace).ok());
    CHECK(outputs.size() == 2);
    CHECK(shapeOf(outputs.back().values) == shape(4, 12, 12));

    // Recomputing from layer 1 on after a change to it leaves layer 0's map as it was.
    const Tensor first = outputs[0].values;
    std::get<Activation>(layers[1]) = leaky(0.5f);
    REQUIRE(runStackInto(input, layers, planStack(shapeOf(input), layers), outputs, workspace, 1).ok());
    CHECK(outputs[0].values == first);
    for (std::size_t i = 0; i < first.data.size(); ++i) {
        const float x = first.data[i];
        INFO("value " << i);
        CHECK(outputs[1].values.data[i] == (x > 0 ? x : 0.5f * x));
    }
}

TEST_CASE("a conv layer's cost counts its weights, bias and multiply-adds", "[stack][cost]") {
    std::mt19937 rng(3);
    SECTION("grouped: 8 → 12 channels in 4 groups, 3×3, bias, on 10×10 with padding 1") {
        Conv2d grouped = conv(randomWeights(12, 2, 3, 3, rng), 1, 1, 1, 4);
        grouped.bias.assign(12, 0.5f);
        Conv2d full = conv(randomWeights(12, 8, 3, 3, rng), 1);
        full.bias.assign(12, 0.5f);
        const StackPlan plan = planStack(shape(8, 10, 10), {grouped, relu()});
        const StackPlan fullPlan = planStack(shape(8, 10, 10), {full, maxPool(2, 2)});
        REQUIRE(plan.ok());
        REQUIRE(fullPlan.ok());
        // Each filter reads 8/4 = 2 channels: 12 filters · 2 · 3 · 3 weights + 12 biases;
        // each of the 12·10·10 outputs takes 2·3·3 multiply-adds.
        CHECK(plan.plans[0].cost.parameters == 12 * 2 * 3 * 3 + 12);
        CHECK(plan.plans[0].cost.multiplyAdds == 12 * 10 * 10 * (2 * 3 * 3));
        // The full conv on the same input reads all 8 channels: four times the weights and work.
        CHECK(fullPlan.plans[0].cost.parameters == 12 * 8 * 3 * 3 + 12);
        CHECK(fullPlan.plans[0].cost.multiplyAdds == 12 * 10 * 10 * (8 * 3 * 3));
        const LayerCost asFull = fullConvCost(grouped, plan.plans[0]);
        CHECK(asFull.parameters == 12 * 8 * 3 * 3 + 12);
        CHECK(asFull.multiplyAdds == 12 * 10 * 10 * (8 * 3 * 3));
        // ReLU and pooling learn nothing and are not counted as multiply-adds.
        CHECK(plan.plans[1].cost.parameters == 0);
        CHECK(plan.plans[1].cost.multiplyAdds == 0);
        CHECK(fullPlan.plans[1].cost.parameters == 0);
        CHECK(fullPlan.plans[1].cost.multiplyAdds == 0);
        const LayerCost total = totalCost(fullPlan);
        CHECK(total.parameters == 12 * 8 * 9 + 12);
        CHECK(total.multiplyAdds == 1200 * 72);
    }
    SECTION("depthwise with multiplier 2, 5×5, stride 2, no bias, on 8×21×21 with padding 2") {
        const Conv2d dw = conv(randomWeights(16, 1, 5, 5, rng), 2, 2, 1, 8);
        const StackPlan plan = planStack(shape(8, 21, 21), {dw});
        REQUIRE(plan.ok());
        // Output floor((21 + 4 − 5)/2) + 1 = 11; 16 filters of one 5×5 slice each.
        CHECK(plan.output() == shape(16, 11, 11));
        CHECK(plan.plans[0].cost.parameters == 16 * 25);
        CHECK(plan.plans[0].cost.multiplyAdds == 16 * 11 * 11 * 25);
        CHECK(fullConvCost(dw, plan.plans[0]).parameters == 16 * 8 * 25);
        CHECK(fullConvCost(dw, plan.plans[0]).multiplyAdds == 16 * 11 * 11 * 8 * 25);
    }
}

TEST_CASE("each channel's partial sum plus the bias is the output value", "[stack][trace]") {
    std::mt19937 rng(3);
    const Tensor input = randomTensor(3, 6, 6, rng);
    Conv2d layer = conv(randomWeights(2, 3, 3, 3, rng), 1);
    layer.bias = {0.5f, -0.25f};
    const ConvParams params = *convParams(layer, shapeOf(input));
    const Tensor out = *conv2d(input, layer.weights, layer.bias, params);
    for (int oc = 0; oc < 2; ++oc) {
        auto trace = traceConv(input, layer.weights, layer.bias, params, oc, 2, 3);
        REQUIRE(trace.ok());
        const auto partial = channelSums(*trace);
        REQUIRE(partial.size() == 3);
        // Each partial sum is its channel's products, recomputed here from the input and weights.
        for (int c = 0; c < 3; ++c) {
            double expected = 0.0;
            for (int m = 0; m < 3; ++m)
                for (int n = 0; n < 3; ++n) {
                    const int r = 2 + m - 1, col = 3 + n - 1;  // padding 1
                    if (r >= 0 && r < 6 && col >= 0 && col < 6)
                        expected += double(input.at(c, r, col)) * layer.weights.at(oc, c, m, n);
                }
            CHECK(partial[c] == Approx(expected).epsilon(1e-5));
        }
        CHECK(partial[0] + partial[1] + partial[2] + layer.bias[oc] == Approx(out.at(oc, 2, 3)).epsilon(1e-5));
        CHECK(trace->sum == Approx(out.at(oc, 2, 3)).epsilon(1e-5));
    }
}

namespace {

// Level l of a run: the input (l = 0), then the output of layer l − 1.
const Tensor& levelMap(const Tensor& input, const std::vector<LayerOutput>& outputs, std::size_t level) {
    return level == 0 ? input : outputs[level - 1].values;
}

// How many channels of (row, col) hold a NaN.
int nanChannels(const Tensor& t, int row, int col) {
    int n = 0;
    for (int c = 0; c < t.channels; ++c) n += std::isnan(t.at(c, row, col)) ? 1 : 0;
    return n;
}

// Compares one level of a poisoned run with a lineage: a marked cell is NaN in every
// channel, an unmarked one in none. Returns the number of cells that disagree, with the
// first in `first`.
int disagreements(const Tensor& map, const CellSets& sets, int level, std::string& first) {
    int wrong = 0;
    for (int y = 0; y < map.height; ++y)
        for (int x = 0; x < map.width; ++x) {
            const int nans = nanChannels(map, y, x);
            const bool marked = sets.contains(level, y, x);
            if ((marked && nans != map.channels) || (!marked && nans != 0)) {
                if (wrong++ == 0) {
                    std::ostringstream s;
                    s << "level " << level << " cell (" << y << "," << x << "): lineage "
                      << (marked ? "marks" : "leaves") << " it, NaN in " << nans << " of " << map.channels
                      << " channel(s)";
                    first = s.str();
                }
            }
        }
    return wrong;
}

// Brute force through every kind: a NaN put into input pixel (r, c) turns exactly the
// cells that depend on it into NaN — conv multiplies it by every weight (NaN·0 is NaN too),
// ReLU and leaky ReLU pass it on, max pooling lets a NaN win and average pooling sums it.
//
// Lineage tracks positions, not channels, while a grouped or depthwise conv carries a NaN in
// channel c only to the filters of c's group. So the NaN goes into EVERY channel at the
// position: then every filter of every group reads it, and a cell lineage marks must be
// NaN in all its channels, a cell it leaves in none.
//
// Then the same from a cell of each intermediate level (poison that map, run the layers
// after it with runStackInto's `from`), and backwards: the footprint of each last-level cell
// holds (r, c) exactly when the NaN reached it.
void checkLineageAgainstNaN(const std::vector<Layer>& layers, const Tensor& input) {
    const StackPlan plan = planStack(shapeOf(input), layers);
    INFO(plan.error.message);
    REQUIRE(plan.ok());
    const std::vector<LayerWindows> windows = stackWindows(plan);
    REQUIRE(windows.size() == layers.size());
    LayerWorkspace workspace;
    std::vector<LayerOutput> clean;
    REQUIRE(runStackInto(input, layers, plan, clean, workspace).ok());
    const std::size_t last = layers.size();
    int checkedNaN = 0;

    for (std::size_t from = 0; from < last; ++from) {
        const Tensor& map = levelMap(input, clean, from);
        for (int r = 0; r < map.height; ++r)
            for (int c = 0; c < map.width; ++c) {
                INFO("NaN at level " << from << " (" << r << "," << c << ")");
                std::vector<LayerOutput> outputs = clean;
                Tensor poisonedInput = input;
                Tensor& target = from == 0 ? poisonedInput : outputs[from - 1].values;
                for (int ch = 0; ch < target.channels; ++ch) target.at(ch, r, c) = kNaN;
                REQUIRE(runStackInto(poisonedInput, layers, plan, outputs, workspace, static_cast<int>(from)).ok());
                const CellSets sets = lineage(windows, static_cast<int>(from), r, c);
                std::string first;
                int wrong = 0;
                for (std::size_t level = from + 1; level <= last; ++level)
                    wrong +=
                        disagreements(levelMap(poisonedInput, outputs, level), sets, static_cast<int>(level), first);
                INFO(first);
                CHECK(wrong == 0);
                const std::vector<float>& deepest = outputs.back().values.data;
                checkedNaN +=
                    std::any_of(deepest.begin(), deepest.end(), [](float v) { return std::isnan(v); }) ? 1 : 0;

                if (from != 0) continue;
                const Tensor& out = outputs.back().values;
                int backWrong = 0;
                for (int y = 0; y < out.height; ++y)
                    for (int x = 0; x < out.width; ++x) {
                        const CellSets back = lineage(windows, static_cast<int>(last), y, x);
                        if (back.contains(0, r, c) != (nanChannels(out, y, x) > 0)) ++backWrong;
                    }
                CHECK(backWrong == 0);
            }
    }
    // The brute force is only a test if some NaN made it through the whole stack.
    CHECK(checkedNaN > 0);
}

}  // namespace

TEST_CASE("lineage marks exactly the cells a NaN reaches, through every kind of layer", "[stack][lineage]") {
    std::mt19937 rng(4);
    SECTION("VGG block: conv, ReLU, conv, ReLU, max pool") {
        checkLineageAgainstNaN(vggBlock(rng), randomTensor(3, 10, 10, rng));
    }
    SECTION("dilation with reflect padding, leaky ReLU, strided conv, avg pool with ceil mode and padding") {
        const std::vector<Layer> layers{conv(randomWeights(2, 1, 3, 3, rng), 2, 1, 2, 1, PaddingMode::Reflect),
                                        leaky(0.1f), conv(randomWeights(2, 2, 2, 2, rng), 0, 2),
                                        avgPool(3, 2, 1, true, false)};
        checkLineageAgainstNaN(layers, randomTensor(1, 11, 9, rng));
    }
    SECTION("circular padding with a tall kernel, then dilated max pooling with padding and ceil mode") {
        Conv2d tall = conv(randomWeights(1, 1, 3, 1, rng), 1, 1, 1, 1, PaddingMode::Circular);
        tall.padding = {PaddingSpec::Kind::Explicit, 1, 0};
        checkLineageAgainstNaN({tall, relu(), maxPool(3, 2, 1, 2, true)}, randomTensor(1, 9, 8, rng));
    }
    SECTION("pool first, then replicate padding and an avg pool counting its padding") {
        checkLineageAgainstNaN(
            {maxPool(3, 2, 1, 1, true), conv(randomWeights(2, 2, 3, 3, rng), 2, 1, 1, 1, PaddingMode::Replicate),
             avgPool(2, 1, 1, false, true)},
            randomTensor(2, 11, 10, rng));
    }
    SECTION("grouped conv (G = 2) and depthwise conv with multiplier 2, stride 2 and dilation 2") {
        checkLineageAgainstNaN({conv(randomWeights(4, 2, 3, 3, rng), 1, 1, 1, 2, PaddingMode::Zeros), relu(),
                                conv(randomWeights(8, 1, 3, 3, rng), 2, 2, 2, 4, PaddingMode::Reflect), leaky(0.2f),
                                conv(randomWeights(2, 8, 1, 1, rng), 0)},
                               randomTensor(4, 12, 11, rng));
    }
    SECTION("depthwise separable with circular and 'same' padding") {
        Conv2d dw = conv(randomWeights(3, 1, 4, 4, rng), 0, 1, 1, 3, PaddingMode::Circular);
        dw.padding = {PaddingSpec::Kind::Same, 0, 0};  // 4×4: 1 before, 2 after
        checkLineageAgainstNaN({dw, conv(randomWeights(5, 3, 1, 1, rng), 0), relu()}, randomTensor(3, 9, 9, rng));
    }
    SECTION("transposed convs: the autoencoder round trip, kernel 3 stride 2 (uneven stamps)") {
        checkLineageAgainstNaN(
            {conv(randomWeights(3, 2, 3, 3, rng), 1, 2), relu(), convT(randomWeights(3, 2, 3, 3, rng), 2, 1, 1)},
            randomTensor(2, 9, 8, rng));
    }
    SECTION("transposed convs: stride past the kernel (cells no stamp reaches), dilation, groups, cropping") {
        ConvTranspose2d wide = convT(randomWeights(2, 2, 2, 2, rng), 3, 0, 2);
        wide.outputPadding = {2, 1};
        // 2 → 2 channels, 13×9; groups 2 (2 → 4), padding 5 past d·(k − 1) = 4 (the equivalent
        // convolution crops), 8×4; max 2, 4×2; kernel 4 stride 2, 8×4.
        checkLineageAgainstNaN({wide, leaky(0.1f), convT(randomWeights(2, 2, 3, 3, rng), 1, 5, 1, 2, 2), maxPool(2, 2),
                                convT(randomWeights(4, 2, 4, 4, rng), 2, 1)},
                               randomTensor(2, 4, 3, rng));
    }
}

TEST_CASE("receptive field size, jump and start describe each cell's footprint", "[stack][field]") {
    std::mt19937 rng(5);
    // Dilation leaves holes inside a field, a stride multiplies the jump, padding moves the
    // start before the input, an element-wise layer changes nothing.
    const std::vector<Layer> layers{conv(randomWeights(2, 1, 3, 3, rng), 1, 1, 2), relu(),
                                    conv(randomWeights(2, 1, 3, 3, rng), 0, 2, 1, 2), maxPool(3, 1, 1),
                                    avgPool(2, 2, 1, true)};
    const StackPlan plan = planStack(shape(1, 40, 40), layers);
    REQUIRE(plan.ok());
    const auto windows = stackWindows(plan);
    const auto fields = receptiveFields(windows);
    const auto sizes = levelSizes(windows);
    REQUIRE(fields.size() == layers.size() + 1);
    REQUIRE(sizes.size() == layers.size() + 1);
    int whole = 0;
    for (std::size_t level = 0; level < fields.size(); ++level) {
        const FieldAxis& f = fields[level].rows;
        for (std::int64_t o = 0; o < sizes[level].height; ++o) {
            // The field of cell o spans [start + o·jump, start + o·jump + size − 1]; the cells
            // lineage finds lie in it, and where it lies inside the input they reach both ends.
            const CellSets sets = lineage(windows, static_cast<int>(level), o, 0);
            const auto& rows = sets.rows[0];
            const std::int64_t first = std::find(rows.begin(), rows.end(), 1) - rows.begin();
            const std::int64_t last = rows.rend() - std::find(rows.rbegin(), rows.rend(), 1) - 1;
            const std::int64_t lo = f.start + o * f.jump;
            const std::int64_t hi = lo + f.size - 1;
            INFO("level " << level << " row " << o << ": footprint " << first << ".." << last << ", field " << lo
                          << ".." << hi);
            CHECK(first >= lo);
            CHECK(last <= hi);
            if (lo >= 0 && hi < 40) {
                CHECK(first == lo);
                CHECK(last == hi);
                ++whole;
            }
        }
    }
    CHECK(whole > 20);
    // By hand: the dilated 3×3 spans 5 (start −1); ReLU adds nothing; the stride-2 3×3 adds
    // 2·1 (jump 2); the 3×3 pool adds 2·2 and moves the start by 1·2; the avg 2 adds 1·2,
    // start −1·2 more, jump 4.
    CHECK(fields[1].rows == FieldAxis{5, 1, -1});
    CHECK(fields[2].rows == FieldAxis{5, 1, -1});
    CHECK(fields[3].rows == FieldAxis{7, 2, -1});
    CHECK(fields[4].rows == FieldAxis{11, 2, -3});
    CHECK(fields[5].rows == FieldAxis{13, 4, -5});
    CHECK(fields[5].cols == fields[5].rows);
}

TEST_CASE("a transposed layer's field counts in fractions of a pixel and bounds its footprint",
          "[stack][field][convt]") {
    std::mt19937 rng(7);
    const std::vector<Layer> layers{
        conv(randomWeights(2, 1, 3, 3, rng), 1, 2), relu(), convT(randomWeights(2, 2, 3, 3, rng), 2, 1, 1),
        convT(randomWeights(2, 2, 4, 4, rng), 2, 1), conv(randomWeights(1, 2, 3, 3, rng), 1)};
    const StackPlan plan = planStack(shape(1, 12, 12), layers);
    REQUIRE(plan.ok());
    const auto windows = stackWindows(plan);
    const auto fields = receptiveFields(windows);
    const auto sizes = levelSizes(windows);
    // By hand: conv 3/2 pad 1: size 3, jump 2, start −1 (ReLU keeps it). The transposed
    // 3/2 pad 1 (its equivalent conv pads 2·1 − 1 = 1 before) counts in half pixels: size
    // 3·2 + 2·2 = 10, start −1·2 − 1·2 = −4, jump 2, scale 2, which is {5, 1, −2} in whole
    // pixels: a jump of one input pixel, as up by 2 after down by 2 should give.
    CHECK(fields[3].rows == FieldAxis{5, 1, -2, 1});
    // The second transposed layer (k 4, s 2, pad 1) halves it again: size 5·2 + 3·1 = 13,
    // start −2·2 − 2·1 = −6, jump 1, scale 2.
    CHECK(fields[4].rows == FieldAxis{13, 1, -6, 2});
    int whole = 0;
    for (std::size_t level = 0; level < fields.size(); ++level) {
        const FieldAxis& f = fields[level].rows;
        for (std::int64_t o = 0; o < sizes[level].height; ++o) {
            const CellSets sets = lineage(windows, static_cast<int>(level), o, 0);
            const auto& rows = sets.rows[0];
            const std::int64_t first = std::find(rows.begin(), rows.end(), 1) - rows.begin();
            const std::int64_t last = rows.rend() - std::find(rows.rbegin(), rows.rend(), 1) - 1;
            const FieldSpan span = f.of(o);
            INFO("level " << level << " row " << o << ": footprint " << first << ".." << last << ", field "
                          << span.first << ".." << span.last);
            CHECK(first >= span.first);
            CHECK(last <= span.last);
            // Before the first transposed layer the field is the footprint's exact hull; past it, a
            // bound (a transposed cell reads whole cells of its input, the arithmetic a fraction).
            if (level <= 2 && span.first >= 0 && span.last < 12) {
                CHECK(first == span.first);
                CHECK(last == span.last);
                ++whole;
            }
        }
    }
    CHECK(whole > 5);
}

TEST_CASE("padding moves a field's start before the input", "[stack][field]") {
    std::mt19937 rng(6);
    const std::vector<Layer> layers{conv(randomWeights(4, 3, 3, 3, rng), 1), relu(), maxPool(2, 2),
                                    conv(randomWeights(2, 4, 3, 3, rng), 0)};
    const StackPlan plan = planStack(shape(3, 32, 32), layers);
    REQUIRE(plan.ok());
    const auto fields = receptiveFields(stackWindows(plan));
    // conv pad 1: start −1; ReLU: unchanged; pool 2 (stride 2): jump 2; conv 3×3 pad 0: size 4 + 2·2.
    CHECK(fields[1].rows == FieldAxis{3, 1, -1});
    CHECK(fields[2].rows == FieldAxis{3, 1, -1});
    CHECK(fields[3].rows == FieldAxis{4, 2, -1});
    CHECK(fields[4].rows == FieldAxis{8, 2, -1});
}

TEST_CASE("a run reports its layer and bands, and a cancelled run stops before the next layer", "[stack][progress]") {
    std::mt19937 rng(9);
    const Tensor input = randomTensor(1, 64, 64, rng);
    Conv2d first = conv(randomWeights(1, 1, 3, 3, rng), 1);
    std::vector<Layer> layers{first, Activation{}, first};
    const StackPlan plan = planStack(shapeOf(input), layers);
    LayerWorkspace workspace;
    std::vector<LayerOutput> storage(3);
    const std::vector<LayerOutput*> at{&storage[0], &storage[1], &storage[2]};

    StackProgress progress;
    REQUIRE(runStackInto(input, layers, plan, at, workspace, 0, -1, &progress).ok());
    CHECK(progress.layer.load() == 2);  // the last layer ran, and all its bands
    CHECK(progress.tasks.total.load() > 0);
    CHECK(progress.tasks.done.load() == progress.tasks.total.load());
    const auto whole = runStack(input, layers);
    REQUIRE(whole.ok());
    CHECK(storage[2].values == (*whole)[2].values);

    // Cancelled (by the app when a newer change arrives): no band of the next layer runs.
    StackProgress cancelled;
    cancelled.tasks.cancelled = true;
    std::vector<LayerOutput> untouched(3);
    const std::vector<LayerOutput*> at2{&untouched[0], &untouched[1], &untouched[2]};
    REQUIRE(runStackInto(input, layers, plan, at2, workspace, 0, -1, &cancelled).ok());
    CHECK(cancelled.tasks.done.load() == 0);
    CHECK(untouched[0].values.empty());
}
