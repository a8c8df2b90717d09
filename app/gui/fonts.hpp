#pragma once
// The UI font: DejaVu Sans for Latin text and the formula symbols, with Noto Sans CJK TC
// merged in for exactly the Chinese characters the app's strings and lessons use (a full
// CJK atlas would be tens of megabytes and slow to start).
#include <string>

namespace convscope::gui {

struct FontResult {
    bool chinese = false;  // the CJK font was found and merged
    std::string message;   // what is missing, for the person
};

// `chineseText`: every Chinese string that may be shown (UTF-8, concatenated).
FontResult loadFonts(float pixels, const std::string& chineseText);

}  // namespace convscope::gui
