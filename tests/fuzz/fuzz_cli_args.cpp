// The CLI's text options → engine parameters → geometry, without files. The input is the
// option values one per line, exactly as a person types them after the flags:
//
//   conv|pool            (anything but "pool" is conv)
//   H,W                  --input-shape
//   KH,KW                conv: the kernel size; pool: --window
//   S                    --stride (pool: empty = the window)
//   P                    --padding (conv also same/valid)
//   D                    --dilation
//   MODE                 conv: --padding-mode; pool: --mode
//   FLAGS                c = --ceil-mode, x = --exclude-pad, n / i = a NaN / inf in the data,
//                        a digit picks the channel counts
//   R,C                  --at
//
// Checks: parsing and planning never crash or hang; the plan agrees with the size rules
// restated independently below; the text the CLI prints about a plan can be built; and when
// the sizes are small the engine's output, trace, coverage and readers agree with the naive
// reference in tests/core/reference.hpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "arguments.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/trace.hpp"
#include "core/reference.hpp"
#include "fuzz_check.hpp"

using namespace convscope;

namespace {

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty() && lines.size() < 9) {
        const std::size_t nl = text.find('\n');
        lines.emplace_back(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    return lines;
}

std::string line(const std::vector<std::string>& lines, std::size_t i, const std::string& fallback) {
    return i < lines.size() ? lines[i] : fallback;
}

// floor(a/b) for b > 0.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// The product of non-negative factors against the engine's value limit, in double: exact
// near the limit (2^28), and beyond it the rounding cannot matter.
bool overLimit(std::initializer_list<std::int64_t> factors) {
    double p = 1.0;
    for (std::int64_t f : factors) p *= static_cast<double>(f);
    return p > static_cast<double>(core::kMaxValues);
}

// PyTorch's window count for one axis, restated: floor or ceil of
// (n + pb + pa − d(k−1) − 1)/s, plus 1; ceil mode drops a last window starting at or past
// n + pb. Returns 0 or less when no window fits.
std::int64_t windows(std::int64_t n, std::int64_t k, std::int64_t s, std::int64_t pb, std::int64_t pa, std::int64_t d,
                     bool ceil) {
    const std::int64_t num = n + pb + pa - d * (k - 1) - 1;
    std::int64_t out = floorDiv(num + (ceil ? s - 1 : 0), s) + 1;
    if (ceil && out >= 1 && (out - 1) * s >= n + pb) --out;
    return out;
}

bool rangesOk(std::int64_t n, std::int64_t k, std::int64_t s, std::int64_t pb, std::int64_t pa, std::int64_t d) {
    return n >= 1 && k >= 1 && s >= 1 && d >= 1 && pb >= 0 && pa >= 0;
}

// Small integers, so every sum is exact in float and double alike; NaN / inf on request.
void fill(std::vector<float>& v, std::uint32_t seed, bool nan, bool inf) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(static_cast<int>((i * 7 + seed) % 11) - 5);
    if (nan && !v.empty()) v[v.size() / 2] = NAN;
    if (inf && !v.empty()) v[v.size() / 3] = -INFINITY;
}

