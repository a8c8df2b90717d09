#pragma once
// RGBA frames → at most 256 colours for GIF. Deterministic (no randomness, no hash-order
// dependence), so the same frame always gives the same palette and indices: exported
// animations are identical run to run and a test can quantise a screenshot and compare.
#include <array>
#include <cstdint>
#include <vector>

namespace convscope::gui {

struct IndexedImage {
    int width = 0;
    int height = 0;
    std::vector<std::array<std::uint8_t, 3>> palette;  // 1…256 colours
    std::vector<std::uint8_t> indices;                 // width × height, top row first
};

// The app's frames have few colours, but antialiased text and colour ramps add more. With at
// most 256 distinct colours the palette is exact (sorted by colour); otherwise median cut over
// the colour histogram, each box represented by its most frequent colour, so the flat UI
// colours that cover most pixels stay exact and only ramps and text edges move a little.
IndexedImage quantize(const std::vector<unsigned char>& rgba, int width, int height);

// The indexed image back to opaque RGBA (tests, and to measure the quantisation error).
std::vector<unsigned char> expand(const IndexedImage& image);

}  // namespace convscope::gui
