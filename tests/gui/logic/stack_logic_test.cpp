// The stack as the app edits and shows it: channel counts kept consistent, filters and
// stages added and removed, and the selected stage computed exactly as the engine's whole
// stack computes it.
#include <catch2/catch.hpp>
#include <limits>

#include "convscope/core/stack.hpp"
#include "logic/pipeline.hpp"
#include "logic/pytorch_snippet.hpp"
#include "logic/session_bridge.hpp"
#include "logic/stack_edit.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

core::Tensor rgbPicture() {
    core::Tensor t(3, 9, 9);
    for (std::size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>((i * 7) % 11) - 5.0f;
    return t;
}

// The student's stack: conv(3→4, 3×3) → ReLU → max 2 → conv(4→2, 3×3), built by clicks.
State studentState() {
    State s = defaultState();
    s.compute.input = rgbPicture();
    conformStack(s.compute);
    for (int i = 0; i < 3; ++i) REQUIRE(addFilter(s.compute));
    s.compute.stage().activation.kind = core::Activation::Relu;
    REQUIRE(addStage(s.compute));
    REQUIRE(removeFilter(s.compute));
    REQUIRE(removeFilter(s.compute));
    s.compute.stage().poolEnabled = false;
    conformStack(s.compute);
    return s;
}

}  // namespace

TEST_CASE("a picture turning RGB gives the kernel one slice per channel, each a copy", "[gui][stack]") {
    State s = defaultState();
    const core::Weights before = s.compute.stage().conv.weights;
    s.compute.input = rgbPicture();
    conformStack(s.compute);
    const core::Weights& w = s.compute.stage().conv.weights;
    REQUIRE(w.inChannels == 3);
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 9; ++i) CHECK(kernelSlice(w, 0, c)[i] == before.data[static_cast<std::size_t>(i)]);
}

TEST_CASE("filters and stages keep the channel counts flowing through the stack", "[gui][stack]") {
    State s = studentState();
    const auto& st = s.compute.stages;
    REQUIRE(st.size() == 2);
    CHECK(st[0].conv.weights.outChannels == 4);
    CHECK(st[0].conv.weights.inChannels == 3);
    CHECK(st[1].conv.weights.inChannels == 4);
    CHECK(st[1].conv.weights.outChannels == 2);
    CHECK(s.compute.selected.stage == 1);
    // Filters added on a 3×3 kernel differ, so their maps do too.
    CHECK(std::vector<float>(kernelSlice(st[0].conv.weights, 0, 0), kernelSlice(st[0].conv.weights, 0, 0) + 9) !=
          std::vector<float>(kernelSlice(st[0].conv.weights, 1, 0), kernelSlice(st[0].conv.weights, 1, 0) + 9));
    CHECK(core::planStack(3, 9, 9, st).ok());

    // Removing a filter of stage 1 removes the slice of stage 2 that read its map.
    s.compute.selected = Selection{0, 1, 0};
    const core::Weights next = st[1].conv.weights;
    REQUIRE(removeFilter(s.compute));
    REQUIRE(st[1].conv.weights.inChannels == 3);
    for (int f = 0; f < 2; ++f)
        for (int i = 0; i < 9; ++i) {
            CHECK(kernelSlice(st[1].conv.weights, f, 0)[i] == kernelSlice(next, f, 0)[i]);
            CHECK(kernelSlice(st[1].conv.weights, f, 1)[i] == kernelSlice(next, f, 2)[i]);  // slice 1 is gone
        }

    // The limits: never fewer than one filter or stage, never more than the app's bound.
    State one = defaultState();
    CHECK_FALSE(removeFilter(one.compute));
    CHECK_FALSE(removeStage(one.compute));
    while (addStage(one.compute)) {
    }
    CHECK(one.compute.stages.size() == static_cast<std::size_t>(core::kMaxStages));
}

TEST_CASE("the selected stage's maps are the engine's stack, stage by stage", "[gui][stack][pipeline]") {
    State s = studentState();
    const auto expected = core::runStack(s.compute.input, s.compute.stages);
    REQUIRE(expected.ok());
    Pipeline p;
    for (int stage = 0; stage < 2; ++stage) {
        s.compute.selected = Selection{stage, 1, 2};
        p.update(s.compute);
        p.finish();
        const PipelineResult& r = p.result();
        REQUIRE(r.hasConv);
        const core::StageOutput& e = (*expected)[static_cast<std::size_t>(stage)];
        CHECK(r.conv.data == e.conv.data);
        CHECK(r.activated.data == e.activated.data);
        if (stage == 0) CHECK(r.pool.values.data == e.pool.values.data);
        CHECK(r.stageInput.data == (stage == 0 ? s.compute.input.data : (*expected)[0].output().data));
        CHECK(r.convInputs.selected == s.compute.selected);
        REQUIRE(r.shapes.size() == 2);
        CHECK(r.shapes[1].plan.outChannels == 2);
    }
}

TEST_CASE("a stage that cannot run is reported for it, and the last good maps stay", "[gui][stack][pipeline]") {
    State s = studentState();
    Pipeline p;
    p.update(s.compute);
    p.finish();
    const core::Tensor good = p.result().activated;
    // A 9×9 kernel on stage 2's 4×4 input has no valid position.
    core::Weights& w = s.compute.stages[1].conv.weights;
    w = core::Weights(w.outChannels, w.inChannels, 9, 9, 1.0f);
    p.update(s.compute);
    p.finish();
    const PipelineResult& r = p.result();
    CHECK_FALSE(r.convError.message.empty());
    CHECK(r.activated.data == good.data);
    REQUIRE(r.shapes.size() == 2);
    CHECK(r.shapes[0].valid);
    CHECK_FALSE(r.shapes[1].valid);
}

TEST_CASE("a session whose kernels do not match the channels is refused, the state kept", "[gui][stack][session]") {
    State s = studentState();
    io::Session session = toSession(s);
    session.stages[1].conv.weights = core::Weights(2, 5, 3, 3);  // stage 1 gives 4 channels
    const State before = s;
    auto applied = applySession(session, s);
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.error().message.find("stage 2") != std::string::npos);
    CHECK(s.compute == before.compute);
}

TEST_CASE("the PyTorch snippet runs the whole stack, stage after stage", "[gui][stack]") {
    const std::string py = pytorchSnippet(studentState());
    CHECK(py.find("# stage 2") != std::string::npos);
    CHECK(py.find("reshape(4, 3, 3, 3)") != std::string::npos);
    CHECK(py.find("y1 = F.relu(y1)") != std::string::npos);
    CHECK(py.find("x = p1") != std::string::npos);
    CHECK(py.find("y2 = F.conv2d(x, w2, b2") != std::string::npos);
}

TEST_CASE("a NaN in the input or kernel is no change on its own: nothing recomputes", "[gui][pipeline]") {
    State s = defaultState();
    s.compute.input.data[3] = std::numeric_limits<float>::quiet_NaN();
    s.compute.stage().conv.weights.data[0] = std::numeric_limits<float>::quiet_NaN();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    p.finish();
    CHECK_FALSE(p.update(s.compute));  // the same state again
    CHECK_FALSE(p.result().computing);
}
