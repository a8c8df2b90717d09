// Every parameter the engine takes, as sliders and buttons. Ranges adapt to the current
// kernel and window so most invalid settings cannot be dialled in; what remains invalid is
// reported by the engine, in red, in the formula panel.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <random>
#include <span>

#include "../logic/backward_walk.hpp"
#include "../logic/engine_text.hpp"
#include "../logic/playback.hpp"
#include "../logic/stack_edit.hpp"
#include "../logic/transposed_walk.hpp"
#include "../logic/ui_text.hpp"
#include "../render/color_scale.hpp"
#include "convscope/core/kernels.hpp"
#include "convscope/core/text.hpp"
#include "panels.hpp"

namespace convscope::gui {

namespace {

// Randomize's source of numbers: not state (nothing reads it back), so it lives here.
std::mt19937& rng() {
    static std::mt19937 engine{std::random_device{}()};
    return engine;
}

// SameLine when an item of `width` still fits on the current line, else a new line: keeps
// button rows readable in a narrow window.
void flowSameLine(float width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

float checkboxWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

// An H×W slider pair with an optional link that keeps both equal.
bool pairSlider(const UiText& title, Language lang, int& h, int& w, int lo, int hi, bool* link) {
    bool changed = false;
    ImGui::PushID(title.en);
    ImGui::TextUnformatted(title.in(lang));
    const float linkWidth = link ? checkboxWidth(tr(T::Link).in(lang)) + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    const float width = (ImGui::GetContentRegionAvail().x - linkWidth - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderInt("##h", &h, lo, hi, "h %d", ImGuiSliderFlags_AlwaysClamp)) {
        changed = true;
        if (link && *link) w = h;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderInt("##w", &w, lo, hi, "w %d", ImGuiSliderFlags_AlwaysClamp)) {
        changed = true;
        if (link && *link) h = w;
    }
    if (link) {
        ImGui::SameLine();
        if (ImGui::Checkbox(label(tr(T::Link), lang).c_str(), link) && *link) {
            w = h;
            changed = true;
        }
    }
    ImGui::PopID();
    return changed;
}

void resizeInput(core::Tensor& t, int h, int w) {
    core::Tensor next(t.channels, h, w);
    for (int c = 0; c < t.channels; ++c)
        for (int y = 0; y < std::min(h, t.height); ++y)
            for (int x = 0; x < std::min(w, t.width); ++x) next.at(c, y, x) = t.at(c, y, x);
    t = std::move(next);
}

void resizeKernel(core::Weights& k, int h, int w) {
    core::Weights next(k.outChannels, k.inChannels, h, w);
    for (int o = 0; o < k.outChannels; ++o)
        for (int c = 0; c < k.inChannels; ++c)
            for (int m = 0; m < std::min(h, k.height); ++m)
                for (int n = 0; n < std::min(w, k.width); ++n) next.at(o, c, m, n) = k.at(o, c, m, n);
    k = std::move(next);
}

void inputSection(State& s, const PipelineResult& r) {
    int h = s.compute.input().height, w = s.compute.input().width;
    bool link = false;
    // Every change goes through editPicture(): the pipeline and the results on screen keep
    // the picture they hold, and see a new one.
    if (pairSlider(tr(T::InputSize), s.language, h, w, 1, 32, &link)) resizeInput(s.compute.editPicture(), h, w);
    if (ImGui::Button(label(tr(T::RandomIntegers), s.language).c_str())) {
        std::uniform_int_distribution<int> d(0, 9);
        for (float& v : s.compute.editPicture().data) v = static_cast<float>(d(rng()));
    }
    flowSameLine(buttonWidth(tr(T::Stroke).in(s.language)));
    if (ImGui::Button(label(tr(T::Stroke), s.language).c_str())) s.compute.setPicture(defaultState().compute.input());
    flowSameLine(buttonWidth(tr(T::Zeros).in(s.language)));
    if (ImGui::Button(label(tr(T::Zeros), s.language).c_str())) {
        core::Tensor& picture = s.compute.editPicture();
        std::fill(picture.data.begin(), picture.data.end(), 0.0f);
    }

    const core::Tensor& in = s.compute.input();  // after the buttons: the picture they left
    // Editing a value: pin an input cell (click it), then drag or Ctrl+click to type here.
    // Only the picture itself is editable: a later stage's input is computed.
    const Cell& pin = s.pin;
    if (r.hasConv && r.block.first != 0) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(T::LaterLayerInput).in(s.language));
        ImGui::PopTextWrapPos();
        return;
    }
    if (pin.view != View::Input || !r.hasConv) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(T::ClickToEdit).in(s.language));
        ImGui::PopTextWrapPos();
        return;
    }
    const int y = pin.row - static_cast<int>(r.convPlan.rows.padBefore);
    const int x = pin.col - static_cast<int>(r.convPlan.cols.padBefore);
    if (y < 0 || x < 0 || y >= in.height || x >= in.width) {
        ImGui::TextDisabled("%s", tr(T::PaddingCellValue).in(s.language));
        return;
    }
    char label[48];
    const int channel = std::min(r.inputChannel(), in.channels - 1);
    if (in.channels > 1)
        std::snprintf(label, sizeof label, "I[%d](%d,%d) = %%.3g", channel, y, x);
    else
        std::snprintf(label, sizeof label, "I(%d,%d) = %%.3g", y, x);
    ImGui::SetNextItemWidth(-1);
    float value = in.at(channel, y, x);  // edited here, so the picture is copied only on a change
    if (ImGui::DragFloat("##cell", &value, 0.1f, -100.0f, 100.0f, label))
        s.compute.editPicture().at(channel, y, x) = value;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::EditCellTip).in(s.language));
}

