#pragma once
// The backward pass of a whole stack and learning its weights, as a PyTorch training loop
// does it: a loss at the end of the stack, autograd's gradients layer by layer (each kind's
// backwardLayer, layer.hpp), and torch.optim.SGD's update. The CLI's `grad` and `learn`, the
// app's backward views and its learn mode all go through these functions.
#include <vector>

#include "convscope/core/layers/layer.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::core {

// The loss at the end of the stack: ½·Σ(y − t)² against a target map of the output's shape
// (its gradient is y − t), or the sum of the outputs (its gradient is 1 everywhere).
enum class LossKind { SquaredError, Sum };
struct Loss {
    LossKind kind = LossKind::Sum;
    Tensor target;  // SquaredError only
};

// The loss of `output` (summed in double) and its gradient with respect to the output (float).
// A target of another shape is an error naming both shapes.
Result<double> lossInto(const Tensor& output, const Loss& loss, Tensor& gradient);

// Every gradient of one backward pass. layers[k] holds layer k's input gradient (which is
// the gradient arriving at layer k − 1's output) and, for a layer with weights, its weight
// and bias gradients.
struct StackGradients {
    double loss = 0.0;
    Tensor output;  // ∂L/∂y at the stack's output
    std::vector<LayerGrad> layers;
    // The gradient arriving at layer k's output.
    const Tensor& atOutput(int k) const {
        return k + 1 < static_cast<int>(layers.size()) ? layers[static_cast<std::size_t>(k) + 1].input : output;
    }
};

// The loss of a forward pass (`outputs` from runStackInto with this plan) and every layer's
// gradients, last layer first. Storage in `grads` and `workspace` is reused.
Status backwardStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                         const std::vector<LayerOutput>& outputs, const Loss& loss, StackGradients& grads,
                         BackwardWorkspace& workspace);
// The same over outputs the caller keeps elsewhere (one per layer, as runStackInto's).
Status backwardStackInto(const Tensor& input, const std::vector<Layer>& layers, const StackPlan& plan,
                         const std::vector<const LayerOutput*>& outputs, const Loss& loss, StackGradients& grads,
                         BackwardWorkspace& workspace);

// torch.optim.SGD(params, lr, momentum) with PyTorch's defaults otherwise (no dampening,
// weight decay or Nesterov). The momentum buffer of a parameter starts as its first gradient
// and then becomes momentum·buffer + gradient; the parameter moves by −lr times it.
struct SgdOptions {
    float learningRate = 0.01f;
    float momentum = 0.0f;
};
Status checkSgdOptions(const SgdOptions& options);

// The momentum buffers, one per layer's weights and one per bias (empty until the first step).
struct SgdState {
    std::vector<std::vector<float>> weight;
    std::vector<std::vector<float>> bias;
};

// One update of every weight and bias of the stack from the gradients of its last backward pass.
void sgdStep(std::vector<Layer>& layers, const StackGradients& grads, const SgdOptions& options, SgdState& state);

// True when some layer has weights (a conv2d or conv_transpose2d, layerWeights).
bool hasWeights(const std::vector<Layer>& layers);

// Everything a training loop keeps from step to step (buffers reused).
struct Learner {
    int step = 0;  // steps done
    SgdState sgd;
    StackPlan plan;
    std::vector<LayerOutput> outputs;
    LayerWorkspace forward;
    BackwardWorkspace backward;
    StackGradients grads;
};

// One training step, as a PyTorch loop writes it: forward, loss, backward, SGD update; returns
// the loss computed before the update. A NaN or infinite loss stops it with an error naming
// the step (learner.step + 1), the layers left as they were.
Result<double> learnStep(const Tensor& input, std::vector<Layer>& layers, const Loss& loss, const SgdOptions& options,
                         Learner& learner);

}  // namespace convscope::core
