#include "convscope/io/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

#include <unistd.h>

namespace convscope::io {

namespace fs = std::filesystem;

core::Result<std::string> readFile(const fs::path& path, std::uintmax_t maxBytes) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return core::makeError("file", "cannot open '" + path.string() + "': no such file");
    if (fs::is_directory(status)) return core::makeError("file", "'" + path.string() + "' is a folder, not a file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return core::makeError("file", "cannot read '" + path.string() + "': " + ec.message());
    if (size > maxBytes)
        return core::makeError("file", "'" + path.string() + "' is " + std::to_string(size) +
                                           " bytes, more than the limit of " + std::to_string(maxBytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::makeError("file", "cannot open '" + path.string() + "': " + std::strerror(errno));
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size)
        return core::makeError("file", "cannot read '" + path.string() + "': the file changed while reading");
    return bytes;
}

namespace {

// Writes `bytes` to a unique hidden sibling of `path` (same folder, so the later rename
// stays within one file system) and returns the temp file's path.
core::Result<fs::path> writeTemp(const fs::path& path, std::string_view bytes) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return core::makeError("output",
                               "cannot write '" + path.string() + "': folder '" + dir.string() + "' does not exist");
    if (fs::is_directory(path, ec))
        return core::makeError("output", "cannot write '" + path.string() + "': it is a folder");
    std::random_device rd;
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::makeError("output", "cannot write '" + path.string() + "': " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
        out.close();
        fs::remove(tmp, ec);
        return core::makeError("output", "cannot write '" + path.string() + "': disk full or I/O error");
    }
    return tmp;
}

}  // namespace

core::Status writeFileAtomic(const fs::path& path, std::string_view bytes) {
    return writeFilesAtomic({FileContent{path, std::string(bytes)}});
}

core::Status writeFilesAtomic(const std::vector<FileContent>& files) {
    std::vector<fs::path> temps;
    auto discard = [&temps] {
        std::error_code ignored;
        for (const fs::path& t : temps) fs::remove(t, ignored);
    };
    for (const FileContent& f : files) {
        auto tmp = writeTemp(f.path, f.bytes);
        if (!tmp) {
            discard();
            return tmp.error();
        }
        temps.push_back(*tmp);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        fs::rename(temps[i], files[i].path, ec);
        if (ec) {
            discard();
            return core::makeError("output", "cannot write '" + files[i].path.string() + "': " + ec.message());
        }
    }
    return core::Ok{};
}

}  // namespace convscope::io