// The grid of one KH×KW slice (the selected filter and input channel).
void kernelEditor(const core::Weights& k, float* slice, Language lang) {
    const float cellW =
        std::clamp((ImGui::GetContentRegionAvail().x - 8.0f) / static_cast<float>(k.width) - 4.0f, 34.0f, 60.0f);
    const float rowH = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("kernel_grid",
                      ImVec2(0, std::min(static_cast<float>(k.height) * rowH + rowH * 0.5f, rowH * 8.0f)), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    for (int m = 0; m < k.height; ++m) {
        for (int n = 0; n < k.width; ++n) {
            ImGui::PushID(m * 64 + n);
            if (n) ImGui::SameLine(0, 4);
            ImGui::SetNextItemWidth(cellW);
            ImGui::DragFloat("##k", &slice[m * k.width + n], 0.05f, -10.0f, 10.0f, "%.3g");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr(T::KernelCellTip).in(lang), m, n);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

// The selected filter's weights, every input channel: what the buttons below act on.
std::span<float> filterWeights(core::Weights& k, int filter) {
    const std::size_t size =
        static_cast<std::size_t>(k.inChannels) * static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
    return {kernelSlice(k, filter, 0), size};
}

void kernelSection(State& s) {
    core::Conv2d& conv = *s.compute.conv();
    core::Weights& k = conv.weights;
    const int filter = s.compute.selected.filter;
    float* slice = kernelSlice(k, filter, s.compute.selected.channel);
    const std::size_t sliceSize = static_cast<std::size_t>(k.height) * static_cast<std::size_t>(k.width);
    const auto presets = core::kernelPresets();
    // The preset whose values the slice holds, if any: a restored or typed kernel is named too.
    int presetIndex = -1;
    for (std::size_t i = 0; i < presets.size(); ++i) {
        const core::Weights p = presets[i].weights();
        if (p.height == k.height && p.width == k.width && std::equal(p.data.begin(), p.data.end(), slice))
            presetIndex = static_cast<int>(i);
    }
    const std::string current = presetIndex >= 0
                                    ? presetName(presets[static_cast<std::size_t>(presetIndex)], s.language)
                                    : tr(T::ChoosePreset).in(s.language);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##preset", current.c_str())) {
        for (std::size_t i = 0; i < presets.size(); ++i) {
            const std::string name = presetName(presets[i], s.language) + "##" + presets[i].id;
            if (ImGui::Selectable(name.c_str(), static_cast<int>(i) == presetIndex)) {
                // The preset goes into every input channel of the selected filter; a size
                // change resizes the whole bank (every filter shares one kernel size).
                presetIndex = static_cast<int>(i);
                const core::Weights w = presets[i].weights();
                if (w.height != k.height || w.width != k.width) resizeKernel(k, w.height, w.width);
                for (int c = 0; c < k.inChannels; ++c)
                    std::copy(w.data.begin(), w.data.end(), kernelSlice(k, filter, c));
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", presetDescription(presets[i], s.language).c_str());
        }
        ImGui::EndCombo();
    }
    if (presetIndex >= 0)
        ImGui::TextWrapped("%s", presetDescription(presets[static_cast<std::size_t>(presetIndex)], s.language).c_str());

    int kh = k.height, kw = k.width;
    bool link = kh == kw;
    if (pairSlider(tr(T::KernelSize), s.language, kh, kw, 1, 15, &link)) {
        resizeKernel(k, kh, kw);
        slice = kernelSlice(k, filter, s.compute.selected.channel);
    }
    kernelEditor(k, slice, s.language);
    const std::span<float> weights = filterWeights(k, filter);
    if (ImGui::Button(label(tr(T::Normalize), s.language).c_str())) {
        float sum = 0.0f;
        for (float v : weights) sum += v;
        if (sum != 0.0f)
            for (float& v : weights) v /= sum;
        else
            s.statusMessage = tr(T::StatusNormalizeZero).in(s.language);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::NormalizeTip).in(s.language));
    flowSameLine(buttonWidth(tr(T::Flip).in(s.language)));
    if (ImGui::Button(label(tr(T::Flip), s.language).c_str())) {
        // 180° rotation of each slice: turns this cross-correlation into a true convolution.
        for (int c = 0; c < k.inChannels; ++c)
            std::reverse(kernelSlice(k, filter, c), kernelSlice(k, filter, c) + sliceSize);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::FlipTip).in(s.language));
    flowSameLine(buttonWidth(tr(T::Randomize).in(s.language)));
    if (ImGui::Button(label(tr(T::Randomize), s.language).c_str())) {
        std::uniform_int_distribution<int> d(-2, 2);
        for (float& v : weights) v = static_cast<float>(d(rng()));
    }
    flowSameLine(buttonWidth(tr(T::Reset).in(s.language)));
    if (ImGui::Button(label(tr(T::Reset), s.language).c_str())) {
        const core::Weights sobel = defaultState().compute.conv()->weights;
        resizeKernel(k, sobel.height, sobel.width);
        for (int c = 0; c < k.inChannels; ++c)
            std::copy(sobel.data.begin(), sobel.data.end(), kernelSlice(k, filter, c));
    }
    bool useBias = !conv.bias.empty();
    if (ImGui::Checkbox(label(tr(T::Bias), s.language).c_str(), &useBias))
        conv.bias = useBias ? std::vector<float>(static_cast<std::size_t>(k.outChannels), 0.0f) : std::vector<float>{};
    if (useBias) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        char format[32];
        std::snprintf(format, sizeof format, "b%d = %%.3g", filter + 1);
        ImGui::DragFloat("##bias", &conv.bias[static_cast<std::size_t>(filter)], 0.05f, -10.0f, 10.0f,
                         k.outChannels > 1 ? format : "b = %.3g");
    }
}