bool same(float a, float b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Coverage and readers along one axis against brute force, when small enough to enumerate.
// Above 2^22 cells the (linear) coverage scan is skipped: under ASan it is slow enough to
// read as a hang, and a super-linear cost would show at smaller sizes anyway.
void checkAxis(const core::AxisWindow& w, std::int64_t outputs) {
    if (w.input > (1 << 22)) return;
    const auto uncovered = core::uncoveredInputs(w, outputs);
    const auto summary = core::summarizeUncovered(w, outputs, 3);
    FUZZ_CHECK(summary.count == static_cast<std::int64_t>(uncovered.size()));
    FUZZ_CHECK(std::equal(summary.first.begin(), summary.first.end(), uncovered.begin()));
    FUZZ_CHECK(summary.first.size() == std::min<std::size_t>(3, uncovered.size()));
    if (w.input > 4096 || outputs * w.kernel > 1'000'000) return;
    std::vector<std::vector<core::Reader>> readers(static_cast<std::size_t>(w.input));
    for (std::int64_t o = 0; o < outputs; ++o)
        for (std::int64_t j = 0; j < w.kernel; ++j) {
            const std::int64_t i = o * w.stride - w.padBefore + j * w.dilation;
            if (i >= 0 && i < w.input) readers[static_cast<std::size_t>(i)].push_back({o, j});
        }
    std::vector<std::int64_t> expected;
    for (std::int64_t i = 0; i < w.input; ++i)
        if (readers[static_cast<std::size_t>(i)].empty()) expected.push_back(i);
    FUZZ_CHECK(uncovered == expected);
    if (w.input * w.kernel > 200'000) return;
    for (std::int64_t i = 0; i < w.input; ++i) {
        auto got = core::readersOf(w, outputs, i);
        std::sort(got.begin(), got.end(), [](const core::Reader& a, const core::Reader& b) {
            return a.output != b.output ? a.output < b.output : a.tap < b.tap;
        });
        FUZZ_CHECK(got == readers[static_cast<std::size_t>(i)]);
    }
}

void fuzzConv(const std::vector<std::string>& lines, int channels, int filters, bool nan, bool inf) {
    auto hw = cli::parsePair("input-shape", line(lines, 1, "5,5"));
    auto k = cli::parsePair("kernel", line(lines, 2, "3"));
    if (!hw || !k) return;
    cli::ConvOptions o;
    o.stride = line(lines, 3, o.stride);
    o.padding = line(lines, 4, o.padding);
    o.dilation = line(lines, 5, o.dilation);
    o.paddingMode = line(lines, 6, o.paddingMode);
    auto params = cli::toConvParams(o, k->first, k->second, hw->first, hw->second);
    if (!params) {
        FUZZ_CHECK(!params.error().message.empty() && !params.error().parameter.empty());
        return;
    }
    const core::ConvParams& p = *params;
    if (o.padding == "same") {
        FUZZ_CHECK(p.padding.top + p.padding.bottom == std::int64_t{p.dilationH} * (k->first - 1));
        FUZZ_CHECK(p.padding.left + p.padding.right == std::int64_t{p.dilationW} * (k->second - 1));
        FUZZ_CHECK(p.padding.bottom - p.padding.top >= 0 && p.padding.bottom - p.padding.top <= 1);
    }
    // TensorFlow/ONNX SAME: the odd cell after (upper) or before (lower), never more than one.
    const bool sameUpper = o.padding == "same_upper", sameLower = o.padding == "same_lower";
    if (sameUpper || sameLower) {
        const int dh = p.padding.bottom - p.padding.top, dw = p.padding.right - p.padding.left;
        FUZZ_CHECK(sameUpper ? (dh == 0 || dh == 1) && (dw == 0 || dw == 1)
                             : (dh == 0 || dh == -1) && (dw == 0 || dw == -1));
    }

    core::Weights shapeOnly;  // the shape only, as `shape conv` plans it: no storage
    shapeOnly.outChannels = filters;
    shapeOnly.inChannels = channels;
    shapeOnly.height = k->first;
    shapeOnly.width = k->second;
    const int H = hw->first, W = hw->second;
    auto plan = core::planConv(channels, H, W, shapeOnly, nullptr, p);

    // The rules, restated.
    bool valid = rangesOk(H, k->first, p.strideH, p.padding.top, p.padding.bottom, p.dilationH) &&
                 rangesOk(W, k->second, p.strideW, p.padding.left, p.padding.right, p.dilationW);
    std::int64_t oh = 0, ow = 0;
    if (valid) {
        oh = windows(H, k->first, p.strideH, p.padding.top, p.padding.bottom, p.dilationH, false);
        ow = windows(W, k->second, p.strideW, p.padding.left, p.padding.right, p.dilationW, false);
        const std::int64_t padH = std::max(p.padding.top, p.padding.bottom);
        const std::int64_t padW = std::max(p.padding.left, p.padding.right);
        valid = oh >= 1 && ow >= 1;
        // SAME's promise: ceil(H/s) × ceil(W/s) outputs, whatever the kernel.
        if (sameUpper || sameLower)
            FUZZ_CHECK(oh == (H + std::int64_t{p.strideH} - 1) / p.strideH &&
                       ow == (W + std::int64_t{p.strideW} - 1) / p.strideW);
        if (p.mode == core::PaddingMode::Reflect) valid = valid && padH < H && padW < W;
        if (p.mode == core::PaddingMode::Circular) valid = valid && padH <= H && padW <= W;
        valid = valid && !overLimit({oh, ow, filters}) &&
                !overLimit({std::int64_t{H} + p.padding.top + p.padding.bottom,
                            std::int64_t{W} + p.padding.left + p.padding.right, channels});
    }
    FUZZ_CHECK(plan.ok() == valid);
    if (!plan) {
        FUZZ_CHECK(!plan.error().message.empty() && !plan.error().parameter.empty());
        return;
    }
    FUZZ_CHECK(plan->outHeight == oh && plan->outWidth == ow && plan->outChannels == filters);

    // What `shape conv` prints.
    FUZZ_CHECK(!core::describeOutputSize(plan->rows, core::Axis::Height).empty());
    FUZZ_CHECK(!core::describeOutputSize(plan->cols, core::Axis::Width).empty());
    if (H <= (1 << 22) && W <= (1 << 22)) (void)core::describeCoverage(plan->rows, plan->cols, oh, ow);
    checkAxis(plan->rows, oh);
    checkAxis(plan->cols, ow);

    // The values, when small.
    const std::int64_t taps = std::int64_t{channels} * k->first * k->second;
    if (std::int64_t{channels} * H * W > 4096 || taps * filters > 4096 || oh * ow * filters * taps > 2'000'000 ||
        overLimit({std::int64_t{H} + p.padding.top + p.padding.bottom,
                   std::int64_t{W} + p.padding.left + p.padding.right, channels, 64}))
        return;
    core::Tensor input(channels, H, W);
    fill(input.data, 3, nan, inf);
    core::Weights weights(filters, channels, k->first, k->second);
    fill(weights.data, 5, false, false);
    std::vector<float> bias(static_cast<std::size_t>(filters));
    fill(bias, 1, false, false);
    auto out = core::conv2d(input, weights, bias, p);
    FUZZ_CHECK(out.ok());
    auto ref = reference::conv2d(input, weights, bias, p);
    FUZZ_CHECK(ref.has_value());
    FUZZ_CHECK(out->channels == ref->channels && out->height == ref->height && out->width == ref->width);
    for (std::size_t i = 0; i < out->data.size(); ++i) FUZZ_CHECK(same(out->data[i], ref->data[i]));

    auto at = cli::parsePair("at", line(lines, 8, "0,0"));
    if (!at) return;
    auto t = core::traceConv(input, weights, bias, p, filters - 1, at->first, at->second);
    const bool inside = at->first >= 0 && at->first < oh && at->second >= 0 && at->second < ow;
    FUZZ_CHECK(t.ok() == inside);
    if (t) {
        FUZZ_CHECK(same(t->sum, out->at(filters - 1, at->first, at->second)));
        FUZZ_CHECK(!core::convSumLine(*t).empty());
        FUZZ_CHECK(core::convTapLines(*t, p.mode).size() == static_cast<std::size_t>(taps));
    }
}

void fuzzPool(const std::vector<std::string>& lines, int channels, bool ceil, bool excludePad, bool nan, bool inf) {
    auto hw = cli::parsePair("input-shape", line(lines, 1, "6,6"));
    if (!hw) return;
    cli::PoolOptions o;
    o.window = line(lines, 2, "2");
    o.stride = line(lines, 3, "");
    o.padding = line(lines, 4, o.padding);
    o.dilation = line(lines, 5, o.dilation);
    o.mode = line(lines, 6, o.mode);
    o.ceilMode = ceil;
    o.excludePad = excludePad;
    auto params = cli::toPoolParams(o);
    if (!params) {
        FUZZ_CHECK(!params.error().message.empty() && !params.error().parameter.empty());
        return;
    }
    const core::PoolParams& p = *params;
    const int H = hw->first, W = hw->second;
    auto plan = core::planPool(channels, H, W, p);

    bool valid = rangesOk(H, p.windowH, p.strideH, p.padH, p.padH, p.dilationH) &&
                 rangesOk(W, p.windowW, p.strideW, p.padW, p.padW, p.dilationW) &&
                 (p.mode == core::PoolMode::Max || (p.dilationH == 1 && p.dilationW == 1));
    std::int64_t oh = 0, ow = 0;
    if (valid) {
        valid = p.padH <= p.windowH / 2 && p.padW <= p.windowW / 2;
        oh = windows(H, p.windowH, p.strideH, p.padH, p.padH, p.dilationH, p.ceilMode);
        ow = windows(W, p.windowW, p.strideW, p.padW, p.padW, p.dilationW, p.ceilMode);
        valid = valid && oh >= 1 && ow >= 1 && !overLimit({oh, ow, channels});
    }
    FUZZ_CHECK(plan.ok() == valid);
    if (!plan) {
        FUZZ_CHECK(!plan.error().message.empty() && !plan.error().parameter.empty());
        return;
    }
    FUZZ_CHECK(plan->outHeight == oh && plan->outWidth == ow && plan->channels == channels);

    FUZZ_CHECK(!core::describeOutputSize(plan->rows, core::Axis::Height, "window").empty());
    FUZZ_CHECK(!core::describeOutputSize(plan->cols, core::Axis::Width, "window").empty());
    if (H <= (1 << 22) && W <= (1 << 22)) (void)core::describeCoverage(plan->rows, plan->cols, oh, ow, "conv output");
    checkAxis(plan->rows, oh);
    checkAxis(plan->cols, ow);

    const std::int64_t window = std::int64_t{p.windowH} * p.windowW;
    if (std::int64_t{channels} * H * W > 4096 || window > 4096 || oh * ow * channels * window > 2'000'000 ||
        p.padH > 64 || p.padW > 64)
        return;
    core::Tensor input(channels, H, W);
    fill(input.data, 2, nan, inf);
    auto out = core::pool2d(input, p);
    FUZZ_CHECK(out.ok());
    auto ref = reference::pool2d(input, p);
    FUZZ_CHECK(ref.has_value());
    FUZZ_CHECK(out->values.channels == ref->values.channels && out->values.height == ref->values.height &&
               out->values.width == ref->values.width);
    for (std::size_t i = 0; i < out->values.data.size(); ++i)
        FUZZ_CHECK(same(out->values.data[i], ref->values.data[i]));
    FUZZ_CHECK(out->indices == ref->indices);

    auto at = cli::parsePair("at", line(lines, 8, "0,0"));
    if (!at) return;
    auto t = core::tracePool(input, p, channels - 1, at->first, at->second);
    const bool inside = at->first >= 0 && at->first < oh && at->second >= 0 && at->second < ow;
    FUZZ_CHECK(t.ok() == inside);
    if (t) {
        FUZZ_CHECK(same(t->result, out->values.at(channels - 1, at->first, at->second)));
        FUZZ_CHECK(t->taps.size() == static_cast<std::size_t>(window));
        FUZZ_CHECK(!core::poolResultLine(*t).empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto lines = splitLines(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::string flags = line(lines, 7, "");
    int digit = 0;
    for (char c : flags)
        if (c >= '0' && c <= '9') digit = c - '0';
    const bool nan = flags.find('n') != std::string::npos;
    const bool inf = flags.find('i') != std::string::npos;
    if (line(lines, 0, "conv") == "pool")
        fuzzPool(lines, 1 + digit % 3, flags.find('c') != std::string::npos, flags.find('x') != std::string::npos, nan,
                 inf);
    else
        fuzzConv(lines, 1 + digit % 3, 1 + (digit / 3) % 2, nan, inf);
    return 0;
}
