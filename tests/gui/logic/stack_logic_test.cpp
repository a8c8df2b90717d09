// The stack as the app edits and shows it: channel counts kept consistent, layers and filters
// added and removed, blocks (block.hpp), and the selected block computed exactly as the
// engine's whole stack computes it.
#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "convscope/core/stack.hpp"
#include "logic/pipeline.hpp"
#include "logic/pytorch_snippet.hpp"
#include "logic/quiz.hpp"
#include "logic/session_bridge.hpp"
#include "logic/stack_edit.hpp"
#include "logic/view_slots.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

core::Tensor rgbPicture() {
    core::Tensor t(3, 9, 9);
    for (std::size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>((i * 7) % 11) - 5.0f;
    return t;
}

// The student's stack, built by clicks: conv(3→4, 3×3) → ReLU → max 2 → conv(4→2, 3×3).
State studentState() {
    State s = defaultState();
    s.compute.setPicture(rgbPicture());
    conformStack(s.compute);
    for (int i = 0; i < 3; ++i) REQUIRE(addFilter(s.compute));
    const core::Activation relu;
    setBlockActivation(s.compute, &relu);
    s.compute.selected.layer = 2;  // the max pool
    REQUIRE(insertLayer(s.compute, NewLayer::Conv));
    REQUIRE(removeFilter(s.compute));
    REQUIRE(removeFilter(s.compute));
    conformStack(s.compute);
    return s;
}

const core::Conv2d& convAt(const ComputeInputs& c, std::size_t i) {
    return std::get<core::Conv2d>(c.layers[i]);
}

// The pipeline's result for `c`, computed to the end.
PipelineResult computed(const ComputeInputs& c) {
    Pipeline p;
    p.update(c);
    p.finish();
    return p.result();
}

}  // namespace

TEST_CASE("a picture turning RGB gives the kernel one slice per channel, each a copy", "[gui][stack]") {
    State s = defaultState();
    const core::Weights before = s.compute.conv()->weights;
    s.compute.setPicture(rgbPicture());
    conformStack(s.compute);
    const core::Weights& w = s.compute.conv()->weights;
    REQUIRE(w.inChannels == 3);
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 9; ++i) CHECK(kernelSlice(w, 0, c)[i] == before.data[static_cast<std::size_t>(i)]);
}

TEST_CASE("the channels a stack reads decide whether a new picture opens in colour", "[gui][stack]") {
    // A trained RGB kernel behind a ReLU: 3, so its three slices are kept.
    core::Conv2d rgb;
    rgb.weights = core::Weights(4, 3, 3, 3);
    CHECK(channelsRead({core::Activation{}, rgb}) == 3);
    // Depthwise over 3 channels reads 3 too: one slice per group.
    core::Conv2d depthwise;
    depthwise.weights = core::Weights(3, 1, 3, 3);
    depthwise.groups = 3;
    CHECK(channelsRead({depthwise}) == 3);
    // A transposed conv reads its weight's first dimension.
    core::ConvTranspose2d up;
    up.weights = core::Weights(3, 2, 3, 3);
    CHECK(channelsRead({up}) == 3);
    CHECK(channelsRead({core::MaxPool2d{}}) == 0);
    CHECK(channelsRead(defaultState().compute.layers) == 1);
}