// One filter's map, small, drawn cell by cell (at most 24×24 samples): a button that
// selects the filter.
bool filterThumbnail(const core::Tensor& map, int filter, bool selected, float side) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(filter);
    const bool clicked = ImGui::InvisibleButton("thumb", {side, side});
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (filter < map.channels && map.height > 0 && map.width > 0) {
        // Sampled, not the whole map: this runs every frame, and a 1024² map per filter would
        // cost milliseconds. The colour range is the samples' own.
        const float* plane = map.plane(filter);
        const int rows = std::min(map.height, 24), cols = std::min(map.width, 24);
        std::vector<float> samples(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols));
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < cols; ++x)
                samples[static_cast<std::size_t>(y * cols + x)] =
                    plane[static_cast<std::size_t>(y * map.height / rows) * static_cast<std::size_t>(map.width) +
                          static_cast<std::size_t>(x * map.width / cols)];
        const ColorScale scale = ColorScale::fit(samples.data(), samples.size());
        const float cw = side / static_cast<float>(cols), ch = side / static_cast<float>(rows);
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < cols; ++x) {
                const ColorScale::Rgb c = scale.colourOf(samples[static_cast<std::size_t>(y * cols + x)]);
                const float x0 = at.x + static_cast<float>(x) * cw, y0 = at.y + static_cast<float>(y) * ch;
                draw->AddRectFilled({x0, y0}, {x0 + cw, y0 + ch},
                                    ImGui::ColorConvertFloat4ToU32({c.r, c.g, c.b, 1.0f}));
            }
    }
    draw->AddRect(at, {at.x + side, at.y + side}, selected ? kOutputColour : IM_COL32(120, 120, 120, 255), 0.0f, 0,
                  selected ? 3.0f : 1.0f);
    return clicked;
}

