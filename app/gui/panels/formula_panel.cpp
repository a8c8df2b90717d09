// The output-size formulas with the current numbers filled in, notes on rows/cols no window
// reads, and any invalid setting in red (the last valid result stays on screen).
#include <imgui_internal.h>

#include <array>
#include <cmath>
#include <vector>

#include "../logic/engine_text.hpp"
#include "../logic/quiz.hpp"
#include "../logic/ui_text.hpp"
#include "../render/theme.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// Which side got what, and for the SAME kinds how each axis's total was worked out, which
// side took the odd cell and why PyTorch and TensorFlow disagree.
void paddingNotes(const core::Conv2d& conv, const core::ConvPlan& plan, Language lang) {
    using Kind = core::PaddingSpec::Kind;
    const Kind kind = conv.padding.kind;
    const core::AxisWindow& rows = plan.rows;
    const core::AxisWindow& cols = plan.cols;
    const bool uneven = rows.padBefore != rows.padAfter || cols.padBefore != cols.padAfter;
    if (kind == Kind::Explicit || kind == Kind::Valid || (kind == Kind::PerSide && !uneven)) return;
    const auto n = [](std::int64_t v) { return core::num(v); };
    ImGui::TextColored(palette().note, "%s: %s", tr(T::PaddingHeading).in(lang),
                       fill(T::PaddingSidesLine, lang,
                            {{"top", n(rows.padBefore)},
                             {"bottom", n(rows.padAfter)},
                             {"left", n(cols.padBefore)},
                             {"right", n(cols.padAfter)}})
                           .c_str());
    if (kind == Kind::SameUpper || kind == Kind::SameLower) {
        // Side names come from the printf-style slider labels without their number.
        const auto side = [&](T id) {
            std::string t = tr(id).in(lang);
            return t.substr(0, t.find(" %d"));
        };
        ImGui::TextUnformatted(fill(T::SamePaddingAxis, lang,
                                    {{"axis", "H"},
                                     {"equation", core::samePaddingEquation(rows)},
                                     {"before_name", side(T::PadTop)},
                                     {"before", n(rows.padBefore)},
                                     {"after_name", side(T::PadBottom)},
                                     {"after", n(rows.padAfter)}})
                                   .c_str());
        ImGui::TextUnformatted(fill(T::SamePaddingAxis, lang,
                                    {{"axis", "W"},
                                     {"equation", core::samePaddingEquation(cols)},
                                     {"before_name", side(T::PadLeft)},
                                     {"before", n(cols.padBefore)},
                                     {"after_name", side(T::PadRight)},
                                     {"after", n(cols.padAfter)}})
                                   .c_str());
        ImGui::TextUnformatted(tr(kind == Kind::SameUpper ? T::OddCellAtEnd : T::OddCellAtStart).in(lang));
    }
    if (kind == Kind::Same || kind == Kind::SameUpper || kind == Kind::SameLower) {
        // The rows axis (or the cols, if only that one strides) shows the difference.
        const core::AxisWindow& w = rows.stride == 1 && cols.stride != 1 ? cols : rows;
        if (w.stride == 1) {
            ImGui::TextDisabled("%s", tr(T::SameFrameworksAgree).in(lang));
        } else {
            // What a PyTorch user would write for "keep about the size": padding = span/2 per side.
            const std::int64_t pytorch = core::effectiveKernel(w.kernel, w.dilation) / 2;
            ImGui::TextDisabled("%s", fill(T::SameFrameworksDisagree, lang,
                                           {{"stride", n(w.stride)},
                                            {"total", n(w.padBefore + w.padAfter)},
                                            {"pytorch", n(pytorch)},
                                            {"pytorch_total", n(2 * pytorch)}})
                                          .c_str());
        }
    }
}

