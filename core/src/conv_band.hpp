#pragma once
// Internal to conv2dInto. The output is computed in bands of rows; each band first copies
// the input rows it reads, padding included, into a small per-thread buffer (it stays in
// L2, and every padding mode becomes plain reads), then runs a vectorised multiply-add
// over that buffer. Columns are stored split by the horizontal stride ("phases": phase p
// holds padded columns p, p+s, p+2s, …), so every tap of every stride reads contiguous
// memory and only the output positions the stride keeps are computed. With horizontal
// stride 1 the "direct path" skips the copy for the columns whose windows lie inside the
// input and reads the input where it is; only the edge columns are buffered.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "convscope/core/conv.hpp"

namespace convscope::core::detail {

struct BandLayout {
    int channels = 0;
    int stride = 1;       // the horizontal stride
    int phases = 1;       // min(stride, padded width): phases past the padded width are empty
    int phaseLen = 0;     // cells per phase: ceil(padded width / stride)
    int rowStride = 0;    // floats per buffered row, phases·phaseLen rounded up to 16
    int rowsPerBand = 1;  // output rows per band
    int bufferRows = 0;   // input rows a full band reads: (rowsPerBand−1)·sh + (kh−1)·dh + 1
    int workers = 1;      // threads, capped so that the buffers together stay near the input's size

    // Floats one thread's buffer needs; the tail is slack for whole-vector reads past the
    // last cell a tap needs (those lanes are computed and dropped).
    std::size_t bufferFloats() const {
        return static_cast<std::size_t>(channels) * static_cast<std::size_t>(bufferRows) *
                   static_cast<std::size_t>(rowStride) +
               kSlack;
    }
    static constexpr std::size_t kSlack = 16;
};

// The cells of each phase to buffer: [0, leftEnd) and [rightStart, phaseLen). All of them
// by default; with the direct path (ConvBand) only the edges it leaves to the buffer.
struct BandColumns {
    int leftEnd = 1 << 30;
    int rightStart = 1 << 30;
};

// One conv2dInto call's arguments, validated by planConv.
struct ConvCall {
    const Tensor& input;
    const Weights& weights;
    const std::vector<float>& bias;
    const ConvParams& params;
    const ConvPlan& plan;
};

// How a call is split and which kernels run. Output rows go in bands of at most
// layout.rowsPerBand rows within three segments [edges[i], edges[i+1]): with the direct
// path, the rows whose windows leave the input vertically (top, bottom) get bands of their
// own, read only from the buffer.
struct ConvSchedule {
    BandLayout layout;
    int kernel = 0;       // the square fast path's K, or 0 for the tap list
    bool direct = false;  // the middle segment uses the direct path
    int directX0 = 0;
    int directX1 = 0;
    BandColumns edgesOnly;  // what direct bands buffer
    int edges[4] = {0, 0, 0, 0};
    bool stream = false;  // ConvBand::stream

    int bandsIn(int segment) const {
        return (edges[segment + 1] - edges[segment] + layout.rowsPerBand - 1) / layout.rowsPerBand;
    }
    int bandCount() const { return bandsIn(0) + bandsIn(1) + bandsIn(2); }
};

// Band height (a buffer of about 256 KiB, L2-resident; a multiple of the fast path's row
// block; with several threads, many bands to share), kernels and direct columns.
ConvSchedule scheduleConv(const ConvCall& call, int threads);

// Sizes the per-thread buffers and fills the column and tap tables for a schedule.
void prepareWorkspace(const ConvCall& call, const ConvSchedule& schedule, ConvWorkspace& workspace);

// Fills the buffer (worker `worker`'s) of job `jobIndex` — band jobIndex % bandCount() of
// group jobIndex / bandCount() — and computes its output rows into `out` (already shaped).
void runBand(const ConvCall& call, const ConvSchedule& schedule, ConvWorkspace& workspace, int jobIndex, int worker,
             Tensor& out);

struct ConvBand {
    const float* buffer = nullptr;
    std::ptrdiff_t rowStep = 0;  // floats between the first buffered rows of two output rows
    const std::int32_t* taps = nullptr;
    int tapCount = 0;
    // The square fast path: a K×K kernel (K in 3, 5, 7, 11), vertical stride 1 or 2 and
    // vertical dilation 1 take kernels that keep a block of output rows in registers and
    // load each buffered row once for all of them. Other shapes use the tap list alone.
    int kernel = 0;  // K when the fast path applies, else 0
    int strideH = 1;
    int inChannels = 1;
    std::ptrdiff_t rowStride = 0;      // floats per buffered row
    std::ptrdiff_t channelStride = 0;  // floats per buffered channel
    // The direct path (fast path with K ≤ 5, horizontal stride 1, band rows whose windows lie inside the
    // input vertically): output columns [directX0, directX1) — whole 16-float vectors
    // whose windows lie inside the input — read the input itself instead of a copy. `direct` is the cell
    // tap (0, 0, 0) of output (band row 0, directX0) reads; null: no direct path.
    const float* direct = nullptr;
    std::ptrdiff_t directRowStep = 0;        // input floats between two output rows
    std::ptrdiff_t directRowStride = 0;      // input floats per row
    std::ptrdiff_t directChannelStride = 0;  // input floats per channel
    int directX0 = 0;
    int directX1 = 0;
    const float* weights = nullptr;  // outChannels × tapCount
    const float* bias = nullptr;     // outChannels values, or null
    float* out = nullptr;            // channel 0, first row of the band
    std::ptrdiff_t outPlane = 0;     // floats between output channels
    int outChannels = 0;
    int rows = 0;
    int width = 0;
    // Store the square kernels' whole aligned vectors with streaming (non-temporal) stores
    // (streaming.hpp says when). Set only when width % 16 == 0, so every row of a block has
    // the same alignment.
    bool stream = false;
};

// out[o][y][x] = bias[o] + Σ_t weights[o][t] · buffer[y·rowStep + taps[t] + x], in float.
// Picks the widest vector code this CPU runs (AVX-512, AVX2 + FMA, or SSE2).
void convBand(const ConvBand& band);

}  // namespace convscope::core::detail