// The conv's filters, one thumbnail each (click to show and edit one), and the input
// channel whose kernel slice is edited.
void filterBank(State& s, const PipelineResult& r, const core::Conv2d& conv) {
    ComputeInputs& c = s.compute;
    Language lang = s.language;
    ImGui::TextUnformatted(tr(T::Filters).in(lang));
    const int filters = conv.weights.outChannels;
    const float side = std::min(ImGui::GetFontSize() * 3.2f,
                                (ImGui::GetContentRegionAvail().x - 7.0f * ImGui::GetStyle().ItemSpacing.x) / 8.0f);
    // A reference either way: `cond ? r.activated() : core::Tensor{}` would copy the whole map
    // every frame (a 4096² map is 64 MB).
    static const core::Tensor noMap;
    const core::Tensor& maps = r.hasConv && r.block == c.block() ? r.activated() : noMap;
    for (int f = 0; f < filters; ++f) {
        if (f) ImGui::SameLine();
        if (filterThumbnail(maps, f, f == c.selected.filter, side)) c.selected.filter = f;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr(T::FilterTip).in(lang), f + 1);
    }
    ImGui::BeginDisabled(filters >= kMaxFilters);
    if (ImGui::Button(label(tr(T::AddFilter), lang).c_str())) addFilter(c);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(filters <= 1);
    if (ImGui::Button(label(tr(T::RemoveFilter), lang).c_str())) removeFilter(c);
    ImGui::EndDisabled();

    const int channels = conv.weights.inChannels;
    if (channels > 1) {
        ImGui::TextUnformatted(tr(T::KernelSliceOf).in(lang));
        static const char* rgb[] = {"R", "G", "B"};
        const bool isRgb = channels == 3 && conv.groups == 1 && c.block().first == 0 && s.image &&
                           s.image->channel == io::ImageChannel::Rgb;
        for (int ch = 0; ch < channels; ++ch) {
            if (ch) ImGui::SameLine();
            char name[16];
            std::snprintf(name, sizeof name, "%s##ch%d", isRgb ? rgb[ch] : std::to_string(ch + 1).c_str(), ch);
            if (ImGui::RadioButton(name, c.selected.channel == ch)) c.selected.channel = ch;
        }
    }
}

// groups: the divisors of the input's channel count; then what the conv costs, and what a
// full conv (groups = 1) on the same input would.
void groupsAndCost(State& s, const PipelineResult& r, core::Conv2d& conv) {
    Language lang = s.language;
    const int block = s.compute.block().conv;
    const bool planned = block >= 0 && static_cast<std::size_t>(block) < r.plan.plans.size();
    const int channels =
        planned ? r.plan.plans[static_cast<std::size_t>(block)].in.channels : conv.weights.inChannels * conv.groups;
    if (channels > 1) {
        ImGui::TextUnformatted(tr(T::Groups).in(lang));
        for (int g = 1; g <= channels; ++g) {
            if (channels % g != 0) continue;
            ImGui::SameLine();
            const std::string name = std::to_string(g) + "##groups" + std::to_string(g);
            if (ImGui::RadioButton(name.c_str(), conv.groups == g)) conv.groups = g;
        }
        ImGui::SameLine();
        ImGui::TextDisabled("(?)");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::GroupsTip).in(lang));
    }
    if (!planned) return;
    const core::LayerPlan& plan = r.plan.plans[static_cast<std::size_t>(block)];
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s",
                        fill(T::LayerCost, lang,
                             {{"params", core::num(plan.cost.parameters)}, {"macs", core::num(plan.cost.multiplyAdds)}})
                            .c_str());
    if (conv.groups > 1) {
        const core::LayerCost full = core::fullConvCost(conv, plan);
        ImGui::TextDisabled("%s", fill(T::FullConvCost, lang,
                                       {{"params", core::num(full.parameters)}, {"macs", core::num(full.multiplyAdds)}})
                                      .c_str());
    }
    ImGui::PopTextWrapPos();
}

