#include "mip_levels.hpp"

#include <algorithm>
#include <array>

#include "convscope/core/parallel.hpp"

namespace convscope::gui {

namespace {

constexpr std::size_t kCellsPerBand = std::size_t{1} << 18;  // below this one thread is quicker
constexpr int kMaxBands = 4;

// The children of texel i on a level of `size` texels whose parent level holds `parentSize`:
// [2i, 2i + 2), clipped to the parent; the last texel also takes what is left.
struct Span {
    int begin, end;
};
Span childrenOf(int i, int size, int parentSize) {
    const int begin = 2 * i;
    const int end = i == size - 1 ? parentSize : std::min(begin + 2, parentSize);
    return {begin, end};
}

// Rows [y0, y1) of a level from its parent; `range` (if any) takes in the parent's cells read.
// With an AVX2 copy, as FiniteRange::add.
__attribute__((target_clones("avx2", "default"))) void reduce(const float* parent, int parentHeight, int parentWidth,
                                                              float* level, int height, int width, int y0, int y1,
                                                              FiniteRange* range) {
    for (int y = y0; y < y1; ++y) {
        const Span rows = childrenOf(y, height, parentHeight);
        float* out = level + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        const float* a = parent + static_cast<std::size_t>(rows.begin) * static_cast<std::size_t>(parentWidth);
        // The common case, two full rows and two full columns, in a loop the compiler vectorises.
        const int full = std::min(width - 1, parentWidth / 2);
        if (rows.end - rows.begin == 2) {
            const float* b = a + parentWidth;
            for (int x = 0; x < full; ++x) out[x] = 0.25f * ((a[2 * x] + a[2 * x + 1]) + (b[2 * x] + b[2 * x + 1]));
        }
        for (int x = rows.end - rows.begin == 2 ? full : 0; x < width; ++x) {
            const Span cols = childrenOf(x, width, parentWidth);
            float sum = 0.0f;
            for (int r = rows.begin; r < rows.end; ++r)
                for (int c = cols.begin; c < cols.end; ++c)
                    sum += parent[static_cast<std::size_t>(r) * static_cast<std::size_t>(parentWidth) +
                                  static_cast<std::size_t>(c)];
            out[x] = sum / static_cast<float>((rows.end - rows.begin) * (cols.end - cols.begin));
        }
        // The rows just read are still in cache; the spans of all y cover every row once.
        if (range)
            range->add(a, static_cast<std::size_t>(rows.end - rows.begin) * static_cast<std::size_t>(parentWidth));
    }
}

}  // namespace

void buildMipLevels(const float* map, int height, int width, int storageHeight, int storageWidth, MipLevels& out) {
    out.levels.clear();
    std::size_t total = 0;
    int h = height, w = width;
    for (int k = 1; (storageWidth >> (k - 1)) > 1 || (storageHeight >> (k - 1)) > 1; ++k) {
        // The map's region: half the parent's, rounded up, but no larger than GL's level.
        h = std::min((h + 1) / 2, std::max(1, storageHeight >> k));
        w = std::min((w + 1) / 2, std::max(1, storageWidth >> k));
        out.levels.push_back({w, h, total});
        total += static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    }
    if (out.values.size() < total) out.values.resize(total);  // grows only: fresh memory is slow here
    out.range = FiniteRange{};
    if (out.levels.empty()) out.range.add(map, static_cast<std::size_t>(height) * static_cast<std::size_t>(width));
    const float* parent = map;
    int parentHeight = height, parentWidth = width;
    for (const MipLevel& level : out.levels) {
        float* values = out.values.data() + level.offset;
        // A large level in bands on two threads: this runs on the UI thread in the frame that
        // shows a new map, and one core reads a 4096² map in ~10 ms.
        const std::size_t cells = static_cast<std::size_t>(parentHeight) * static_cast<std::size_t>(parentWidth);
        const int bands = cells >= kCellsPerBand ? std::min(kMaxBands, level.height) : 1;
        std::array<FiniteRange, kMaxBands> ranges;
        core::parallelFor(bands, 2, [&](int band, int) {
            reduce(parent, parentHeight, parentWidth, values, level.height, level.width, level.height * band / bands,
                   level.height * (band + 1) / bands,
                   parent == map ? &ranges[static_cast<std::size_t>(band)] : nullptr);
        });
        for (const FiniteRange& r : ranges) {
            out.range.low = std::min(out.range.low, r.low);
            out.range.high = std::max(out.range.high, r.high);
        }
        parent = values;
        parentHeight = level.height;
        parentWidth = level.width;
    }
}

}  // namespace convscope::gui
