#pragma once
// Record lesson: the teacher sets up a scene, types the step's text and adds it as a step;
// the recording is saved as the lesson file the Lessons tab reads (format in README.md).
// Scenes are kept as the session writer's JSON, not as a struct, and each step's `set` is the
// JSON merge patch (RFC 7386) from the previous step's scene to this one's — so the recorder
// follows whatever the session format becomes without knowing its fields.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "convscope/core/result.hpp"
#include "convscope/io/lesson.hpp"
#include "state.hpp"

namespace convscope::gui {

// The merge patch that turns `from` into `to` (both JSON texts): objects are compared key by
// key (a key that disappears becomes null), anything else is replaced whole. Returns the
// patch as JSON text ("{}" when they are equal).
std::string mergePatchDiff(const std::string& from, const std::string& to);

// The state's scene as the session writer writes it, without what belongs to the person
// rather than the lesson: the file header, the language, the file browser's folder and recent
// files, the UI size and the theme.
std::string sceneJson(const State& state);

// The pinned cell as a lesson pin ("input" in padded coordinates, "kernel", "conv", "pool").
std::optional<io::LessonPin> lessonPin(const Cell& cell);

struct RecordedStep {
    io::LessonText text;
    std::string scene;  // sceneJson() when the step was added
    std::optional<io::LessonPin> pin;
};

class LessonRecorder {
public:
    io::LessonText title;

    // Adds the state's scene as the next step. Fails when both texts are empty.
    core::Status addStep(const State& state, io::LessonText text, bool pinCell);
    void removeLastStep();
    void clear();
    const std::vector<RecordedStep>& steps() const { return m_steps; }

    // The lesson file's text for saving at `file`: a picture inside the file's folder is
    // written relative to it (the loader resolves it from there), so the folder can be moved.
    // English is the loader's required text: a step or title typed only in 繁體中文 uses it for
    // both. An untitled lesson is named after the file.
    std::string lessonText(const std::filesystem::path& file) const;
    // lessonText() written atomically; fails when there is no step.
    core::Status save(const std::filesystem::path& file) const;

private:
    std::vector<RecordedStep> m_steps;
};

// Whether a JSON file's text is a lesson (has "scene" and "steps") rather than a session:
// a dropped or opened .json goes to the right loader.
bool looksLikeLesson(const std::string& text);

}  // namespace convscope::gui