// The selected block's filter bank (a thumbnail per filter), its groups and cost, the input
// channel whose kernel slice is edited, and the activation after the conv.
void layerSection(State& s, const PipelineResult& r) {
    ComputeInputs& c = s.compute;
    Language lang = s.language;
    if (core::Conv2d* conv = c.conv()) {
        filterBank(s, r, *conv);
        groupsAndCost(s, r, *conv);
    }
    const core::Activation* current = c.activation();
    const char* kinds[] = {tr(T::ActivationNone).in(lang), "ReLU", "leaky ReLU"};
    int kind = current ? 1 + static_cast<int>(current->kind) : 0;
    ImGui::TextUnformatted(tr(T::Activation).in(lang));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##activation", &kind, kinds, 3)) {
        core::Activation chosen{core::ActivationKind::Relu, current ? current->negativeSlope : 0.01f};
        if (kind == 2) chosen.kind = core::ActivationKind::LeakyRelu;
        setBlockActivation(c, kind == 0 ? nullptr : &chosen);
    }
    if (core::Activation* a = c.activation(); a && a->kind == core::ActivationKind::LeakyRelu) {
        ImGui::SetNextItemWidth(-1);
        ImGui::SliderFloat("##slope", &a->negativeSlope, 0.0f, 1.0f, tr(T::NegativeSlope).in(lang));
    }
}

// The padding kinds in the order the menu lists them, each with its name and a note.
struct PaddingChoice {
    core::PaddingSpec::Kind kind;
    T name;
    T note;  // T::Count: none
};
constexpr PaddingChoice kPaddingChoices[] = {
    {core::PaddingSpec::Kind::Explicit, T::PadNumbers, T::Count},
    {core::PaddingSpec::Kind::PerSide, T::PadPerSide, T::PerSideNote},
    {core::PaddingSpec::Kind::Same, T::PadSame, T::SameNote},
    {core::PaddingSpec::Kind::SameUpper, T::PadSameUpper, T::SameUpperNote},
    {core::PaddingSpec::Kind::SameLower, T::PadSameLower, T::SameLowerNote},
    {core::PaddingSpec::Kind::Valid, T::PadValid, T::Count},
};

// Two sliders on one line, each half the width, with a printf label ("top %d").
void sidePair(const char* id, Language lang, T first, int& a, T second, int& b, int hi) {
    ImGui::PushID(id);
    const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::SetNextItemWidth(width);
    ImGui::SliderInt("##a", &a, 0, hi, tr(first).in(lang), ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    ImGui::SliderInt("##b", &b, 0, hi, tr(second).in(lang), ImGuiSliderFlags_AlwaysClamp);
    ImGui::PopID();
}

void paddingControls(State& s, core::Conv2d& c) {
    const Language lang = s.language;
    constexpr int kChoices = static_cast<int>(std::size(kPaddingChoices));
    const char* names[kChoices];
    int current = 0;
    float nameWidth = 0.0f;  // wide enough for the longest name in either language
    for (int i = 0; i < kChoices; ++i) {
        names[i] = tr(kPaddingChoices[i].name).in(lang);
        nameWidth = std::max(nameWidth, ImGui::CalcTextSize(names[i]).x);
        if (kPaddingChoices[i].kind == c.padding.kind) current = i;
    }
    ImGui::TextUnformatted(tr(T::Padding).in(lang));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x,
                                     nameWidth + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2.0f));
    if (ImGui::Combo("##padkind", &current, names, kChoices)) {
        const core::PaddingSpec::Kind chosen = kPaddingChoices[current].kind;
        // Per side starts from the symmetric numbers, so switching shows the same picture.
        if (chosen == core::PaddingSpec::Kind::PerSide && c.padding.kind == core::PaddingSpec::Kind::Explicit)
            c.padding.sides = {c.padding.height, c.padding.height, c.padding.width, c.padding.width};
        c.padding.kind = chosen;
    }
    // Up to the kernel size: more padding only adds windows that read nothing but padding.
    const int hi = std::max(c.weights.height, c.weights.width);
    if (c.padding.kind == core::PaddingSpec::Kind::Explicit)
        pairSlider(tr(T::PaddingCells), lang, c.padding.height, c.padding.width, 0, hi, &s.view.linkPadding);
    if (c.padding.kind == core::PaddingSpec::Kind::PerSide) {
        core::Padding2D& p = c.padding.sides;
        sidePair("topbottom", lang, T::PadTop, p.top, T::PadBottom, p.bottom, hi);
        sidePair("leftright", lang, T::PadLeft, p.left, T::PadRight, p.right, hi);
    }
    if (const T note = kPaddingChoices[current].note; note != T::Count) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(note).in(lang));
        ImGui::PopTextWrapPos();
    }
}

