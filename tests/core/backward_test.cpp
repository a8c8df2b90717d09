// The backward pass beyond the PyTorch fixtures: a plain reference of conv2d's and
// conv_transpose2d's gradients (written from the definition, accumulated in double) on random
// shapes large enough to run every vector width, thread split and row tail; and the errors a
// person meets.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "convscope/core/backward.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/core/vector_isa.hpp"
#include "reference.hpp"

using namespace convscope::core;

namespace {

struct RefGrads {
    std::vector<double> input, weight;
};

// y[o, Y, X] = Σ w[o, c, i, j]·P[g·C/g + c, Y·s + i·d, X·s + j·d], P the padded input; every
// product's gradient goes to its weight and to the input cell P copies.
RefGrads referenceGrads(const Tensor& x, const Weights& w, const ConvParams& p, const Tensor& g) {
    const auto rows = reference::padAxis(x.height, p.padding.top, p.padding.bottom, p.mode);
    const auto cols = reference::padAxis(x.width, p.padding.left, p.padding.right, p.mode);
    RefGrads r{std::vector<double>(x.size()), std::vector<double>(w.data.size())};
    const int perGroup = w.outChannels / p.groups;
    for (int o = 0; o < g.channels; ++o)
        for (int Y = 0; Y < g.height; ++Y)
            for (int X = 0; X < g.width; ++X)
                for (int c = 0; c < w.inChannels; ++c)
                    for (int i = 0; i < w.height; ++i)
                        for (int j = 0; j < w.width; ++j) {
                            const long sr = rows[static_cast<std::size_t>(Y * p.strideH + i * p.dilationH)];
                            const long sc = cols[static_cast<std::size_t>(X * p.strideW + j * p.dilationW)];
                            if (sr < 0 || sc < 0) continue;
                            const int channel = o / perGroup * w.inChannels + c;
                            const double gv = g.at(o, Y, X);
                            r.weight[w.index(o, c, i, j)] +=
                                gv * x.at(channel, static_cast<int>(sr), static_cast<int>(sc));
                            r.input[x.index(channel, static_cast<int>(sr), static_cast<int>(sc))] +=
                                gv * w.at(o, c, i, j);
                        }
    return r;
}

// conv_transpose2d from its definition: in[c, i, j] stamps w[c, o, m, n] onto output
// (g·OC/g + o, i·s − p + m·d, j·s − p + n·d) when that lands inside the output (padding and
// output_padding only crop or grow it); each stamp's gradient goes to its weight and input
// cell. Weights (C, OC/groups, KH, KW).
RefGrads referenceTransposedGrads(const Tensor& x, const Weights& w, const TransposedConv& t, const Tensor& g) {
    RefGrads r{std::vector<double>(x.size()), std::vector<double>(w.data.size())};
    const int perGroup = w.outChannels / t.groups;
    for (int c = 0; c < x.channels; ++c)
        for (int i = 0; i < x.height; ++i)
            for (int j = 0; j < x.width; ++j)
                for (int o = 0; o < w.inChannels; ++o)
                    for (int m = 0; m < w.height; ++m)
                        for (int n = 0; n < w.width; ++n) {
                            const int Y = i * t.strideH - t.padTop + m * t.dilationH;
                            const int X = j * t.strideW - t.padLeft + n * t.dilationW;
                            if (Y < 0 || Y >= g.height || X < 0 || X >= g.width) continue;
                            const double gv = g.at(c / perGroup * w.inChannels + o, Y, X);
                            r.weight[w.index(c, o, m, n)] += gv * x.at(c, i, j);
                            r.input[x.index(c, i, j)] += gv * w.at(c, o, m, n);
                        }
    return r;
}

template <class T>
void checkNear(const std::vector<double>& expected, const T& ours) {
    REQUIRE(ours.size() == expected.size());
    double scale = 1.0;
    for (double e : expected) scale = std::max(scale, std::fabs(e));
    for (std::size_t k = 0; k < expected.size(); ++k) {
        INFO("value " << k << ": reference " << expected[k] << ", ours " << ours[k]);
        REQUIRE(std::fabs(expected[k] - ours[k]) <= 1e-5 * scale);
    }
}

}  // namespace

