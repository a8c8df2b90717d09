#include "convscope/core/layers/avg_pool2d.hpp"

#include "pooling_layer.hpp"

namespace convscope::core {

PoolParams poolParams(const AvgPool2d& layer) {
    PoolParams p = detail::commonPoolParams(PoolMode::Avg, layer.kernel, layer.stride, layer.padding, layer.ceilMode);
    p.countIncludePad = layer.countIncludePad;
    return p;
}

Result<LayerPlan> planLayer(const AvgPool2d& layer, const Shape& in) {
    return detail::planPooling(poolParams(layer), in);
}

Status runLayer(const AvgPool2d&, const LayerPlan& plan, const Tensor& in, LayerOutput& out, LayerWorkspace&) {
    return detail::runPooling(plan, in, out);
}

std::string layerLabel(const AvgPool2d& layer) {
    return detail::poolingLabel("avg", layer.kernel, layer.stride);
}

std::string pytorchModule(const AvgPool2d& layer, const Shape&) {
    return "nn.AvgPool2d(kernel_size=" + detail::pairText(layer.kernel) + ", stride=" + detail::pairText(layer.stride) +
           ", padding=" + detail::pairText(layer.padding) + ", ceil_mode=" + (layer.ceilMode ? "True" : "False") +
           ", count_include_pad=" + (layer.countIncludePad ? "True" : "False") + ")";
}

}  // namespace convscope::core
