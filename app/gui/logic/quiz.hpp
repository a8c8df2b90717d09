#pragma once
// Predict, then reveal: the app hides the output size or the value at a highlighted position,
// the student types a prediction, and the app checks it and explains it with the formula or
// the dot product worked out (the same core text the CLI prints).
#include <cstdint>
#include <string>

#include "pipeline.hpp"
#include "state.hpp"

namespace convscope::gui {

// The next question: a new target cell for Value questions (spread over the map).
void nextQuestion(QuizState& q, const PipelineResult& r);

// Checks a prediction and fills answered/correct/explanation and the score. A value counts
// as right within 0.01 (or 0.1 % of its size), so rounding to two decimals is fine.
void checkValue(QuizState& q, const PipelineResult& r, double guess);
// The size question is about the block's conv, or its transposed conv (asksTransposed).
void checkSize(QuizState& q, const PipelineResult& r, int height, int width);
bool asksTransposed(const PipelineResult& r);

// While a question is open the maps that would give the answer away stay hidden.
bool hidesMaps(const QuizState& q);

}  // namespace convscope::gui