TEST_CASE("conv2d gradients equal a plain reference for every vector width, thread count and shape", "[backward]") {
    std::mt19937 rng(14);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    auto fill = [&](std::vector<float>& v) {
        for (float& f : v) f = value(rng);
    };
    struct Shape {
        int channels, height, width, filters, groups, k, stride, dilation, pad;
        PaddingMode mode;
    };
    // Widths that leave row tails for 4-, 8- and 16-float vectors; both transposed-conv paths
    // (stride 1 runs as a forward conv, stride 2 scatters); kernels up to 7×7.
    const Shape shapes[] = {{1, 37, 45, 1, 1, 3, 1, 1, 1, PaddingMode::Zeros},
                            {2, 29, 53, 4, 2, 5, 1, 2, 3, PaddingMode::Reflect},
                            {3, 33, 40, 2, 1, 7, 1, 1, 3, PaddingMode::Circular},
                            {2, 31, 35, 2, 1, 3, 2, 1, 1, PaddingMode::Replicate},
                            {1, 40, 40, 1, 1, 7, 1, 1, 3, PaddingMode::Zeros}};
    for (const Shape& s : shapes) {
        Tensor x(s.channels, s.height, s.width);
        fill(x.data);
        Weights w(s.filters, s.channels / s.groups, s.k, s.k);
        fill(w.data);
        ConvParams p;
        p.strideH = p.strideW = s.stride;
        p.dilationH = p.dilationW = s.dilation;
        p.padding = {s.pad, s.pad, s.pad, s.pad};
        p.mode = s.mode;
        p.groups = s.groups;
        const Tensor y = *conv2d(x, w, {}, p);
        Tensor g(y.channels, y.height, y.width);
        fill(g.data);
        const RefGrads ref = referenceGrads(x, w, p, g);
        for (VectorIsa isa : {VectorIsa::Baseline, VectorIsa::Avx2, VectorIsa::Avx512}) {
            if (setVectorIsa(isa) != isa) continue;
            for (int threads : {1, 2, 3}) {
                INFO("shape " << s.height << "×" << s.width << " k" << s.k << " s" << s.stride << ", "
                              << vectorIsaName(isa) << ", " << threads << " thread(s)");
                setThreadCount(threads);
                setWorkPerThread(0);
                Tensor gx;
                Weights gw;
                std::vector<float> gb;
                ConvBackwardWorkspace ws;
                REQUIRE(conv2dBackwardInto(x, w, {}, p, g, gx, gw, gb, ws).ok());
                CHECK(gb.empty());
                checkNear(ref.input, gx.data);
                checkNear(ref.weight, gw.data);
            }
        }
        setVectorIsa(bestVectorIsa());
        setThreadCount(0);
        setWorkPerThread(1e6);
    }
}

TEST_CASE("conv_transpose2d gradients equal a plain reference for every vector width and thread count", "[backward]") {
    std::mt19937 rng(13);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    auto fill = [&](std::vector<float>& v) {
        for (float& f : v) f = value(rng);
    };
    struct Shape {
        int channels, height, width, perGroupOut, groups, k, stride, dilation, pad, outputPadding;
    };
    // Row tails for every vector width; stride 1 and 2 (the strided weight gradient and the
    // stride-1 row dots), groups, and output_padding past the padding and the stride (allowed
    // up to the dilation: rows that no input reaches, cropped from the gradient).
    const Shape shapes[] = {{2, 17, 37, 3, 1, 3, 2, 1, 1, 1},
                            {4, 21, 29, 2, 2, 4, 1, 2, 0, 1},
                            {1, 14, 27, 1, 1, 5, 3, 1, 2, 2},
                            {3, 19, 23, 2, 1, 3, 1, 1, 1, 0}};
    for (const Shape& s : shapes) {
        Tensor x(s.channels, s.height, s.width);
        fill(x.data);
        ConvTranspose2d layer;
        layer.weights = Weights(s.channels, s.perGroupOut, s.k, s.k);
        fill(layer.weights.data);
        layer.bias.resize(static_cast<std::size_t>(s.perGroupOut * s.groups));
        fill(layer.bias);
        layer.stride = {s.stride, s.stride};
        layer.padding = {s.pad, s.pad};
        layer.outputPadding = {s.outputPadding, s.outputPadding};
        layer.dilation = {s.dilation, s.dilation};
        layer.groups = s.groups;
        auto plan = planLayer(layer, shapeOf(x));
        REQUIRE(plan.ok());
        Tensor g(plan->out.channels, plan->out.height, plan->out.width);
        fill(g.data);
        TransposedConv t{s.stride, s.stride, s.pad, s.pad, s.dilation, s.dilation, s.groups, g.height, g.width};
        const RefGrads ref = referenceTransposedGrads(x, layer.weights, t, g);
        for (VectorIsa isa : {VectorIsa::Baseline, VectorIsa::Avx2, VectorIsa::Avx512}) {
            if (setVectorIsa(isa) != isa) continue;
            for (int threads : {1, 2, 3}) {
                INFO("input " << s.height << "×" << s.width << " k" << s.k << " s" << s.stride << " d" << s.dilation
                              << " op" << s.outputPadding << ", " << vectorIsaName(isa) << ", " << threads
                              << " thread(s)");
                setThreadCount(threads);
                setWorkPerThread(0);
                LayerGrad grad;
                BackwardWorkspace ws;
                REQUIRE(backwardLayer(Layer{layer}, *plan, x, LayerOutput{}, g, grad, ws).ok());
                checkNear(ref.input, grad.input.data);
                checkNear(ref.weight, grad.weight.data);
                REQUIRE(grad.bias.size() == layer.bias.size());
                for (std::size_t o = 0; o < grad.bias.size(); ++o) {
                    double sum = 0.0;
                    for (std::size_t k = 0; k < g.planeSize(); ++k) sum += g.plane(static_cast<int>(o))[k];
                    CHECK(grad.bias[o] == Approx(sum).margin(1e-4));
                }
                // A second pass of the same shapes reuses every buffer (the app runs it live).
                const float* buffers[] = {grad.input.data.data(), grad.weight.data.data(), grad.bias.data(),
                                          ws.conv.padded.data.data()};
                REQUIRE(backwardLayer(Layer{layer}, *plan, x, LayerOutput{}, g, grad, ws).ok());
                CHECK(grad.input.data.data() == buffers[0]);
                CHECK(grad.weight.data.data() == buffers[1]);
                CHECK(grad.bias.data() == buffers[2]);
                CHECK(ws.conv.padded.data.data() == buffers[3]);
            }
        }
        setVectorIsa(bestVectorIsa());
        setThreadCount(0);
        setWorkPerThread(1e6);
    }
}

