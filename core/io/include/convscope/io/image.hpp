#pragma once
// Images through stb_image: PNG, JPEG, BMP, TGA, GIF (first frame), PSD, HDR, PNM. Values
// are scaled to [0,1]; grey gives (H,W), colour (3,H,W) RGB, alpha is dropped. The size is
// checked from the header before any pixel is decoded.
#include <string>
#include <string_view>

#include "convscope/io/array.hpp"

namespace convscope::io {

inline constexpr int kMaxImageSide = 8192;
inline constexpr std::int64_t kMaxImagePixels = 40'000'000;

bool isImageExtension(const std::string& ext);

Result<Array> decodeImage(std::string_view bytes, const std::string& name);

// One plane, min..max → 0..255 grey (a constant plane becomes mid grey).
Result<std::string> encodePngGrey(const std::vector<float>& plane, int height, int width);

// 8-bit RGBA pixels, top row first, as a PNG file's bytes (screenshots, exported views).
Result<std::string> encodePngRgba(const std::vector<unsigned char>& rgba, int height, int width);

}  // namespace convscope::io