TEST_CASE("layers and filters keep the channel counts flowing through the stack", "[gui][stack]") {
    State s = studentState();
    const ComputeInputs& c = s.compute;
    REQUIRE(c.layers.size() == 4);
    CHECK(core::layerType(c.layers[1]) == "relu");
    CHECK(core::layerType(c.layers[2]) == "max_pool2d");
    CHECK(convAt(c, 0).weights.outChannels == 4);
    CHECK(convAt(c, 0).weights.inChannels == 3);
    CHECK(convAt(c, 3).weights.inChannels == 4);
    CHECK(convAt(c, 3).weights.outChannels == 2);
    CHECK(c.selected.layer == 3);
    // Filters added on a 3×3 kernel differ, so their maps do too.
    const core::Weights& first = convAt(c, 0).weights;
    CHECK(std::vector<float>(kernelSlice(first, 0, 0), kernelSlice(first, 0, 0) + 9) !=
          std::vector<float>(kernelSlice(first, 1, 0), kernelSlice(first, 1, 0) + 9));
    CHECK(core::planStack({3, 9, 9}, c.layers).ok());

    // Removing a filter of the first conv removes the slice of the next conv that read its map.
    s.compute.selected = Selection{0, 1, 0};
    const core::Weights next = convAt(c, 3).weights;
    REQUIRE(removeFilter(s.compute));
    REQUIRE(convAt(c, 3).weights.inChannels == 3);
    for (int f = 0; f < 2; ++f)
        for (int i = 0; i < 9; ++i) {
            CHECK(kernelSlice(convAt(c, 3).weights, f, 0)[i] == kernelSlice(next, f, 0)[i]);
            CHECK(kernelSlice(convAt(c, 3).weights, f, 1)[i] == kernelSlice(next, f, 2)[i]);  // slice 1 is gone
        }

    // The limits: never fewer than one filter or layer, never more than the bound.
    State one = defaultState();
    CHECK_FALSE(removeFilter(one.compute));
    REQUIRE(removeLayer(one.compute));  // the pooling
    CHECK_FALSE(removeLayer(one.compute));
    while (insertLayer(one.compute, NewLayer::Relu)) {
    }
    CHECK(one.compute.layers.size() == static_cast<std::size_t>(core::kMaxLayers));
}

TEST_CASE("blocks gather a conv with the activation and pooling after it", "[gui][stack]") {
    const std::vector<core::Layer> layers{core::MaxPool2d{},  core::Conv2d{},     core::Activation{},
                                          core::AvgPool2d{},  core::Conv2d{},     core::Conv2d{},
                                          core::Activation{}, core::Activation{}, core::MaxPool2d{}};
    const std::vector<Block> blocks = blocksOf(layers);
    REQUIRE(blocks.size() == 5);
    CHECK(blocks[0] == Block{0, 0, -1, -1, 0});  // a lone pooling
    CHECK(blocks[1] == Block{1, 3, 1, 2, 3});    // conv → ReLU → avg
    CHECK(blocks[2] == Block{4, 4, 4, -1, -1});  // conv, followed by another conv
    CHECK(blocks[3] == Block{5, 6, 5, 6, -1});   // conv → ReLU
    CHECK(blocks[4] == Block{7, 8, -1, 7, 8});   // a second ReLU starts its own block, with the pooling
    for (int i = 0; i < 9; ++i) CHECK(blockOf(layers, i).contains(i));
}

TEST_CASE("each block shows one view per map its layers have, in reading order", "[gui][stack][views]") {
    const std::vector<core::Layer> layers{core::MaxPool2d{}, core::Conv2d{},     core::Activation{}, core::AvgPool2d{},
                                          core::Conv2d{},    core::Activation{}, core::Activation{}, core::MaxPool2d{}};
    const auto views = [&](int layer) {
        std::vector<View> out;
        for (const ViewSlot& slot : viewSlots(blockOf(layers, layer), layers)) out.push_back(slot.view);
        return out;
    };
    using V = std::vector<View>;
    CHECK(views(0) == V{View::Conv, View::Pool});  // a lone pooling: the map it reads, its own
    CHECK(views(2) == V{View::Input, View::Kernel, View::Conv, View::Pool});  // conv → ReLU → avg
    CHECK(views(4) == V{View::Input, View::Kernel, View::Conv});              // conv → ReLU
    CHECK(views(6) == V{View::Input, View::Conv, View::Pool});  // a lone ReLU: its input and output, the pooling
    // Each slot names the layer whose map it is.
    const std::vector<ViewSlot> slots = viewSlots(blockOf(layers, 1), layers);
    CHECK(slots.back().layer == 3);
    CHECK(slots.front().layer == 1);
    // The names lessons and sessions use go both ways, and nothing else parses.
    for (View v : {View::Input, View::Kernel, View::Conv, View::Pool}) CHECK(parseViewName(viewName(v)) == v);
    CHECK_FALSE(parseViewName("output").has_value());
}

