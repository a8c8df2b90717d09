#include "quantize.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace convscope::gui {

namespace {

struct Entry {
    std::uint32_t colour;  // 0xRRGGBB
    std::uint32_t count;
};

int channel(std::uint32_t colour, int c) {
    return static_cast<int>((colour >> (16 - 8 * c)) & 0xFFu);
}

// A range [begin, end) of the sorted histogram.
struct Box {
    std::size_t begin;
    std::size_t end;
    int widest = 0;  // channel with the largest spread
    int spread = 0;
    std::uint64_t pixels = 0;
};

void measure(const std::vector<Entry>& h, Box& box) {
    int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
    box.pixels = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) {
        for (int c = 0; c < 3; ++c) {
            lo[c] = std::min(lo[c], channel(h[i].colour, c));
            hi[c] = std::max(hi[c], channel(h[i].colour, c));
        }
        box.pixels += h[i].count;
    }
    box.widest = 0;
    box.spread = -1;
    for (int c = 0; c < 3; ++c)
        if (hi[c] - lo[c] > box.spread) {
            box.spread = hi[c] - lo[c];
            box.widest = c;
        }
}

}  // namespace

IndexedImage quantize(const std::vector<unsigned char>& rgba, int width, int height) {
    IndexedImage out;
    out.width = width;
    out.height = height;
    const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    std::vector<std::uint32_t> colours(n);
    std::unordered_map<std::uint32_t, std::uint32_t> counts;
    for (std::size_t i = 0; i < n; ++i) {
        colours[i] = (std::uint32_t{rgba[4 * i]} << 16) | (std::uint32_t{rgba[4 * i + 1]} << 8) | rgba[4 * i + 2];
        ++counts[colours[i]];
    }
    // Sorted by colour: from here on nothing depends on the hash map's order.
    std::vector<Entry> histogram;
    histogram.reserve(counts.size());
    for (const auto& [colour, count] : counts) histogram.push_back({colour, count});
    std::sort(histogram.begin(), histogram.end(), [](const Entry& a, const Entry& b) { return a.colour < b.colour; });
    if (histogram.empty()) histogram.push_back({0, 0});

    std::vector<std::uint32_t> palette;
    if (histogram.size() <= 256) {
        for (const Entry& e : histogram) palette.push_back(e.colour);
    } else {
        std::vector<Box> boxes{Box{0, histogram.size()}};
        measure(histogram, boxes[0]);
        while (boxes.size() < 256) {
            // Split the box whose spread weighs most (spread × pixels), the first on ties.
            std::size_t pick = boxes.size();
            std::uint64_t best = 0;
            for (std::size_t b = 0; b < boxes.size(); ++b) {
                if (boxes[b].end - boxes[b].begin < 2) continue;
                const std::uint64_t score = static_cast<std::uint64_t>(boxes[b].spread + 1) * boxes[b].pixels;
                if (score > best) {
                    best = score;
                    pick = b;
                }
            }
            if (pick == boxes.size()) break;
            Box box = boxes[pick];
            const int c = box.widest;
            // A total order (channel, then the whole colour), so the split is reproducible.
            std::sort(histogram.begin() + static_cast<std::ptrdiff_t>(box.begin),
                      histogram.begin() + static_cast<std::ptrdiff_t>(box.end), [c](const Entry& a, const Entry& b) {
                          const int ca = channel(a.colour, c), cb = channel(b.colour, c);
                          return ca != cb ? ca < cb : a.colour < b.colour;
                      });
            // The weighted median, keeping both halves non-empty.
            std::uint64_t seen = 0;
            std::size_t cut = box.begin + 1;
            for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
                seen += histogram[i].count;
                cut = i + 1;
                if (2 * seen >= box.pixels) break;
            }
            Box lower{box.begin, cut}, upper{cut, box.end};
            measure(histogram, lower);
            measure(histogram, upper);
            boxes[pick] = lower;
            boxes.insert(boxes.begin() + static_cast<std::ptrdiff_t>(pick) + 1, upper);
        }
        for (const Box& box : boxes) {
            // The most frequent colour of the box (the smallest on ties): flat UI colours stay exact.
            std::size_t mode = box.begin;
            for (std::size_t i = box.begin; i < box.end; ++i)
                if (histogram[i].count > histogram[mode].count ||
                    (histogram[i].count == histogram[mode].count && histogram[i].colour < histogram[mode].colour))
                    mode = i;
            palette.push_back(histogram[mode].colour);
        }
        std::sort(palette.begin(), palette.end());
        palette.erase(std::unique(palette.begin(), palette.end()), palette.end());
    }

    // Each distinct colour maps to its nearest palette entry (the first on ties).
    std::unordered_map<std::uint32_t, std::uint8_t> lookup;
    lookup.reserve(histogram.size());
    for (const Entry& e : histogram) {
        std::size_t best = 0;
        int bestDistance = std::numeric_limits<int>::max();
        for (std::size_t p = 0; p < palette.size(); ++p) {
            int d = 0;
            for (int c = 0; c < 3; ++c) {
                const int diff = channel(e.colour, c) - channel(palette[p], c);
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        lookup[e.colour] = static_cast<std::uint8_t>(best);
    }
    out.palette.reserve(palette.size());
    for (std::uint32_t p : palette)
        out.palette.push_back(
            {static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8), static_cast<std::uint8_t>(p)});
    out.indices.resize(n);
    for (std::size_t i = 0; i < n; ++i) out.indices[i] = lookup[colours[i]];
    return out;
}

std::vector<unsigned char> expand(const IndexedImage& image) {
    std::vector<unsigned char> rgba(image.indices.size() * 4);
    for (std::size_t i = 0; i < image.indices.size(); ++i) {
        const auto& c = image.palette[image.indices[i]];
        rgba[4 * i] = c[0];
        rgba[4 * i + 1] = c[1];
        rgba[4 * i + 2] = c[2];
        rgba[4 * i + 3] = 255;
    }
    return rgba;
}

}  // namespace convscope::gui
