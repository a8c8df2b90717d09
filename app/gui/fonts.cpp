#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace convscope::gui {

FontResult loadFonts(float pixels, const std::string& chineseText) {
    ImGuiIO& io = ImGui::GetIO();
    FontResult result;
    // Latin-1, Greek (Σ), punctuation (– … ·), arrows, maths (− × ≤), geometric shapes.
    static const ImWchar latin[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2010, 0x205E, 0x2190,
                                    0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
    // DejaVu first: CJK fonts draw · and × full-width, which spreads formulas apart.
    const char* latinFonts[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"};
    bool haveLatin = false;
    for (const char* path : latinFonts)
        if (std::filesystem::exists(path) && io.Fonts->AddFontFromFileTTF(path, pixels, nullptr, latin)) {
            haveLatin = true;
            break;
        }
    if (!haveLatin) {
        io.Fonts->AddFontDefault();
        result.message = "DejaVu Sans was not found (install fonts-dejavu-core): some symbols show as '?'.";
    }

    const char* cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    if (!std::filesystem::exists(cjk)) {
        result.message += (result.message.empty() ? "" : " ") +
                          std::string(
                              "Noto Sans CJK was not found (install fonts-noto-cjk): 繁體中文 is not available, "
                              "the app stays in English.");
        return result;
    }
    // Only the characters actually used; the builder must outlive the atlas build.
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder builder;
    builder.AddText(chineseText.c_str());
    builder.AddText("繁體中文");
    ranges.clear();
    builder.BuildRanges(&ranges);
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = 3;  // the collection's Traditional Chinese face
    merge.OversampleH = 1;
    merge.SizePixels = pixels * 1.15f;  // CJK glyphs sit small in their em box next to DejaVu
    result.chinese = io.Fonts->AddFontFromFileTTF(cjk, merge.SizePixels, &merge, ranges.Data) != nullptr;
    return result;
}

}  // namespace convscope::gui
