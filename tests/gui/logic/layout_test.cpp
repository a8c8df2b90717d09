// The regions and splitters as a person meets them: the window is tiled without overlap at
// every size, a dragged splitter stays where it was put (as a fraction, across resizes), no
// region can be dragged below its minimum, presentation mode gives the views the room, and
// tab labels shorten only as far as needed.
#include <catch2/catch.hpp>

#include "logic/layout_math.hpp"

using namespace convscope::gui;

namespace {

LayoutInput input(float w, float h, float scale = 1.0f, bool presentation = false) {
    LayoutInput in;
    in.width = w;
    in.height = h;
    in.uiScale = scale;
    in.stripHeight = 40 * scale;
    in.splitter = 6 * scale;
    in.collapsedWidth = 44 * scale;
    in.presentation = presentation;
    in.minimums = {240 * scale, 360 * scale, 200 * scale, 120 * scale, 200 * scale, 220 * scale};
    return in;
}

float right(const Rect& r) {
    return r.x + r.w;
}
float bottom(const Rect& r) {
    return r.y + r.h;
}

// Every region inside the window, none overlapping another, the splitters in the gaps.
void checkTiled(const LayoutInput& in) {
    const Regions r = computeRegions(in);
    const Rect all[] = {r.controls, r.strip, r.views, r.computation, r.formula};
    for (const Rect& a : all) {
        CHECK(a.x >= 0);
        CHECK(a.y >= 0);
        CHECK(a.w >= 0);
        CHECK(a.h >= 0);
        CHECK(right(a) <= in.width);
        CHECK(bottom(a) <= in.height);
    }
    for (std::size_t i = 0; i < std::size(all); ++i)
        for (std::size_t j = i + 1; j < std::size(all); ++j) {
            const bool apart = right(all[i]) <= all[j].x || right(all[j]) <= all[i].x || bottom(all[i]) <= all[j].y ||
                               bottom(all[j]) <= all[i].y;
            CHECK(apart);
        }
    // Nothing is wasted: the right column reaches the window's right and bottom edges.
    CHECK(right(r.formula) == Approx(in.width));
    CHECK(bottom(r.formula) == Approx(in.height));
    CHECK(r.strip.y == 0);
    CHECK(r.views.y == Approx(bottom(r.strip)));
}

}  // namespace

TEST_CASE("the regions tile the window at every classroom size, in both modes", "[gui][layout]") {
    for (auto [w, h] : {std::pair{1024.f, 700.f}, {1280.f, 800.f}, {1920.f, 1080.f}, {3840.f, 2160.f}})
        for (float scale : {1.0f, 2.0f, 3.0f})
            for (bool presentation : {false, true}) {
                CAPTURE(w, h, scale, presentation);
                checkTiled(input(w, h, scale, presentation));
            }
}

TEST_CASE("a dragged splitter lands under the pointer and keeps its fraction when the window grows", "[gui][layout]") {
    LayoutInput in = input(1280, 800);
    in.fractions = dragSplitter(in, Splitter::Controls, 500.0f);
    Regions r = computeRegions(in);
    CHECK(r.splitters[0].x + r.splitters[0].w * 0.5f == Approx(500.0f).margin(1.0f));
    in.fractions = dragSplitter(in, Splitter::Views, 300.0f);
    in.fractions = dragSplitter(in, Splitter::Formula, 900.0f);
    r = computeRegions(in);
    CHECK(r.splitters[1].y + r.splitters[1].h * 0.5f == Approx(300.0f).margin(1.0f));
    CHECK(r.splitters[2].x + r.splitters[2].w * 0.5f == Approx(900.0f).margin(1.0f));

    // Twice the window: the controls take the same share of it, not the same pixels.
    const float share = r.controls.w / 1280.0f;
    LayoutInput big = in;
    big.width = 2560;
    big.height = 1600;
    const Regions b = computeRegions(big);
    CHECK(b.controls.w / 2560.0f == Approx(share).margin(0.002));
    CHECK(b.views.y + b.views.h == Approx(2.0f * (r.views.y + r.views.h)).margin(3.0f));
}

