#pragma once
// Every error the engine can produce, in one place: a stable id, the parameter it blames and
// an English template whose {names} are filled with the error's values. The English message
// is always this template filled in, so another language can say the same thing from the id
// and the values alone (the GUI does, for 繁體中文); the CLI prints the English message.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "convscope/core/result.hpp"

namespace convscope::core {

enum class ErrorId {
    ValueTooSmall,
    PaddingNegativeAxis,
    OutputTooSmall,
    OutputTooSmallDilated,
    ChannelOutside,
    PositionOutside,
    TraceTooLarge,
    UnknownPaddingMode,
    PaddingNegative,
    SameNeedsStride1,
    SameNeedsKernel,
    SameTooLarge,
    ReflectPaddingTooLarge,
    CircularPaddingTooLarge,
    EmptyInput,
    KernelNoFilters,
    KernelChannelMismatch,
    BiasSizeMismatch,
    ConvOutputTooLarge,
    UnknownPoolMode,
    PoolPaddingTooLarge,
    AvgPoolDilation,
    PoolOutputTooLarge,
    UnknownActivation,
    StackSize,
    GroupsNotPositive,
    GroupsFilters,
    GroupsChannels,
    ConvTransposeOutputTooSmall,
    OutputPaddingNegative,
    OutputPaddingTooLarge,
    GroupsInputChannels,
    MatrixTooLarge,
    GradientShapeMismatch,
    TargetShapeMismatch,
    LossNotFinite,
    LearningRateInvalid,
    MomentumInvalid,
    NothingToLearn,
    Count
};

struct ErrorTemplate {
    const char* id;  // stable: "output_too_small"
    const char* en;  // "output {axis} would be {size}: …"
};

// All of them, in the order of ErrorId.
std::span<const ErrorTemplate> errorTemplates();
const ErrorTemplate& errorTemplate(ErrorId id);

// `text` with each {name} replaced by the value of that name; an unknown {name} stays as is.
std::string fillTemplate(const std::string& text, const std::vector<ErrorValue>& values);

// An error from any registry's template: the message is `t.en` filled with `values`; with a
// `cause`, {cause} is filled with the cause's message and the cause is kept (see Error::cause).
Error templateError(const ErrorTemplate& t, std::string parameter, std::vector<ErrorValue> values,
                    const Error* cause = nullptr);

// An engine error: its message is the English template filled with `values`.
Error engineError(ErrorId id, std::string parameter, std::vector<ErrorValue> values);

// "the input is empty (C×H×W)": conv and pool both check it first.
Error emptyInputError(std::int64_t channels, std::int64_t height, std::int64_t width);

}  // namespace convscope::core