void convSection(State& s) {
    core::Conv2d& c = *s.compute.conv();
    pairSlider(tr(T::Stride), s.language, c.stride.h, c.stride.w, 1, 8, &s.view.linkStride);

    paddingControls(s, c);
    bool linkDilation = c.dilation.h == c.dilation.w;
    pairSlider(tr(T::Dilation), s.language, c.dilation.h, c.dilation.w, 1, 4, &linkDilation);

    // In the order of core::PaddingMode.
    const char* modes[] = {tr(T::ModeZeros).in(s.language), tr(T::ModeReflect).in(s.language),
                           tr(T::ModeReplicate).in(s.language), tr(T::ModeCircular).in(s.language)};
    int mode = static_cast<int>(c.mode);
    ImGui::TextUnformatted(tr(T::PaddingMode).in(s.language));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##padmode", &mode, modes, 4)) c.mode = static_cast<core::PaddingMode>(mode);
}

void poolSection(State& s) {
    ComputeInputs& c = s.compute;
    bool enabled = c.pool() != nullptr;
    const Block block = c.block();
    // A lone pooling is the block: switching it off would leave nothing to show.
    ImGui::BeginDisabled(enabled && block.first == block.pool);
    const T poolLabel = block.conv >= 0 ? T::PoolTheConv : T::PoolingEnabled;  // a block may have no conv
    if (ImGui::Checkbox(label(tr(poolLabel), s.language).c_str(), &enabled)) setBlockPooling(c, enabled);
    ImGui::EndDisabled();
    if (!c.pool()) return;
    // The controls edit the engine's parameters; max ↔ avg switches the layer's kind.
    core::PoolParams q = core::poolParams(*c.pool());
    const core::PoolParams before = q;
    int mode = q.mode == core::PoolMode::Max ? 0 : 1;
    ImGui::RadioButton(label(tr(T::Max), s.language).c_str(), &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton(label(tr(T::Average), s.language).c_str(), &mode, 1);
    q.mode = mode == 0 ? core::PoolMode::Max : core::PoolMode::Avg;

    bool& strideFollowsWindow = s.view.poolStrideFollowsWindow;
    bool linkWindow = q.windowH == q.windowW;
    if (pairSlider(tr(T::Window), s.language, q.windowH, q.windowW, 1, 8, &linkWindow) && strideFollowsWindow) {
        q.strideH = q.windowH;
        q.strideW = q.windowW;
    }
    bool linkStride = q.strideH == q.strideW;
    if (pairSlider(tr(T::PoolStride), s.language, q.strideH, q.strideW, 1, 8, &linkStride)) strideFollowsWindow = false;
    if (ImGui::Checkbox(label(tr(T::StrideIsWindow), s.language).c_str(), &strideFollowsWindow) &&
        strideFollowsWindow) {
        q.strideH = q.windowH;
        q.strideW = q.windowW;
    }
    // PyTorch allows padding up to half the window.
    bool linkPad = q.padH == q.padW;
    pairSlider(tr(T::PoolPadding), s.language, q.padH, q.padW, 0, std::max(q.windowH, q.windowW) / 2, &linkPad);
    if (q.mode == core::PoolMode::Max) {
        bool linkDil = q.dilationH == q.dilationW;
        pairSlider(tr(T::PoolDilation), s.language, q.dilationH, q.dilationW, 1, 4, &linkDil);
    } else {
        q.dilationH = q.dilationW = 1;  // average pooling has no dilation in PyTorch
        ImGui::Checkbox(label(tr(T::CountIncludePad), s.language).c_str(), &q.countIncludePad);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::CountIncludePadTip).in(s.language));
    }
    ImGui::Checkbox(label(tr(T::CeilMode), s.language).c_str(), &q.ceilMode);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(T::CeilModeTip).in(s.language));
    if (!(q == before)) *c.pool() = core::poolLayer(q);
}

