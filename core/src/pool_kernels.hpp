#pragma once
// Internal to pool2dInto: the vectorised path for output positions whose windows lie inside
// the input (no padding, no clipping, dilation 1, horizontal stride 1 or 2). Border
// positions, and every other shape, go through the scalar scan in pool.cpp.
#include <cstdint>

namespace convscope::core::detail {

struct PoolRows {
    const float* in = nullptr;  // one channel
    std::int64_t inWidth = 0;
    float* values = nullptr;          // the channel's output plane
    std::int64_t* indices = nullptr;  // max: the channel's index plane; avg: null
    int outWidth = 0;
    int y0 = 0, y1 = 0;  // output rows to do
    int x0 = 0, x1 = 0;  // output columns whose windows are inside the input
    int windowH = 1, windowW = 1;
    int strideH = 1, strideW = 1;  // strideW is 1 or 2
    int padH = 0, padW = 0;
    float divisor = 1.0f;  // avg: cells per window
    // Write the indices (max) or the values (avg) with streaming stores (stream_store.inc):
    // for outputs far larger than the caches.
    bool stream = false;
};

// Max (indices set) or avg pooling of rows [y0, y1), columns from x0 in whole vectors.
// Max follows PyTorch's scan exactly (row-major; a strictly greater value or any NaN takes
// over; flat indices row·W + col, which must fit in int32). Avg sums each window in float,
// row-major, and divides once, as PyTorch does, so results are bit-identical. Returns the
// first column not done (same for every row); the caller finishes the row.
int poolInterior(const PoolRows& job);

}  // namespace convscope::core::detail
