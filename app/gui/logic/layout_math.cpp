#include "layout_math.hpp"

#include <algorithm>
#include <cmath>

namespace convscope::gui {

namespace {

// The views get most of the height in presentation mode; the tabbed panel gives up width to
// the computation, which is drawn in large type there.
constexpr float kViewsDefault = 0.56f;
constexpr float kViewsPresenting = 0.70f;
constexpr float kFormulaDefault = 0.44f;
constexpr float kFormulaPresenting = 0.38f;

// Right of the controls there must be room for the bottom row's two panels and their splitter.
float minRight(const LayoutInput& in) {
    const LayoutMinimums& m = in.minimums;
    return std::max(m.right, m.computation + m.formula + in.splitter);
}

float controlsWidth(const LayoutInput& in) {
    return in.presentation ? std::floor(std::min(in.collapsedWidth, in.width * 0.2f)) : 0.0f;
}

}  // namespace

float defaultFraction(const LayoutInput& in, Splitter which) {
    switch (which) {
        case Splitter::Controls: {
            // About a quarter of the window, as wide as the sliders need at this UI size and
            // no wider: a wide monitor gives its extra width to the maps.
            if (in.width <= 0) return 0.26f;
            const float w =
                std::min(in.width * 0.45f, std::clamp(in.width * 0.26f, 300.0f * in.uiScale, 420.0f * in.uiScale));
            return w / in.width;
        }
        case Splitter::Views: return in.presentation ? kViewsPresenting : kViewsDefault;
        case Splitter::Formula: return in.presentation ? kFormulaPresenting : kFormulaDefault;
    }
    return 0.5f;
}

float splitExtent(float total, float fraction, float minFirst, float minSecond) {
    if (!(total > 0)) return 0.0f;
    if (!std::isfinite(fraction)) fraction = 0.5f;
    minFirst = std::max(0.0f, minFirst);
    minSecond = std::max(0.0f, minSecond);
    if (minFirst + minSecond > total) return std::floor(total * minFirst / (minFirst + minSecond));
    return std::clamp(std::floor(total * fraction), minFirst, total - minSecond);
}

Regions computeRegions(const LayoutInput& in) {
    Regions r;
    const float g = in.splitter;
    const LayoutFractions& f = in.fractions;
    const LayoutMinimums& m = in.minimums;
    float rightX = 0;
    if (in.presentation) {
        const float cw = controlsWidth(in);
        r.controls = {0, 0, cw, in.height};
        rightX = cw;
    } else {
        const float cw = splitExtent(in.width - g, f.controls.value_or(defaultFraction(in, Splitter::Controls)),
                                     m.controls, minRight(in));
        r.controls = {0, 0, cw, in.height};
        r.splitters[0] = {cw, 0, g, in.height};
        rightX = cw + g;
    }
    const float rightW = std::max(0.0f, in.width - rightX);
    const float topH =
        splitExtent(in.height - g, f.views.value_or(defaultFraction(in, Splitter::Views)), m.views, m.bottom);
    const float stripH = std::min(in.stripHeight, topH);
    r.strip = {rightX, 0, rightW, stripH};
    r.views = {rightX, stripH, rightW, topH - stripH};
    r.splitters[1] = {rightX, topH, rightW, g};
    const float bottomY = topH + g;
    const float bottomH = std::max(0.0f, in.height - bottomY);
    // When the row cannot hold both panels side by side (a large UI size on a small window),
    // they share its height instead, computation above the tabs: a panel squeezed to nothing
    // would still be drawn at ImGui's minimum size, over its neighbour.
    const float rowW = std::max(0.0f, rightW - g);
    if (m.formula + m.computation > rowW) {
        const float half = std::floor(std::max(0.0f, bottomH - g) / 2.0f);
        r.computation = {rightX, bottomY, rightW, half};
        r.splitters[2] = {};
        r.formula = {rightX, bottomY + half + g, rightW, std::max(0.0f, bottomH - half - g)};
        return r;
    }
    const float formulaW =
        splitExtent(rowW, f.formula.value_or(defaultFraction(in, Splitter::Formula)), m.formula, m.computation);
    const float computationW = std::max(0.0f, rightW - g - formulaW);
    r.computation = {rightX, bottomY, computationW, bottomH};
    r.splitters[2] = {rightX + computationW, bottomY, g, bottomH};
    r.formula = {rightX + computationW + g, bottomY, formulaW, bottomH};
    return r;
}

LayoutFractions dragSplitter(const LayoutInput& in, Splitter which, float pointer) {
    LayoutFractions f = in.fractions;
    const float g = in.splitter;
    const LayoutMinimums& m = in.minimums;
    const Regions now = computeRegions(in);
    switch (which) {
        case Splitter::Controls: {
            if (in.presentation) break;  // the collapsed strip has a fixed width
            const float total = in.width - g;
            if (total > 0)
                f.controls = splitExtent(total, (pointer - g * 0.5f) / total, m.controls, minRight(in)) / total;
            break;
        }
        case Splitter::Views: {
            const float total = in.height - g;
            if (total > 0) f.views = splitExtent(total, (pointer - g * 0.5f) / total, m.views, m.bottom) / total;
            break;
        }
        case Splitter::Formula: {
            const float rightEnd = now.formula.x + now.formula.w;
            const float total = now.computation.w + now.formula.w;  // the bottom row less the gap
            if (total > 0)
                f.formula =
                    splitExtent(total, (rightEnd - (pointer + g * 0.5f)) / total, m.formula, m.computation) / total;
            break;
        }
    }
    return f;
}

std::vector<bool> shortenTabs(const std::vector<float>& fullWidths, const std::vector<float>& shortWidths, float gap,
                              float available) {
    const std::size_t n = std::min(fullWidths.size(), shortWidths.size());
    std::vector<bool> useShort(n, false);
    if (n == 0) return useShort;
    float total = gap * static_cast<float>(n - 1);
    for (std::size_t i = 0; i < n; ++i) total += fullWidths[i];
    while (total > available) {
        std::size_t widest = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!useShort[i] && shortWidths[i] < fullWidths[i] && (widest == n || fullWidths[i] > fullWidths[widest]))
                widest = i;
        if (widest == n) break;  // every label that has a shorter form already uses it
        useShort[widest] = true;
        total -= fullWidths[widest] - shortWidths[widest];
    }
    return useShort;
}

}  // namespace convscope::gui
