#include "pooling_layer.hpp"

#include "convscope/core/text.hpp"

namespace convscope::core::detail {

PoolParams commonPoolParams(PoolMode mode, const Hw& kernel, const Hw& stride, const Hw& padding, bool ceilMode) {
    PoolParams p;
    p.mode = mode;
    p.windowH = kernel.h;
    p.windowW = kernel.w;
    p.strideH = stride.h;
    p.strideW = stride.w;
    p.padH = padding.h;
    p.padW = padding.w;
    p.ceilMode = ceilMode;
    return p;
}

Result<LayerPlan> planPooling(const PoolParams& params, const Shape& in) {
    auto pool = planPool(in.channels, in.height, in.width, params);
    if (!pool) return pool.error();
    LayerPlan p;
    p.in = in;
    p.out = {pool->channels, pool->outHeight, pool->outWidth};
    // Pooling's padding reads nothing (max skips it, avg counts or ignores it), so for
    // lineage a padding cell points nowhere, as zero padding does.
    p.windows = {pool->rows, pool->cols, PaddingMode::Zeros, false};
    p.pool = params;
    return p;
}

Status runPooling(const LayerPlan& plan, const Tensor& in, LayerOutput& out) {
    return pool2dInto(in, plan.pool, out);
}

std::string pairText(const Hw& v) {
    return "(" + num(v.h) + ", " + num(v.w) + ")";
}

std::string poolingLabel(const std::string& mode, const Hw& kernel, const Hw& stride) {
    std::string label = mode + " " + (kernel.h == kernel.w ? num(kernel.h) : num(kernel.h) + "×" + num(kernel.w));
    if (!(stride == kernel))
        label += "/" + (stride.h == stride.w ? num(stride.h) : num(stride.h) + "×" + num(stride.w));
    return label;
}

}  // namespace convscope::core::detail