TEST_CASE("a target of the wrong shape is refused, naming both shapes", "[backward]") {
    Conv2d conv;
    conv.weights = Weights(2, 1, 3, 3, 0.5f);
    const std::vector<Layer> layers{conv};
    const Tensor input(1, 6, 6, 1.0f);
    Learner learner;
    auto r = learnStep(input, *const_cast<std::vector<Layer>*>(&layers), Loss{LossKind::SquaredError, Tensor(1, 6, 6)},
                       SgdOptions{0.1f, 0.0f}, learner);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "target_shape_mismatch");
    CHECK(r.error().message ==
          "the target is 1×6×6 but the stack's output is 2×6×6: the loss compares them cell by cell");
}

TEST_CASE("a diverging run stops at the step whose loss is not finite, the weights as before it", "[backward]") {
    Conv2d conv;
    conv.weights = Weights(1, 1, 1, 1, 1.0f);
    conv.padding = {PaddingSpec::Kind::Explicit, 0, 0};
    std::vector<Layer> layers{conv};
    const Tensor input(1, 4, 4, 1e6f);
    const Loss loss{LossKind::SquaredError, Tensor(1, 4, 4)};
    Learner learner;
    // w ← w − lr·Σ x·(w·x) = w·(1 − 16·10^12·lr): with lr = 1, w = 1 becomes −1.6·10^13 and
    // the loss ½·16·(w·10^6)², 8·10^12 at step 1, is 2·10^39 at step 2: past float's range.
    std::vector<Layer> before;
    Result<double> r = 0.0;
    int step = 0;
    while (step < 10) {
        before = layers;
        r = learnStep(input, layers, loss, SgdOptions{1.0f, 0.0f}, learner);
        if (!r.ok()) break;
        ++step;
    }
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "loss_not_finite");
    CHECK(step == 1);
    CHECK(r.error().message.rfind("the loss at step 2 is inf", 0) == 0);
    CHECK(std::get<Conv2d>(layers[0]).weights == std::get<Conv2d>(before[0]).weights);
}

TEST_CASE("learning refuses a negative learning rate or momentum and a stack without weights", "[backward]") {
    Conv2d conv;
    std::vector<Layer> layers{conv};
    const Tensor input(1, 5, 5, 1.0f);
    const Loss loss{LossKind::Sum, {}};
    Learner learner;
    CHECK(learnStep(input, layers, loss, SgdOptions{-0.1f, 0.0f}, learner).error().id == "learning_rate_invalid");
    CHECK(learnStep(input, layers, loss, SgdOptions{0.1f, -1.0f}, learner).error().id == "momentum_invalid");
    std::vector<Layer> pools{MaxPool2d{}};
    auto r = learnStep(input, pools, loss, SgdOptions{0.1f, 0.0f}, learner);
    CHECK(r.error().id == "nothing_to_learn");
    CHECK(learner.step == 0);
    // A transposed conv alone has weights and a bias to learn, as nn.ConvTranspose2d does.
    ConvTranspose2d convT;
    convT.bias = {0.5f};
    std::vector<Layer> transposed{convT};
    REQUIRE(learnStep(input, transposed, loss, SgdOptions{0.1f, 0.0f}, learner).ok());
    CHECK(learner.step == 1);
    CHECK_FALSE(std::get<ConvTranspose2d>(transposed[0]).weights == convT.weights);
    CHECK(std::get<ConvTranspose2d>(transposed[0]).bias[0] < 0.5f);
}

TEST_CASE("the sum loss sends 1 to every output; max pooling's ties go to PyTorch's first winner", "[backward]") {
    const std::vector<Layer> layers{MaxPool2d{{2, 2}, {2, 2}, {0, 0}, {1, 1}, false}};
    const Tensor input(1, 2, 4, 7.0f);  // every window a four-way tie
    auto outputs = runStack(input, layers);
    REQUIRE(outputs.ok());
    StackGradients grads;
    BackwardWorkspace ws;
    REQUIRE(backwardStackInto(input, layers, planStack(shapeOf(input), layers), *outputs, Loss{}, grads, ws).ok());
    CHECK(grads.loss == 14.0);
    CHECK(grads.output.data == std::vector<float>{1, 1});
    // Row-major scan, strictly greater wins: the top-left cell of each window.
    CHECK(grads.layers[0].input.data == std::vector<float>{1, 0, 1, 0, 0, 0, 0, 0});
}