TEST_CASE("every block's maps are the engine's stack, layer by layer", "[gui][stack][pipeline]") {
    State s = studentState();
    const auto expected = core::runStack(s.compute.input(), s.compute.layers);
    REQUIRE(expected.ok());
    for (int layer = 0; layer < 4; ++layer) {
        s.compute.selected = Selection{layer, 1, 2};
        conformStack(s.compute);
        const PipelineResult r = computed(s.compute);
        REQUIRE(r.hasConv);
        if (layer < 3) {  // conv → ReLU → max
            CHECK(r.block == Block{0, 2, 0, 1, 2});
            CHECK(r.conv().data == (*expected)[0].values.data);
            CHECK(r.activated().data == (*expected)[1].values.data);
            CHECK(r.pool().values.data == (*expected)[2].values.data);
            CHECK(r.stageInput().data == s.compute.input().data);
        } else {
            CHECK(r.block == Block{3, 3, 3, -1, -1});
            CHECK(r.conv().data == (*expected)[3].values.data);
            CHECK_FALSE(r.hasPool);
            CHECK(r.stageInput().data == (*expected)[2].values.data);
        }
        CHECK(r.convInputs.selected.layer == layer);
        REQUIRE(r.plan.plans.size() == 4);
        CHECK(r.plan.plans[3].out.channels == 2);
    }
}

TEST_CASE("a lone pooling or activation shows the map it reads and its own", "[gui][stack][pipeline]") {
    State s = studentState();
    s.compute.selected.layer = 3;
    REQUIRE(insertLayer(s.compute, NewLayer::MaxPool));  // after the last conv: it joins the conv's block
    REQUIRE(s.compute.block() == Block{3, 4, 3, -1, 4});
    s.compute.selected.layer = 4;
    REQUIRE(insertLayer(s.compute, NewLayer::LeakyRelu));  // after the pooling: a lone activation
    const auto expected = core::runStack(s.compute.input(), s.compute.layers);
    REQUIRE(expected.ok());
    const PipelineResult r = computed(s.compute);
    REQUIRE(r.hasConv);
    CHECK(r.block == Block{5, 5, -1, 5, -1});
    CHECK(r.stageInput().data == (*expected)[4].values.data);
    CHECK(r.conv().data == (*expected)[4].values.data);       // without a conv: the block's input
    CHECK(r.activated().data == (*expected)[5].values.data);  // what the conv view shows
}

TEST_CASE("with groups, showing another filter shows (and re-draws) its group's channel", "[gui][stack][pipeline]") {
    State s = defaultState();
    s.compute.setPicture(rgbPicture());
    applyStackPreset(s.compute, StackPreset::DepthwiseSeparable);  // 3 groups of one channel
    Pipeline p;
    p.update(s.compute);
    p.finish();
    CHECK(p.result().inputChannel() == 0);
    const std::uint64_t version = p.result().inputVersion;
    s.compute.selected.filter = 2;
    p.update(s.compute);
    p.finish();
    CHECK(p.result().inputChannel() == 2);
    CHECK(p.result().inputVersion != version);  // the input view's texture is uploaded again
}

TEST_CASE("a layer that cannot run is reported for it, and the last good maps stay", "[gui][stack][pipeline]") {
    State s = studentState();
    Pipeline p;
    p.update(s.compute);
    p.finish();
    const core::Tensor good = p.result().activated();
    // A 9×9 kernel on the last conv's 4×4 input has no valid position.
    core::Weights& w = std::get<core::Conv2d>(s.compute.layers[3]).weights;
    w = core::Weights(w.outChannels, w.inChannels, 9, 9, 1.0f);
    p.update(s.compute);
    p.finish();
    const PipelineResult& r = p.result();
    CHECK_FALSE(r.convError.message.empty());
    CHECK(r.convErrorLayer == 3);
    CHECK(r.activated().data == good.data);
    CHECK(r.plan.plans.size() == 3);
    CHECK(r.plan.failed == 3);
}

