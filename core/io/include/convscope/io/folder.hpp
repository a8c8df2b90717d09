#pragma once
// What the app's file browser lists: a folder's sub-folders, pictures (the extensions the
// image reader takes) and sessions (.json), read here so that panels never touch files.
#include <filesystem>
#include <string>
#include <vector>

namespace convscope::io {

struct FolderEntry {
    std::filesystem::path path;
    bool folder = false;
    bool session = false;  // a .json file: opened as a session, not a picture
};

struct FolderListing {
    std::filesystem::path folder;      // what was listed
    std::vector<FolderEntry> entries;  // sub-folders first, then files, each by name; no hidden ones
    std::string error;                 // why the folder could not be read (the entries read so far stay)
};

FolderListing listFolder(const std::filesystem::path& folder);

// The pictures of a folder (no sub-folders, no sessions), by name: the built-in samples.
std::vector<std::filesystem::path> listPictures(const std::filesystem::path& folder);

}  // namespace convscope::io
