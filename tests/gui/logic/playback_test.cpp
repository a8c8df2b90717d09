// The playback walk and the pipeline behind it, as a person using the sliders relies on.
#include <catch2/catch.hpp>

#include "logic/focus.hpp"
#include "logic/pipeline.hpp"
#include "logic/playback.hpp"
#include "logic/quiz.hpp"

using namespace convscope::gui;

TEST_CASE("the default scene computes a 7x7 conv map and a 3x3 max pool", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    REQUIRE(r.hasConv);
    CHECK(r.convError.message.empty());
    CHECK(r.conv().height == 7);  // floor((7 + 2·1 − 3)/1) + 1
    CHECK(r.conv().width == 7);
    CHECK(r.padded().height == 9);
    REQUIRE(r.hasPool);
    CHECK(r.pool().values.height == 3);  // floor((7 − 2)/2) + 1
    CHECK(totalSteps(r) == 49 + 9);
    CHECK(s.playback.playing);
}

TEST_CASE("an unchanged state does not recompute; any change does", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    REQUIRE(p.update(s.compute));
    CHECK_FALSE(p.update(s.compute));
    s.compute.conv()->stride.h = 2;
    CHECK(p.update(s.compute));
    CHECK(p.result().conv().height == 4);  // floor((7 + 2 − 3)/2) + 1
}

TEST_CASE("an invalid setting keeps the last valid result and reports the engine's message", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const auto before = p.result().conv();
    s.compute.conv()->padding = {convscope::core::PaddingSpec::Kind::Explicit, 0, 0};
    s.compute.setPicture(convscope::core::Tensor(1, 2, 2));  // smaller than the 3×3 kernel
    REQUIRE(p.update(s.compute));
    const PipelineResult& r = p.result();
    CHECK(r.hasConv);
    CHECK(r.conv() == before);
    CHECK(r.convError.message.find("output height would be 0") != std::string::npos);
}

TEST_CASE("playback walks conv positions, then pool positions, and wraps", "[gui][playback]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    PlaybackState& pb = s.playback;
    pb.step = 0;
    pb.speed = 2.0f;
    advance(pb, r, 1.0);  // 2 positions per second
    CHECK(pb.step == 2);
    StepPosition pos = positionOf(r, 8);
    CHECK(pos.stage == Stage::Conv);
    CHECK(pos.row == 1);
    CHECK(pos.col == 1);
    pos = positionOf(r, 49 + 4);
    CHECK(pos.stage == Stage::Pool);
    CHECK(pos.row == 1);
    CHECK(pos.col == 1);
    pb.step = totalSteps(r) - 1;
    advance(pb, r, 0.5);  // one more position wraps to the start
    CHECK(pb.step == 0);
    pb.playing = false;
    advance(pb, r, 10.0);
    CHECK(pb.step == 0);
}

TEST_CASE("the step is clamped when the output shrinks, and reveal fills progressively", "[gui][playback]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    s.playback.step = 40;
    Reveal rv = revealAt(s.playback, p.result());
    CHECK(rv.conv == 41);
    CHECK(rv.pool == 0);
    s.compute.conv()->stride.h = s.compute.conv()->stride.w = 3;  // 3×3 conv, 1×1 pool
    (void)p.update(s.compute);
    clampStep(s.playback, p.result());
    CHECK(s.playback.step == totalSteps(p.result()) - 1);
    s.playback.showWholeMap = true;
    rv = revealAt(s.playback, p.result());
    CHECK(rv.conv == 9);
}

TEST_CASE("hovering an output cell lights its window, and hovering an input cell lights its readers", "[gui][focus]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    s.hover = Cell{View::Conv, 0, 0};
    Focus f = computeFocus(s, r);
    REQUIRE(f.conv);
    // O(0,0) with padding 1 reads padded rows/cols 0…2.
    REQUIRE(f.inputWindow.size() == 9);
    CHECK(f.inputWindow.front() == GridPos{0, 0});
    CHECK(f.inputWindow.back() == GridPos{2, 2});
    // It is also read by the pooled cell P(0,0).
    REQUIRE(f.poolReaders.size() == 1);
    CHECK(f.poolReaders[0] == GridPos{0, 0});

    // Input pixel I(0,0) is padded cell (1,1); with a 3×3 window and padding 1 it is read by
    // outputs (0..1, 0..1).
    s.hover = Cell{View::Input, 1, 1};
    f = computeFocus(s, r);
    CHECK(f.convReaders.size() == 4);
    CHECK_FALSE(f.conv);
}

