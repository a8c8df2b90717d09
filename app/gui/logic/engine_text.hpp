#pragma once
// The engine's own words in the GUI's languages: error messages (by the error's stable id and
// its values) and kernel presets (by the preset's stable id). Core keeps English only, for
// the CLI; the GUI renders 繁體中文 here and falls back to core's English for anything it does
// not know.
#include <span>
#include <string>
#include <vector>

#include "convscope/core/geometry.hpp"
#include "convscope/core/kernels.hpp"
#include "convscope/core/result.hpp"
#include "convscope/core/trace.hpp"
#include "language.hpp"

namespace convscope::gui {

struct ErrorTranslation {
    const char* id;  // a core::errorTemplates() id
    const char* zh;  // the same {names} as the English template
};

struct PresetTranslation {
    const char* id;  // a core::kernelPresets() id
    const char* zhName;
    const char* zhDescription;
};

std::span<const ErrorTranslation> errorTranslations();
std::span<const PresetTranslation> presetTranslations();

// Words that errors carry as values ("height", "kernel", "taller"…) and their 繁體中文.
struct WordTranslation {
    const char* en;
    const char* zh;
};
std::span<const WordTranslation> errorWordTranslations();

// The error in `language`: the English message, or the translated template filled with the
// error's values (words among them translated too). Unknown ids keep the English message.
std::string errorText(const core::Error& error, Language language);

std::string presetName(const core::KernelPreset& preset, Language language);
std::string presetDescription(const core::KernelPreset& preset, Language language);

// The output-size panel's lines and the divisor note of average pooling, from core's
// explain functions in English and from the same structured results in 繁體中文.
std::string outputSizeText(const core::AxisWindow& w, core::Axis axis, Language language);
// `overConv`: the windows slide over the conv output (pooling) rather than the input.
std::vector<std::string> coverageText(const core::AxisWindow& rows, const core::AxisWindow& cols, std::int64_t outRows,
                                      std::int64_t outCols, bool overConv, Language language);
std::string divisorText(const core::PoolTrace& t, Language language);

// Every Chinese character of these tables, for the font's glyph list.
std::string engineChineseText();

}  // namespace convscope::gui
