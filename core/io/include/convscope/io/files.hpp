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

}  // namespace convscope::io
