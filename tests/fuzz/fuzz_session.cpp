// parseSession on arbitrary text: a session or an error naming the field, never a crash,
// a hang or undefined behaviour. A session it returns is written by sessionToJson so that
// it reads back as the same session (NaN as NaN), and writing that again gives the same
// text. When the input is a grid (no picture, so no file is read) the session goes on as
// `convscope-cli stack --session` does: input, the stack's plan and, when small, every stage.
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
#include "convscope/core/stack.hpp"
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
    if (a.stages.size() == b.stages.size())
        for (std::size_t i = 0; i < a.stages.size(); ++i) {
            pairNans(a.stages[i].conv.weights.data, b.stages[i].conv.weights.data);
            pairNans(a.stages[i].conv.bias, b.stages[i].conv.bias);
        }
    // A NaN somewhere the pairing above does not reach (a field added later) leaves a ≠ a;
    // then the text comparison in the caller is the check.
    if (a == a) FUZZ_CHECK(a == b);
}

// What `convscope-cli stack --session` does with a session that needs no file.
void runGrid(const io::Session& s) {
    auto input = io::sessionInput(s);
    FUZZ_CHECK(input.ok());
    FUZZ_CHECK(static_cast<std::size_t>(input->channels) * input->planeSize() == input->data.size());
    auto plans = core::planStack(input->channels, input->height, input->width, s.stages);
    if (!plans) {
        FUZZ_CHECK(!plans.error().message.empty());
        return;
    }
    // The values only when the work is small: a fuzzed session may describe a valid but
    // slow stack (2^20 × 2^20 padding), which is no finding.
    std::int64_t work = 0;
    for (std::size_t i = 0; i < plans->size(); ++i) {
        const core::StagePlan& p = (*plans)[i];
        const core::Weights& w = s.stages[i].conv.weights;
        const std::int64_t taps = std::int64_t{w.inChannels} * w.height * w.width;
        work += std::int64_t{p.conv.outChannels} * p.conv.outHeight * p.conv.outWidth * taps;
        work += p.conv.rows.paddedInput() * p.conv.cols.paddedInput() * p.inChannels;
        if (s.stages[i].poolEnabled)
            work += std::int64_t{p.outChannels} * p.outHeight * p.outWidth * s.stages[i].pool.windowH *
                    s.stages[i].pool.windowW;
        if (work > 1'000'000) return;
    }
    auto outputs = core::runStack(*input, s.stages);
    FUZZ_CHECK(outputs.ok());
    FUZZ_CHECK(outputs->size() == plans->size());
    for (std::size_t i = 0; i < plans->size(); ++i) {
        const core::Tensor& out = (*outputs)[i].output();
        const core::StagePlan& p = (*plans)[i];
        FUZZ_CHECK(out.channels == p.outChannels && out.height == p.outHeight && out.width == p.outWidth);
    }
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
