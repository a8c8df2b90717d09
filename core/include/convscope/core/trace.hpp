#pragma once
// The exact computation behind one output value, tap by tap. The GUI's computation panel
// and `convscope-cli explain` both print what these functions return: one arithmetic, two
// faces. Cost is O(window), independent of the image size.
#include <cstdint>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"

namespace convscope::core {

struct ConvTap {
    int channel = 0;  // input channel (with groups, one of the filter's group)
    int m = 0;        // kernel row
    int n = 0;        // kernel col
    int row = 0;      // input row read (negative or ≥ H inside the padding)
    int col = 0;
    bool padding = false;
    // The input pixel whose value the tap reads: (row, col) inside the input, the mirrored /
    // clamped / wrapped pixel for reflect, replicate and circular padding, (−1, −1) for zeros.
    int sourceRow = -1;
    int sourceCol = -1;
    float input = 0.0f;
    float weight = 0.0f;
    float product = 0.0f;
};

struct ConvTrace {
    int outChannel = 0;
    int outRow = 0;
    int outCol = 0;
    std::vector<ConvTap> taps;  // channel, then kernel row, then kernel col
    bool hasBias = false;
    float bias = 0.0f;
    float sum = 0.0f;  // Σ products + bias, accumulated in double, rounded once
};

// A trace lists every tap, so it is refused past this many (about 50 MB of taps): a valid
// pooling of a 4×4 input can have a 2·10^9 × 2·10^9 window (padding 10^9 on each side), and
// listing it would exhaust memory.
inline constexpr std::int64_t kMaxTraceTaps = std::int64_t{1} << 20;

// What each input channel the filter reads contributes before the bias, in the order of the
// taps (with groups, only the group's channels: sum i is channel taps[0].channel + i): its
// products summed in double and rounded once. The computation panel shows these partial sums, then their total + bias.
std::vector<float> channelSums(const ConvTrace& trace);

Result<ConvTrace> traceConv(const Tensor& input, const Weights& weights, const std::vector<float>& bias,
                            const ConvParams& params, int outChannel, int outRow, int outCol);

enum class PoolCell {
    Input,    // inside the input
    Padding,  // in the declared padding
    Outside,  // past the padding (only ceil mode's last window can reach here)
};

struct PoolTap {
    int wr = 0;  // window row / col (tap index)
    int wc = 0;
    int row = 0;  // input row / col it covers
    int col = 0;
    PoolCell cell = PoolCell::Input;
    float value = 0.0f;  // the input value; 0 where the cell is not in the input
};

enum class DivisorRule {
    IncludePad,  // count_include_pad: padding cells count, cells past the padding do not
    ExcludePad,  // only cells inside the input count
};

struct PoolTrace {
    PoolMode mode = PoolMode::Max;
    int channel = 0;
    int outRow = 0;
    int outCol = 0;
    std::vector<PoolTap> taps;  // the whole window, row-major, every cell kind
    float result = 0.0f;
    // max
    int winner = -1;                    // index into taps
    std::int64_t winnerFlatIndex = -1;  // row·W + col, as max_pool2d's indices
    // avg
    float sum = 0.0f;
    AvgDivisor divisor{};
    DivisorRule rule = DivisorRule::IncludePad;
};

Result<PoolTrace> tracePool(const Tensor& input, const PoolParams& params, int channel, int outRow, int outCol);

}  // namespace convscope::core
