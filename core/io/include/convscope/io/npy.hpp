#pragma once
// NumPy .npy (format versions 1–3), little-endian float32/float64/int32/int64/uint8/int8,
// C order. The header dict is parsed strictly: anything else is a clear error.
#include <string>
#include <string_view>

#include "convscope/io/array.hpp"

namespace convscope::io {

Result<Array> parseNpy(std::string_view bytes);

// The header alone: the dtype as written ("<f4", "<f2", "|b1"; not checked against what
// parseNpy reads), the shape and where the data starts. The .npz reader lists with it.
struct NpyHeader {
    std::string descr;
    std::vector<std::int64_t> shape;
    std::string shapeText;  // "(3, 4)" as the header writes it
    std::size_t dataOffset = 0;
};
Result<NpyHeader> parseNpyHeader(std::string_view bytes);
std::string encodeNpyFloat32(const Array& array);
std::string encodeNpyInt64(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& values);

}  // namespace convscope::io