void outputSizeTab(const State& s, const PipelineResult& r) {
    ImGui::PushTextWrapPos(0.0f);
    Language lang = s.language;
    if (!r.convError.message.empty()) {
        const std::string problem = fill(T::ConvProblem, lang, {{"message", convErrorText(s, r)}});
        ImGui::TextColored(palette().error, "%s", problem.c_str());
        if (r.hasConv) ImGui::TextDisabled("%s", tr(T::ShowingLastValid).in(lang));
        ImGui::Separator();
    }
    if (r.hasConv && r.block.conv >= 0) {
        // Sides that differ (per side, SAME) are added one by one, as the lines below write them.
        const bool uneven = r.convPlan.rows.padBefore != r.convPlan.rows.padAfter ||
                            r.convPlan.cols.padBefore != r.convPlan.cols.padAfter;
        ImGui::Text(
            "%s  %s", tr(T::Convolution).in(lang),
            uneven ? "floor((H + p_before + p_after − d(k−1) − 1)/s) + 1" : "floor((H + 2p − d(k−1) − 1)/s) + 1");
        ImGui::TextUnformatted(outputSizeText(r.convPlan.rows, core::Axis::Height, lang).c_str());
        ImGui::TextUnformatted(outputSizeText(r.convPlan.cols, core::Axis::Width, lang).c_str());
        if (const core::Conv2d* conv = r.convInputs.conv()) paddingNotes(*conv, r.convPlan, lang);
        for (const auto& note :
             coverageText(r.convPlan.rows, r.convPlan.cols, r.conv().height, r.conv().width, false, lang))
            ImGui::TextColored(palette().note, "%s", note.c_str());
    }
    if (s.compute.pool()) {
        ImGui::Separator();
        if (!r.poolError.message.empty()) {
            const std::string problem = fill(T::PoolProblem, lang, {{"message", errorText(r.poolError, lang)}});
            ImGui::TextColored(palette().error, "%s", problem.c_str());
            if (r.hasPool) ImGui::TextDisabled("%s", tr(T::ShowingLastValid).in(lang));
        }
        if (r.hasPool) {
            ImGui::Text("%s  %s(…)", tr(T::Pooling).in(lang), r.poolParams.ceilMode ? "ceil" : "floor");
            ImGui::TextUnformatted(outputSizeText(r.poolPlan.rows, core::Axis::Height, lang).c_str());
            ImGui::TextUnformatted(outputSizeText(r.poolPlan.cols, core::Axis::Width, lang).c_str());
            for (const auto& note : coverageText(r.poolPlan.rows, r.poolPlan.cols, r.pool().values.height,
                                                 r.pool().values.width, true, lang))
                ImGui::TextColored(palette().note, "%s", note.c_str());
        }
    }
    if (!s.statusMessage.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted(s.statusMessage.c_str());
    }
    ImGui::PopTextWrapPos();
}

// The tabs, each with a one-word form for a narrow panel (the same text when it has none).
struct TabName {
    T full;
    T shortForm;
};
constexpr std::array<TabName, 11> kTabs = {{{T::OutputSizeTab, T::OutputSizeTabShort},
                                            {T::LessonsTab, T::LessonsTab},
                                            {T::QuizTab, T::QuizTabShort},
                                            {T::ShiftTab, T::ShiftTab},
                                            {T::ReceptiveTab, T::ReceptiveTabShort},
                                            {T::TransposedTab, T::TransposedTabShort},
                                            {T::MatrixTab, T::MatrixTab},
                                            {T::DiffTab, T::DiffTabShort},
                                            {T::FrequencyTab, T::FrequencyTabShort},
                                            {T::ModelTab, T::ModelTab},
                                            {T::BackwardTab, T::BackwardTabShort}}};

float tabWidth(const char* text) {
    return ImGui::TabItemCalcSize(text, false).x;  // what the tab bar itself will measure
}

struct TabLabels {
    std::array<std::string, kTabs.size()> labels;  // "text###English name": the ID survives a change of text
    std::array<bool, kTabs.size()> shortened{};
    bool fits = true;  // false: even the short labels overflow, the bar scrolls
};

// Full names when they fit; else the widest become one word, as few as needed. Never a
// label cut mid-word (ImGui's own fitting would write "Output si…").
TabLabels tabLabels(Language lang, float available) {
    std::vector<float> full, shorter;
    for (const TabName& t : kTabs) {
        full.push_back(tabWidth(tr(t.full).in(lang)));
        shorter.push_back(tabWidth(tr(t.shortForm).in(lang)));
    }
    const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
    const std::vector<bool> useShort = shortenTabs(full, shorter, gap, available - 1.0f);
    TabLabels out;
    float total = gap * static_cast<float>(kTabs.size() - 1);
    for (std::size_t i = 0; i < kTabs.size(); ++i) {
        out.shortened[i] = useShort[i];
        total += useShort[i] ? shorter[i] : full[i];
        out.labels[i] =
            std::string(tr(useShort[i] ? kTabs[i].shortForm : kTabs[i].full).in(lang)) + "###" + tr(kTabs[i].full).en;
    }
    out.fits = total <= available;
    return out;
}

}  // namespace

float formulaTabsMinWidth(Language language) {
    float total = ImGui::GetStyle().ItemInnerSpacing.x * static_cast<float>(kTabs.size() - 1);
    for (const TabName& t : kTabs) total += tabWidth(tr(t.shortForm).in(language));
    return std::ceil(total) + 1.0f;
}