std::string forwardScrubLabel(const State& s, const PipelineResult& r) {
    const TransposedMode mode = s.transposed.mode;
    const StepPosition pos = positionOf(r, s.playback.step, mode);
    const T place = pos.stage == Stage::Scatter ? T::ScrubStamp
                    : pos.stage == Stage::Pool  ? T::ScrubPool
                    : transposedLayer(r)        ? T::ScrubTransposed
                                                : T::ScrubConv;
    return fill(place, s.language,
                {{"row", std::to_string(pos.row)},
                 {"col", std::to_string(pos.col)},
                 {"step", std::to_string(s.playback.step + 1)},
                 {"total", std::to_string(totalSteps(r, mode))}});
}

// The backward pass: which computation the playback walks (the block's walks only), and the
// scrubber's label for its step.
std::string backwardWalkChoice(State& s, const PipelineResult& r) {
    PlaybackState& p = s.playback;
    const Language lang = s.language;
    const BackwardWalk walk = walkOf(p, r);
    const std::pair<BackwardWalk, T> walks[] = {{BackwardWalk::WeightGradient, T::WalkWeight},
                                                {BackwardWalk::InputGradient, T::WalkInput},
                                                {BackwardWalk::Pooling, T::WalkPooling}};
    T current = T::WalkWeight;
    for (const auto& [w, id] : walks)
        if (w == walk) current = id;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##walk", (std::string(tr(T::WalkLabel).in(lang)) + ": " + tr(current).in(lang)).c_str())) {
        for (const auto& [w, id] : walks) {
            if (!hasWalk(r, w)) continue;
            if (ImGui::Selectable(tr(id).in(lang), w == walk) && w != walk) {
                p.walk = w;
                p.step = 0;
                p.accumulator = 0.0;
            }
        }
        ImGui::EndCombo();
    }
    const BackwardStep at = backwardStepAt(r, walkOf(p, r), p.step);
    const bool tap = at.walk == BackwardWalk::WeightGradient;
    return fill(tap                                      ? T::ScrubTap
                : at.walk == BackwardWalk::InputGradient ? T::ScrubGradCell
                                                         : T::ScrubPooled,
                lang,
                {{"row", std::to_string(tap ? at.m : at.out.row)},
                 {"col", std::to_string(tap ? at.n : at.out.col)},
                 {"step", std::to_string(p.step + 1)},
                 {"total", std::to_string(backwardSteps(r, at.walk))}});
}

// The selected transposed conv's geometry (PyTorch's ConvTranspose2d arguments). A larger
// kernel repeats its edge values, so an all-ones stamp stays all ones (kernel 4 at stride 2:
// the checkerboard goes away). Settings PyTorch refuses are left for the engine to explain.
void transposedSection(State& s, core::ConvTranspose2d& t) {
    int kh = t.weights.height, kw = t.weights.width;
    bool link = kh == kw;
    if (pairSlider(tr(T::KernelSize), s.language, kh, kw, 1, 8, &link)) {
        const core::Weights& k = t.weights;
        core::Weights next(k.outChannels, k.inChannels, kh, kw);
        for (int o = 0; o < k.outChannels; ++o)
            for (int c = 0; c < k.inChannels; ++c)
                for (int m = 0; m < kh; ++m)
                    for (int n = 0; n < kw; ++n)
                        next.at(o, c, m, n) = k.at(o, c, std::min(m, k.height - 1), std::min(n, k.width - 1));
        t.weights = std::move(next);
    }
    pairSlider(tr(T::Stride), s.language, t.stride.h, t.stride.w, 1, 4, &s.view.linkStride);
    pairSlider(tr(T::PaddingCells), s.language, t.padding.h, t.padding.w, 0, 4, &s.view.linkPadding);
    bool linkOut = t.outputPadding.h == t.outputPadding.w;
    pairSlider(tr(T::OutputPadding), s.language, t.outputPadding.h, t.outputPadding.w, 0, 3, &linkOut);
    bool linkDil = t.dilation.h == t.dilation.w;
    pairSlider(tr(T::Dilation), s.language, t.dilation.h, t.dilation.w, 1, 3, &linkDil);
}

