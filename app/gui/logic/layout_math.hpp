#pragma once
// Where the regions go, as plain arithmetic the tests can call without a window: the controls
// on the left, the stack strip and the views above, the computation and the tabbed panel
// below, separated by splitters the person drags. The person's sizes are fractions of the
// window (or of the region they split), so they survive a window resize; a fraction that is
// not set means "the default for this window", which is what double-clicking a splitter
// brings back. Minimum sizes always win over a fraction, so no region is ever dragged shut.
#include <array>
#include <optional>
#include <vector>

namespace convscope::gui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const Rect&) const = default;
};

// The person's splitter positions; empty = the default.
struct LayoutFractions {
    std::optional<float> controls;  // controls width / window width
    std::optional<float> views;     // strip + views height / window height
    std::optional<float> formula;   // tabbed panel width / width right of the controls
    bool operator==(const LayoutFractions&) const = default;
};

// Smallest sizes in pixels, from the font and style in use (the caller measures them).
struct LayoutMinimums {
    float controls = 0, right = 0;       // across: the controls, everything right of them
    float views = 0, bottom = 0;         // down: strip + views, computation row
    float computation = 0, formula = 0;  // across the bottom row
};

struct LayoutInput {
    float width = 0, height = 0;  // the window, in pixels
    float uiScale = 1.0f;
    float stripHeight = 0;     // the stack strip above the views
    float splitter = 6.0f;     // the gap a splitter occupies
    float collapsedWidth = 0;  // presentation mode: the strip the controls collapse to
    bool presentation = false;
    LayoutFractions fractions;  // the ones for the mode shown
    LayoutMinimums minimums;
};

enum class Splitter { Controls, Views, Formula };

struct Regions {
    Rect controls, strip, views, computation, formula;
    // The gaps a person drags; Controls is empty (w = 0) in presentation mode.
    std::array<Rect, 3> splitters;
};

Regions computeRegions(const LayoutInput& in);

// The defaults a splitter's double-click brings back, for this window and mode.
float defaultFraction(const LayoutInput& in, Splitter which);

// The size of the first part when `total` is split at `fraction`, each part kept at its
// minimum; when both minimums do not fit, the parts share `total` in proportion to them.
float splitExtent(float total, float fraction, float minFirst, float minSecond);

// The fractions after dragging `which` to the pointer at `pointer` (x for the vertical
// splitters, y for the horizontal one), clamped as the layout would clamp them, so what is
// stored is what is seen.
LayoutFractions dragSplitter(const LayoutInput& in, Splitter which, float pointer);

// Tab labels that must not be cut: given each tab's width with its full label and with its
// short one (both including the tab's own padding), the gap between tabs and the width
// available, which tabs show the short label. Full labels when they all fit; otherwise the
// widest tabs are shortened first, one at a time, until the row fits (or all are short).
std::vector<bool> shortenTabs(const std::vector<float>& fullWidths, const std::vector<float>& shortWidths, float gap,
                              float available);

}  // namespace convscope::gui
