// parseSession on arbitrary text: a session or an error naming the field, never a crash,
// a hang or undefined behaviour. A session it returns is written by sessionToJson so that
// it reads back as the same session (NaN as NaN), and writing that again gives the same
// text. When the input is a grid (no picture, so no file is read) the session goes on as
// the CLI's --session does: input, parameters, conv plan and, when small, the conv and the
// pooling of its output.
//
// Kept generic on purpose — text in, parse, round trip — so that it keeps working as the
// format grows: a new field is covered as soon as sessionToJson writes it and operator==
// compares it.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/io/session.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

namespace {

// NaN ≠ NaN would make operator== fail on any session holding one: where both vectors hold
// NaN at the same place, make both 0 before comparing.
void pairNans(std::vector<float>& a, std::vector<float>& b) {
    if (a.size() != b.size()) return;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isnan(a[i]) && std::isnan(b[i])) a[i] = b[i] = 0.0f;
}

void checkSame(io::Session a, io::Session b) {
    pairNans(a.grid.data, b.grid.data);
    pairNans(a.weights.data, b.weights.data);
    pairNans(a.bias, b.bias);
    // A NaN somewhere the pairing above does not reach (a field added later) leaves a ≠ a;
    // then the text comparison in the caller is the check.
    if (a == a) FUZZ_CHECK(a == b);
}

// What `convscope-cli conv/pool --session` does with a session that needs no file.
void runGrid(const io::Session& s) {
    auto input = io::sessionInput(s);
    FUZZ_CHECK(input.ok());
    FUZZ_CHECK(static_cast<std::size_t>(input->channels) * input->planeSize() == input->data.size());
    auto params = io::sessionConvParams(s);
    if (!params) {
        FUZZ_CHECK(!params.error().message.empty());
        return;
    }
    auto plan = core::planConv(input->channels, input->height, input->width, s.weights, &s.bias, *params);
    if (!plan) {
        FUZZ_CHECK(!plan.error().message.empty());
        return;
    }
    FUZZ_CHECK(plan->outChannels == s.weights.outChannels && plan->outHeight >= 1 && plan->outWidth >= 1);

    // The values only when the work is small: a fuzzed session may describe a valid but
    // slow layer (2^20 × 2^20 padding), which is no finding.
    const std::int64_t taps = std::int64_t{s.weights.inChannels} * s.weights.height * s.weights.width;
    const std::int64_t outputs = std::int64_t{plan->outChannels} * plan->outHeight * plan->outWidth;
    const std::int64_t padded = (std::int64_t{input->height} + params->padding.top + params->padding.bottom) *
                                (std::int64_t{input->width} + params->padding.left + params->padding.right);
    if (outputs * taps > 1'000'000 || padded * input->channels > 1'000'000) return;
    auto out = core::conv2d(*input, s.weights, s.bias, *params);
    FUZZ_CHECK(out.ok());
    FUZZ_CHECK(out->channels == plan->outChannels && out->height == plan->outHeight && out->width == plan->outWidth);

    auto poolPlan = core::planPool(out->channels, out->height, out->width, s.pool);
    if (!poolPlan) {
        FUZZ_CHECK(!poolPlan.error().message.empty());
        return;
    }
    const std::int64_t windows = std::int64_t{poolPlan->channels} * poolPlan->outHeight * poolPlan->outWidth;
    if (windows * s.pool.windowH * s.pool.windowW > 1'000'000) return;
    auto pooled = core::pool2d(*out, s.pool);
    FUZZ_CHECK(pooled.ok());
    FUZZ_CHECK(pooled->values.height == poolPlan->outHeight && pooled->values.width == poolPlan->outWidth);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto s = io::parseSession(text);
    if (!s) {
        FUZZ_CHECK(!s.error().message.empty());
        return 0;
    }

    const std::string json = io::sessionToJson(*s);
    auto again = io::parseSession(json);
    if (!again) std::fprintf(stderr, "written session does not read back: %s\n", again.error().message.c_str());
    FUZZ_CHECK(again.ok());
    checkSame(*s, *again);
    FUZZ_CHECK(io::sessionToJson(*again) == json);

    if (!s->image) runGrid(*s);
    return 0;
}
