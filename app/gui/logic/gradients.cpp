#include "gradients.hpp"

#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"

namespace convscope::gui {

core::Tensor sobelX(const core::Tensor& input) {
    static const float kSobel[9] = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    core::Tensor out(input.channels, input.height, input.width);
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < input.height; ++y)
            for (int x = 0; x < input.width; ++x) {
                float sum = 0.0f;
                for (int m = 0; m < 3; ++m)
                    for (int n = 0; n < 3; ++n) {
                        const int r = y + m - 1, q = x + n - 1;
                        if (r >= 0 && q >= 0 && r < input.height && q < input.width)
                            sum += kSobel[m * 3 + n] * input.at(c, r, q);
                    }
                out.at(c, y, x) = sum;
            }
    return out;
}

core::Result<core::Loss> lossFor(const GradientSettings& g, const core::Tensor& input, const core::Shape& output) {
    if (g.loss == core::LossKind::Sum) return core::Loss{core::LossKind::Sum, {}};
    core::Loss loss{core::LossKind::SquaredError, g.target == TargetKind::SobelX ? sobelX(input) : g.loaded};
    const core::Tensor& t = loss.target;
    if (core::shapeOf(t) != output)
        return core::engineError(core::ErrorId::TargetShapeMismatch, "target",
                                 {{"target", core::shapeText(t.channels, t.height, t.width)},
                                  {"output", core::shapeText(output.channels, output.height, output.width)}});
    return loss;
}

namespace {

std::string operand(float v) {
    return core::formatOperand(v);
}

}  // namespace

std::string weightGradientText(const core::Tensor& padded, const core::Tensor& gradOut, const core::ConvParams& params,
                               int filter, int slice, int channel, int m, int n, float value, int shown) {
    (void)slice;
    const std::string mi = std::to_string(m * params.dilationH), ni = std::to_string(n * params.dilationW);
    const std::string si = params.strideH == 1 ? "i" : std::to_string(params.strideH) + "i";
    const std::string sj = params.strideW == 1 ? "j" : std::to_string(params.strideW) + "j";
    std::string text = "∂L/∂K(" + std::to_string(m) + "," + std::to_string(n) + ") = Σ X(" + si + "+" + mi + ", " + sj +
                       "+" + ni + ")·∂L/∂Y(i,j) = ";
    int terms = 0;
    for (int i = 0; i < gradOut.height && terms < shown; ++i)
        for (int j = 0; j < gradOut.width && terms < shown; ++j, ++terms) {
            const float x = padded.at(channel, i * params.strideH + m * params.dilationH,
                                      j * params.strideW + n * params.dilationW);
            text += (terms ? " + " : "") + operand(x) + "·" + operand(gradOut.at(filter, i, j));
        }
    if (static_cast<std::int64_t>(gradOut.height) * gradOut.width > shown) text += " + …";
    return text + " = " + core::formatValue(value);
}

std::string inputGradientText(const core::Weights& weights, const core::Tensor& gradOut, const core::ConvParams& params,
                              int channel, int row, int col, float value, int shown) {
    const int perGroupIn = weights.inChannels;
    const int perGroupOut = weights.outChannels / params.groups;
    const int group = channel / perGroupIn;
    std::string text = "∂L/∂X(" + std::to_string(row) + "," + std::to_string(col) + ") = Σ K(m,n)·∂L/∂Y(i,j) = ";
    int terms = 0;
    std::int64_t all = 0;
    for (int k = 0; k < perGroupOut; ++k) {
        const int o = group * perGroupOut + k;
        for (int m = 0; m < weights.height; ++m)
            for (int n = 0; n < weights.width; ++n) {
                // Padded row row + pad of this tap: i·s + m·d = row + pad.
                const int ti = row + params.padding.top - m * params.dilationH;
                const int tj = col + params.padding.left - n * params.dilationW;
                if (ti < 0 || tj < 0 || ti % params.strideH || tj % params.strideW) continue;
                const int i = ti / params.strideH, j = tj / params.strideW;
                if (i >= gradOut.height || j >= gradOut.width) continue;
                ++all;
                if (terms >= shown) continue;
                text += (terms ? " + " : "") + operand(weights.at(o, channel % perGroupIn, m, n)) + "·" +
                        operand(gradOut.at(o, i, j));
                ++terms;
            }
    }
    if (all > terms) text += " + …";
    if (all == 0) text += "0";
    return text + " = " + core::formatValue(value);
}

}  // namespace convscope::gui
