// The backward playback: how many steps each walk has and which cells each step marks, from
// the conv's and the pooling's geometry as PyTorch defines it (out = i·s − p + d·m), and the
// walks' partial maps ending equal to core's backward pass.
#include <catch2/catch.hpp>

#include "logic/backward_walk.hpp"
#include "logic/pipeline.hpp"
#include "logic/playback.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

// A 1×6×7 input of distinct values (no ties in the pooling), a conv with stride 2, padding 1
// and dilation 2 (output ⌊(6 + 2 − 2·2 − 1)/2⌋ + 1 = 2 rows, ⌊(7 + 2 − 5)/2⌋ + 1 = 3 columns),
// `filters` filters over `channels` channels in `groups` groups, ReLU, then a max pool.
ComputeInputs stack(int channels, int filters, int groups, core::Layer pool) {
    ComputeInputs in;
    in.setPicture(core::Tensor(channels, 6, 7));
    for (std::size_t k = 0; k < in.input().size(); ++k)
        in.editPicture().data[k] = static_cast<float>((k * 37) % 53) / 10.0f - 2.0f;
    core::Conv2d conv;
    conv.weights = core::Weights(filters, channels / groups, 3, 3);
    for (std::size_t k = 0; k < conv.weights.data.size(); ++k)
        conv.weights.data[k] = static_cast<float>((k * 5) % 7) - 2.5f;
    conv.stride = {2, 2};
    conv.dilation = {2, 2};
    conv.padding = {core::PaddingSpec::Kind::Explicit, 1, 1};
    conv.groups = groups;
    in.layers = {conv, core::Activation{}, pool};
    in.gradient.pass = Pass::Backward;
    in.gradient.loss = core::LossKind::Sum;
    return in;
}

const PipelineResult& run(Pipeline& p, const ComputeInputs& in) {
    p.update(in);
    p.finish();
    REQUIRE(p.result().hasGrads);
    return p.result();
}

}  // namespace

TEST_CASE("the weight-gradient walk takes one kernel tap a step, pairing the strided, dilated input cells",
          "[gui][backward][playback]") {
    Pipeline p;
    const PipelineResult& r = run(p, stack(1, 1, 1, core::MaxPool2d{{1, 1}, {1, 1}}));
    CHECK(backwardSteps(r, BackwardWalk::WeightGradient) == 9);  // a 3×3 kernel
    const core::Tensor& gOut = r.grads.atOutput(0);
    REQUIRE(gOut.height == 2);
    REQUIRE(gOut.width == 3);
    for (int m = 0; m < 3; ++m)
        for (int n = 0; n < 3; ++n) {
            const BackwardStep s = backwardStepAt(r, BackwardWalk::WeightGradient, m * 3 + n);
            CHECK(s.m == m);
            CHECK(s.n == n);
            // Padded coordinates: output (i, j) read padded cell (2i + 2m, 2j + 2n).
            REQUIRE(s.inputCells.size() == 6);
            double sum = 0.0;
            for (int i = 0; i < 2; ++i)
                for (int j = 0; j < 3; ++j) {
                    const GridPos& c = s.inputCells[static_cast<std::size_t>(i * 3 + j)];
                    CHECK(c == GridPos{2 * i + 2 * m, 2 * j + 2 * n});
                    sum += double{r.padded().at(0, c.row, c.col)} * gOut.at(0, i, j);
                }
            // Those pairs are the weight gradient core's backward pass computed.
            CHECK(sum == Approx(r.grads.layers[0].weight.at(0, 0, m, n)).margin(1e-4));
        }
}

