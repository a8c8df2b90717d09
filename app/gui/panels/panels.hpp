#pragma once
// The panels, one file each. They read the state and the pipeline's results and write only
// into the state; none of them calls GL.
#include <imgui.h>

#include <string>
#include <vector>

#include "../logic/animation.hpp"
#include "../logic/focus.hpp"
#include "../logic/layout_math.hpp"
#include "../logic/lesson_recorder.hpp"
#include "../logic/pipeline.hpp"
#include "../logic/reference_diff.hpp"
#include "../logic/state.hpp"
#include "convscope/io/folder.hpp"
#include "convscope/io/lesson.hpp"

namespace convscope::gui {

struct MapViews;  // the GPU side of the four views (app.hpp)

// Non-overlapping areas computed each frame from the window size, the UI size, the mode and
// the person's splitter fractions (logic/layout_math.hpp does the arithmetic).
struct Layout {
    ImVec2 controlsPos, controlsSize;
    ImVec2 stripPos, stripSize;
    ImVec2 viewsPos, viewsSize;
    ImVec2 computationPos, computationSize;
    ImVec2 formulaPos, formulaSize;
    LayoutInput input;  // what it was computed from, for dragging the splitters
    Regions regions;
};
// Call between NewFrame and the panels: the minimum sizes are measured with the fonts in use
// (`computationFont`: the computation panel's, when it is not the default).
Layout computeLayout(ImVec2 display, float uiScale, const LayoutFractions& fractions, bool presentation,
                     Language language, const ImFont* computationFont = nullptr);
// The gaps between the regions: drag to resize, double-click for the default. Draw before the
// panels (it is a window behind them); the app saves the fractions once they settle.
void drawSplitters(const Layout& layout, LayoutFractions& fractions, Language language);
// Presentation mode's thin strip in place of the controls: leave presentation, play/pause, step.
void drawPresentationStrip(const Layout& layout, State& state, const PipelineResult& result);
// The narrowest the tabbed panel may be: its tabs with their short labels, side by side.
float formulaTabsMinWidth(Language language);

// The Export animation dialog's choices (kept while the app runs).
struct AnimationDialog {
    AnimationOptions options;
    bool png = false;  // a numbered PNG sequence instead of a GIF
    bool allPositions = true;
    int from = 1, to = 1;  // 1-based, as the scrubber counts
    std::string path = "convscope-animation.gif";
};

// What the file section remembers between frames (not part of the session).
struct FileDialogState {
    std::string path;
    int exportWhich = 0;
    int exportFormat = 0;
    io::FolderListing listing;  // the browser's folder, read when it changes (and now and then)
    double listedAt = 0.0;
    std::vector<std::filesystem::path> samples;  // the built-in pictures, read once
    bool samplesListed = false;
    AnimationDialog animation;
};

// Record lesson: the recording (GUI-free logic) and what is being typed.
struct LessonRecording {
    LessonRecorder recorder;
    std::string en, zh;
    bool pin = true;
    bool needText = false;  // Add step was pressed with no text
    std::string path = "my-lesson.json";
    std::string openPath;
};

void drawControlsPanel(const Layout& layout, State& state, const PipelineResult& result, FileDialogState& files);
void drawFileSection(State& state, FileDialogState& files);
// The Export animation button and its options popup (in the file section).
void drawAnimationDialog(State& state, AnimationDialog& dialog);
// While an export runs: its progress over the whole window (modal, so nothing else changes the
// scene meanwhile) with Cancel. Call every frame; `running` false closes it. Returns the
// modal's draw list, which the app leaves out of the captured frames, or nullptr.
const ImDrawList* drawAnimationProgress(Language language, bool running, std::int64_t done, std::int64_t total,
                                        bool& cancel);
void drawViewsPanel(const Layout& layout, State& state, const PipelineResult& result, const Focus& focus,
                    MapViews& maps, const ReferenceComparison& comparison);
// Over the views whose maps a long recomputation will replace: how far it is (after the
// views are drawn this frame: it uses where they were drawn).
void drawProgress(const PipelineResult& r, const Pipeline::Progress& progress, MapViews& maps, Language lang);
void drawComputationPanel(const Layout& layout, State& state, const PipelineResult& result, const Focus& focus,
                          const ReferenceComparison& comparison, const MapViews& maps);
// The lower right: the output-size formulas, and the lessons in a second tab.
void drawFormulaPanel(const Layout& layout, State& state, const PipelineResult& result,
                      const std::vector<io::Lesson>& lessons, const std::vector<core::Error>& lessonProblems,
                      MapViews& maps, LessonRecording& recording, const ReferenceComparison& comparison);
// The formula panel's difference tab: load a reference output for the selected layer, the
// tolerance, the count and the worst cells (a click pins the cell).
void drawDiffTab(State& state, const PipelineResult& result, const ReferenceComparison& comparison);
// The formula panel's frequency tab: the selected kernel slice's |DFT|, DC gain, separability.
void drawFrequencyTab(State& state);
// Above the views: the stack, input → stage 1 → … with each map's shape; click a stage to
// show and edit it, add or remove stages.
void drawStackStrip(const Layout& layout, State& state, const PipelineResult& result);
// The formula panel's receptive-field tab: every map of the stack as a small grid, the cells
// related to the hovered one lit, and each level's field size, jump and start.
void drawReceptiveFieldTab(State& state, const PipelineResult& result);
// The selected transposed conv as scatter, equivalent convolution or overlap counts.
void drawTransposedTab(State& state, const PipelineResult& result);
// The selected conv as one matrix product: im2col, its memory, C and Cᵀ for small inputs.
void drawMatrixTab(State& state, const PipelineResult& result);
void drawHelpOverlay(State& state);
// The formula panel's Model tab: an opened trained model's nodes or tensors (model_panel.cpp).
void drawModelTab(State& state);
// An engine error in the person's language, in the error colour, wrapped to the window.
// The conv's problem in the person's language, naming the stage at fault when it is an
// earlier one (the selected stage then has no input); drawn in red, wrapped.
std::string convErrorText(const State& state, const PipelineResult& result);
void drawConvError(const State& state, const PipelineResult& result);
// `text` cut to `width` pixels with a trailing "…" (whole UTF-8 characters), or as it is
// when it fits: for titles that must not widen their column at large UI sizes.
std::string fitWidth(const std::string& text, float width);

// Any engine error in the person's language, in red, wrapped.
void drawError(const core::Error& error, Language language);
void drawErrorText(const std::string& text);
void drawQuizTab(State& state, const PipelineResult& result);
void drawShiftTab(State& state, const PipelineResult& result, MapViews& maps);
// In the backward pass, the hovered gradient cell written out, or else the backward playback's
// step (panels/gradient_section.cpp); hovering a term lights its cells (state.hoverTermCells).
// False when the backward pass is not shown.
bool drawGradientSection(State& state, const PipelineResult& result, const MapViews& maps);
// Forward / Backward, the loss, and learning the weights (panels/backward_tab.cpp).
void drawBackwardTab(State& state, const PipelineResult& result);
void drawLessonTab(State& state, const std::vector<io::Lesson>& lessons, const std::vector<core::Error>& problems,
                   LessonRecording& recording);
// Below the lesson player: open a lesson file from anywhere, and record a lesson.
void drawLessonRecorder(State& state, LessonRecording& recording);

// Shared colours, so a term, its input cell and its kernel cell light up alike.
inline constexpr ImU32 kWindowColour = IM_COL32(255, 214, 0, 255);   // the sliding window
inline constexpr ImU32 kOutputColour = IM_COL32(0, 230, 118, 255);   // the output cell
inline constexpr ImU32 kTermColour = IM_COL32(255, 64, 200, 255);    // the hovered term
inline constexpr ImU32 kReaderColour = IM_COL32(64, 196, 255, 255);  // cells that read a hovered cell
inline constexpr ImU32 kPaddingColour = IM_COL32(255, 190, 60, 255);

}  // namespace convscope::gui
