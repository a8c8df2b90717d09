#pragma once
// How values map to colours: a diverging scale symmetric around 0 for signed maps, grey for
// non-negative ones. The shader (shaders/map.frag) does the colouring; this decides the
// range and, for cell labels, whether a cell is dark enough to need white text.
#include <cstddef>

namespace convscope::gui {

// The least and greatest finite value seen, over one or more spans of values (NaN and ±inf
// left out): what a scale is fitted to.
struct FiniteRange {
    float low;   // +inf while nothing finite was seen
    float high;  // −inf
    FiniteRange();
    void add(const float* values, std::size_t count);
};

struct ColorScale {
    float low = 0.0f;
    float high = 1.0f;
    bool diverging = false;

    static ColorScale fit(const float* values, std::size_t count);
    static ColorScale fit(const FiniteRange& range);  // the default scale when nothing was finite
    float normalized(float v) const;                  // 0…1 along the scale
    bool darkAt(float v) const;                       // label this cell in white
    // The colour shaders/map.frag gives `v` (red, green, blue in 0…1), for the few places
    // drawn on the CPU: the filters' small thumbnails.
    struct Rgb {
        float r, g, b;
    };
    Rgb colourOf(float v) const;
};

// The same range made symmetric around 0 and drawn diverging (0 white, + red, − blue), even
// when every value has one sign: gradients, whose sign says which way the loss goes.
ColorScale signedScale(const ColorScale& scale);

}  // namespace convscope::gui
