// parseSession on arbitrary text: a session or an error naming the field, never a crash,
// a hang or undefined behaviour. A session it returns is written by sessionToJson so that
// it reads back as the same session (NaN as NaN), and writing that again gives the same
// text. When the input is a grid (no picture, so no file is read) the session goes on as
// `convscope-cli stack --session` does: input, the stack's plan and, when small, every layer.
//
// Kept generic on purpose — text in, parse, round trip — so that it keeps working as the
// format grows: a new field is covered as soon as sessionToJson writes it and operator==
// compares it.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>
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

// The float vectors a layer holds: a conv's or transposed conv's weights and bias.
template <class Kind>
void pairKindNans(core::Layer& a, core::Layer& b) {
    auto* x = std::get_if<Kind>(&a);
    auto* y = std::get_if<Kind>(&b);
    if (!x || !y) return;
    pairNans(x->weights.data, y->weights.data);
    pairNans(x->bias, y->bias);
}
void pairLayerNans(core::Layer& a, core::Layer& b) {
    pairKindNans<core::Conv2d>(a, b);
    pairKindNans<core::ConvTranspose2d>(a, b);
}

void checkSame(io::Session a, io::Session b) {
    pairNans(a.grid.data, b.grid.data);
    if (a.layers.size() == b.layers.size())
        for (std::size_t i = 0; i < a.layers.size(); ++i) pairLayerNans(a.layers[i], b.layers[i]);
    // A NaN somewhere the pairing above does not reach (a field added later) leaves a ≠ a;
    // then the text comparison in the caller is the check.
    if (a == a) FUZZ_CHECK(a == b);
}

// What `convscope-cli stack --session` does with a session that needs no file.
void runGrid(const io::Session& s) {
    auto input = io::sessionInput(s);
    FUZZ_CHECK(input.ok());
    FUZZ_CHECK(static_cast<std::size_t>(input->channels) * input->planeSize() == input->data.size());
    const core::StackPlan plan = core::planStack(core::shapeOf(*input), s.layers);
    if (!plan.ok()) {
        FUZZ_CHECK(!plan.error.message.empty());
        FUZZ_CHECK(plan.plans.size() == static_cast<std::size_t>(plan.failed));
        return;
    }
    FUZZ_CHECK(plan.plans.size() == s.layers.size());
    // The values only when the work is small: a fuzzed session may describe a valid but
    // slow stack (2^20 × 2^20 padding), which is no finding. A layer's work: its
    // multiply-adds, its padded input (convs copy it), its output (every kind writes it)
    // times its window.
    // In double: a product of fuzzed sizes may pass 2^63 before the limit check sees it.
    double work = 0;
    for (const core::LayerPlan& p : plan.plans) {
        const core::AxisWindow& r = p.windows.rows;
        const core::AxisWindow& c = p.windows.cols;
        work += static_cast<double>(p.cost.multiplyAdds);
        work += static_cast<double>(r.paddedInput()) * static_cast<double>(c.paddedInput()) * p.in.channels;
        work += static_cast<double>(p.out.channels) * p.out.height * p.out.width * static_cast<double>(r.kernel) *
                static_cast<double>(c.kernel);
        if (work > 1e6) return;
    }
    auto outputs = core::runStack(*input, s.layers);
    FUZZ_CHECK(outputs.ok());
    FUZZ_CHECK(outputs->size() == plan.plans.size());
    for (std::size_t i = 0; i < plan.plans.size(); ++i)
        FUZZ_CHECK(core::shapeOf((*outputs)[i].values) == plan.plans[i].out);
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
