#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>

#include "../logic/engine_text.hpp"
#include "../logic/playback.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

ImVec2 pos(const Rect& r) {
    return {r.x, r.y};
}
ImVec2 size(const Rect& r) {
    return {r.w, r.h};
}

}  // namespace

Layout computeLayout(ImVec2 display, float scale, const LayoutFractions& fractions, bool presentation,
                     Language language, const ImFont* computationFont) {
    const ImGuiStyle& style = ImGui::GetStyle();
    LayoutInput in;
    in.width = display.x;
    in.height = display.y;
    in.uiScale = scale;
    // The stack strip: one row of stage buttons above the views.
    in.stripHeight = std::floor(ImGui::GetFrameHeight() * 1.25f + 2.0f * style.WindowPadding.y);
    // Wide enough to grab at a glance, at every UI size.
    in.splitter = std::round(6.0f * scale);
    // One button wide: the presentation strip's buttons are square.
    in.collapsedWidth = std::ceil(ImGui::GetFrameHeight() + 2.0f * style.WindowPadding.x);
    in.presentation = presentation;
    in.fractions = fractions;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    LayoutMinimums& m = in.minimums;
    m.controls = 260.0f * scale;  // the sliders' "h 7" / "w 7" pairs and the preset combo
    m.right = 360.0f * scale;
    m.views = in.stripHeight + 3.0f * line + 80.0f * scale;  // titles, legends and a usable canvas
    m.bottom = ImGui::GetFrameHeight() + 4.0f * line;        // a title bar and a few lines of sum
    // The computation's first line ("Convolution at O(r,c): O(r,c) = v (9 products)") does not
    // wrap, so the panel is at least that wide, in the font it is drawn in.
    char at[96], products[64];
    std::snprintf(at, sizeof at, tr(T::ConvAt).in(language), 88, 88);
    std::snprintf(products, sizeof products, tr(T::Products).in(language), std::size_t{9});
    const std::string head = std::string(at) + " O(88,88) = -88.88 " + products;
    const ImFont* font = computationFont ? computationFont : ImGui::GetFont();
    const float headW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, head.c_str()).x;
    // Room under the views for the computation's title, its first line, two lines of terms and
    // the note under them, in its own (perhaps large) type.
    m.bottom = std::max(m.bottom, 6.0f * (font->FontSize + style.ItemSpacing.y) + 4.0f * style.WindowPadding.y);
    const float headMin = std::ceil(headW + 2.0f * style.ItemSpacing.x + 2.0f * style.WindowPadding.x);
    m.formula =
        std::max(180.0f * scale, formulaTabsMinWidth(language) + 2.0f * style.WindowPadding.x + style.ScrollbarSize);
    // …but not at the cost of the controls' default width or the tabs: at a large UI size on a
    // small window the line's end is clipped rather than every panel squeezed.
    const float controlsW = presentation ? in.collapsedWidth : defaultFraction(in, Splitter::Controls) * display.x;
    const float room = display.x - controlsW - 2.0f * in.splitter - m.formula;
    m.computation = std::max(220.0f * scale, std::min(headMin, room));
    Layout l;
    l.input = in;
    l.regions = computeRegions(in);
    const Regions& r = l.regions;
    l.controlsPos = pos(r.controls);
    l.controlsSize = size(r.controls);
    l.stripPos = pos(r.strip);
    l.stripSize = size(r.strip);
    l.viewsPos = pos(r.views);
    l.viewsSize = size(r.views);
    l.computationPos = pos(r.computation);
    l.computationSize = size(r.computation);
    l.formulaPos = pos(r.formula);
    l.formulaSize = size(r.formula);
    return l;
}

