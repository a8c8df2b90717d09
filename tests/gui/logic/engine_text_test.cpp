// The engine's words in 繁體中文: every error id core and io can produce and every kernel preset
// has a translation, translations use only the values the error provides, and unknown ids fall
// back to the English message.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "convscope/core/conv.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/kernels.hpp"
#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/image_input.hpp"
#include "convscope/io/session.hpp"
#include "logic/engine_text.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

std::set<std::string> namesIn(const std::string& text) {
    std::set<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1))
        names.insert(text.substr(open + 1, text.find('}', open) - open - 1));
    return names;
}

}  // namespace

TEST_CASE("every engine and file error id has a zh-TW template with the same named values", "[gui][i18n]") {
    std::set<std::string> translated;
    for (const ErrorTranslation& t : errorTranslations()) {
        CHECK(translated.insert(t.id).second);
        CHECK(std::string(t.zh).size() > 0);
    }
    std::vector<core::ErrorTemplate> all(core::errorTemplates().begin(), core::errorTemplates().end());
    all.insert(all.end(), io::ioErrorTemplates().begin(), io::ioErrorTemplates().end());
    for (const core::ErrorTemplate& e : all) {
        INFO(e.id);
        const ErrorTranslation* zh = nullptr;
        for (const ErrorTranslation& t : errorTranslations())
            if (std::string(t.id) == e.id) zh = &t;
        REQUIRE(zh != nullptr);
        CHECK(namesIn(zh->zh) == namesIn(e.en));
    }
    CHECK(translated.size() == all.size());  // no stale ids either
    // The font atlas holds the Chinese the tables use (fonts.cpp builds it from this text).
    const std::string glyphs = engineChineseText();
    for (const ErrorTranslation& t : errorTranslations()) CHECK(glyphs.find(t.zh) != std::string::npos);
}

