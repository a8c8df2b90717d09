#pragma once
// The backward pass as the app shows it: the loss its settings name, the gradient maps of the
// selected block, and one gradient written out with its numbers for the computation panel.
#include <cstdint>
#include <string>
#include <vector>

#include "convscope/core/backward.hpp"
#include "padded_view.hpp"
#include "state.hpp"

namespace convscope::gui {

// Sobel x, the target the lessons learn: each channel of the input filtered by it (zero
// padding 1, so the map keeps its size).
core::Tensor sobelX(const core::Tensor& input);

// The loss of the settings for a stack whose output has shape `output`: the sum of the
// outputs, or ½·Σ(y − t)² against Sobel x of `input` (the picture) or the loaded map (a target of another
// shape is the engine's target_shape_mismatch error).
core::Result<core::Loss> lossFor(const GradientSettings& settings, const core::Tensor& input,
                                 const core::Shape& output);

// One product of a written-out gradient ("3·0.5") and the cells it multiplies, which the views
// light while it is hovered: the input cell (padded, as the input view shows it) and the output
// gradient ∂L/∂Y (the ∂L/∂conv view).
struct GradientTerm {
    std::string text;
    std::vector<Cell> cells;
};
// The products of ∂L/∂K(m,n) (the first `shown`; `all` receives how many there are) …
std::vector<GradientTerm> weightGradientTerms(const PaddedView& padded, const core::Tensor& gradOut,
                                              const core::ConvParams& params, int filter, int channel, int m, int n,
                                              int shown, std::int64_t& all);
// … and of ∂L/∂X(row,col): every (filter, tap) whose window read the cell; `shownFilter`: the
// filter whose plane the ∂L/∂conv view shows (the others' gradients are not on screen).
std::vector<GradientTerm> inputGradientTerms(const core::Weights& weights, const core::Tensor& gradOut,
                                             const core::ConvParams& params, int channel, int row, int col, int shown,
                                             int shownFilter, std::int64_t& all);
// The head of each sum: "∂L/∂K(0,1) = Σ X(i+0, j+1)·∂L/∂Y(i,j) = ", "∂L/∂X(r,c) = Σ K(m,n)·∂L/∂Y(…) = ".
std::string weightGradientHead(const core::ConvParams& params, int m, int n);
std::string inputGradientHead(int row, int col);

// "∂L/∂K(0,1) = Σ X(i+0, j+1)·∂L/∂Y(i,j) = 3·0.5 + 1·(−1) + … = 2.25": a weight gradient of the
// shown filter and channel, summed over the conv's output positions (the first `shown` terms
// written out). `padded` is the block input as the conv reads it, `gradOut` the gradient at
// the conv's output.
std::string weightGradientText(const PaddedView& padded, const core::Tensor& gradOut, const core::ConvParams& params,
                               int filter, int slice, int channel, int m, int n, float value, int shown = 6);

// "∂L/∂X(r,c) = Σ K(m,n)·∂L/∂Y(…) = …": an input gradient of a stride-1… any conv, every
// (output, tap) pair that reads input cell (r, c) of the padded input (a padding cell adds to
// the cell it copies).
std::string inputGradientText(const core::Weights& weights, const core::Tensor& gradOut, const core::ConvParams& params,
                              int channel, int row, int col, float value, int shown = 6);

}  // namespace convscope::gui
