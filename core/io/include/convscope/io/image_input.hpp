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

// A rectangle of the full-resolution picture; width 0 means the whole picture.
struct ImageCrop {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    bool operator==(const ImageCrop&) const = default;
};

// From decoded image data ((H,W) grey or (3,H,W) RGB in [0,1]): first the crop, then the
// channel, then maxSide > 0 shrinks the picture (area average) so that its longer side is
// at most maxSide; 0 keeps every pixel. A crop outside the picture is an error.
Result<core::Tensor> imageToInput(const Array& image, ImageChannel channel, int maxSide, const ImageCrop& crop = {});

// readArray + imageToInput.
Result<core::Tensor> loadImageInput(const std::filesystem::path& path, ImageChannel channel, int maxSide,
                                    const ImageCrop& crop = {});

// Area-average downsampling of every channel to (height, width) ≤ the input's size.
core::Tensor shrinkArea(const core::Tensor& in, int height, int width);

}  // namespace convscope::io