TEST_CASE("hovering a reflect-padding cell points at the input pixel it copies", "[gui][focus]") {
    State s = defaultState();
    s.compute.conv()->mode = convscope::core::PaddingMode::Reflect;
    Pipeline p;
    (void)p.update(s.compute);
    s.hover = Cell{View::Input, 0, 0};  // padded (0,0) = input (−1,−1) reflects to (1,1)
    const Focus f = computeFocus(s, p.result());
    REQUIRE(f.copiedFrom);
    CHECK(*f.copiedFrom == GridPos{2, 2});  // input (1,1) in padded coordinates
}

TEST_CASE("a pin holds the focus when nothing is hovered", "[gui][focus]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    s.pin = Cell{View::Pool, 2, 1};
    const Focus f = computeFocus(s, p.result());
    REQUIRE(f.pool);
    CHECK(*f.pool == GridPos{2, 1});
    CHECK(f.convWindow.size() == 4);
}

TEST_CASE("a pool that no longer fits a new conv map is hidden, not shown stale", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    REQUIRE(p.result().hasPool);
    s.compute.setPicture(convscope::core::Tensor(1, 1, 7));  // conv map 1×7: a 2×2 window no longer fits
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    CHECK(r.hasConv);
    CHECK(r.conv().height == 1);
    CHECK_FALSE(r.hasPool);
    CHECK(r.poolError.message.find("output height would be 0") != std::string::npos);
}

TEST_CASE("an invalid pool setting on the same conv map keeps the last valid pool", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const auto before = p.result().pool().values;
    std::get<convscope::core::MaxPool2d>(*s.compute.pool()).kernel.h = 9;  // taller than the 7×7 conv map
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    CHECK(r.hasPool);
    CHECK(r.pool().values == before);
    CHECK_FALSE(r.poolError.message.empty());
}

TEST_CASE("max pooling's winner is marked on the conv map", "[gui][focus]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    s.pin = Cell{View::Pool, 0, 1};
    const Focus f = computeFocus(s, r);
    REQUIRE(f.poolWinner);
    // The winner is the largest of the window's four conv values (first in reading order on ties).
    float best = -1e30f;
    GridPos expected;
    for (const GridPos& cell : f.convWindow)
        if (r.conv().at(0, cell.row, cell.col) > best) {
            best = r.conv().at(0, cell.row, cell.col);
            expected = cell;
        }
    CHECK(*f.poolWinner == expected);
}

TEST_CASE("large jobs run on the worker and the latest parameters win", "[gui][pipeline]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const auto small = p.result().conv();
    // 384×384 with a 15×15 kernel is ~33 million multiply-adds: above the wait threshold.
    s.compute.setPicture(convscope::core::Tensor(1, 384, 384, 1.0f));
    s.compute.conv()->weights = convscope::core::Weights(1, 1, 15, 15, 1.0f);
    s.compute.conv()->padding = {convscope::core::PaddingSpec::Kind::Explicit, 0, 0};
    (void)p.update(s.compute);
    // Until it arrives, the previous result stays on screen, marked as being recomputed.
    if (p.result().computing) CHECK(p.result().conv() == small);
    s.compute.conv()->stride.h = s.compute.conv()->stride.w = 2;  // a newer job overtakes it
    (void)p.update(s.compute);
    (void)p.finish();
    const PipelineResult& r = p.result();
    CHECK_FALSE(r.computing);
    CHECK(r.conv().height == (384 - 15) / 2 + 1);
    CHECK(r.conv().at(0, 10, 10) == 225.0f);  // 15·15 ones
}

TEST_CASE("predict then reveal: a value question is checked against the dot product", "[gui][quiz]") {
    State s = defaultState();
    Pipeline p;
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    QuizState& q = s.quiz;
    q.active = true;
    nextQuestion(q, r);
    CHECK(hidesMaps(q));
    REQUIRE(q.targetRow < r.conv().height);
    const float truth = r.conv().at(0, q.targetRow, q.targetCol);
    checkValue(q, r, truth + 1.0);
    CHECK_FALSE(q.correct);
    CHECK(q.explanation.find("O(" + std::to_string(q.targetRow) + "," + std::to_string(q.targetCol) + ")") == 0);
    CHECK_FALSE(hidesMaps(q));  // answered: the maps come back
    nextQuestion(q, r);
    checkValue(q, r, r.conv().at(0, q.targetRow, q.targetCol) + 0.004);  // rounding is forgiven
    CHECK(q.correct);
    CHECK(q.right == 1);
    CHECK(q.asked == 2);
}

