#include "lesson_recorder.hpp"

#include <nlohmann/json.hpp>

#include "convscope/io/files.hpp"
#include "session_bridge.hpp"
#include "view_slots.hpp"

namespace convscope::gui {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json diff(const json& from, const json& to) {
    if (!from.is_object() || !to.is_object()) return to;
    json patch = json::object();
    for (auto it = from.begin(); it != from.end(); ++it)
        if (!to.contains(it.key())) patch[it.key()] = nullptr;
    for (auto it = to.begin(); it != to.end(); ++it) {
        if (!from.contains(it.key())) {
            patch[it.key()] = it.value();
        } else if (from[it.key()] != it.value()) {
            // A nested object that only changed in part gets a partial patch; null in `to`
            // cannot be said in a merge patch (it means "remove"), and the session writer
            // never writes one.
            patch[it.key()] = diff(from[it.key()], it.value());
        }
    }
    return patch;
}

json textJson(const io::LessonText& t) {
    json j = {{"en", t.en.empty() ? t.zh : t.en}};
    if (!t.zh.empty()) j["zh-TW"] = t.zh;
    return j;
}

}  // namespace

std::string mergePatchDiff(const std::string& from, const std::string& to) {
    return diff(json::parse(from), json::parse(to)).dump();
}

std::string sceneJson(const State& state) {
    json j = json::parse(io::sessionToJson(toSession(state)));
    for (const char* key : {"format", "version"}) j.erase(key);
    return j.dump();
}

std::optional<io::LessonPin> lessonPin(const Cell& cell) {
    const std::string_view view = viewName(cell.view);
    if (view.empty()) return std::nullopt;
    return io::LessonPin{std::string(view), cell.row, cell.col};
}

core::Status LessonRecorder::addStep(const State& state, io::LessonText text, bool pinCell) {
    if (text.en.empty() && text.zh.empty()) return core::makeError("text", "a step needs its text in a language");
    m_steps.push_back({std::move(text), sceneJson(state), pinCell ? lessonPin(state.pin) : std::nullopt});
    return core::Ok{};
}

void LessonRecorder::removeLastStep() {
    if (!m_steps.empty()) m_steps.pop_back();
}

void LessonRecorder::clear() {
    m_steps.clear();
    title = {};
}

std::string LessonRecorder::lessonText(const fs::path& file) const {
    const fs::path folder = fs::absolute(file).parent_path().lexically_normal();
    auto portable = [&](const std::string& scene) {
        json j = json::parse(scene);
        if (j.contains("input") && j["input"].contains("image") && j["input"]["image"].contains("path")) {
            const fs::path picture = fs::absolute(j["input"]["image"]["path"].get<std::string>()).lexically_normal();
            const fs::path relative = picture.lexically_relative(folder);
            if (!relative.empty() && *relative.begin() != "..") j["input"]["image"]["path"] = relative.string();
        }
        return j;
    };
    io::LessonText name = title;
    if (name.en.empty() && name.zh.empty()) name.en = file.stem().string();
    json lesson = {{"title", textJson(name)}, {"steps", json::array()}};
    json previous;
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const RecordedStep& s = m_steps[i];
        const json scene = portable(s.scene);
        json step = {{"text", textJson(s.text)}};
        if (i == 0) {
            lesson["scene"] = scene;
        } else if (json patch = diff(previous, scene); !patch.empty()) {
            step["set"] = patch;
        }
        if (s.pin) step["pin"] = {{"view", s.pin->view}, {"row", s.pin->row}, {"col", s.pin->col}};
        lesson["steps"].push_back(step);
        previous = scene;
    }
    return lesson.dump(2) + "\n";
}

core::Status LessonRecorder::save(const fs::path& file) const {
    if (m_steps.empty()) return core::makeError("lesson", "the lesson has no steps yet");
    return io::writeFileAtomic(file, lessonText(file));
}

bool looksLikeLesson(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    return j.is_object() && j.contains("scene") && j.contains("steps");
}

}  // namespace convscope::gui