TEST_CASE("the input-gradient walk stamps the kernel back from each output-gradient cell of the group",
          "[gui][backward][playback]") {
    Pipeline p;
    ComputeInputs in = stack(2, 4, 2, core::MaxPool2d{{1, 1}, {1, 1}});
    in.selected.channel = 1;  // input channel 1: group 1, filters 2 and 3
    const PipelineResult& r = run(p, in);
    REQUIRE(r.inputChannel() == 1);
    // Two filters read channel 1, each with a 2×3 output gradient.
    CHECK(backwardSteps(r, BackwardWalk::InputGradient) == 2 * 2 * 3);
    const BackwardStep first = backwardStepAt(r, BackwardWalk::InputGradient, 0);
    CHECK(first.filter == 2);
    CHECK(first.out == GridPos{0, 0});
    // Output (0,0) reads padded rows 0, 2, 4 → input rows −1 (padding, dropped), 1, 3.
    std::vector<GridPos> cells;
    for (const Stamp& st : first.stamps) cells.push_back(st.at);
    CHECK(cells == std::vector<GridPos>{{1, 1}, {1, 3}, {3, 1}, {3, 3}});
    const BackwardStep last = backwardStepAt(r, BackwardWalk::InputGradient, 11);
    CHECK(last.filter == 3);
    CHECK(last.out == GridPos{1, 2});
    // Output (1,2) reads padded rows 2, 4, 6 and columns 4, 6, 8 → input rows 1, 3, 5, columns 3, 5 (7: past the
    // input's 7 columns is padding).
    cells.clear();
    for (const Stamp& st : last.stamps) cells.push_back(st.at);
    CHECK(cells == std::vector<GridPos>{{1, 3}, {1, 5}, {3, 3}, {3, 5}, {5, 3}, {5, 5}});
    // The stamps add up to core's input gradient of channel 1.
    std::vector<float> partial;
    partialGradient(r, BackwardWalk::InputGradient, 11, partial);
    const core::Tensor& gIn = r.grads.layers[0].input;
    REQUIRE(partial.size() == 6u * 7u);
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 7; ++x)
            CHECK(partial[static_cast<std::size_t>(y * 7 + x)] == Approx(gIn.at(1, y, x)).margin(1e-5));
}

TEST_CASE("the max-pool walk sends each pooled gradient to its window's largest cell", "[gui][backward][playback]") {
    Pipeline p;
    const PipelineResult& r = run(p, stack(1, 1, 1, core::MaxPool2d{{2, 2}, {1, 1}}));
    const core::Tensor& a = r.activated();  // 2×3 → pooled 1×2 (stride 1)
    REQUIRE(a.height == 2);
    REQUIRE(a.width == 3);
    CHECK(backwardSteps(r, BackwardWalk::Pooling) == 2);
    PlaybackState pb;
    pb.walk = BackwardWalk::Pooling;
    CHECK(walkLength(pb, r) == 2);
    for (int j = 0; j < 2; ++j) {
        const BackwardStep s = backwardStepAt(r, BackwardWalk::Pooling, j);
        CHECK(s.out == GridPos{0, j});
        // The window's columns j, j+1; its largest value (ReLU's zeros may tie: then the first).
        GridPos best{0, j};
        for (int y = 0; y < 2; ++y)
            for (int x = j; x < j + 2; ++x)
                if (a.at(0, y, x) > a.at(0, best.row, best.col)) best = {y, x};
        REQUIRE(s.stamps.size() == 1u);
        CHECK(s.stamps[0].at == best);
    }
    // Then ReLU's slope: the stamps add up to the gradient at the conv's output.
    std::vector<float> partial;
    partialGradient(r, BackwardWalk::Pooling, 1, partial);
    const core::Tensor& gConv = r.grads.atOutput(0);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            CHECK(partial[static_cast<std::size_t>(y * 3 + x)] == Approx(gConv.at(0, y, x)).margin(1e-6));
}

TEST_CASE("the average-pool walk shares each pooled gradient over its window with PyTorch's divisor",
          "[gui][backward][playback]") {
    Pipeline p;
    // 2×3 conv map, a 2×2 window with stride 1 and padding 1, padding counted: 3×4 pooled cells,
    // each window of 4 cells (padding included), so each input cell in it gets g/4.
    core::AvgPool2d avg;
    avg.kernel = {2, 2};
    avg.stride = {1, 1};
    avg.padding = {1, 1};
    const PipelineResult& r = run(p, stack(1, 1, 1, avg));
    CHECK(backwardSteps(r, BackwardWalk::Pooling) == 3 * 4);
    const BackwardStep corner = backwardStepAt(r, BackwardWalk::Pooling, 0);
    CHECK(corner.divisor == 4);
    // The window of pooled (0,0) covers rows −1…0 and columns −1…0: only (0,0) is in the map.
    REQUIRE(corner.stamps.size() == 1u);
    CHECK(corner.stamps[0].at == GridPos{0, 0});
    std::vector<float> partial;
    partialGradient(r, BackwardWalk::Pooling, 11, partial);
    const core::Tensor& gConv = r.grads.atOutput(0);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            CHECK(partial[static_cast<std::size_t>(y * 3 + x)] == Approx(gConv.at(0, y, x)).margin(1e-6));
}
