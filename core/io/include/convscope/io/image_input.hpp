#pragma once
// A picture as the input of a convolution: one channel (luminance, red, green or blue) or
// all three, optionally shrunk with an area filter so every number stays readable on screen.
#include <filesystem>
#include <string>

#include "convscope/core/tensor.hpp"
#include "convscope/io/array.hpp"

namespace convscope::io {

enum class ImageChannel { Luminance, Red, Green, Blue, Rgb };

const char* imageChannelName(ImageChannel channel);  // "luminance", "red", … "rgb"
Result<ImageChannel> parseImageChannel(const std::string& name);

// From decoded image data ((H,W) grey or (3,H,W) RGB in [0,1]). maxSide > 0 shrinks the
// picture (area average) so that its longer side is at most maxSide; 0 keeps every pixel.
Result<core::Tensor> imageToInput(const Array& image, ImageChannel channel, int maxSide);

// readArray + imageToInput.
Result<core::Tensor> loadImageInput(const std::filesystem::path& path, ImageChannel channel, int maxSide);

// Area-average downsampling of every channel to (height, width) ≤ the input's size.
core::Tensor shrinkArea(const core::Tensor& in, int height, int width);

}  // namespace convscope::io
