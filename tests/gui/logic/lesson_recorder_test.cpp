// Record lesson, through the GUI-free logic: the merge-patch diff really turns one scene into
// the next, and a two-step lesson recorded from states saves, loads with the lesson loader and
// plays (each step's scene computes, its pin exists) as the shipped lessons do.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../io/temp_dir.hpp"
#include "convscope/io/lesson.hpp"
#include "logic/lesson_recorder.hpp"
#include "logic/pipeline.hpp"
#include "logic/session_bridge.hpp"

using namespace convscope;
using namespace convscope::gui;
using nlohmann::json;

TEST_CASE("the merge-patch diff applied to the old scene gives the new one", "[gui][lessons][record]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"a": 1, "b": {"c": [1, 2], "d": "x"}})", R"({"a": 1, "b": {"c": [1, 3], "d": "x"}})"},
        {R"({"a": 1, "b": {"c": 2, "d": 3}})", R"({"a": 1, "b": {"c": 2}})"},  // a key removed
        {R"({"a": {"x": 1}})", R"({"a": [1, 2]})"},                            // object → array
        {R"({"a": 1})", R"({"a": 1, "n": {"deep": {"er": true}}})"},           // keys added
        {R"({"same": [1]})", R"({"same": [1]})"},
    };
    for (const auto& [from, to] : cases) {
        INFO(from << " → " << to);
        const std::string patch = mergePatchDiff(from, to);
        json patched = json::parse(from);
        patched.merge_patch(json::parse(patch));
        CHECK(patched == json::parse(to));
    }
    CHECK(mergePatchDiff(R"({"same": [1]})", R"({"same": [1]})") == "{}");
    CHECK(json::parse(mergePatchDiff(R"({"a": 1, "b": {"c": 2, "d": 3}})", R"({"a": 1, "b": {"c": 2, "d": 4}})")) ==
          json::parse(R"({"b": {"d": 4}})"));  // only what changed
}

TEST_CASE("a recorded two-step lesson saves, loads and plays", "[gui][lessons][record]") {
    iotest::TempDir dir;
    LessonRecorder recorder;
    recorder.title = {"Recorded", "錄製的課"};

    State s = defaultState();
    s.language = Language::ZhTw;  // the teacher's language is not part of the lesson
    s.playback.playing = false;
    s.playback.step = 3;
    s.pin = Cell{View::Conv, 0, 3};
    CHECK_FALSE(recorder.addStep(s, {"", ""}, true).ok());  // no text: refused
    REQUIRE(recorder.addStep(s, {"Look at O(0,3).", "看 O(0,3)。"}, true).ok());

    // The teacher changes one input value and moves on to the pooled map; step 2 is in 中文 only.
    s.compute.editPicture().at(0, 1, 1) = 9.0f;
    s.playback.step = 50;
    s.pin = Cell{View::Pool, 1, 1};
    REQUIRE(recorder.addStep(s, {"", "池化後的 (1,1)。"}, true).ok());
    REQUIRE(recorder.steps().size() == 2);

    const auto file = dir.path() / "recorded.json";
    REQUIRE(recorder.save(file).ok());

    // The second step's set is a small patch, not the whole scene.
    std::ifstream in(file);
    const json j = json::parse(in);
    CHECK_FALSE(j["steps"][0].contains("set"));
    const json& set = j["steps"][1]["set"];
    CHECK(set.contains("input"));
    CHECK(set["playback"] == json{{"step", 50}});
    CHECK_FALSE(set.contains("conv"));
    CHECK_FALSE(j["scene"].contains("language"));
    CHECK_FALSE(j["scene"].contains("files"));

    std::vector<core::Error> problems;
    const auto lessons = io::loadLessons(dir.path(), problems);
    for (const auto& p : problems) FAIL(p.message);
    REQUIRE(lessons.size() == 1);
    const io::Lesson& lesson = lessons.front();
    CHECK(lesson.title.in("en") == "Recorded");
    CHECK(lesson.title.in("zh-TW") == "錄製的課");
    REQUIRE(lesson.steps.size() == 2);
    CHECK(lesson.steps[0].text.in("en") == "Look at O(0,3).");
    CHECK(lesson.steps[1].text.in("zh-TW") == "池化後的 (1,1)。");
    CHECK(lesson.steps[1].text.in("en") == "池化後的 (1,1)。");  // English is required: the 中文 stands in

    const std::vector<std::string> pinViews = {"conv", "pool"};
    for (std::size_t i = 0; i < 2; ++i) {
        INFO("step " << i + 1);
        const io::LessonStep& step = lesson.steps[i];
        State played = defaultState();
        REQUIRE(applySession(step.scene, played).ok());
        Pipeline p;
        (void)p.update(played.compute);
        (void)p.finish();
        const PipelineResult& r = p.result();
        CHECK(r.convError.message.empty());
        CHECK(r.poolError.message.empty());
        REQUIRE(step.pin);
        CHECK(step.pin->view == pinViews[i]);
        const core::Tensor& map = step.pin->view == "conv" ? r.conv() : r.pool().values;
        CHECK(step.pin->row < map.height);
        CHECK(step.pin->col < map.width);
        CHECK(played.playback.step == (i == 0 ? 3 : 50));
        CHECK(played.compute.input().at(0, 1, 1) == (i == 0 ? defaultState().compute.input().at(0, 1, 1) : 9.0f));
    }
}

TEST_CASE("a picture next to the lesson is saved relative to it", "[gui][lessons][record]") {
    iotest::TempDir dir;
    std::filesystem::create_directory(dir.path() / "pictures");
    State s = defaultState();
    s.image =
        io::SessionImage{(dir.path() / "pictures" / "cat.png").string(), io::ImageChannel::Luminance, 16, false, {}};
    LessonRecorder recorder;
    REQUIRE(recorder.addStep(s, {"a", ""}, false).ok());
    const json inside = json::parse(recorder.lessonText(dir.path() / "l.json"));
    CHECK(inside["scene"]["input"]["image"]["path"] == "pictures/cat.png");
    const json outside = json::parse(recorder.lessonText(dir.path() / "pictures" / "sub" / "l.json"));
    CHECK(outside["scene"]["input"]["image"]["path"] == (dir.path() / "pictures" / "cat.png").string());
}

TEST_CASE("a lesson file is told from a session file", "[gui][lessons][record]") {
    CHECK(looksLikeLesson(R"({"title": {"en": "t"}, "scene": {}, "steps": []})"));
    CHECK_FALSE(looksLikeLesson(R"({"format": "convscope-session", "version": 2})"));
    CHECK_FALSE(looksLikeLesson("not json"));
}
