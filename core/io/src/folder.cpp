#include "convscope/io/folder.hpp"

#include <algorithm>

#include "convscope/io/array.hpp"
#include "convscope/io/image.hpp"

namespace convscope::io {

FolderListing listFolder(const std::filesystem::path& folder) {
    namespace fs = std::filesystem;
    FolderListing listing;
    listing.folder = folder;
    std::error_code ec;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.filename().string().rfind('.', 0) == 0) continue;
        std::error_code kind;
        const bool isFolder = it->is_directory(kind);
        const std::string ext = extensionOf(p);
        if (isFolder || isImageExtension(ext) || ext == ".json")
            listing.entries.push_back({p, isFolder, !isFolder && ext == ".json"});
    }
    if (ec) listing.error = ec.message();
    std::sort(listing.entries.begin(), listing.entries.end(), [](const FolderEntry& a, const FolderEntry& b) {
        return a.folder != b.folder ? a.folder : a.path.filename() < b.path.filename();
    });
    return listing;
}

std::vector<std::filesystem::path> listPictures(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> pictures;
    for (const FolderEntry& e : listFolder(folder).entries)
        if (!e.folder && !e.session) pictures.push_back(e.path);
    return pictures;
}

}  // namespace convscope::io
