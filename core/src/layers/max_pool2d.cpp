#include "convscope/core/layers/max_pool2d.hpp"

#include "pooling_layer.hpp"

namespace convscope::core {

PoolParams poolParams(const MaxPool2d& layer) {
    PoolParams p = detail::commonPoolParams(PoolMode::Max, layer.kernel, layer.stride, layer.padding, layer.ceilMode);
    p.dilationH = layer.dilation.h;
    p.dilationW = layer.dilation.w;
    return p;
}

Result<LayerPlan> planLayer(const MaxPool2d& layer, const Shape& in) {
    return detail::planPooling(poolParams(layer), in);
}

Status runLayer(const MaxPool2d&, const LayerPlan& plan, const Tensor& in, LayerOutput& out, LayerWorkspace&) {
    return detail::runPooling(plan, in, out);
}

std::string layerLabel(const MaxPool2d& layer) {
    return detail::poolingLabel("max", layer.kernel, layer.stride);
}

std::string pytorchModule(const MaxPool2d& layer, const Shape&) {
    return "nn.MaxPool2d(kernel_size=" + detail::pairText(layer.kernel) + ", stride=" + detail::pairText(layer.stride) +
           ", padding=" + detail::pairText(layer.padding) + ", dilation=" + detail::pairText(layer.dilation) +
           ", ceil_mode=" + (layer.ceilMode ? "True" : "False") + ")";
}

}  // namespace convscope::core
