#pragma once
// Where the app's own files live, independent of the working directory: beside the installed
// program (bin/../share/convscope), or the source tree's assets/ for a run from the build tree.
// The three locations are compile definitions set by app/gui/CMakeLists.txt.
#include <filesystem>

#include "convscope/io/files.hpp"

namespace convscope::gui {

inline std::filesystem::path assetDirectory() {
    static const std::filesystem::path dir =
        io::assetDirectory({CONVSCOPE_ASSETS_FROM_EXE, CONVSCOPE_BUILD_BIN_DIR, CONVSCOPE_ASSET_DIR});
    return dir;
}

// samples/: the built-in pictures.
inline std::filesystem::path samplesDirectory() {
    return assetDirectory() / "samples";
}

// lessons/: one JSON file per lesson.
inline std::filesystem::path lessonsDirectory() {
    return assetDirectory() / "lessons";
}

}  // namespace convscope::gui
