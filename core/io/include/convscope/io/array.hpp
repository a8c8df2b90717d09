#pragma once
// Reading and writing arrays in the formats the CLI takes: .npy, .csv and images. Each
// format also has a parser over bytes in memory, so the fuzzers and tests need no files.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "convscope/core/result.hpp"
#include "convscope/core/tensor.hpp"

namespace convscope::io {

using core::Error;
using core::Result;
using core::Status;

// An n-D float32 array as read from a file, before we know whether it is an input, a kernel
// or a bias.
struct Array {
    std::vector<std::int64_t> shape;
    std::vector<float> data;

    std::string shapeText() const;  // "(3, 28, 28)"
};

// Files larger than this are refused before they are read (1 GiB).
inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;

// By extension (case-insensitive): .npy, .csv, or an image (see image.hpp).
Result<Array> readArray(const std::filesystem::path& path);

// The file bytes for `path`'s extension: .npy (float32), .csv (2-D or a single channel),
// .png (2-D or a single channel, min..max → 0..255 grey).
Result<std::string> encodeArray(const std::filesystem::path& path, const Array& array);
// Max-pool indices: .npy (int64) or .csv (one channel).
Result<std::string> encodeIndices(const std::filesystem::path& path, const std::vector<std::int64_t>& shape,
                                  const std::vector<std::int64_t>& indices);
// encodeArray, then an atomic write: on failure nothing at `path` is created or changed.
Status writeArray(const std::filesystem::path& path, const Array& array);

// The roles an array plays. Rank 2 (H,W) is one channel / one filter of one channel.
Result<core::Tensor> toTensor(const Array& array, const std::string& what);      // (H,W) or (C,H,W)
Result<core::Weights> toWeights(const Array& array, const std::string& what);    // (KH,KW) or (OC,C,KH,KW)
Result<std::vector<float>> toBias(const Array& array, const std::string& what);  // (OC)
Array fromTensor(const core::Tensor& tensor, bool asPlane);                      // asPlane: drop C when it is 1

// Lower-case extension with the dot: ".npy".
std::string extensionOf(const std::filesystem::path& path);

}  // namespace convscope::io
