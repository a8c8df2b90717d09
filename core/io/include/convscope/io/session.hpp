#pragma once
// A session: everything needed to put the app back exactly as it was — the input (grid
// values, or an image with its channel and size), the kernel, every parameter, the view
// options, the playback position and the language. Stored as JSON (format in README.md);
// the CLI reads the same files (`--session`) to reproduce what the app shows.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/core/conv.hpp"
#include "convscope/core/pool.hpp"
#include "convscope/core/stack.hpp"
#include "convscope/core/tensor.hpp"
#include "convscope/io/image_input.hpp"

namespace convscope::io {

struct SessionImage {
    std::string path;
    ImageChannel channel = ImageChannel::Luminance;
    int maxSide = 32;       // 0: full resolution
    bool scale255 = false;  // values 0–255 instead of [0,1]
    ImageCrop crop;         // of the full-resolution picture, before shrinking
    bool operator==(const SessionImage&) const = default;
};

struct Session {
    std::optional<SessionImage> image;  // when set, the input is this picture
    core::Tensor grid{1, 7, 7};         // the input values when there is no image
    // The stack, first layer to last (1…core::kMaxLayers), in any order that type-checks.
    std::vector<core::Layer> layers{core::Conv2d{}, core::MaxPool2d{}};
    bool shiftEnabled = false;  // compare with the input shifted by (shiftDx, shiftDy)
    int shiftDx = 1;
    int shiftDy = 0;
    // What the views show: a layer, one of its filters and one of its input channels (0-based).
    int shownLayer = 0;
    int shownFilter = 0;
    int shownChannel = 0;
    bool showNumbers = true;
    bool showGrid = true;
    std::int64_t step = 0;
    bool playing = true;
    float speed = 2.0f;
    bool wholeMap = false;
    bool operator==(const Session&) const = default;
};

// Version 3 holds the stack as a list of typed layers ("layers": [{"type": "conv2d", …}, …]).
// Version 2 (stages of conv → activation → pool, "later_stages") and version 1 (one stage,
// no activation) still load: each stage becomes its conv2d, then its activation unless it
// is none, then its pooling if enabled — the layer numbering everywhere for such files.
inline constexpr int kSessionVersion = 3;
inline constexpr std::uintmax_t kMaxSessionBytes = 64u << 20;

std::string sessionToJson(const Session& s);
// Strict: every error names the field ("conv.stride must be two integers ≥ 1").
Result<Session> parseSession(std::string_view text);

Result<Session> loadSession(const std::filesystem::path& path);
Status saveSession(const std::filesystem::path& path, const Session& s);  // atomic

// A session's picture loaded as it describes: channel, size, value range.
Result<core::Tensor> loadImageInput(const SessionImage& image);

// The input tensor a session describes: its grid, or its image loaded and converted.
Result<core::Tensor> sessionInput(const Session& s);

}  // namespace convscope::io
