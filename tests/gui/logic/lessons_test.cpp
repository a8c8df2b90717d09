// The shipped lessons: every file loads, every step has both languages, every scene is a
// valid computation, and every pinned cell exists in the map it points at — so a teacher
// never meets a broken step in front of a class.
#include <catch2/catch.hpp>

#include "convscope/io/lesson.hpp"
#include "logic/pipeline.hpp"
#include "logic/session_bridge.hpp"
#include "logic/ui_text.hpp"

using namespace convscope;
using namespace convscope::gui;

TEST_CASE("every shipped lesson loads and every step works", "[gui][lessons]") {
    std::vector<core::Error> problems;
    const auto lessons = io::loadLessons(CONVSCOPE_ASSET_DIR "/lessons", problems);
    for (const auto& p : problems) FAIL(p.message);
    REQUIRE(lessons.size() >= 9);
    for (const io::Lesson& lesson : lessons) {
        INFO(lesson.file);
        CHECK_FALSE(lesson.title.en.empty());
        CHECK_FALSE(lesson.title.zh.empty());
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            INFO("step " << i + 1);
            const io::LessonStep& step = lesson.steps[i];
            CHECK_FALSE(step.text.en.empty());
            CHECK_FALSE(step.text.zh.empty());
            State s = defaultState();
            REQUIRE(applySession(step.scene, s).ok());
            Pipeline p;
            (void)p.update(s.compute);
            (void)p.finish();
            const PipelineResult& r = p.result();
            CHECK(r.convError.message.empty());
            CHECK(r.poolError.message.empty());
            if (!step.pin) continue;
            if (step.pin->view == "kernel") {
                REQUIRE(s.compute.conv());
                CHECK(step.pin->row < s.compute.conv()->weights.height);
                CHECK(step.pin->col < s.compute.conv()->weights.width);
                continue;
            }
            if (step.pin->view == "input") {  // the padded grid the input view draws
                CHECK(step.pin->row < r.padded().height);
                CHECK(step.pin->col < r.padded().width);
                continue;
            }
            const core::Tensor* map = step.pin->view == "conv"   ? &r.conv()
                                      : step.pin->view == "pool" ? (r.hasPool ? &r.pool().values : nullptr)
                                                                 : nullptr;
            REQUIRE(map != nullptr);
            CHECK(step.pin->row < map->height);
            CHECK(step.pin->col < map->width);
        }
    }
}

TEST_CASE("a broken lesson is refused with the step and field named", "[gui][lessons]") {
    const std::string scene = R"("scene": {"input": {"grid": {"shape": [1, 3, 3], "values": [1,2,3,4,5,6,7,8,9]}},
        "layers": [{"type": "conv2d", "kernel": {"shape": [1, 1, 2, 2], "values": [1, 0, 0, 1]}, "bias": [],
                    "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1, "padding_mode": "zeros"}]})";
    auto good = io::parseLesson(R"({"title": {"en": "t"}, )" + scene + R"(, "steps": [{"text": {"en": "a"}}]})", ".");
    REQUIRE(good.ok());
    auto badStride = io::parseLesson(
        R"({"title": {"en": "t"}, )" + scene +
            R"(, "steps": [{"text": {"en": "a"}}, {"text": {"en": "b"}, "set": {"layers": {"1": {"stride": [0, 1]}}}}]})",
        ".");
    REQUIRE_FALSE(badStride.ok());
    CHECK(badStride.error().message.find("step 2") != std::string::npos);
    CHECK(badStride.error().message.find("layers[0].stride") != std::string::npos);
    auto noText = io::parseLesson(R"({"title": {"en": "t"}, )" + scene + R"(, "steps": [{"set": {}}]})", ".");
    REQUIRE_FALSE(noText.ok());
    CHECK(noText.error().message.find("step 1 text") != std::string::npos);
}

TEST_CASE("every two-language UI string has both texts", "[gui][i18n]") {
    for (const UiText& t : allUiText()) {
        CHECK(std::string(t.en).size() > 0);
        CHECK(std::string(t.zh).size() > 0);
    }
}

TEST_CASE("the language follows the locale: zh_TW and zh_HK choose Traditional Chinese", "[gui][i18n]") {
    ::setenv("LC_ALL", "zh_TW.UTF-8", 1);
    CHECK(languageFromEnvironment() == Language::ZhTw);
    ::setenv("LC_ALL", "zh_HK.UTF-8", 1);
    CHECK(languageFromEnvironment() == Language::ZhTw);
    ::setenv("LC_ALL", "zh_CN.UTF-8", 1);
    CHECK(languageFromEnvironment() == Language::En);
    ::setenv("LC_ALL", "de_DE.UTF-8", 1);
    CHECK(languageFromEnvironment() == Language::En);
    ::unsetenv("LC_ALL");
}
