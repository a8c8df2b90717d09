// Lessons at the io level: a step's set patches one layer by its number, or replaces the
// stack with an array; every shipped lesson's every step is a stack that plans and runs.
#include <catch2/catch.hpp>
#include <filesystem>

#include "convscope/core/stack.hpp"
#include "convscope/io/lesson.hpp"

using namespace convscope;

namespace {

// A 1×4×4 input, conv 3×3 (padding 1) → ReLU → max 2.
const std::string kScene = R"("scene": {
    "input": {"grid": {"shape": [1, 4, 4], "values": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]}},
    "layers": [
      {"type": "conv2d", "kernel": {"shape": [1, 1, 3, 3], "values": [0, 0, 0, 0, 1, 0, 0, 0, 0]}, "bias": [],
       "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1, "padding_mode": "zeros"},
      {"type": "relu"},
      {"type": "max_pool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1],
       "ceil_mode": false}]})";

core::Result<io::Lesson> lessonWithSteps(const std::string& steps) {
    return io::parseLesson(R"({"title": {"en": "t"}, )" + kScene + R"(, "steps": [)" + steps + "]}", ".");
}

}  // namespace

TEST_CASE("a lesson step patches one layer by its number, and later steps keep the change", "[io][lessons]") {
    auto lesson = lessonWithSteps(R"({"text": {"en": "a"}, "set": {"layers": {"3": {"kernel_size": [3, 3]}}}},
        {"text": {"en": "b"}, "set": {"layers": {"1": {"stride": [2, 1]}}, "playback": {"step": 4}}},
        {"text": {"en": "c"}, "set": {"layers": {"3": {"type": "avg_pool2d", "dilation": null}}}})");
    REQUIRE(lesson.ok());
    REQUIRE(lesson->steps.size() == 3);
    const auto& first = lesson->steps[0].scene.layers;
    REQUIRE(first.size() == 3);
    CHECK(std::get<core::MaxPool2d>(first[2]).kernel == core::Hw{3, 3});
    CHECK(std::get<core::MaxPool2d>(first[2]).stride == core::Hw{2, 2});  // untouched keys stay
    const auto& second = lesson->steps[1].scene;
    CHECK(std::get<core::Conv2d>(second.layers[0]).stride == core::Hw{2, 1});
    CHECK(std::get<core::MaxPool2d>(second.layers[2]).kernel == core::Hw{3, 3});  // carried over
    CHECK(second.step == 4);
    // A kind changed by patch: max → avg, its dilation removed (an avg_pool2d has none).
    const auto* avg = std::get_if<core::AvgPool2d>(&lesson->steps[2].scene.layers[2]);
    REQUIRE(avg != nullptr);
    CHECK(avg->kernel == core::Hw{3, 3});
}

TEST_CASE("a lesson step's layers array replaces the whole stack", "[io][lessons]") {
    auto lesson = lessonWithSteps(R"({"text": {"en": "a"}, "set": {"layers": [{"type": "leaky_relu"}]}},
        {"text": {"en": "b"}, "set": {"layers": {"1": {"negative_slope": 0.5}}}})");
    REQUIRE(lesson.ok());
    const std::vector<core::Layer> one{core::Activation{core::ActivationKind::LeakyRelu, 0.01f}};
    CHECK(lesson->steps[0].scene.layers == one);
    const std::vector<core::Layer> half{core::Activation{core::ActivationKind::LeakyRelu, 0.5f}};
    CHECK(lesson->steps[1].scene.layers == half);
}

TEST_CASE("a layer patch that names no layer, or breaks the layer, is refused naming the step", "[io][lessons]") {
    const auto error = [](const std::string& steps) {
        auto lesson = lessonWithSteps(steps);
        REQUIRE_FALSE(lesson.ok());
        return lesson.error().message;
    };
    CHECK(error(R"({"text": {"en": "a"}, "set": {"layers": {"4": {"stride": [1, 1]}}}})") ==
          "step 1: set.layers.4 must be a layer number 1…3 holding an object to merge into that layer");
    CHECK(error(R"({"text": {"en": "a"}}, {"text": {"en": "b"}, "set": {"layers": {"0": {}}}})") ==
          "step 2: set.layers.0 must be a layer number 1…3 holding an object to merge into that layer");
    CHECK(error(R"({"text": {"en": "a"}, "set": {"layers": {"first": {}}}})") ==
          "step 1: set.layers.first must be a layer number 1…3 holding an object to merge into that layer");
    CHECK(error(R"({"text": {"en": "a"}, "set": {"layers": {"2": [1]}}})") ==
          "step 1: set.layers.2 must be a layer number 1…3 holding an object to merge into that layer");
    CHECK(error(R"({"text": {"en": "a"}, "set": {"layers": {"1": {"stride": [0, 1]}}}})") ==
          "step 1: session: layers[0].stride[0] is 0, outside 1…1048576");
    CHECK(error(R"({"text": {"en": "a"}, "set": {"layers": {"3": {"type": "avg_pool2d"}}}})") ==
          "step 1: session: layers[2].dilation is not an argument of avg_pool2d");
}

TEST_CASE("every shipped lesson step is a stack that plans and runs", "[io][lessons]") {
    // The lessons folder beside tests/: assets/lessons.
    const auto dir = std::filesystem::path(CONVSCOPE_GOLDEN_DIR).parent_path().parent_path() / "assets" / "lessons";
    std::vector<core::Error> problems;
    const auto lessons = io::loadLessons(dir, problems);
    for (const auto& p : problems) FAIL(p.message);
    std::size_t files = 0;  // every lesson file in the folder loaded
    for (const auto& entry : std::filesystem::directory_iterator(dir)) files += entry.path().extension() == ".json";
    CHECK(files >= 11);
    CHECK(lessons.size() == files);
    for (const io::Lesson& lesson : lessons) {
        INFO(lesson.file);
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            INFO("step " << i + 1);
            const io::Session& scene = lesson.steps[i].scene;
            auto input = io::sessionInput(scene);
            REQUIRE(input.ok());
            const core::StackPlan plan = core::planStack(core::shapeOf(*input), scene.layers);
            INFO(plan.error.message);
            CHECK(plan.ok());
            auto outputs = core::runStack(*input, scene.layers);
            REQUIRE(outputs.ok());
            CHECK(outputs->size() == scene.layers.size());
        }
    }
}
