#include "convscope/core/backward.hpp"

#include <cmath>

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

Result<double> lossInto(const Tensor& output, const Loss& loss, Tensor& gradient) {
    gradient.reshape(output.channels, output.height, output.width);
    double total = 0.0;
    if (loss.kind == LossKind::Sum) {
        for (float y : output.data) total += y;
        std::fill(gradient.data.begin(), gradient.data.end(), 1.0f);
        return total;
    }
    const Tensor& t = loss.target;
    if (shapeOf(t) != shapeOf(output))
        return engineError(ErrorId::TargetShapeMismatch, "target",
                           {{"target", shapeText(t.channels, t.height, t.width)},
                            {"output", shapeText(output.channels, output.height, output.width)}});
    for (std::size_t k = 0; k < output.size(); ++k) {
        const float d = output.data[k] - t.data[k];
        gradient.data[k] = d;
        total += static_cast<double>(d) * d;
    }
    return 0.5 * total;
}

Status backwardStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                         const std::vector<LayerOutput>& outputs, const Loss& loss, StackGradients& grads,
                         BackwardWorkspace& workspace) {
    std::vector<const LayerOutput*> at;
    for (const LayerOutput& o : outputs) at.push_back(&o);
    return backwardStackInto(input, layers, plan, at, loss, grads, workspace);
}

Status backwardStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                         const std::vector<const LayerOutput*>& outputs, const Loss& loss, StackGradients& grads,
                         BackwardWorkspace& workspace) {
    if (!plan.ok()) return plan.namedError();
    const std::size_t n = layers.size();
    auto value = lossInto(outputs[n - 1]->values, loss, grads.output);
    if (!value) return value.error();
    grads.loss = *value;
    grads.layers.resize(n);
    for (std::size_t k = n; k-- > 0;) {
        const Tensor& in = k == 0 ? input : outputs[k - 1]->values;
        const Tensor& gradOut = k + 1 == n ? grads.output : grads.layers[k + 1].input;
        if (auto s = backwardLayer(layers[k], plan.plans[k], in, *outputs[k], gradOut, grads.layers[k], workspace); !s)
            return inLayer(static_cast<int>(k), s.error());
    }
    return Ok{};
}

Status checkSgdOptions(const SgdOptions& options) {
    // PyTorch refuses a negative learning rate or momentum; NaN is refused here too.
    if (!(options.learningRate >= 0.0f) || std::isinf(options.learningRate))
        return engineError(ErrorId::LearningRateInvalid, "lr", {{"value", formatValue(options.learningRate)}});
    if (!(options.momentum >= 0.0f) || std::isinf(options.momentum))
        return engineError(ErrorId::MomentumInvalid, "momentum", {{"value", formatValue(options.momentum)}});
    return Ok{};
}

namespace {

void update(std::vector<float>& param, const std::vector<float>& grad, const SgdOptions& o,
            std::vector<float>& buffer) {
    const float step = -o.learningRate;
    if (o.momentum == 0.0f) {
        for (std::size_t k = 0; k < param.size(); ++k) param[k] += step * grad[k];
        return;
    }
    if (buffer.size() != grad.size()) {
        buffer = grad;  // PyTorch: the first step's buffer is the gradient itself
    } else {
        for (std::size_t k = 0; k < buffer.size(); ++k) buffer[k] = buffer[k] * o.momentum + grad[k];
    }
    for (std::size_t k = 0; k < param.size(); ++k) param[k] += step * buffer[k];
}

}  // namespace

void sgdStep(std::vector<Layer>& layers, const StackGradients& grads, const SgdOptions& options, SgdState& state) {
    state.weight.resize(layers.size());
    state.bias.resize(layers.size());
    for (std::size_t k = 0; k < layers.size(); ++k) {
        Weights* weights = layerWeights(layers[k]);
        if (!weights) continue;
        update(weights->data, grads.layers[k].weight.data, options, state.weight[k]);
        std::vector<float>& bias = *layerBias(layers[k]);
        if (!bias.empty()) update(bias, grads.layers[k].bias, options, state.bias[k]);
    }
}

bool hasWeights(const std::vector<Layer>& layers) {
    for (const Layer& l : layers)
        if (layerWeights(l)) return true;
    return false;
}

Result<double> learnStep(const Tensor& input, std::vector<Layer>& layers, const Loss& loss, const SgdOptions& options,
                         Learner& learner) {
    if (auto s = checkSgdOptions(options); !s) return s.error();
    if (!hasWeights(layers)) return engineError(ErrorId::NothingToLearn, "layers", {});
    learner.plan = planStack(shapeOf(input), layers);
    if (!learner.plan.ok()) return learner.plan.namedError();
    if (auto s = runStackInto(input, layers, learner.plan, learner.outputs, learner.forward); !s) return s.error();
    if (auto s = backwardStackInto(input, layers, learner.plan, learner.outputs, loss, learner.grads, learner.backward);
        !s)
        return s.error();
    const double value = learner.grads.loss;
    // A float32 training loop sees the loss in float: past float's range it is infinite there.
    if (!std::isfinite(static_cast<float>(value)))
        return engineError(ErrorId::LossNotFinite, "loss",
                           {{"step", num(learner.step + 1)}, {"loss", formatValue(static_cast<float>(value))}});
    sgdStep(layers, learner.grads, options, learner.sgd);
    ++learner.step;
    return value;
}

}  // namespace convscope::core
