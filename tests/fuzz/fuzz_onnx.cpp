// An ONNX model from arbitrary bytes: a graph or an error, never a crash or a hang (cycles,
// values written twice, broken tensors, attributes of any value). For a graph: nodes are in
// an order where each reads only what earlier nodes wrote, each is a layer or has a reason,
// and a chain of the supported nodes plans — and, when small, runs — as the CLI would run it.
#include <set>

#include "convscope/core/stack.hpp"
#include "convscope/io/model.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto model = io::parseModel({reinterpret_cast<const char*>(data), size}, io::ModelFormat::Onnx, {});
    if (!model) {
        FUZZ_CHECK(!model.error().message.empty() && !model.error().id.empty());
        return 0;
    }
    for (std::size_t i = 0; i < model->nodes.size(); ++i) {
        const io::ModelNode& n = model->nodes[i];
        FUZZ_CHECK(n.index == static_cast<int>(i) + 1);
        FUZZ_CHECK(n.layer.has_value() || !n.unsupported.message.empty());
        // From each node, the longest chain of supported nodes that feed one another.
        int last = n.index;
        while (last < static_cast<int>(model->nodes.size()) && last - n.index < 4) {
            const io::ModelNode& next = model->nodes[static_cast<std::size_t>(last)];
            if (!next.layer || next.input != model->nodes[static_cast<std::size_t>(last - 1)].output) break;
            ++last;
        }
        auto layers = io::nodeChain(*model, {n.index, last});
        FUZZ_CHECK(layers.ok() == n.layer.has_value());
        if (!layers || n.inputShape.size() != 4) continue;
        const std::int64_t c = n.inputShape[1], h = n.inputShape[2], w = n.inputShape[3];
        if (c < 1 || h < 1 || w < 1 || c * h * w > 4096) continue;
        const core::Tensor input(static_cast<int>(c), static_cast<int>(h), static_cast<int>(w), 0.5f);
        const core::StackPlan plan = core::planStack(core::shapeOf(input), *layers);
        if (!plan.ok()) continue;
        if (core::totalCost(plan).multiplyAdds > 1'000'000) continue;
        bool small = true;  // padding can make a huge map from a small input
        for (const core::LayerPlan& p : plan.plans)
            small = small && std::int64_t{p.out.channels} * p.out.height * p.out.width <= 1'000'000;
        if (!small) continue;
        auto out = core::runStack(input, *layers);
        FUZZ_CHECK(out.ok());
    }
    return 0;
}
