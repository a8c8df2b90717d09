#include "convscope/io/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

#include <unistd.h>

#include "convscope/io/errors.hpp"

namespace convscope::io {

namespace fs = std::filesystem;

core::Result<std::string> readFile(const fs::path& path, std::uintmax_t maxBytes) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    const core::ErrorValue name{"path", path.string()};
    if (ec || !fs::exists(status)) return ioError(IoErrorId::FileNotFound, "file", {name});
    if (fs::is_directory(status)) return ioError(IoErrorId::FileIsFolder, "file", {name});
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return ioError(IoErrorId::FileUnreadable, "file", {name, {"reason", ec.message()}});
    if (size > maxBytes)
        return ioError(IoErrorId::FileTooLarge, "file",
                       {name, {"size", std::to_string(size)}, {"limit", std::to_string(maxBytes)}});
    std::ifstream in(path, std::ios::binary);
    if (!in) return ioError(IoErrorId::FileCannotOpen, "file", {name, {"reason", std::strerror(errno)}});
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return ioError(IoErrorId::FileChanged, "file", {name});
    return bytes;
}

namespace {

// Writes `bytes` to a unique hidden sibling of `path` (same folder, so the later rename
// stays within one file system) and returns the temp file's path.
core::Result<fs::path> writeTemp(const fs::path& path, std::string_view bytes) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    const core::ErrorValue name{"path", path.string()};
    if (!fs::is_directory(dir, ec))
        return ioError(IoErrorId::OutputFolderMissing, "output", {name, {"folder", dir.string()}});
    if (fs::is_directory(path, ec)) return ioError(IoErrorId::OutputIsFolder, "output", {name});
    std::random_device rd;
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return ioError(IoErrorId::OutputCannotWrite, "output", {name, {"reason", std::strerror(errno)}});
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
        out.close();
        fs::remove(tmp, ec);
        return ioError(IoErrorId::OutputWriteFailed, "output", {name});
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
            return ioError(IoErrorId::OutputCannotWrite, "output",
                           {{"path", files[i].path.string()}, {"reason", ec.message()}});
        }
    }
    return core::Ok{};
}

fs::path executablePath() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

fs::path assetDirectory(const AssetLocation& where) {
    const fs::path exeDir = executablePath().parent_path();
    if (exeDir.empty()) return where.sourceAssets;
    const fs::path installed = (exeDir / where.fromExecutable).lexically_normal();
    std::error_code ec;
    if (fs::is_directory(installed, ec)) return installed;
    if (fs::equivalent(exeDir, where.buildBinDir, ec)) return where.sourceAssets;
    return installed;
}

}  // namespace convscope::io