void drawSplitters(const Layout& layout, LayoutFractions& fractions, Language language) {
    // One window behind the panels, covering the display: the panels take every pointer event
    // over themselves, so this window only sees the gaps between them.
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::Begin("##splitters", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleVar();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Splitter kinds[] = {Splitter::Controls, Splitter::Views, Splitter::Formula};
    for (int i = 0; i < 3; ++i) {
        const Rect& g = layout.regions.splitters[static_cast<std::size_t>(i)];
        if (g.w <= 0 || g.h <= 0) continue;
        const bool vertical = kinds[i] != Splitter::Views;
        ImGui::SetCursorScreenPos({g.x, g.y});
        ImGui::PushID(i);
        ImGui::InvisibleButton("##split", {g.w, g.h});
        ImGui::PopID();
        const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
        if (hovered || active) {
            ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
            if (!active && ImGui::GetCurrentContext()->HoveredIdTimer > 0.6f)
                ImGui::SetTooltip("%s", tr(T::SplitterTip).in(language));
        }
        if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
            const ImVec2 mouse = ImGui::GetIO().MousePos;
            fractions = dragSplitter(layout.input, kinds[i], vertical ? mouse.x : mouse.y);
        }
        if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
            (kinds[i] == Splitter::Controls ? fractions.controls
             : kinds[i] == Splitter::Views  ? fractions.views
                                            : fractions.formula)
                .reset();
        }
        // At rest a short grip in the middle says "this can be dragged"; hovered, the whole gap lights.
        const ImVec2 a{g.x, g.y}, b{g.x + g.w, g.y + g.h};
        if (hovered || active) {
            draw->AddRectFilled(a, b,
                                ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : ImGuiCol_SeparatorHovered));
        } else {
            const float half = 16.0f * layout.input.uiScale, thick = std::max(1.0f, g.w < g.h ? g.w / 3 : g.h / 3);
            const ImVec2 c{g.x + g.w * 0.5f, g.y + g.h * 0.5f};
            const ImVec2 ga =
                vertical ? ImVec2{c.x - thick * 0.5f, c.y - half} : ImVec2{c.x - half, c.y - thick * 0.5f};
            const ImVec2 gb =
                vertical ? ImVec2{c.x + thick * 0.5f, c.y + half} : ImVec2{c.x + half, c.y + thick * 0.5f};
            draw->AddRectFilled(ga, gb, ImGui::GetColorU32(ImGuiCol_Separator));
        }
    }
    ImGui::End();
}

void drawPresentationStrip(const Layout& layout, State& s, const PipelineResult& r) {
    ImGui::SetNextWindowPos(layout.controlsPos);
    ImGui::SetNextWindowSize(layout.controlsSize);
    ImGui::Begin("##presentation", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    Language lang = s.language;
    const ImVec2 square{ImGui::GetFrameHeight(), ImGui::GetFrameHeight()};
    // "»" opens the controls again, as a collapsed sidebar's arrow does.
    if (ImGui::Button("»##leave", square)) s.view.presentation = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::LeavePresentation).in(lang));
    ImGui::Spacing();
    PlaybackState& p = s.playback;
    if (ImGui::Button(p.playing ? "‖##play" : "▶##play", square)) p.playing = !p.playing;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::PlayPauseTip).in(lang));
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) {
        p.playing = false;
        stepBy(p, r, -1, s.transposed.mode);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::StepBackTip).in(lang));
    if (ImGui::ArrowButton("##fwd", ImGuiDir_Right)) {
        p.playing = false;
        stepBy(p, r, 1, s.transposed.mode);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::StepForwardTip).in(lang));
    ImGui::End();
}

std::string fitWidth(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
        // One whole character: its continuation bytes (10xxxxxx), then its first byte.
        while (!cut.empty()) {
            const auto byte = static_cast<unsigned char>(cut.back());
            cut.pop_back();
            if ((byte & 0xC0) != 0x80) break;
        }
    }
    return cut + "…";
}

std::string convErrorText(const State& s, const PipelineResult& r) {
    std::string text = errorText(r.convError, s.language);
    if (s.compute.block().contains(r.convErrorLayer)) return text;
    char layer[32];  // an earlier layer cannot run, so this one has no input
    std::snprintf(layer, sizeof layer, tr(T::LayerN).in(s.language), r.convErrorLayer + 1);
    return std::string(layer) + ": " + text;
}

void drawErrorText(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(palette().error, "%s", text.c_str());
    ImGui::PopTextWrapPos();
}

void drawError(const core::Error& error, Language language) {
    drawErrorText(errorText(error, language));
}

void drawConvError(const State& s, const PipelineResult& r) {
    drawErrorText(convErrorText(s, r));
}

}  // namespace convscope::gui
