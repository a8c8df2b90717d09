#include "convscope/core/errors.hpp"

#include <iterator>

#include "convscope/core/text.hpp"

namespace convscope::core {

namespace {

// In the order of enum class ErrorId. The English wording is what the CLI prints and the
// tests compare; change it only on purpose.
constexpr ErrorTemplate kTemplates[] = {
    {"value_too_small", "{name} {axis} must be at least 1 (got {value})"},
    {"padding_negative_axis", "padding {axis} must not be negative (got {value})"},
    {"output_too_small",
     "output {axis} would be {size}: {formula} = {size} — the {kernel_word} ({kernel}) is {comparison} than the "
     "padded input ({padded})"},
    {"output_too_small_dilated",
     "output {axis} would be {size}: {formula} = {size} — the dilated {kernel_word} ({dilation}·({kernel}−1)+1 = "
     "{span}) is {comparison} than the padded input ({padded})"},
    {"channel_outside", "channel {channel} is outside the output's {channels} channel(s) (0…{last})"},
    {"position_outside",
     "position ({row},{col}) is outside the {height}×{width} output (rows 0…{last_row}, cols 0…{last_col})"},
    {"trace_too_large", "the {what} has {taps} cells, more than a trace can list ({limit})"},
    {"unknown_padding_mode", "padding mode '{name}' is not one of zeros, reflect, replicate, circular"},
    {"padding_negative", "padding must not be negative (got {value})"},
    {"same_needs_stride_1",
     "padding 'same' needs stride 1 (got stride {stride_h},{stride_w}): with a larger stride no padding keeps the "
     "output the input's size"},
    {"same_needs_kernel", "padding 'same' needs a kernel and dilation of at least 1"},
    {"same_too_large", "padding 'same' would need more than 10^9 cells of padding"},
    {"reflect_padding_too_large",
     "reflect padding {axis} ({pad}) must be smaller than the input {axis} ({input}): a mirror image cannot reach "
     "past the opposite edge"},
    {"circular_padding_too_large",
     "circular padding {axis} ({pad}) must not exceed the input {axis} ({input}): the input would wrap around more "
     "than once"},
    {"empty_input", "the input is empty ({channels}×{height}×{width})"},
    {"kernel_no_filters", "the kernel has no filters ({out_channels}×{in_channels} channels)"},
    {"kernel_channel_mismatch", "the kernel expects {kernel_channels} input channel(s) but the input has {channels}"},
    {"bias_size_mismatch", "the bias has {bias_values} value(s) but the kernel has {filters} filter(s)"},
    {"conv_output_too_large",
     "the output would be {channels}×{height}×{width} values (padded input {padded_height}×{padded_width}), more "
     "than the limit of {limit}"},
    {"unknown_pool_mode", "pool mode '{name}' is not one of max, avg"},
    {"pool_padding_too_large",
     "pool padding {axis} ({pad}) must be at most half the window {axis}: {window}/2 = {half}"},
    {"avg_pool_dilation",
     "dilation applies to max pooling only; average pooling needs dilation 1 (got {dilation_h},{dilation_w})"},
    {"pool_output_too_large",
     "the pooled output would be {channels}×{height}×{width} values, more than the limit of {limit}"},
    {"unknown_activation", "unknown activation \"{name}\" (relu or leaky_relu)"},
    {"stack_size", "a stack has 1 to {max} layers, not {count}"},
    {"groups_not_positive", "groups must be at least 1 (got {groups})"},
    {"groups_filters",
     "groups = {groups} must divide the {filters} filter(s): each group gets the same number of filters"},
    {"groups_channels",
     "groups = {groups} with kernel slices of {kernel_channels} channel(s) expects {groups}·{kernel_channels} = "
     "{expected} input channel(s), but the input has {channels}"},
    {"conv_transpose_output_too_small",
     "output {axis} would be {size}: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = {formula} = {size} — the "
     "padding removes more than the transposed conv produces"},
    {"output_padding_negative", "output_padding {axis} must not be negative (got {value})"},
    {"output_padding_too_large",
     "output_padding {axis} ({output_padding}) must be smaller than the stride ({stride}) or the dilation "
     "({dilation}): it picks one of the sizes a stride rounds together in (H − 1)·s − 2p + d·(k − 1) + "
     "output_padding + 1 = {formula} = {size}"},
    {"groups_input_channels",
     "groups = {groups} must divide the kernel's {channels} input channel(s): each group reads the same number of "
     "channels"},
    {"matrix_too_large", "the matrix would be {rows}×{cols} values, more than the limit of {limit}"},
    {"gradient_shape_mismatch", "the gradient is {gradient} but the layer's output is {output}"},
    {"target_shape_mismatch",
     "the target is {target} but the stack's output is {output}: the loss compares them cell by cell"},
    {"loss_not_finite", "the loss at step {step} is {loss}: the run diverged (try a smaller learning rate)"},
    {"learning_rate_invalid", "the learning rate must be a number ≥ 0 (got {value})"},
    {"momentum_invalid", "the momentum must be a number ≥ 0 (got {value})"},
    {"nothing_to_learn", "the stack has no weights to learn: it needs a conv2d or conv_transpose2d layer"},
};
static_assert(std::size(kTemplates) == static_cast<std::size_t>(ErrorId::Count), "one template per id");

}  // namespace

std::span<const ErrorTemplate> errorTemplates() {
    return kTemplates;
}

const ErrorTemplate& errorTemplate(ErrorId id) {
    return kTemplates[static_cast<std::size_t>(id)];
}

std::string fillTemplate(const std::string& text, const std::vector<ErrorValue>& values) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        const std::size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos) break;
        out.append(text, i, open - i);
        const std::string name = text.substr(open + 1, close - open - 1);
        const ErrorValue* found = nullptr;
        for (const ErrorValue& v : values)
            if (v.name == name) found = &v;
        out += found ? found->value : text.substr(open, close - open + 1);
        i = close + 1;
    }
    out.append(text, i, std::string::npos);
    return out;
}

Error templateError(const ErrorTemplate& t, std::string parameter, std::vector<ErrorValue> values, const Error* cause) {
    std::string message;
    if (cause) {
        values.push_back({"cause", cause->message});
        message = fillTemplate(t.en, values);
        values.pop_back();  // a translation fills {cause} from the cause itself
    } else {
        message = fillTemplate(t.en, values);
    }
    Error e{std::move(parameter), std::move(message), t.id, std::move(values), {}};
    if (cause) e.cause.push_back(*cause);
    return e;
}

Error engineError(ErrorId id, std::string parameter, std::vector<ErrorValue> values) {
    return templateError(errorTemplate(id), std::move(parameter), std::move(values));
}

Error emptyInputError(std::int64_t channels, std::int64_t height, std::int64_t width) {
    return engineError(ErrorId::EmptyInput, "input",
                       {{"channels", num(channels)}, {"height", num(height)}, {"width", num(width)}});
}

}  // namespace convscope::core
