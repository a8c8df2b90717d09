#pragma once
// A layer is one of a closed set of kinds. Each kind keeps its facts in its own files
// (parameters, plan, run, label, PyTorch module); this header gathers them into one type and
// dispatches by overload, so code that works on any layer never switches on the kind.
//
// Adding a kind: its header and source here and in src/layers/, one alternative in `Layer`
// below, its session reader/writer (core/io/src/layer_json.cpp), its texts, its tests.
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "convscope/core/layers/activation.hpp"
#include "convscope/core/layers/avg_pool2d.hpp"
#include "convscope/core/layers/conv2d.hpp"
#include "convscope/core/layers/conv_transpose2d.hpp"
#include "convscope/core/layers/layer_plan.hpp"
#include "convscope/core/layers/max_pool2d.hpp"

namespace convscope::core {

using Layer = std::variant<Conv2d, ConvTranspose2d, Activation, MaxPool2d, AvgPool2d>;

// The layer's type as sessions and PyTorch's functional API name it: "conv2d",
// "conv_transpose2d", "relu",
// "leaky_relu", "max_pool2d", "avg_pool2d".
std::string layerType(const Layer& layer);

Result<LayerPlan> planLayer(const Layer& layer, const Shape& in);
Status runLayer(const Layer& layer, const LayerPlan& plan, const Tensor& in, LayerOutput& out,
                LayerWorkspace& workspace);
// Adding a kind's backward pass is one more backwardLayer overload in its own files.
Status backwardLayer(const Layer& layer, const LayerPlan& plan, const Tensor& in, const LayerOutput& out,
                     const Tensor& gradOut, LayerGrad& grad, BackwardWorkspace& workspace);
std::string layerLabel(const Layer& layer);
std::string pytorchModule(const Layer& layer, const Shape& in);

// A layer's learned values, as PyTorch's parameters: a conv2d's or conv_transpose2d's weights
// (in its kind's PyTorch shape) and bias (empty: the layer has none); null for the kinds
// without them. SGD, the CLI's `grad` and `learn` ask these, so a new kind with weights is
// learned once it answers here (layer.cpp names every kind).
Weights* layerWeights(Layer& layer);
const Weights* layerWeights(const Layer& layer);
std::vector<float>* layerBias(Layer& layer);
const std::vector<float>* layerBias(const Layer& layer);

// The overloads above take a kind too, since a kind converts to Layer implicitly: a kind
// without its own planLayer (runLayer, …) would land in the Layer one, which visits the kind
// and calls it again — recursing until the stack overflows. For a kind these deleted
// templates are a closer match than that conversion (and lose to the kind's own overload),
// so a missing overload is a compile error naming the kind. layerWeights / layerBias would
// bind a temporary Layer and return a pointer into it: the same guard.
template <class T, class Variant>
struct IsAlternative : std::false_type {};
template <class T, class... Kinds>
struct IsAlternative<T, std::variant<Kinds...>> : std::bool_constant<(std::is_same_v<T, Kinds> || ...)> {};
template <class T>
concept LayerKind = IsAlternative<T, Layer>::value;
template <LayerKind Kind>
Result<LayerPlan> planLayer(const Kind&, const Shape&) = delete;
template <LayerKind Kind>
Status runLayer(const Kind&, const LayerPlan&, const Tensor&, LayerOutput&, LayerWorkspace&) = delete;
template <LayerKind Kind>
Status backwardLayer(const Kind&, const LayerPlan&, const Tensor&, const LayerOutput&, const Tensor&, LayerGrad&,
                     BackwardWorkspace&) = delete;
template <LayerKind Kind>
std::string layerLabel(const Kind&) = delete;
template <LayerKind Kind>
std::string pytorchModule(const Kind&, const Shape&) = delete;
template <LayerKind Kind>
const Weights* layerWeights(const Kind&) = delete;
template <LayerKind Kind>
const std::vector<float>* layerBias(const Kind&) = delete;

inline bool isConv(const Layer& layer) {
    return std::holds_alternative<Conv2d>(layer);
}
inline bool isConvTranspose(const Layer& layer) {
    return std::holds_alternative<ConvTranspose2d>(layer);
}
inline bool isPool(const Layer& layer) {
    return std::holds_alternative<MaxPool2d>(layer) || std::holds_alternative<AvgPool2d>(layer);
}
inline bool isActivation(const Layer& layer) {
    return std::holds_alternative<Activation>(layer);
}

// Pooling as the engine's one parameter struct (mode included) and back: the pooling
// controls edit a PoolParams, and switching max ↔ avg switches the layer's kind.
PoolParams poolParams(const Layer& pool);  // a MaxPool2d or AvgPool2d
Layer poolLayer(const PoolParams& params);

}  // namespace convscope::core
