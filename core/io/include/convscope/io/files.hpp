#pragma once
// Whole-file reads with a size guard, and atomic writes (temp file in the same folder, then
// rename): a failed or interrupted write never leaves a half-written or missing file.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/core/result.hpp"

namespace convscope::io {

core::Result<std::string> readFile(const std::filesystem::path& path, std::uintmax_t maxBytes);
core::Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// Several files that belong together (an output and its indices): every temp file is
// written first and only then renamed, so a failure leaves all targets as they were.
struct FileContent {
    std::filesystem::path path;
    std::string bytes;
};
core::Status writeFilesAtomic(const std::vector<FileContent>& files);

// Where a program finds the files it loads at run time (lessons, samples). An installed copy
// looks beside itself — `<folder of the running executable>/<fromExecutable>`, e.g.
// bin/../share/convscope — so a prefix can be moved and nothing from the build survives in
// it. Only a program run from `buildBinDir` (the build tree), or one that cannot learn its own
// path, falls back to `sourceAssets`;
// an installed program whose files are missing gets its own expected folder back, so the
// error a person sees names the place the files should be, not a source tree.
struct AssetLocation {
    std::filesystem::path fromExecutable;  // relative, e.g. "../share/convscope"
    std::filesystem::path buildBinDir;     // absolute
    std::filesystem::path sourceAssets;    // absolute
};
std::filesystem::path assetDirectory(const AssetLocation& where);
// The running program's own path (/proc/self/exe), or empty if the system does not say.
std::filesystem::path executablePath();

}  // namespace convscope::io
