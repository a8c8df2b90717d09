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

std::string weightGradientHead(const core::ConvParams& params, int m, int n) {
    const std::string mi = std::to_string(m * params.dilationH), ni = std::to_string(n * params.dilationW);
    const std::string si = params.strideH == 1 ? "i" : std::to_string(params.strideH) + "i";
    const std::string sj = params.strideW == 1 ? "j" : std::to_string(params.strideW) + "j";
    return "∂L/∂K(" + std::to_string(m) + "," + std::to_string(n) + ") = Σ X(" + si + "+" + mi + ", " + sj + "+" + ni +
           ")·∂L/∂Y(i,j) = ";
}

std::string inputGradientHead(int row, int col) {
    return "∂L/∂X(" + std::to_string(row) + "," + std::to_string(col) + ") = Σ K(m,n)·∂L/∂Y(i,j) = ";
}

std::vector<GradientTerm> weightGradientTerms(const PaddedView& padded, const core::Tensor& gradOut,
                                              const core::ConvParams& params, int filter, int channel, int m, int n,
                                              int shown, std::int64_t& all) {
    std::vector<GradientTerm> terms;
    all = static_cast<std::int64_t>(gradOut.height) * gradOut.width;
    for (int i = 0; i < gradOut.height && static_cast<int>(terms.size()) < shown; ++i)
        for (int j = 0; j < gradOut.width && static_cast<int>(terms.size()) < shown; ++j) {
            const int y = i * params.strideH + m * params.dilationH, x = j * params.strideW + n * params.dilationW;
            terms.push_back({operand(padded.at(channel, y, x)) + "·" + operand(gradOut.at(filter, i, j)),
                             {Cell{View::Input, y, x}, Cell{View::GradConv, i, j}}});
        }
    return terms;
}

std::vector<GradientTerm> inputGradientTerms(const core::Weights& weights, const core::Tensor& gradOut,
                                             const core::ConvParams& params, int channel, int row, int col, int shown,
                                             int shownFilter, std::int64_t& all) {
    const int perGroupIn = weights.inChannels;
    const int perGroupOut = weights.outChannels / params.groups;
    const int group = channel / perGroupIn;
    std::vector<GradientTerm> terms;
    all = 0;
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
                if (static_cast<int>(terms.size()) >= shown) continue;
                GradientTerm t{operand(weights.at(o, channel % perGroupIn, m, n)) + "·" + operand(gradOut.at(o, i, j)),
                               {}};
                if (o == shownFilter) t.cells.push_back(Cell{View::GradConv, i, j});
                terms.push_back(std::move(t));
            }
    }
    return terms;
}

namespace {

std::string joined(const std::string& head, const std::vector<GradientTerm>& terms, std::int64_t all, float value) {
    std::string text = head;
    for (std::size_t k = 0; k < terms.size(); ++k) text += (k ? " + " : "") + terms[k].text;
    if (all > static_cast<std::int64_t>(terms.size())) text += " + …";
    if (all == 0) text += "0";
    return text + " = " + core::formatValue(value);
}

}  // namespace

std::string weightGradientText(const PaddedView& padded, const core::Tensor& gradOut, const core::ConvParams& params,
                               int filter, int slice, int channel, int m, int n, float value, int shown) {
    (void)slice;
    std::int64_t all = 0;
    const auto terms = weightGradientTerms(padded, gradOut, params, filter, channel, m, n, shown, all);
    return joined(weightGradientHead(params, m, n), terms, all, value);
}

std::string inputGradientText(const core::Weights& weights, const core::Tensor& gradOut, const core::ConvParams& params,
                              int channel, int row, int col, float value, int shown) {
    std::int64_t all = 0;
    const auto terms = inputGradientTerms(weights, gradOut, params, channel, row, col, shown, -1, all);
    return joined(inputGradientHead(row, col), terms, all, value);
}

}  // namespace convscope::gui
