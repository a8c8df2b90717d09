// Engine errors: each id in core's one list is produced by a real call, with its stable id,
// the values it names, and exactly the English message the CLI has always printed.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "convscope/core/backward.hpp"
#include "convscope/core/conv.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/core/geometry.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/trace.hpp"
#include "convscope/core/unfold.hpp"

using namespace convscope::core;

namespace {

template <class T>
Error errorOf(const Result<T>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error();
}

ConvParams convWith(int pad, PaddingMode mode) {
    ConvParams p;
    p.padding = {pad, pad, pad, pad};
    p.mode = mode;
    return p;
}

}  // namespace

TEST_CASE("fillTemplate fills named values once and leaves unknown names", "[core][errors]") {
    CHECK(fillTemplate("{a} + {b} = {c}", {{"a", "1"}, {"b", "{c}"}, {"c", "3"}}) == "1 + {c} = 3");
    CHECK(fillTemplate("no {such} value", {}) == "no {such} value");
    CHECK(fillTemplate("open { brace", {}) == "open { brace");
}

TEST_CASE("error ids are unique, stable snake_case, and name the values their template uses", "[core][errors]") {
    std::set<std::string> ids;
    for (const ErrorTemplate& t : errorTemplates()) {
        const std::string id = t.id;
        CHECK(ids.insert(id).second);
        CHECK(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos);
        CHECK(std::string(t.en).size() > 10);
    }
}