TEST_CASE("after any sequence of edits the maps are the whole stack recomputed", "[gui][stack][pipeline]") {
    // The pipeline recomputes from the first changed layer on; edits in random order, some of
    // them invalid, must never leave a map behind.
    State s = studentState();
    std::mt19937 rng(11);
    Pipeline p;
    for (int edit = 0; edit < 60; ++edit) {
        ComputeInputs& c = s.compute;
        const std::size_t at = rng() % c.layers.size();
        if (auto* conv = std::get_if<core::Conv2d>(&c.layers[at])) {
            if (rng() % 3 == 0)
                conv->stride = {1 + static_cast<int>(rng() % 3), 1 + static_cast<int>(rng() % 2)};
            else
                conv->weights.data[rng() % conv->weights.data.size()] = static_cast<float>(rng() % 9) - 4.0f;
        } else if (core::isPool(c.layers[at])) {
            core::PoolParams q = core::poolParams(c.layers[at]);
            q.windowH = 1 + static_cast<int>(rng() % 4);  // 4 cannot run on the last 2×2 maps
            q.mode = rng() % 2 ? core::PoolMode::Max : core::PoolMode::Avg;
            c.layers[at] = core::poolLayer(q);
        } else if (rng() % 2) {
            c.editPicture().data[rng() % c.input().data.size()] += 1.0f;
        }
        c.selected.layer = static_cast<int>(rng() % c.layers.size());
        conformStack(c);
        p.update(c);
        p.finish();
        const PipelineResult& r = p.result();
        const core::StackPlan plan = core::planStack(core::shapeOf(c.input()), c.layers);
        std::vector<core::LayerOutput> fresh;
        core::LayerWorkspace workspace;
        // Every layer that can run (the status names the first that cannot, if any).
        (void)core::runStackInto(c.input(), c.layers, plan, fresh, workspace, 0, static_cast<int>(plan.plans.size()));
        for (std::size_t i = 0; i < plan.plans.size(); ++i) {
            INFO("edit " << edit << ", layer " << i + 1);
            CHECK(r.output(static_cast<int>(i)).values == fresh[i].values);
        }
    }
}

TEST_CASE("depthwise separable and the full conv it replaces give the same maps, cheaper", "[gui][stack]") {
    State s = defaultState();
    s.compute.setPicture(rgbPicture());
    applyStackPreset(s.compute, StackPreset::DepthwiseSeparable);
    const auto separable = core::runStack(s.compute.input(), s.compute.layers);
    const core::StackPlan separablePlan = core::planStack({3, 9, 9}, s.compute.layers);
    CHECK(convAt(s.compute, 0).groups == 3);
    applyStackPreset(s.compute, StackPreset::FullConv);
    const auto full = core::runStack(s.compute.input(), s.compute.layers);
    const core::StackPlan fullPlan = core::planStack({3, 9, 9}, s.compute.layers);
    REQUIRE(separable.ok());
    REQUIRE(full.ok());
    const core::Tensor& a = separable->back().values;
    const core::Tensor& b = full->back().values;
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a.data[i] == Approx(b.data[i]).margin(1e-4));
    // 3·9 + 4·3 weights against 4·3·9; multiply-adds likewise.
    CHECK(core::totalCost(separablePlan).parameters == 3 * 9 + 4 * 3);
    CHECK(core::totalCost(fullPlan).parameters == 4 * 3 * 9);
    CHECK(core::totalCost(separablePlan).multiplyAdds < core::totalCost(fullPlan).multiplyAdds);
}

TEST_CASE("a session whose kernels do not match the channels is refused, the state kept", "[gui][stack][session]") {
    State s = studentState();
    io::Session session = toSession(s);
    std::get<core::Conv2d>(session.layers[3]).weights = core::Weights(2, 5, 3, 3);  // the map has 4 channels
    const State before = s;
    auto applied = applySession(session, s);
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.error().message.find("layer 4") != std::string::npos);
    CHECK(s.compute == before.compute);
}