TEST_CASE("no region can be dragged below its minimum", "[gui][layout]") {
    LayoutInput in = input(1280, 800);
    for (float pointer : {-500.0f, 0.0f, 5000.0f}) {
        for (Splitter s : {Splitter::Controls, Splitter::Views, Splitter::Formula}) {
            LayoutInput dragged = in;
            dragged.fractions = dragSplitter(in, s, pointer);
            const Regions r = computeRegions(dragged);
            CAPTURE(pointer, static_cast<int>(s));
            CHECK(r.controls.w >= in.minimums.controls);
            CHECK(r.strip.w >= in.minimums.right);
            CHECK(r.strip.h + r.views.h >= in.minimums.views);
            CHECK(r.computation.h >= in.minimums.bottom);
            CHECK(r.computation.w >= in.minimums.computation);
            CHECK(r.formula.w >= in.minimums.formula);
        }
    }
    // A window too small for both minimums shares the width in their proportion.
    CHECK(splitExtent(500, 0.9f, 300, 300) == 250);
    CHECK(splitExtent(1000, 0.9f, 300, 300) == 700);
    CHECK(splitExtent(1000, 0.1f, 300, 300) == 300);
}

TEST_CASE("an unset fraction is the default, so resetting a splitter brings the first layout back", "[gui][layout]") {
    const LayoutInput fresh = input(1280, 800);
    LayoutInput in = fresh;
    in.fractions = dragSplitter(in, Splitter::Views, 200.0f);
    CHECK(computeRegions(in).views.h != computeRegions(fresh).views.h);
    in.fractions.views.reset();  // what double-clicking does
    CHECK(computeRegions(in).views == computeRegions(fresh).views);
    // The default controls width follows the UI size, within the window.
    CHECK(computeRegions(input(1920, 1080, 1.0f)).controls.w < computeRegions(input(1920, 1080, 1.5f)).controls.w);
}

TEST_CASE("presentation mode collapses the controls and gives the views most of the window", "[gui][layout]") {
    for (auto [w, h, scale] : {std::tuple{1280.f, 800.f, 1.0f}, {1920.f, 1080.f, 2.0f}, {3840.f, 2160.f, 3.0f}}) {
        CAPTURE(w, h, scale);
        const Regions normal = computeRegions(input(w, h, scale));
        const Regions shown = computeRegions(input(w, h, scale, true));
        CHECK(shown.controls.w <= 44 * scale);
        CHECK(shown.views.w > normal.views.w);
        CHECK(shown.views.h > normal.views.h);
        CHECK(shown.views.w * shown.views.h > 0.5f * w * h);
        CHECK(shown.splitters[0].w == 0);  // nothing to drag there
        // The computation stays under the views.
        CHECK(shown.computation.y > shown.views.y);
        CHECK(shown.computation.x == shown.views.x);
    }
}

TEST_CASE("tab labels shorten the widest first and only as far as needed", "[gui][layout]") {
    const std::vector<float> full = {100, 70, 110, 50, 130};
    const std::vector<float> shorter = {50, 70, 50, 50, 60};
    // Room for everything: nothing shortened.
    CHECK(shortenTabs(full, shorter, 4, 1000) == std::vector<bool>{false, false, false, false, false});
    // 476 wide: shortening the widest (130 → 60) is enough.
    CHECK(shortenTabs(full, shorter, 4, 420) == std::vector<bool>{false, false, false, false, true});
    // Less room: the next widest goes too.
    CHECK(shortenTabs(full, shorter, 4, 360) == std::vector<bool>{false, false, true, false, true});
    // No room even for short labels: every label that has a short form uses it.
    CHECK(shortenTabs(full, shorter, 4, 10) == std::vector<bool>{true, false, true, false, true});
}

TEST_CASE("on a window too narrow for the whole bottom row, its panels share the height", "[gui][layout]") {
    // A projector at 200 % on 1280×800: the tabs and the computation cannot stand side by side
    // at their minimum widths, so each gets the row's whole width and half its height — never
    // a panel squeezed to nothing (ImGui would draw it at its minimum size, over the other).
    LayoutInput in = input(1280, 800, 2.0f);
    in.minimums.formula = 470;  // five short tab labels
    in.minimums.computation = 440;
    for (float pointer : {0.0f, 900.0f, 5000.0f}) {
        LayoutInput dragged = in;
        dragged.fractions = dragSplitter(in, Splitter::Formula, pointer);
        const Regions r = computeRegions(dragged);
        CAPTURE(pointer);
        CHECK(r.formula.w >= 470);
        CHECK(r.computation.w >= 440);
        CHECK(r.computation.x == r.formula.x);
        CHECK(r.computation.h > 0);
        CHECK(r.computation.y + r.computation.h <= r.formula.y);  // above it, no overlap
        CHECK(r.formula.y + r.formula.h <= 800);                  // inside the window
        CHECK(r.computation.y >= r.views.y + r.views.h);          // under the views
    }
}