TEST_CASE("a picture that stops half way reads in Chinese, its path as written", "[gui][i18n]") {
    const auto dir = std::filesystem::temp_directory_path() / ("convscope-zh-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto png = io::encodePngGrey(std::vector<float>(64 * 64, 0.5f), 64, 64);
    REQUIRE(png.ok());
    const auto cut = dir / "input.png";
    REQUIRE(io::writeFileAtomic(cut, png->substr(0, png->size() / 2)).ok());
    auto image = io::loadImageInput(cut, io::ImageChannel::Luminance, 0);
    std::filesystem::remove_all(dir);
    REQUIRE_FALSE(image.ok());
    CHECK(errorText(image.error(), Language::En) == image.error().message);
    const std::string zh = errorText(image.error(), Language::ZhTw);
    INFO(zh);
    CHECK(zh.rfind(cut.string() + "：無法解碼圖片「" + cut.string() + "」：", 0) == 0);
    CHECK(zh.find("cannot") == std::string::npos);
}

TEST_CASE("a session with a bad field reads in Chinese, the field name as written", "[gui][i18n]") {
    nlohmann::json j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    j["layers"][1]["kernel_size"] = {2, 0};
    auto bad = io::parseSession(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(errorText(bad.error(), Language::ZhTw) == "工作階段：layers[1].kernel_size[1] 是 0，超出 1…1048576");

    // A field called "input" is a name in the file, not the word 輸入; an engine error inside
    // a file error is translated too.
    j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    j.erase("input");
    auto missing = io::parseSession(j.dump());
    REQUIRE_FALSE(missing.ok());
    CHECK(errorText(missing.error(), Language::ZhTw) == "工作階段：缺少 input");
    j = nlohmann::json::parse(io::sessionToJson(io::Session{}));
    j["layers"][0]["padding_mode"] = "mirror";
    auto mode = io::parseSession(j.dump());
    REQUIRE_FALSE(mode.ok());
    CHECK(errorText(mode.error(), Language::ZhTw) ==
          "工作階段：填充模式「mirror」不是 zeros、reflect、replicate、circular 其中之一");
}

TEST_CASE("an engine error reads in Chinese with its numbers, formula and words translated", "[gui][i18n]") {
    const core::Weights k5(1, 1, 5, 5);
    const std::vector<float> noBias;
    auto plan = core::planConv(1, 4, 4, k5, &noBias, core::ConvParams{});
    REQUIRE_FALSE(plan.ok());
    CHECK(errorText(plan.error(), Language::En) == plan.error().message);
    const std::string zh = errorText(plan.error(), Language::ZhTw);
    CHECK(zh == "輸出高度會是 0：floor((4 + 2·0 − 1·(5−1) − 1)/1) + 1 = 0。卷積核（5）比填充後的輸入（4）還高");

    auto same = core::resolvePadding(core::PaddingSpec{core::PaddingSpec::Kind::Same, 0, 0}, 3, 3, 1, 1, 2, 2);
    REQUIRE_FALSE(same.ok());
    CHECK(errorText(same.error(), Language::ZhTw).find("步幅 1（目前是 2,2）") != std::string::npos);
}

TEST_CASE("an error without a known id keeps its English message", "[gui][i18n]") {
    const core::Error fileError = core::makeError("file", "photo.png: not a picture");
    CHECK(errorText(fileError, Language::ZhTw) == "photo.png: not a picture");
    core::Error future{"x", "a message from a newer core", "some_new_id", {}, {}};
    CHECK(errorText(future, Language::ZhTw) == "a message from a newer core");
}

TEST_CASE("every kernel preset has a name and a description in both languages", "[gui][i18n]") {
    for (const core::KernelPreset& p : core::kernelPresets()) {
        INFO(p.id);
        CHECK(presetName(p, Language::En) == p.name);
        CHECK(presetDescription(p, Language::En) == p.description);
        bool found = false;
        for (const PresetTranslation& t : presetTranslations())
            if (p.id == t.id) found = std::string(t.zhName).size() > 0 && std::string(t.zhDescription).size() > 0;
        CHECK(found);
    }
    for (const PresetTranslation& t : presetTranslations()) CHECK(core::findKernelPreset(t.id) != nullptr);
    const core::KernelPreset* sobel = core::findKernelPreset("sobel_x");
    REQUIRE(sobel != nullptr);
    CHECK(presetDescription(*sobel, Language::ZhTw) == "水平梯度：越往右越亮的地方數值越大。");
}

TEST_CASE("the output-size panel's notes read in Chinese from core's structured results", "[gui][i18n]") {
    // 8 rows, window 3, stride 2: windows read rows 0…6, row 7 is dropped by the floor.
    const core::AxisWindow w{8, 3, 2, 0, 0, 1, false};
    const std::int64_t outputs = core::countWindows(w);
    REQUIRE(outputs == 3);
    const auto en = coverageText(w, w, outputs, outputs, false, Language::En);
    REQUIRE(en.size() == 2);
    CHECK(en[0] == "input row 7 is never read: dropped by the floor (the next window would not fit)");
    const auto zh = coverageText(w, w, outputs, outputs, true, Language::ZhTw);
    REQUIRE(zh.size() == 2);
    CHECK(zh[0] == "卷積輸出的第 7 列沒有被讀到：被 floor 捨去（下一個窗口放不下）");
    CHECK(zh[1].find("第 7 行") != std::string::npos);

    // Ceil mode: 5 cells, window 2, stride 2, padding 1: the last window would start in the
    // trailing padding and is dropped.
    const core::AxisWindow ceil{5, 2, 2, 1, 1, 1, true};
    REQUIRE(core::ceilWindowRemoved(ceil));
    CHECK(outputSizeText(ceil, core::Axis::Height, Language::En) == core::describeOutputSize(ceil, core::Axis::Height));
    const std::string zhLine = outputSizeText(ceil, core::Axis::Height, Language::ZhTw);
    CHECK(zhLine.rfind(core::outputSizeEquation(ceil, core::Axis::Height), 0) == 0);
    CHECK(zhLine.find("ceil 模式") != std::string::npos);
}