void playbackSection(State& s, const PipelineResult& r) {
    PlaybackState& p = s.playback;
    if (ImGui::Button((std::string((p.playing ? tr(T::Pause) : tr(T::Play)).in(s.language)) + "###play").c_str()))
        p.playing = !p.playing;
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) stepBy(p, r, -1, s.transposed.mode);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##fwd", ImGuiDir_Right)) stepBy(p, r, 1, s.transposed.mode);
    flowSameLine(checkboxWidth(tr(T::WholeMap).in(s.language)));
    ImGui::Checkbox(label(tr(T::WholeMap), s.language).c_str(), &p.showWholeMap);
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##speed", &p.speed, 0.25f, 20.0f, tr(T::Speed).in(s.language), ImGuiSliderFlags_Logarithmic);
    const std::int64_t total = walkLength(p, r, s.transposed.mode);
    int step = static_cast<int>(p.step);
    const std::string where = walksBackward(r) ? backwardWalkChoice(s, r) : forwardScrubLabel(s, r);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##scrub", &step, 0, static_cast<int>(std::max<std::int64_t>(0, total - 1)), where.c_str())) {
        p.step = step;
        p.accumulator = 0.0;
    }
}

}  // namespace

void drawControlsPanel(const Layout& layout, State& s, const PipelineResult& r, FileDialogState& files) {
    ImGui::SetNextWindowPos(layout.controlsPos);
    ImGui::SetNextWindowSize(layout.controlsSize);
    ImGui::Begin(label(tr(T::Controls), s.language).c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::PushItemWidth(-1);
    if (ImGui::CollapsingHeader(label(tr(T::FilesHeader), s.language).c_str())) drawFileSection(s, files);
    if (ImGui::CollapsingHeader(label(tr(T::Playback), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        playbackSection(s, r);
    if (ImGui::CollapsingHeader(label(tr(T::Input), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        inputSection(s, r);
    if (ImGui::CollapsingHeader(label(tr(T::LayerHeader), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        layerSection(s, r);
    // The kernel and conv settings exist only for a block with a conv.
    if (s.compute.conv() &&
        ImGui::CollapsingHeader(label(tr(T::Kernel), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        kernelSection(s);
    if (s.compute.conv() &&
        ImGui::CollapsingHeader(label(tr(T::Convolution), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        convSection(s);
    if (auto* convT = std::get_if<core::ConvTranspose2d>(&s.compute.layers[static_cast<std::size_t>(
            std::clamp(s.compute.block().first, 0, static_cast<int>(s.compute.layers.size()) - 1))]);
        convT &&
        ImGui::CollapsingHeader(label(tr(T::TransposedConvHeader), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        transposedSection(s, *convT);
    if (ImGui::CollapsingHeader(label(tr(T::Pooling), s.language).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        poolSection(s);
    if (ImGui::CollapsingHeader(label(tr(T::View), s.language).c_str())) {
        // The combo's items are kLanguages in order, each named in its own language.
        const char* names[std::size(kLanguages)];
        int language = 0;
        for (std::size_t i = 0; i < std::size(kLanguages); ++i) {
            names[i] = languageName(kLanguages[i]);
            if (kLanguages[i] == s.language) language = static_cast<int>(i);
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
        if (ImGui::Combo(tr(T::Language).in(s.language), &language, names, static_cast<int>(std::size(names))))
            s.language = kLanguages[static_cast<std::size_t>(language)];
        ImGui::SetNextItemWidth(-1);
        int percent = static_cast<int>(s.view.uiScale * 100.0f + 0.5f);
        if (ImGui::SliderInt("##scale", &percent, 100, 300, tr(T::UiSize).in(s.language), ImGuiSliderFlags_AlwaysClamp))
            s.view.uiScale = static_cast<float>(percent) / 100.0f;
        ImGui::Checkbox(label(tr(T::ProjectorTheme), s.language).c_str(), &s.view.lightTheme);
        ImGui::Checkbox(label(tr(T::FullScreen), s.language).c_str(), &s.view.fullscreen);
        if (ImGui::Button(label(tr(T::Presentation), s.language).c_str())) s.view.presentation = true;
        ImGui::Checkbox(label(tr(T::NumbersInCells), s.language).c_str(), &s.view.showNumbers);
        ImGui::Checkbox(label(tr(T::GridLines), s.language).c_str(), &s.view.showGrid);
        ImGui::Checkbox(label(tr(T::FrameStats), s.language).c_str(), &s.view.showFrameStats);
    }
    ImGui::PopItemWidth();
    ImGui::End();
}

}  // namespace convscope::gui
