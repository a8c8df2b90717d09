#include "quiz.hpp"

#include <cmath>

#include "convscope/core/explain.hpp"
#include "convscope/core/text.hpp"
#include "convscope/core/trace.hpp"

namespace convscope::gui {

void nextQuestion(QuizState& q, const PipelineResult& r) {
    q.answered = false;
    q.correct = false;
    q.explanation.clear();
    if (!r.hasConv || r.conv().height < 1 || r.conv().width < 1) return;
    // A small linear congruential step: deterministic, and different from the last target.
    const std::int64_t cells = std::int64_t{r.conv().height} * r.conv().width;
    const std::int64_t previous = std::int64_t{q.targetRow} * r.conv().width + q.targetCol;
    std::int64_t pick = previous;
    for (int tries = 0; tries < 8 && (pick == previous || tries == 0); ++tries) {
        q.seed = q.seed * 1664525u + 1013904223u;
        pick = static_cast<std::int64_t>(q.seed >> 8) % cells;
    }
    q.targetRow = static_cast<int>(pick / r.conv().width);
    q.targetCol = static_cast<int>(pick % r.conv().width);
}

void checkValue(QuizState& q, const PipelineResult& r, double guess) {
    const ComputeInputs& in = r.convInputs;
    const core::Conv2d* conv = in.conv();
    if (!conv) return;  // the quiz asks about a conv; the panel offers it only on one
    auto t = core::traceConv(r.stageInput(), conv->weights, conv->bias, r.convParams, in.selected.filter, q.targetRow,
                             q.targetCol);
    if (!t) {
        q.explanation = t.error().message;
        return;
    }
    const double truth = t->sum;
    q.correct = std::fabs(guess - truth) <= std::max(0.01, 0.001 * std::fabs(truth));
    q.explanation = core::convSumLine(*t);
    q.answered = true;
    ++q.asked;
    if (q.correct) ++q.right;
}

bool asksTransposed(const PipelineResult& r) {
    const auto& layers = r.convInputs.layers;
    const int first = r.block.first;
    return r.hasConv && first >= 0 && first < r.validOutputs && first < static_cast<int>(layers.size()) &&
           core::isConvTranspose(layers[static_cast<std::size_t>(first)]);
}

void checkSize(QuizState& q, const PipelineResult& r, int height, int width) {
    if (asksTransposed(r)) {
        // (H − 1)·s − 2p + d·(k − 1) + output_padding + 1, worked out by the same core text.
        const auto first = static_cast<std::size_t>(r.block.first);
        const core::Tensor& out = r.output(static_cast<int>(first)).values;
        q.correct = height == out.height && width == out.width;
        q.explanation = core::describeOutputSize(r.layers[first].rows, core::Axis::Height) + "\n" +
                        core::describeOutputSize(r.layers[first].cols, core::Axis::Width);
    } else {
        q.correct = height == r.conv().height && width == r.conv().width;
        q.explanation = core::describeOutputSize(r.convPlan.rows, core::Axis::Height) + "\n" +
                        core::describeOutputSize(r.convPlan.cols, core::Axis::Width);
    }
    q.answered = true;
    ++q.asked;
    if (q.correct) ++q.right;
}

bool hidesMaps(const QuizState& q) {
    return q.active && !q.answered;
}

}  // namespace convscope::gui
