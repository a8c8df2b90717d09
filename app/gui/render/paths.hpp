#pragma once
// Where the app's own files live, independent of the working directory.
#include <filesystem>

namespace convscope::gui {

// assets/samples of the source tree the binary was built from.
inline std::filesystem::path samplesDirectory() {
    return std::filesystem::path(CONVSCOPE_ASSET_DIR) / "samples";
}

// assets/lessons: one JSON file per lesson.
inline std::filesystem::path lessonsDirectory() {
    return std::filesystem::path(CONVSCOPE_ASSET_DIR) / "lessons";
}

}  // namespace convscope::gui
