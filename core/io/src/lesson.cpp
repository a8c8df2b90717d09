#include "convscope/io/lesson.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"

namespace convscope::io {

using nlohmann::json;

namespace {

// `step` counts from 1; 0 is the title.
Result<LessonText> textOf(const json& j, std::size_t step) {
    const std::vector<core::ErrorValue> where{{"step", std::to_string(step)}};
    if (!j.is_object() || !j.contains("en") || !j["en"].is_string())
        return step ? ioError(IoErrorId::LessonStepNoEnglish, "lesson", where)
                    : ioError(IoErrorId::LessonTitleNoEnglish, "lesson", {});
    LessonText t;
    t.en = j["en"].get<std::string>();
    if (j.contains("zh-TW")) {
        if (!j["zh-TW"].is_string())
            return step ? ioError(IoErrorId::LessonStepChineseNotString, "lesson", where)
                        : ioError(IoErrorId::LessonTitleChineseNotString, "lesson", {});
        t.zh = j["zh-TW"].get<std::string>();
    }
    return t;
}

// A step's `set` merged into the scene. RFC 7386 replaces arrays whole, so "layers" may also
// be an object keyed by layer number from 1 ({"2": {"stride": [2, 2]}}): each entry is merged
// into that layer alone. An array still replaces the whole stack (to add or remove layers).
Status applySet(json& scene, const json& set, std::size_t step) {
    if (!set.is_object() || !set.contains("layers") || !set["layers"].is_object()) {
        scene.merge_patch(set);
        return core::Ok{};
    }
    json rest = set;
    const json layers = rest["layers"];
    rest.erase("layers");
    scene.merge_patch(rest);
    const std::size_t count = scene.contains("layers") && scene["layers"].is_array() ? scene["layers"].size() : 0;
    for (const auto& [key, patch] : layers.items()) {
        std::size_t n = 0;
        const bool number = !key.empty() && key.size() <= 3 &&
                            std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                            (n = std::stoul(key)) >= 1 && n <= count;
        if (!number || !patch.is_object())
            return ioError(IoErrorId::LessonBadLayerPatch, "lesson",
                           {{"step", std::to_string(step)}, {"key", key}, {"count", std::to_string(count)}});
        scene["layers"][n - 1].merge_patch(patch);
    }
    return core::Ok{};
}

}  // namespace

Result<Lesson> parseLesson(std::string_view text, const std::filesystem::path& baseDir) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return ioError(IoErrorId::LessonNotJson, "lesson", {});
    Lesson lesson;
    if (!j.contains("title")) return ioError(IoErrorId::LessonNoTitle, "lesson", {});
    auto title = textOf(j["title"], 0);
    if (!title) return title.error();
    lesson.title = *title;
    if (!j.contains("scene") || !j["scene"].is_object()) return ioError(IoErrorId::LessonNoScene, "lesson", {});
    if (!j.contains("steps") || !j["steps"].is_array() || j["steps"].empty())
        return ioError(IoErrorId::LessonNoSteps, "lesson", {});

    // The scene is a session without the format header; each step patches it (RFC 7386),
    // and the patch carries over to later steps, as a teacher changes one thing at a time.
    json scene = j["scene"];
    scene["format"] = "convscope-session";
    scene["version"] = kSessionVersion;
    for (std::size_t i = 0; i < j["steps"].size(); ++i) {
        const json& step = j["steps"][i];
        const std::vector<core::ErrorValue> where{{"step", std::to_string(i + 1)}};
        if (!step.is_object()) return ioError(IoErrorId::LessonStepNotObject, "lesson", where);
        LessonStep s;
        auto t = textOf(step.contains("text") ? step["text"] : json(), i + 1);
        if (!t) return t.error();
        s.text = *t;
        if (step.contains("set"))
            if (auto applied = applySet(scene, step["set"], i + 1); !applied) return applied.error();
        auto session = parseSession(scene.dump());
        if (!session) return ioError(IoErrorId::InLessonStep, "lesson", where, session.error());
        s.scene = *session;
        if (s.scene.image && std::filesystem::path(s.scene.image->path).is_relative())
            s.scene.image->path = (baseDir / s.scene.image->path).lexically_normal().string();
        if (step.contains("pin")) {
            const json& p = step["pin"];
            static const char* views[] = {"input", "kernel", "conv", "pool"};
            if (!p.is_object() || !p.contains("view") || !p["view"].is_string() ||
                std::find(std::begin(views), std::end(views), p["view"].get<std::string>()) == std::end(views) ||
                !p.contains("row") || !p["row"].is_number_integer() || !p.contains("col") ||
                !p["col"].is_number_integer())
                return ioError(IoErrorId::LessonBadPin, "lesson",
                               {where[0], {"pin_form", "{\"view\": input|kernel|conv|pool, \"row\", \"col\"}"}});
            s.pin = LessonPin{p["view"].get<std::string>(), p["row"].get<int>(), p["col"].get<int>()};
        }
        lesson.steps.push_back(std::move(s));
    }
    return lesson;
}

std::vector<Lesson> loadLessons(const std::filesystem::path& dir, std::vector<core::Error>& problems) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec)
        problems.push_back(
            ioError(IoErrorId::LessonsFolderUnreadable, "lesson", {{"path", dir.string()}, {"reason", ec.message()}}));
    std::sort(files.begin(), files.end());
    std::vector<Lesson> lessons;
    for (const auto& f : files) {
        auto text = readFile(f, 4u << 20);
        auto lesson = text ? parseLesson(*text, f.parent_path()) : Result<Lesson>(text.error());
        if (!lesson) {
            problems.push_back(ioError(IoErrorId::InFile, "lesson", {{"path", f.filename().string()}}, lesson.error()));
            continue;
        }
        lesson->file = f.string();
        lessons.push_back(std::move(*lesson));
    }
    return lessons;
}

}  // namespace convscope::io
