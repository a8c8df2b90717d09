// A transposed conv block in the main views: its two playback walks, the stamp each step
// lays down, the partial sums, its view slots and the round-trip preset, checked against the
// core's own plan and trace (never against numbers copied from the code under test).
#include <catch2/catch.hpp>

#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/stack.hpp"
#include "logic/focus.hpp"
#include "logic/pipeline.hpp"
#include "logic/playback.hpp"
#include "logic/stack_edit.hpp"
#include "logic/transposed_walk.hpp"
#include "logic/view_slots.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

// The scene: a 4×4 input, a 3×3 kernel at stride 2 (padding 1 to crop the stamps).
State transposedScene() {
    State s = defaultState();
    s.compute.setPicture(core::Tensor(1, 4, 4));
    for (std::size_t i = 0; i < s.compute.input().data.size(); ++i)
        s.compute.editPicture().data[i] = static_cast<float>(i + 1);
    core::ConvTranspose2d t;
    t.padding = {1, 1};
    for (std::size_t i = 0; i < t.weights.data.size(); ++i) t.weights.data[i] = static_cast<float>(i % 3) - 0.5f;
    t.bias = {0.25f};
    s.compute.layers = {t};
    s.compute.selected = Selection{};
    s.playback.playing = false;
    return s;
}

const core::ConvTranspose2d& layerOf(const State& s) {
    return std::get<core::ConvTranspose2d>(s.compute.layers[0]);
}

}  // namespace

TEST_CASE("a transposed block's playback walks its input cells, or its output cells as the equivalent conv",
          "[gui][transposed]") {
    State s = transposedScene();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    REQUIRE(transposedLayer(r));
    auto plan = core::planLayer(layerOf(s), core::shapeOf(s.compute.input()));
    REQUIRE(plan);
    CHECK(totalSteps(r, TransposedMode::Scatter) == 4 * 4);  // one stamp per input cell
    CHECK(totalSteps(r, TransposedMode::Overlap) == 4 * 4);
    CHECK(totalSteps(r, TransposedMode::Equivalent) == std::int64_t{plan->out.height} * plan->out.width);
    CHECK(plan->out.height == 7);  // (4 − 1)·2 − 2·1 + 3: not 4·4 in disguise

    const StepPosition stamp = positionOf(r, 6, TransposedMode::Scatter);
    CHECK(stamp.stage == Stage::Scatter);
    CHECK((stamp.row == 1 && stamp.col == 2));
    const StepPosition window = positionOf(r, 6, TransposedMode::Equivalent);
    CHECK(window.stage == Stage::Conv);
    CHECK((window.row == 0 && window.col == 6));

    // Stepping wraps at the walk's own end.
    s.playback.step = 15;
    stepBy(s.playback, r, 1, TransposedMode::Scatter);
    CHECK(s.playback.step == 15);
    stepBy(s.playback, r, 1, TransposedMode::Equivalent);
    CHECK(s.playback.step == 16);
}

TEST_CASE("each scatter step stamps exactly the output cells the core's trace credits to that input cell",
          "[gui][transposed]") {
    State s = transposedScene();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    const core::Tensor& out = transposedOutput(r);
    for (std::int64_t step = 0; step < totalSteps(r, TransposedMode::Scatter); ++step) {
        s.playback.step = step;
        const Focus f = computeFocus(s, r);
        REQUIRE(f.stampSource);
        const int i = f.stampSource->row, j = f.stampSource->col;
        // From the trace: the output cells with a term from (i, j), and its kernel tap.
        std::vector<StampCell> expected;
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) {
                auto t = core::traceConvTranspose(s.compute.input(), layerOf(s), 0, y, x);
                REQUIRE(t);
                for (const auto& term : t->terms)
                    if (term.inputRow == i && term.inputCol == j) expected.push_back({y, x, term.m, term.n});
            }
        const auto stamp = stampOf(layerOf(s), core::shapeOf(out), i, j);
        REQUIRE(stamp.size() == expected.size());
        REQUIRE(f.stampCells.size() == expected.size());
        for (const StampCell& e : expected) {
            INFO("input (" << i << "," << j << ") → output (" << e.row << "," << e.col << ")");
            CHECK(std::count_if(stamp.begin(), stamp.end(), [&](const StampCell& c) {
                      return c.row == e.row && c.col == e.col && c.m == e.m && c.n == e.n;
                  }) == 1);
            CHECK(std::count(f.stampCells.begin(), f.stampCells.end(), GridPos{e.row, e.col}) == 1);
        }
    }
    // The corner cell's stamp is cropped by the padding: 2×2 of the kernel's 9 taps land.
    CHECK(stampOf(layerOf(s), core::shapeOf(out), 0, 0).size() == 4);
}