TEST_CASE("every engine error has its id, its values and today's English message", "[core][errors]") {
    struct Case {
        Error error;
        const char* id;
        const char* message;
    };
    const Weights k3(1, 1, 3, 3);
    const Weights k5(1, 1, 5, 5);
    PoolParams avgDilated;
    avgDilated.mode = PoolMode::Avg;
    avgDilated.dilationH = 2;
    PoolParams bigWindow;
    bigWindow.windowH = bigWindow.windowW = 1025;
    PoolParams unitWindow;
    unitWindow.windowH = unitWindow.windowW = unitWindow.strideH = unitWindow.strideW = 1;
    PoolParams padded;
    padded.padH = 2;
    ConvParams dilated;
    dilated.dilationH = 2;
    const std::vector<float> noBias;
    const std::vector<float> twoBias{1.0f, 2.0f};
    ConvParams groups0;
    groups0.groups = 0;
    ConvParams groups2;
    groups2.groups = 2;
    auto convT = [](Hw stride, Hw padding, Hw outputPadding, int groups) {
        ConvTranspose2d t;
        t.weights = Weights(3, 1, 3, 3);
        t.stride = stride;
        t.padding = padding;
        t.outputPadding = outputPadding;
        t.groups = groups;
        return t;
    };
    auto learnError = [](std::vector<Layer> layers, Loss loss, SgdOptions options) {
        Learner learner;
        return errorOf(learnStep(Tensor(1, 2, 2, 1e30f), layers, loss, options, learner));
    };
    const std::vector<Layer> unitConv{Conv2d{Weights(1, 1, 1, 1, 1.0f), {}, {1, 1}, {}, {1, 1}, 1, PaddingMode::Zeros}};
    Tensor gradInput;
    Weights gradWeight;
    std::vector<float> gradBias;
    ConvBackwardWorkspace backward;

    const Case cases[] = {
        {errorOf(planLayer(convT({1, 1}, {3, 0}, {0, 0}, 1), Shape{3, 4, 4})), "conv_transpose_output_too_small",
         "output height would be 0: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = (4 − 1)·1 − 2·3 + 1·(3 − 1) + 0 "
         "+ 1 = 0 — the padding removes more than the transposed conv produces"},
        {errorOf(planLayer(convT({2, 2}, {0, 0}, {0, -1}, 1), Shape{3, 4, 4})), "output_padding_negative",
         "output_padding width must not be negative (got -1)"},
        {errorOf(planLayer(convT({2, 3}, {0, 0}, {0, 3}, 1), Shape{3, 4, 4})), "output_padding_too_large",
         "output_padding width (3) must be smaller than the stride (3) or the dilation (1): it picks one of the sizes "
         "a stride rounds together in (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = (4 − 1)·3 − 2·0 + "
         "1·(3 − 1) + 3 + 1 = 15"},
        {errorOf(planLayer(convT({2, 2}, {0, 0}, {0, 0}, 2), Shape{3, 4, 4})), "groups_input_channels",
         "groups = 2 must divide the kernel's 3 input channel(s): each group reads the same number of channels"},
        {errorOf(unfold(Tensor(1, 1024, 1024), 17, 17, convWith(8, PaddingMode::Zeros))), "matrix_too_large",
         "the matrix would be 289×1048576 values, more than the limit of 268435456"},
        {errorOf(outputSize(AxisWindow{4, 0, 1, 0, 0, 1, false}, Axis::Height)), "value_too_small",
         "kernel height must be at least 1 (got 0)"},
        {errorOf(outputSize(AxisWindow{4, 2, 0, 0, 0, 1, false}, Axis::Width, "window")), "value_too_small",
         "stride width must be at least 1 (got 0)"},
        {errorOf(outputSize(AxisWindow{4, 2, 1, -1, 0, 1, false}, Axis::Height)), "padding_negative_axis",
         "padding height must not be negative (got -1)"},
        {errorOf(planConv(1, 4, 4, k5, &noBias, ConvParams{})), "output_too_small",
         "output height would be 0: floor((4 + 2·0 − 1·(5−1) − 1)/1) + 1 = 0 — the kernel (5) is taller than the "
         "padded input (4)"},
        {errorOf(planConv(1, 4, 4, k3, &noBias, dilated)), "output_too_small_dilated",
         "output height would be 0: floor((4 + 2·0 − 2·(3−1) − 1)/1) + 1 = 0 — the dilated kernel (2·(3−1)+1 = 5) "
         "is taller than the padded input (4)"},
        {errorOf(traceConv(Tensor(1, 3, 3), Weights(1, 1, 1, 1), noBias, ConvParams{}, 1, 0, 0)), "channel_outside",
         "channel 1 is outside the output's 1 channel(s) (0…0)"},
        {errorOf(traceConv(Tensor(1, 3, 3), Weights(1, 1, 1, 1), noBias, ConvParams{}, 0, 5, 0)), "position_outside",
         "position (5,0) is outside the 3×3 output (rows 0…2, cols 0…2)"},
        {errorOf(tracePool(Tensor(1, 1025, 1025), bigWindow, 0, 0, 0)), "trace_too_large",
         "the window has 1050625 cells, more than a trace can list (1048576)"},
        {errorOf(parsePaddingMode("mirror")), "unknown_padding_mode",
         "padding mode 'mirror' is not one of zeros, reflect, replicate, circular"},
        {errorOf(resolvePadding(PaddingSpec{PaddingSpec::Kind::Explicit, -1, 0}, 3, 3, 1, 1, 1, 1)), "padding_negative",
         "padding must not be negative (got -1)"},
        {errorOf(resolvePadding(PaddingSpec{PaddingSpec::Kind::Same, 0, 0}, 3, 3, 1, 1, 2, 1)), "same_needs_stride_1",
         "padding 'same' needs stride 1 (got stride 2,1): with a larger stride no padding keeps the output the "
         "input's size"},
        {errorOf(resolvePadding(PaddingSpec{PaddingSpec::Kind::Same, 0, 0}, 0, 3, 1, 1, 1, 1)), "same_needs_kernel",
         "padding 'same' needs a kernel and dilation of at least 1"},
        {errorOf(resolvePadding(PaddingSpec{PaddingSpec::Kind::Same, 0, 0}, 3, 3, 1'000'000'000, 1, 1, 1)),
         "same_too_large", "padding 'same' would need more than 10^9 cells of padding"},
        {errorOf(planConv(1, 3, 3, k3, &noBias, convWith(3, PaddingMode::Reflect))), "reflect_padding_too_large",
         "reflect padding height (3) must be smaller than the input height (3): a mirror image cannot reach past the "
         "opposite edge"},
        {errorOf(planConv(1, 3, 3, k3, &noBias, convWith(4, PaddingMode::Circular))), "circular_padding_too_large",
         "circular padding height (4) must not exceed the input height (3): the input would wrap around more than "
         "once"},
        {errorOf(planConv(0, 3, 3, k3, &noBias, ConvParams{})), "empty_input", "the input is empty (0×3×3)"},
        {errorOf(planPool(1, 0, 3, PoolParams{})), "empty_input", "the input is empty (1×0×3)"},
        {errorOf(planConv(1, 3, 3, Weights(0, 1, 3, 3), &noBias, ConvParams{})), "kernel_no_filters",
         "the kernel has no filters (0×1 channels)"},
        {errorOf(planConv(1, 3, 3, Weights(1, 2, 3, 3), &noBias, ConvParams{})), "kernel_channel_mismatch",
         "the kernel expects 2 input channel(s) but the input has 1"},
        {errorOf(planConv(1, 3, 3, k3, &twoBias, ConvParams{})), "bias_size_mismatch",
         "the bias has 2 value(s) but the kernel has 1 filter(s)"},
        {errorOf(planConv(1, 20000, 20000, Weights(1, 1, 1, 1), &noBias, ConvParams{})), "conv_output_too_large",
         "the output would be 1×20000×20000 values (padded input 20000×20000), more than the limit of 268435456"},
        {errorOf(parsePoolMode("min")), "unknown_pool_mode", "pool mode 'min' is not one of max, avg"},
        {errorOf(planPool(1, 4, 4, padded)), "pool_padding_too_large",
         "pool padding height (2) must be at most half the window height: 2/2 = 1"},
        {errorOf(planPool(1, 4, 4, avgDilated)), "avg_pool_dilation",
         "dilation applies to max pooling only; average pooling needs dilation 1 (got 2,1)"},
        {errorOf(planPool(1, 20000, 20000, unitWindow)), "pool_output_too_large",
         "the pooled output would be 1×20000×20000 values, more than the limit of 268435456"},
        {errorOf(parseActivation("sigmoid")), "unknown_activation",
         "unknown activation \"sigmoid\" (relu or leaky_relu)"},
        {planStack(Shape{1, 3, 3}, {}).error, "stack_size", "a stack has 1 to 12 layers, not 0"},
        {errorOf(planConv(2, 3, 3, Weights(2, 1, 1, 1), &noBias, groups0)), "groups_not_positive",
         "groups must be at least 1 (got 0)"},
        {errorOf(planConv(4, 3, 3, Weights(3, 2, 1, 1), &noBias, groups2)), "groups_filters",
         "groups = 2 must divide the 3 filter(s): each group gets the same number of filters"},
        {errorOf(planConv(3, 3, 3, Weights(4, 2, 1, 1), &noBias, groups2)), "groups_channels",
         "groups = 2 with kernel slices of 2 channel(s) expects 2·2 = 4 input channel(s), but the input has 3"},
        {errorOf(conv2dBackwardInto(Tensor(1, 3, 3), k3, noBias, ConvParams{}, Tensor(1, 2, 2), gradInput, gradWeight,
                                    gradBias, backward)),
         "gradient_shape_mismatch", "the gradient is 1×2×2 but the layer's output is 1×1×1"},
        {learnError(unitConv, Loss{LossKind::SquaredError, Tensor(1, 3, 2)}, SgdOptions{}), "target_shape_mismatch",
         "the target is 1×3×2 but the stack's output is 1×2×2: the loss compares them cell by cell"},
        {learnError(unitConv, Loss{LossKind::SquaredError, Tensor(1, 2, 2)}, SgdOptions{}), "loss_not_finite",
         "the loss at step 1 is inf: the run diverged (try a smaller learning rate)"},
        {learnError(unitConv, Loss{}, SgdOptions{-1.0f, 0.0f}), "learning_rate_invalid",
         "the learning rate must be a number ≥ 0 (got -1)"},
        {learnError(unitConv, Loss{}, SgdOptions{0.1f, -0.5f}), "momentum_invalid",
         "the momentum must be a number ≥ 0 (got -0.5)"},
        {learnError({Activation{}}, Loss{}, SgdOptions{}), "nothing_to_learn",
         "the stack has no weights to learn: it needs a conv2d or conv_transpose2d layer"},
    };
    // Declared for callers outside the core (nothing in the core produces it yet).
    const std::set<std::string> notFromCore{"layer_needs_input"};
    std::set<std::string> seen;
    for (const Case& c : cases) {
        INFO(c.id);
        CHECK(c.error.id == c.id);
        CHECK(c.error.message == c.message);
        seen.insert(c.error.id);
        // The message is the template filled with the values the error carries, so a
        // translation that uses the same names says the same thing.
        const ErrorTemplate* t = nullptr;
        for (const ErrorTemplate& e : errorTemplates())
            if (c.error.id == e.id) t = &e;
        REQUIRE(t != nullptr);
        CHECK(fillTemplate(t->en, c.error.values) == c.error.message);
        CHECK(c.error.message.find('{') == std::string::npos);
    }
    // Every id core declares is produced above: a new error must be added here too.
    for (const ErrorTemplate& t : errorTemplates()) {
        INFO(t.id);
        CHECK((seen.count(t.id) + notFromCore.count(t.id)) == 1);
    }
}
