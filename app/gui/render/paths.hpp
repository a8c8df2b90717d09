#pragma once
// Where the app's own files live, independent of the working directory.
#include <filesystem>

namespace convscope::gui {

// assets/samples of the source tree the binary was built from.
inline std::filesystem::path samplesDirectory() {
    return std::filesystem::path(CONVSCOPE_ASSET_DIR) / "samples";
}

}  // namespace convscope::gui
