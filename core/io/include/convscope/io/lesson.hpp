#pragma once
// Lessons: data files a teacher can write (assets/lessons/*.json, format in README.md).
// A lesson has a scene (a session) and short steps; each step's text comes in English and
// 繁體中文, and a step may change the scene (any session fields; one layer by its number,
// as {"layers": {"2": {…}}}, since a merge patch would replace the whole list), the
// playback position and the pinned cell.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/io/session.hpp"

namespace convscope::io {

struct LessonText {
    std::string en;
    std::string zh;  // 繁體中文
    const std::string& in(const std::string& language) const { return language == "zh-TW" && !zh.empty() ? zh : en; }
};

struct LessonPin {
    std::string view;  // "input" (padded coordinates), "kernel", "conv", "pool"
    int row = 0;
    int col = 0;
};

struct LessonStep {
    LessonText text;
    Session scene;  // the lesson's scene with this step's changes applied
    std::optional<LessonPin> pin;
};

struct Lesson {
    std::string file;  // where it was loaded from, for messages
    LessonText title;
    std::vector<LessonStep> steps;
};

// `baseDir` resolves relative picture paths in the scene.
Result<Lesson> parseLesson(std::string_view text, const std::filesystem::path& baseDir);

// Every *.json in `dir`, sorted by file name. A file that cannot be read is skipped and
// described in `problems` ("in_file": the file name, then why).
std::vector<Lesson> loadLessons(const std::filesystem::path& dir, std::vector<core::Error>& problems);

}  // namespace convscope::io
