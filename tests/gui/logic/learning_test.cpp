// The backward pass and the learn mode as the app runs them: gradient views in the block's
// slots, the gradients the pipeline's worker computes, and learning Sobel x from zeros on the
// 256² sample picture with the lesson's settings, every step run on the worker.
#include <catch2/catch.hpp>

#include "convscope/io/array.hpp"
#include "logic/gradients.hpp"
#include "logic/learning.hpp"
#include "logic/pipeline.hpp"
#include "logic/view_slots.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

core::Conv2d zeroConv3x3() {
    core::Conv2d c;
    c.weights = core::Weights(1, 1, 3, 3);
    c.padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    return c;
}

}  // namespace

TEST_CASE("in the backward pass each map's gradient takes its slot", "[gui][backward]") {
    const std::vector<core::Layer> layers{zeroConv3x3(), core::Activation{}, core::MaxPool2d{}};
    const Block block = blockOf(layers, 0);
    std::vector<View> views;
    for (const ViewSlot& s : viewSlots(block, layers, Pass::Backward)) views.push_back(s.view);
    CHECK(views == std::vector<View>{View::GradInput, View::GradKernel, View::GradConv, View::GradPool});
    for (View v : views) CHECK(parseViewName(viewName(v)) == v);
}

TEST_CASE("the pipeline computes the stack's gradients for the backward views, or says why not", "[gui][backward]") {
    ComputeInputs in;
    in.setPicture(core::Tensor(1, 6, 6));
    for (std::size_t k = 0; k < in.input().size(); ++k) in.editPicture().data[k] = static_cast<float>(k % 7) - 3.0f;
    core::Conv2d conv = zeroConv3x3();
    conv.weights.data = {1, 0, -1, 2, 0, -2, 1, 0, -1};
    in.layers = {conv, core::Activation{}, core::MaxPool2d{}};
    in.gradient.pass = Pass::Backward;
    in.gradient.loss = core::LossKind::Sum;
    Pipeline p;
    p.update(in);
    p.finish();
    const PipelineResult& r = p.result();
    REQUIRE(r.hasGrads);
    auto expected = core::runStack(in.input(), in.layers);
    REQUIRE(expected.ok());
    double sum = 0.0;
    for (float v : expected->back().values.data) sum += v;
    CHECK(r.grads.loss == Approx(sum));
    // The sum's gradient at the pooled output is 1 everywhere; the max pool sends each 1 to its
    // window's winner, where ReLU passes it only if the conv output there was > 0.
    const core::Tensor& atConv = r.grads.atOutput(0);
    const core::Tensor& convOut = (*expected)[0].values;
    const auto& winners = (*expected)[2].indices;
    for (std::size_t k = 0; k < atConv.size(); ++k) {
        const bool winner = std::find(winners.begin(), winners.end(), static_cast<std::int64_t>(k)) != winners.end();
        CHECK(atConv.data[k] == (winner && convOut.data[k] > 0.0f ? 1.0f : 0.0f));
    }
    // Sobel x of the input is 6×6, the stack's output 3×3: no gradients, and the reason.
    in.gradient.loss = core::LossKind::SquaredError;
    p.update(in);
    p.finish();
    CHECK_FALSE(p.result().hasGrads);
    CHECK(p.result().gradError.id == "target_shape_mismatch");
}

TEST_CASE("learning Sobel x from zeros on the 256² picture reaches 10⁻⁶ of the first loss in the lesson's 60 steps",
          "[gui][learn]") {
    auto picture = io::readArray(CONVSCOPE_ASSET_DIR "/samples/grain-256.png");
    REQUIRE(picture.ok());
    State s;
    s.compute.setPicture(core::Tensor(1, 256, 256));
    REQUIRE(picture->data.size() == s.compute.input().size());
    s.compute.editPicture().data = picture->data;  // grey levels in 0…1, as the app reads a picture
    s.compute.layers = {zeroConv3x3()};
    s.compute.gradient.loss = core::LossKind::SquaredError;
    s.compute.gradient.target = TargetKind::SobelX;
    s.learn.stepsRequested = 60;  // LearnSettings' defaults are the lesson's learning rate and momentum
    Pipeline p;
    for (int guard = 0; guard < 1000 && (s.learn.stepsRequested > 0 || p.learning()); ++guard) {
        driveLearning(s, p);
        p.finishLearning();
    }
    driveLearning(s, p);
    REQUIRE(s.learn.losses.size() == 60);
    CHECK(s.learn.losses.back() < 1e-6f * s.learn.losses.front());
    const auto& learned = std::get<core::Conv2d>(s.compute.layers[0]).weights.data;
    const float sobel[9] = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    for (int k = 0; k < 9; ++k) CHECK(learned[static_cast<std::size_t>(k)] == Approx(sobel[k]).margin(1e-3));
}

TEST_CASE("a person's edit during a learning chunk wins over the chunk's weights", "[gui][learn]") {
    State s;
    s.compute.setPicture(core::Tensor(1, 8, 8, 1.0f));
    s.compute.layers = {zeroConv3x3()};
    s.compute.gradient.loss = core::LossKind::SquaredError;
    s.learn.stepsRequested = 1;
    Pipeline p;
    driveLearning(s, p);
    REQUIRE(p.learning());
    std::get<core::Conv2d>(s.compute.layers[0]).weights.data[4] = 5.0f;  // edited while the step runs
    p.finishLearning();
    driveLearning(s, p);
    CHECK(std::get<core::Conv2d>(s.compute.layers[0]).weights.data[4] == 5.0f);
    CHECK(s.learn.losses.empty());
}

TEST_CASE("starting a learning run resets every layer that learns, transposed convs too", "[gui][learn]") {
    State s;
    core::Conv2d conv = zeroConv3x3();
    conv.weights.data.assign(conv.weights.data.size(), 2.0f);
    conv.bias = {3.0f};
    core::ConvTranspose2d up;
    up.weights = core::Weights(1, 1, 2, 2);
    up.weights.data.assign(4, 2.0f);
    up.bias = {3.0f};
    s.compute.layers = {conv, core::Activation{}, up};
    s.learn.losses = {1.0, 0.5};

    resetWeights(s, false, 0);
    for (const core::Layer& layer : s.compute.layers) {
        const core::Weights* w = core::layerWeights(layer);
        if (!w) continue;
        for (float v : w->data) CHECK(v == 0.0f);
        for (float b : *core::layerBias(layer)) CHECK(b == 0.0f);
    }
    CHECK(s.learn.losses.empty());

    resetWeights(s, true, 7);
    const auto& upWeights = std::get<core::ConvTranspose2d>(s.compute.layers[2]).weights.data;
    CHECK(std::any_of(upWeights.begin(), upWeights.end(), [](float v) { return v != 0.0f; }));
    for (float v : upWeights) CHECK(std::abs(v) <= 0.5f);
}