TEST_CASE("predict then reveal: an output size question explains with the formula", "[gui][quiz]") {
    State s = defaultState();
    s.compute.conv()->stride.h = s.compute.conv()->stride.w = 2;
    Pipeline p;
    (void)p.update(s.compute);
    QuizState q;
    q.active = true;
    q.kind = QuizKind::OutputSize;
    checkSize(q, p.result(), 4, 4);  // floor((7 + 2 − 3)/2) + 1 = 4
    CHECK(q.correct);
    CHECK(q.explanation.find("= 4") != std::string::npos);
    checkSize(q, p.result(), 3, 4);
    CHECK_FALSE(q.correct);
}

TEST_CASE("the shift comparison counts changed conv and pooled values", "[gui][shift]") {
    State s = defaultState();
    s.compute.shift = ShiftSettings{true, 1, 0};
    Pipeline p;
    (void)p.update(s.compute);
    const PipelineResult& r = p.result();
    REQUIRE(r.hasShift);
    // Independently: move the grid one column right by hand, fill with 0, and recompute.
    convscope::core::Tensor moved(1, 7, 7);
    for (int y = 0; y < 7; ++y)
        for (int x = 1; x < 7; ++x) moved.at(0, y, x) = s.compute.input().at(0, y, x - 1);
    convscope::core::ConvParams params;
    params.padding = {1, 1, 1, 1};
    auto conv = convscope::core::conv2d(moved, s.compute.conv()->weights, {}, params);
    REQUIRE(conv.ok());
    CHECK(r.shiftedConv() == *conv);
    std::int64_t changed = 0;
    for (std::size_t i = 0; i < conv->data.size(); ++i) changed += conv->data[i] != r.conv().data[i] ? 1 : 0;
    CHECK(r.convChanged == changed);
    CHECK(r.poolChanged <= static_cast<std::int64_t>(r.pool().values.size()));
    s.compute.shift.enabled = false;
    (void)p.update(s.compute);
    CHECK_FALSE(p.result().hasShift);
}

TEST_CASE("the input view's padding shows what the conv reads there, in every padding mode", "[gui][pipeline]") {
    // A 2×3 input, padding 1 on every side: the padded grids PyTorch's F.pad gives
    // (zeros, reflect, replicate, circular), written out by hand.
    State s = defaultState();
    s.compute.setPicture(convscope::core::Tensor(1, 2, 3));
    s.compute.editPicture().data = {1, 2, 3, 4, 5, 6};
    s.compute.conv()->weights = convscope::core::Weights(1, 1, 2, 2, 1.0f);
    s.compute.layers.pop_back();  // no pooling
    const std::pair<convscope::core::PaddingMode, std::vector<float>> cases[] = {
        {convscope::core::PaddingMode::Zeros, {0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0}},
        {convscope::core::PaddingMode::Reflect, {5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2}},
        {convscope::core::PaddingMode::Replicate, {1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 4, 4, 5, 6, 6, 4, 4, 5, 6, 6}},
        {convscope::core::PaddingMode::Circular, {6, 4, 5, 6, 4, 3, 1, 2, 3, 1, 6, 4, 5, 6, 4, 3, 1, 2, 3, 1}},
    };
    Pipeline p;
    for (const auto& [mode, expected] : cases) {
        s.compute.conv()->mode = mode;
        (void)p.update(s.compute);
        (void)p.finish();
        const PipelineResult& r = p.result();
        REQUIRE(r.convError.message.empty());
        const PaddedView padded = r.padded();
        REQUIRE(padded.height == 4);
        REQUIRE(padded.width == 5);
        std::vector<float> grid;
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 5; ++x) grid.push_back(padded.at(0, y, x));
        INFO(convscope::core::paddingModeName(mode));
        CHECK(grid == expected);
    }
    // The padding does not change the input view's map (drawn from the input itself).
    const std::uint64_t version = p.result().inputVersion;
    s.compute.conv()->padding = {convscope::core::PaddingSpec::Kind::Explicit, 0, 0};
    (void)p.update(s.compute);
    (void)p.finish();
    CHECK(p.result().inputVersion == version);
    CHECK(p.result().padded().height == 2);
}
