#include "convscope/core/unfold.hpp"

#include <algorithm>

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

Error matrixTooLarge(std::int64_t rows, std::int64_t cols) {
    return engineError(ErrorId::MatrixTooLarge, "input",
                       {{"rows", num(rows)}, {"cols", num(cols)}, {"limit", num(kMaxValues)}});
}

}  // namespace

Result<Tensor> unfold(const Tensor& input, int kernelH, int kernelW, const ConvParams& params) {
    Weights shapeOnly;  // the plan needs the kernel's shape only
    shapeOnly.outChannels = params.groups;
    shapeOnly.inChannels = input.channels / std::max(params.groups, 1);
    shapeOnly.height = kernelH;
    shapeOnly.width = kernelW;
    auto plan = planConv(input.channels, input.height, input.width, shapeOnly, nullptr, params);
    if (!plan) return plan.error();
    const std::int64_t taps = std::int64_t{kernelH} * kernelW;
    const std::int64_t rows = input.channels * taps;
    const std::int64_t cols = std::int64_t{plan->outHeight} * plan->outWidth;
    if (productExceedsLimit({rows, cols})) return matrixTooLarge(rows, cols);
    Tensor m(1, static_cast<int>(rows), static_cast<int>(cols));
    for (int c = 0; c < input.channels; ++c)
        for (int a = 0; a < kernelH; ++a)
            for (int b = 0; b < kernelW; ++b) {
                float* row =
                    m.plane(0) + static_cast<std::size_t>(c * taps + a * kernelW + b) * static_cast<std::size_t>(cols);
                for (int oy = 0; oy < plan->outHeight; ++oy) {
                    const std::int64_t sy = sourceIndex(tapIndex(plan->rows, oy, a), input.height, params.mode);
                    for (int ox = 0; ox < plan->outWidth; ++ox) {
                        const std::int64_t sx = sourceIndex(tapIndex(plan->cols, ox, b), input.width, params.mode);
                        *row++ = sy >= 0 && sx >= 0 ? input.at(c, static_cast<int>(sy), static_cast<int>(sx)) : 0.0f;
                    }
                }
            }
    return m;
}

Result<Tensor> convolutionMatrix(int height, int width, const Weights& kernel, const ConvParams& params) {
    auto plan = planConv(1, height, width, kernel, nullptr, params);
    if (!plan) return plan.error();
    const std::int64_t rows = std::int64_t{plan->outHeight} * plan->outWidth;
    const std::int64_t cols = std::int64_t{height} * width;
    if (productExceedsLimit({rows, cols})) return matrixTooLarge(rows, cols);
    Tensor m(1, static_cast<int>(rows), static_cast<int>(cols));
    for (int oy = 0; oy < plan->outHeight; ++oy)
        for (int ox = 0; ox < plan->outWidth; ++ox) {
            float* row =
                m.plane(0) + static_cast<std::size_t>(oy * plan->outWidth + ox) * static_cast<std::size_t>(cols);
            for (int a = 0; a < kernel.height; ++a)
                for (int b = 0; b < kernel.width; ++b) {
                    const std::int64_t sy = sourceIndex(tapIndex(plan->rows, oy, a), height, params.mode);
                    const std::int64_t sx = sourceIndex(tapIndex(plan->cols, ox, b), width, params.mode);
                    if (sy >= 0 && sx >= 0) row[sy * width + sx] += kernel.at(0, 0, a, b);
                }
        }
    return m;
}

}  // namespace convscope::core