void drawFormulaPanel(const Layout& layout, State& s, const PipelineResult& r, const std::vector<io::Lesson>& lessons,
                      const std::vector<core::Error>& lessonProblems, MapViews& maps, LessonRecording& recording,
                      const ReferenceComparison& comparison) {
    ImGui::SetNextWindowPos(layout.formulaPos);
    ImGui::SetNextWindowSize(layout.formulaSize);
    ImGui::Begin("##formula", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar);
    const TabLabels tabs = tabLabels(s.language, ImGui::GetContentRegionAvail().x);
    // The full name of a shortened tab, on hover.
    auto fullNameTip = [&](std::size_t i) {
        if (tabs.shortened[i] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(kTabs[i].full).in(s.language));
    };
    const ImGuiTabBarFlags barFlags =
        tabs.fits ? ImGuiTabBarFlags_FittingPolicyResizeDown : ImGuiTabBarFlags_FittingPolicyScroll;
    if (ImGui::BeginTabBar("tabs", barFlags)) {
        // A lesson in progress opens on its tab; otherwise the formulas come first.
        const bool sizeOpen = ImGui::BeginTabItem(tabs.labels[0].c_str());
        fullNameTip(0);
        if (sizeOpen) {
            if (hidesMaps(s.quiz) && s.quiz.kind == QuizKind::OutputSize)
                ImGui::TextWrapped("%s", tr(T::QuizHidden).in(s.language));
            else
                outputSizeTab(s, r);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags select =
            s.lesson.index >= 0 && s.view.lessonTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool lessonsOpen = ImGui::BeginTabItem(tabs.labels[1].c_str(), nullptr, select);
        fullNameTip(1);
        if (lessonsOpen) {
            drawLessonTab(s, lessons, lessonProblems, recording);
            ImGui::EndTabItem();
        }
        s.view.lessonTabRequested = false;
        const bool quizOpen = ImGui::BeginTabItem(tabs.labels[2].c_str());
        fullNameTip(2);
        if (quizOpen) {
            drawQuizTab(s, r);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags selectShift = s.view.shiftTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool shiftOpen = ImGui::BeginTabItem(tabs.labels[3].c_str(), nullptr, selectShift);
        fullNameTip(3);
        if (shiftOpen) {
            drawShiftTab(s, r, maps);
            ImGui::EndTabItem();
        }
        s.view.shiftTabRequested = false;
        const bool fieldOpen = ImGui::BeginTabItem(tabs.labels[4].c_str());
        fullNameTip(4);
        if (fieldOpen) {
            drawReceptiveFieldTab(s, r);
            ImGui::EndTabItem();
        }
        const bool transposedOpen = ImGui::BeginTabItem(tabs.labels[5].c_str());
        fullNameTip(5);
        if (transposedOpen) {
            drawTransposedTab(s, r);
            ImGui::EndTabItem();
        }
        const bool matrixOpen = ImGui::BeginTabItem(tabs.labels[6].c_str());
        fullNameTip(6);
        if (matrixOpen) {
            drawMatrixTab(s, r);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags selectDiff = s.view.diffTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool diffOpen = ImGui::BeginTabItem(tabs.labels[7].c_str(), nullptr, selectDiff);
        fullNameTip(7);
        if (diffOpen) {
            drawDiffTab(s, r, comparison);
            ImGui::EndTabItem();
        }
        s.view.diffTabRequested = false;
        const ImGuiTabItemFlags selectFrequency = s.view.frequencyTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool frequencyOpen = ImGui::BeginTabItem(tabs.labels[8].c_str(), nullptr, selectFrequency);
        fullNameTip(8);
        if (frequencyOpen) {
            drawFrequencyTab(s);
            ImGui::EndTabItem();
        }
        s.view.frequencyTabRequested = false;
        const ImGuiTabItemFlags selectModel = s.view.modelTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool modelOpen = ImGui::BeginTabItem(tabs.labels[9].c_str(), nullptr, selectModel);
        fullNameTip(9);
        if (modelOpen) {
            drawModelTab(s);
            ImGui::EndTabItem();
        }
        s.view.modelTabRequested = false;
        const ImGuiTabItemFlags selectBackward = s.view.backwardTabRequested ? ImGuiTabItemFlags_SetSelected : 0;
        const bool backwardOpen = ImGui::BeginTabItem(tabs.labels[10].c_str(), nullptr, selectBackward);
        fullNameTip(10);
        if (backwardOpen) {
            drawBackwardTab(s, r);
            ImGui::EndTabItem();
        }
        s.view.backwardTabRequested = false;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace convscope::gui
