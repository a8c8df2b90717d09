#include "conv_band.hpp"

#include <algorithm>
#include <cstring>

#include "streaming.hpp"

namespace convscope::core::detail {

namespace {

constexpr int kVectorFloats = 16;              // rows are padded to whole AVX-512 vectors
constexpr std::int64_t kBandFloats = 1 << 16;  // 256 KiB per thread
constexpr std::int64_t kRowBlock = 8;          // output rows the square fast path does at once (4 or 8)
// Floats in 4 KiB: an L1 way. Rows this far apart share L1 sets, and the 7×7 and 11×11
// kernels read 14–18 rows at once, more than the 12 ways of a Zen 5 (or Intel) L1.
constexpr std::int64_t kAliasFloats = 1024;
// Bands per thread: small ones, so that a thread the OS preempts mid-band holds up little.
constexpr std::int64_t kTasksPerThread = 16;

std::int64_t roundUp(std::int64_t v, std::int64_t m) {
    return (v + m - 1) / m * m;
}

BandLayout layoutBands(const ConvPlan& plan, int channels, const ConvParams& params, int threads) {
    BandLayout l;
    const std::int64_t sh = params.strideH;
    const std::int64_t sw = params.strideW;
    const std::int64_t pw = plan.cols.paddedInput();
    const std::int64_t phases = std::min(sw, pw);
    const std::int64_t phaseLen = (pw + sw - 1) / sw;
    std::int64_t rowStride = roundUp(phaseLen * phases, kVectorFloats);
    if (rowStride % kAliasFloats == 0) rowStride += kVectorFloats;  // see kAliasFloats
    const std::int64_t span = effectiveKernel(plan.rows.kernel, plan.rows.dilation);
    const std::int64_t perRow = channels * sh * rowStride;
    const std::int64_t base = channels * span * rowStride;
    std::int64_t rows = std::max<std::int64_t>(1, (kBandFloats - base) / perRow);
    if (threads > 1)
        rows = std::min<std::int64_t>(rows,
                                      (plan.outHeight + kTasksPerThread * threads - 1) / (kTasksPerThread * threads));
    if (rows > kRowBlock) rows = rows / kRowBlock * kRowBlock;
    rows = std::clamp<std::int64_t>(rows, 1, plan.outHeight);
    l.channels = channels;
    l.stride = static_cast<int>(sw);
    l.phases = static_cast<int>(phases);
    l.phaseLen = static_cast<int>(phaseLen);
    l.rowStride = static_cast<int>(rowStride);
    l.rowsPerBand = static_cast<int>(rows);
    l.bufferRows = static_cast<int>((rows - 1) * sh + span);
    const std::int64_t bands = (plan.outHeight + rows - 1) / rows;
    // A huge dilation makes even a one-row band span most of the input; then one buffer per
    // thread would multiply the memory the old whole-input copy took.
    const std::int64_t whole = channels * plan.rows.paddedInput() * rowStride + kBandFloats;
    const std::int64_t workers = std::max<std::int64_t>(1, whole / static_cast<std::int64_t>(l.bufferFloats()));
    l.workers = static_cast<int>(std::min<std::int64_t>({workers, threads, bands}));
    return l;
}

// For each buffered column (phase-major), the input column it copies, or −1 for zero
// (zero padding, or cells past the padded width).
void columnSources(const ConvPlan& plan, const BandLayout& layout, PaddingMode mode, std::vector<std::int32_t>& src) {
    src.assign(static_cast<std::size_t>(layout.rowStride), -1);
    const std::int64_t pw = plan.cols.paddedInput();
    for (std::int64_t p = 0; p < layout.phases; ++p)
        for (std::int64_t i = 0; i < layout.phaseLen; ++i) {
            const std::int64_t col = i * layout.stride + p;
            if (col < pw)
                src[static_cast<std::size_t>(p * layout.phaseLen + i)] =
                    static_cast<std::int32_t>(sourceIndex(col - plan.cols.padBefore, plan.cols.input, mode));
        }
}

// dst[i] = src[i·step]; the fixed steps let the compiler vectorise the copy.
template <int Step>
void copyStrided(const float* src, float* dst, std::int64_t count) {
    for (std::int64_t i = 0; i < count; ++i) dst[i] = src[i * Step];
}

void copyStrided(const float* src, std::int64_t step, float* dst, std::int64_t count) {
    switch (step) {
        case 1: std::memcpy(dst, src, static_cast<std::size_t>(count) * sizeof(float)); return;
        case 2: copyStrided<2>(src, dst, count); return;
        default:
            for (std::int64_t i = 0; i < count; ++i) dst[i] = src[i * step];
    }
}

// Cells [i0, i1) of every phase of one buffered row, from one input row (null: a row of
// zero padding). The cells inside the input are a strided copy; only the few padding cells
// go through the column map.
void fillRow(const float* src, const ConvPlan& plan, const BandLayout& l, const std::int32_t* columnSource,
             std::int64_t i0, std::int64_t i1, float* dst) {
    const std::int64_t s = l.stride;
    const std::int64_t padLeft = plan.cols.padBefore;
    const std::int64_t w = plan.cols.input;
    for (std::int64_t p = 0; p < l.phases; ++p) {
        float* d = dst + p * l.phaseLen;
        if (!src) {
            std::fill(d + i0, d + i1, 0.0f);
            continue;
        }
        const std::int32_t* map = columnSource + p * l.phaseLen;
        // Interior: padded column i·s + p inside [padLeft, padLeft + w).
        const std::int64_t first = std::max<std::int64_t>(0, (padLeft - p + s - 1) / s);
        const std::int64_t lastCol = padLeft + w - 1 - p;
        const std::int64_t last = lastCol < 0 ? 0 : std::min<std::int64_t>(l.phaseLen, lastCol / s + 1);
        const std::int64_t lo = std::min<std::int64_t>(first, l.phaseLen);
        for (std::int64_t i = i0; i < std::min(i1, lo); ++i) d[i] = map[i] < 0 ? 0.0f : src[map[i]];
        const std::int64_t a = std::max(i0, first), b = std::min(i1, last);
        if (b > a) copyStrided(src + a * s + p - padLeft, s, d + a, b - a);
        for (std::int64_t i = std::max({i0, last, lo}); i < i1; ++i) d[i] = map[i] < 0 ? 0.0f : src[map[i]];
    }
    std::fill(dst + std::int64_t{l.phases} * l.phaseLen, dst + l.rowStride, 0.0f);
}

// Whether some output row of the band reads buffered row r: r = i·stride + m·dilation.
bool rowRead(const AxisWindow& w, std::int64_t r, std::int64_t rows) {
    for (std::int64_t m = 0; m < w.kernel; ++m) {
        const std::int64_t t = r - m * w.dilation;
        if (t >= 0 && t % w.stride == 0 && t / w.stride < rows) return true;
    }
    return false;
}

// Copies the padded input rows that output rows [y0, y0 + rows) read, of every channel,
// into `buffer` (rows between them that no tap reads are skipped).
void fillBand(const Tensor& input, int channel0, const ConvPlan& plan, PaddingMode mode, const BandLayout& layout,
              const std::int32_t* columnSource, int y0, int rows, const BandColumns& columns, float* buffer) {
    const std::int64_t leftEnd = std::min<std::int64_t>(columns.leftEnd, layout.phaseLen);
    const std::int64_t rightStart = std::max<std::int64_t>(columns.rightStart, leftEnd);
    const std::size_t channelFloats = static_cast<std::size_t>(layout.bufferRows) * layout.rowStride;
    const std::int64_t firstRow = std::int64_t{y0} * plan.rows.stride;
    const std::int64_t rowCount = (rows - 1) * plan.rows.stride + effectiveKernel(plan.rows.kernel, plan.rows.dilation);
    const bool gaps = plan.rows.stride > 1 || plan.rows.dilation > 1;
    for (int c = 0; c < layout.channels; ++c)
        for (std::int64_t r = 0; r < rowCount; ++r) {
            if (gaps && !rowRead(plan.rows, r, rows)) continue;
            const std::int64_t sy = sourceIndex(firstRow + r - plan.rows.padBefore, plan.rows.input, mode);
            const float* src = sy < 0 ? nullptr : input.plane(channel0 + c) + sy * plan.cols.input;
            float* row = buffer + c * channelFloats + static_cast<std::size_t>(r) * layout.rowStride;
            fillRow(src, plan, layout, columnSource, 0, leftEnd, row);
            if (rightStart < layout.phaseLen)
                fillRow(src, plan, layout, columnSource, rightStart, layout.phaseLen, row);
        }
    std::fill(buffer + layout.bufferFloats() - BandLayout::kSlack, buffer + layout.bufferFloats(), 0.0f);
}

// Offsets (floats, from an output row's first buffered row) of every tap, in the order of
// the weights: channel, kernel row, kernel column. The first kernelW are the column offsets.
void tapOffsets(const ConvPlan& plan, const BandLayout& layout, const ConvParams& params, int kernelH, int kernelW,
                std::vector<std::int32_t>& taps) {
    taps.clear();
    const std::int64_t channelFloats = std::int64_t{layout.bufferRows} * layout.rowStride;
    const std::int64_t s = layout.stride;
    for (std::int64_t c = 0; c < layout.channels; ++c)
        for (std::int64_t m = 0; m < kernelH; ++m)
            for (std::int64_t n = 0; n < kernelW; ++n) {
                const std::int64_t col = n * plan.cols.dilation;
                taps.push_back(static_cast<std::int32_t>(c * channelFloats + m * params.dilationH * layout.rowStride +
                                                         (col % s) * layout.phaseLen + col / s));
            }
}

}  // namespace

ConvSchedule scheduleConv(const ConvCall& call, int threads) {
    const ConvPlan& plan = call.plan;
    const ConvParams& params = call.params;
    ConvSchedule s;
    s.layout = layoutBands(plan, call.weights.inChannels, params, threads);  // one group's channels
    // The register-blocked kernels: square kernels of the sizes people use, vertical
    // dilation 1, vertical stride 1 or 2.
    const int k = call.weights.height;
    const bool square = call.weights.width == k && (k == 3 || k == 5 || k == 7 || k == 11) && params.dilationH == 1 &&
                        (params.strideH == 1 || params.strideH == 2);
    s.kernel = square ? k : 0;

    // The direct path: output rows [yIn0, yIn1) and columns [xIn0, xIn1) have windows inside
    // the input. Its columns are whole vectors from a vector boundary, so that with the
    // buffer's one-vector edges every output is computed once (the last may overlap).
    const std::int64_t sh = params.strideH;
    const std::int64_t yIn0 = std::min<std::int64_t>(plan.outHeight, (plan.rows.padBefore + sh - 1) / sh);
    const std::int64_t yIn1 =
        std::clamp<std::int64_t>((call.input.height - k + plan.rows.padBefore) / sh + 1, yIn0, plan.outHeight);
    const std::int64_t xIn0 = std::min<std::int64_t>(plan.outWidth, plan.cols.padBefore);
    const std::int64_t span = effectiveKernel(plan.cols.kernel, plan.cols.dilation);
    const std::int64_t xIn1 =
        std::clamp<std::int64_t>(call.input.width - span + plan.cols.padBefore + 1, xIn0, plan.outWidth);
    s.directX0 = static_cast<int>(std::min(roundUp(xIn0, kVectorFloats), xIn1));
    s.directX1 = static_cast<int>(s.directX0 + (xIn1 - s.directX0) / kVectorFloats * kVectorFloats);
    // Only for 3×3 and 5×5, where the copy is a large part of the work: from 7×7 on the
    // multiply-adds dominate, and the input's own rows (often 4 KiB multiples apart, e.g.
    // 1024 or 2048 wide) would thrash L1 (kAliasFloats); measured on Zen 5, 11×11 at 2048²
    // ran ~20 % faster from the buffer, 7×7 about the same.
    s.direct = square && k <= 5 && params.strideW == 1 && call.input.height >= k && yIn1 > yIn0 &&
               s.directX1 > s.directX0 && plan.outWidth >= kVectorFloats;
    s.edgesOnly.leftEnd = static_cast<int>(s.directX0 + span - 1);
    s.edgesOnly.rightStart = std::min(s.directX1, plan.outWidth - kVectorFloats);
    s.edges[1] = s.direct ? static_cast<int>(yIn0) : 0;
    s.edges[2] = s.direct ? static_cast<int>(yIn1) : 0;
    s.edges[3] = plan.outHeight;
    s.stream = square && plan.outWidth % kVectorFloats == 0 &&
               streamOutput(call.input.size() * sizeof(float),
                            static_cast<std::size_t>(plan.outChannels) * static_cast<std::size_t>(plan.outHeight) *
                                static_cast<std::size_t>(plan.outWidth) * sizeof(float));
    return s;
}

void prepareWorkspace(const ConvCall& call, const ConvSchedule& schedule, ConvWorkspace& workspace) {
    workspace.padded.resize(schedule.layout.bufferFloats() * static_cast<std::size_t>(schedule.layout.workers));
    columnSources(call.plan, schedule.layout, call.params.mode, workspace.columnSource);
    tapOffsets(call.plan, schedule.layout, call.params, call.weights.height, call.weights.width, workspace.taps);
}

void runBand(const ConvCall& call, const ConvSchedule& schedule, ConvWorkspace& workspace, int jobIndex, int worker,
             Tensor& out) {
    // Jobs run group by group: each group's bands read its own input channels and write its
    // own filters.
    const int group = jobIndex / schedule.bandCount();
    int band = jobIndex % schedule.bandCount();
    const int groupInputs = call.weights.inChannels;
    const int groupFilters = call.weights.outChannels / call.params.groups;
    int segment = 0;
    while (band >= schedule.bandsIn(segment)) band -= schedule.bandsIn(segment++);
    const BandLayout& layout = schedule.layout;
    const int y0 = schedule.edges[segment] + band * layout.rowsPerBand;
    const int rows = std::min(layout.rowsPerBand, schedule.edges[segment + 1] - y0);
    const bool direct = schedule.direct && segment == 1;
    const ConvParams& params = call.params;

    float* buffer = workspace.padded.data() + layout.bufferFloats() * static_cast<std::size_t>(worker);
    fillBand(call.input, group * groupInputs, call.plan, params.mode, layout, workspace.columnSource.data(), y0, rows,
             direct ? schedule.edgesOnly : BandColumns{}, buffer);
    ConvBand job;
    job.buffer = buffer;
    job.rowStep = static_cast<std::ptrdiff_t>(params.strideH) * layout.rowStride;
    job.taps = workspace.taps.data();
    job.tapCount = static_cast<int>(workspace.taps.size());
    job.kernel = schedule.kernel;
    job.strideH = params.strideH;
    job.inChannels = groupInputs;
    job.rowStride = layout.rowStride;
    job.channelStride = static_cast<std::ptrdiff_t>(layout.bufferRows) * layout.rowStride;
    if (direct) {
        const std::int64_t width = call.input.width;
        job.direct = call.input.plane(group * groupInputs) +
                     (std::int64_t{y0} * params.strideH - call.plan.rows.padBefore) * width +
                     (schedule.directX0 - call.plan.cols.padBefore);
        job.directRowStep = params.strideH * width;
        job.directRowStride = width;
        job.directChannelStride = static_cast<std::ptrdiff_t>(call.input.planeSize());
        job.directX0 = schedule.directX0;
        job.directX1 = schedule.directX1;
    }
    const std::size_t filter0 = static_cast<std::size_t>(group) * static_cast<std::size_t>(groupFilters);
    job.weights = call.weights.data.data() + filter0 * workspace.taps.size();
    job.bias = call.bias.empty() ? nullptr : call.bias.data() + filter0;
    job.out = out.plane(static_cast<int>(filter0)) + static_cast<std::size_t>(y0) * static_cast<std::size_t>(out.width);
    job.outPlane = static_cast<std::ptrdiff_t>(out.planeSize());
    job.outChannels = groupFilters;
    job.rows = rows;
    job.width = out.width;
    job.stream = schedule.stream;
    convBand(job);
}

}  // namespace convscope::core::detail