TEST_CASE("the partial sums start at the bias and end at the layer's output", "[gui][transposed]") {
    State s = transposedScene();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    const core::Tensor& out = transposedOutput(r);
    core::Tensor sums;
    scatterPartialSums(r, 0, sums);
    for (float v : sums.data) CHECK(v == 0.25f);
    scatterPartialSums(r, 16, sums);
    REQUIRE(sums.height == out.height);
    for (std::size_t i = 0; i < sums.data.size(); ++i) CHECK(sums.data[i] == Approx(out.data[i]).margin(1e-5));
    // After one stamp only the first cell's stamp has landed.
    scatterPartialSums(r, 1, sums);
    const auto first = stampOf(layerOf(s), core::shapeOf(out), 0, 0);
    int changed = 0;
    for (float v : sums.data) changed += v != 0.25f;
    CHECK(changed <= static_cast<int>(first.size()));
    CHECK(changed > 0);
}

TEST_CASE("hovering a transposed output cell names its contributions; an input cell, its stamp", "[gui][transposed]") {
    State s = transposedScene();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    s.hover = Cell{View::Transposed, 1, 1};
    Focus f = computeFocus(s, r);
    REQUIRE(f.transposedCell);
    auto t = core::traceConvTranspose(s.compute.input(), layerOf(s), 0, 1, 1);
    REQUIRE(t);
    REQUIRE(f.transposedTerms.size() == t->terms.size());
    for (std::size_t i = 0; i < t->terms.size(); ++i) {
        CHECK(f.transposedTerms[i].inputRow == t->terms[i].inputRow);
        CHECK(f.transposedTerms[i].m == t->terms[i].m);
    }
    // y = 2i − 1 + m: row 1 is reached from i = 0 (m = 2) and i = 1 (m = 0), so 2 × 2 stamps overlap.
    CHECK(f.transposedTerms.size() == 4);
    CHECK_FALSE(f.stampSource);

    s.hover = Cell{View::Input, 1, 1};
    f = computeFocus(s, r);
    REQUIRE(f.stampSource);
    CHECK(f.stampCells.size() == stampOf(layerOf(s), core::shapeOf(transposedOutput(r)), 1, 1).size());
    CHECK(f.stampCells.size() == 9);  // an inner cell's whole stamp fits
}

TEST_CASE("a transposed block shows its input, its kernel and its output", "[gui][transposed]") {
    State s = transposedScene();
    s.compute.layers.insert(s.compute.layers.begin(), core::Activation{});
    const auto slots = viewSlots(blockOf(s.compute.layers, 1), s.compute.layers);
    REQUIRE(slots.size() == 3);
    CHECK(slots[0].view == View::Input);
    CHECK(slots[1].view == View::Kernel);
    CHECK(slots[2].view == View::Transposed);
    for (const ViewSlot& slot : slots) CHECK(slot.layer == 1);
    CHECK(parseViewName(viewName(View::Transposed)) == View::Transposed);
    CHECK(viewName(View::Transposed) == "conv_transpose");
}

TEST_CASE("the round-trip preset comes back to the input's size, even or odd", "[gui][transposed][stack]") {
    for (const auto& [h, w] : {std::pair{8, 8}, std::pair{7, 7}, std::pair{6, 9}}) {
        State s = defaultState();
        s.compute.setPicture(core::Tensor(1, h, w));
        applyStackPreset(s.compute, StackPreset::RoundTrip);
        REQUIRE(s.compute.layers.size() == 3);
        CHECK(core::isConv(s.compute.layers[0]));
        CHECK(core::isActivation(s.compute.layers[1]));
        CHECK(core::isConvTranspose(s.compute.layers[2]));
        const core::StackPlan plan = core::planStack(core::shapeOf(s.compute.input()), s.compute.layers);
        REQUIRE(plan.ok());
        INFO(h << "×" << w);
        CHECK(plan.plans[0].out.height < h);  // it went down
        CHECK(plan.output().height == h);
        CHECK(plan.output().width == w);
        CHECK(plan.output().channels == 1);
    }
}
