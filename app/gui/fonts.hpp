#pragma once
// The UI font: DejaVu Sans for Latin text and the formula symbols, with Noto Sans CJK TC
// merged in for exactly the Chinese characters the app's strings and lessons use (a full
// CJK atlas would be tens of megabytes and slow to start).
#include <string>

struct ImFont;

namespace convscope::gui {

struct FontResult {
    bool chinese = false;     // the CJK font was found and merged
    std::string message;      // what is missing, for the person
    ImFont* large = nullptr;  // the second size, when asked for
};

// `chineseText`: every Chinese string that may be shown (UTF-8, concatenated). With
// `largePixels` > 0 a second font of that size is added (presentation mode's large type,
// rasterised at its size rather than stretched); the first stays the default.
FontResult loadFonts(float pixels, const std::string& chineseText, float largePixels = 0.0f);

}  // namespace convscope::gui