TEST_CASE("the PyTorch snippet writes the whole stack as nn.Sequential", "[gui][stack]") {
    const std::string py = pytorchSnippet(studentState());
    CHECK(py.find("nn.Conv2d(3, 4, kernel_size=(3, 3)") != std::string::npos);
    CHECK(py.find("nn.ReLU()") != std::string::npos);
    CHECK(py.find("nn.MaxPool2d(kernel_size=(2, 2)") != std::string::npos);
    CHECK(py.find("nn.Conv2d(4, 2, kernel_size=(3, 3)") != std::string::npos);
    CHECK(py.find("model[3].weight.copy_(") != std::string::npos);
}

TEST_CASE("a NaN in the input or kernel is no change on its own: nothing recomputes", "[gui][pipeline]") {
    State s = defaultState();
    s.compute.editPicture().data[3] = std::numeric_limits<float>::quiet_NaN();
    s.compute.conv()->weights.data[0] = std::numeric_limits<float>::quiet_NaN();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    p.finish();
    CHECK_FALSE(p.update(s.compute));  // the same state again
    CHECK_FALSE(p.result().computing);
}

TEST_CASE("a transposed conv inserted after a conv reads its channels, stands as its own block and runs",
          "[gui][stack][convt]") {
    State s = studentState();  // conv(3→4) → ReLU → max 2 → conv(4→2)
    s.compute.selected.layer = 3;
    REQUIRE(insertLayer(s.compute, NewLayer::ConvTranspose));
    const ComputeInputs& c = s.compute;
    REQUIRE(c.layers.size() == 5);
    const auto& up = std::get<core::ConvTranspose2d>(c.layers[4]);
    // (C, OC/groups, KH, KW): in_channels from the layer before, as many out, 3×3, stride 2.
    CHECK(up.weights.outChannels == 2);
    CHECK(up.outChannels() == 2);
    CHECK(up.weights.height == 3);
    CHECK(up.stride == core::Hw{2, 2});
    CHECK(blockOf(c.layers, 4) == Block{4, 4, -1, -1, -1});
    // A ReLU after it starts a block of its own; the stack still plans and computes.
    s.compute.selected.layer = 4;
    REQUIRE(insertLayer(s.compute, NewLayer::Relu));
    const PipelineResult r = computed(s.compute);
    REQUIRE(r.plan.ok());
    // (H − 1)·2 − 0 + 1·(3 − 1) + 0 + 1 on the conv's H×W.
    const int h = r.output(3).values.height;
    CHECK(r.output(4).values.height == (h - 1) * 2 + 3);
    // Growing the channels before it grows its kernel's first dimension.
    s.compute.selected = Selection{3, 0, 0};
    REQUIRE(addFilter(s.compute));
    CHECK(std::get<core::ConvTranspose2d>(s.compute.layers[4]).weights.outChannels == 3);
    CHECK(core::planStack(core::shapeOf(s.compute.input()), s.compute.layers).ok());
}

TEST_CASE("the quiz asks a transposed conv's output size and explains it with its formula", "[gui][quiz][convt]") {
    State s = defaultState();
    s.compute.layers = {core::ConvTranspose2d{}};  // 1 → 1 channel, 3×3, stride 2
    std::get<core::ConvTranspose2d>(s.compute.layers[0]).weights.data.assign(9, 1.0f);
    s.compute.selected = Selection{};
    conformStack(s.compute);
    const PipelineResult r = computed(s.compute);
    REQUIRE(asksTransposed(r));
    const int h = s.compute.input().height, w = s.compute.input().width;
    QuizState q;
    checkSize(q, r, (h - 1) * 2 + 3, (w - 1) * 2 + 3);  // (H − 1)·2 − 0 + 1·(3 − 1) + 0 + 1
    CHECK(q.correct);
    CHECK(q.explanation.find("(" + std::to_string(h) + " − 1)·2 − 2·0 + 1·(3 − 1) + 0 + 1") != std::string::npos);
    checkSize(q, r, 2 * h, 2 * w);
    CHECK_FALSE(q.correct);
}
