#pragma once
// Internal to conv2dInto. The output is computed in bands of rows; each band first copies
// the input rows it reads, padding included, into a small per-thread buffer (it stays in
// L2, and every padding mode becomes plain reads), then runs a vectorised multiply-add
// over that buffer. Columns are stored split by the horizontal stride ("phases": phase p
// holds padded columns p, p+s, p+2s, …), so every tap of every stride reads contiguous
// memory and only the output positions the stride keeps are computed.
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
    int bands = 0;
    int workers = 1;  // threads, capped so that the buffers together stay near the input's size

    // Floats one thread's buffer needs; the tail is slack for whole-vector reads past the
    // last cell a tap needs (those lanes are computed and dropped).
    std::size_t bufferFloats() const {
        return static_cast<std::size_t>(channels) * static_cast<std::size_t>(bufferRows) *
                   static_cast<std::size_t>(rowStride) +
               kSlack;
    }
    static constexpr std::size_t kSlack = 16;
};

// Band height: a buffer of about 256 KiB (L2-resident), a multiple of the fast path's row
// block, and with several threads enough bands to keep them all busy.
BandLayout layoutBands(const ConvPlan& plan, int channels, const ConvParams& params, int threads);

// For each buffered column (phase-major), the input column it copies, or −1 for zero
// (zero padding, or cells past the padded width).
void columnSources(const ConvPlan& plan, const BandLayout& layout, PaddingMode mode, std::vector<std::int32_t>& src);

// The cells of each phase to buffer: [0, leftEnd) and [rightStart, phaseLen). All of them
// by default; with the direct path (ConvBand) only the edges it leaves to the buffer.
struct BandColumns {
    int leftEnd = 1 << 30;
    int rightStart = 1 << 30;
};

// Copies the padded input rows that output rows [y0, y0 + rows) read, of every channel,
// into `buffer` (rows between them that no tap reads are skipped).
void fillBand(const Tensor& input, const ConvPlan& plan, PaddingMode mode, const BandLayout& layout,
              const std::int32_t* columnSource, int y0, int rows, const BandColumns& columns, float* buffer);

// Offsets (floats, from an output row's first buffered row) of every tap, in the order of
// the weights: channel, kernel row, kernel column. The first kernelW are the column offsets.
void tapOffsets(const ConvPlan& plan, const BandLayout& layout, const ConvParams& params, int kernelH, int kernelW,
                std::vector<std::int32_t>& taps);

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
    // The direct path (fast path, horizontal stride 1, band rows whose windows lie inside the
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
};

// out[o][y][x] = bias[o] + Σ_t weights[o][t] · buffer[y·rowStep + taps[t] + x], in float.
// Picks the widest vector code this CPU runs (AVX-512, AVX2 + FMA, or SSE2).
void convBand(const ConvBand& band);

}  // namespace convscope::core::detail
