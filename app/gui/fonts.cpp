#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace convscope::gui {

namespace {

constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

// One font of `pixels`: DejaVu (or ImGui's own) with the Chinese of `cjkRanges` merged in
// when the CJK font is installed.
ImFont* addFont(float pixels, const ImWchar* cjkRanges, FontResult& result) {
    ImGuiIO& io = ImGui::GetIO();
    // Latin-1, Greek (Σ), punctuation (– … ·), arrows, maths (− × ≤), geometric shapes.
    static const ImWchar latin[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2010, 0x205E, 0x2190,
                                    0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
    // DejaVu first: CJK fonts draw · and × full-width, which spreads formulas apart.
    const char* latinFonts[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"};
    ImFont* font = nullptr;
    for (const char* path : latinFonts)
        if (std::filesystem::exists(path) && (font = io.Fonts->AddFontFromFileTTF(path, pixels, nullptr, latin))) break;
    if (!font) {
        font = io.Fonts->AddFontDefault();
        result.message = "DejaVu Sans was not found (install fonts-dejavu-core): some symbols show as '?'.";
    }

    if (!std::filesystem::exists(kCjkFont)) {
        result.message += (result.message.empty() ? "" : " ") +
                          std::string(
                              "Noto Sans CJK was not found (install fonts-noto-cjk): 繁體中文 is not available, "
                              "the app stays in English.");
        return font;
    }
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = 3;  // the collection's Traditional Chinese face
    merge.OversampleH = 1;
    merge.SizePixels = pixels * 1.15f;  // CJK glyphs sit small in their em box next to DejaVu
    result.chinese = io.Fonts->AddFontFromFileTTF(kCjkFont, merge.SizePixels, &merge, cjkRanges) != nullptr;
    return font;
}

}  // namespace

FontResult loadFonts(float pixels, const std::string& chineseText, float largePixels) {
    // Only the characters actually used. The atlas reads these ranges when it is built, after
    // this returns, so they live until the next call rebuilds them (for every font at once).
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder builder;
    builder.AddText(chineseText.c_str());
    builder.AddText("繁體中文");
    ranges.clear();
    builder.BuildRanges(&ranges);
    FontResult result;
    addFont(pixels, ranges.Data, result);
    if (largePixels > 0.0f) {
        FontResult second;  // its messages repeat the first's
        result.large = addFont(largePixels, ranges.Data, second);
    }
    return result;
}

}  // namespace convscope::gui
