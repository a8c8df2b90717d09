#include "convscope/io/image_input.hpp"

#include <algorithm>
#include <cmath>

#include "convscope/io/errors.hpp"
#include "convscope/io/image.hpp"

namespace convscope::io {

const char* imageChannelName(ImageChannel channel) {
    switch (channel) {
        case ImageChannel::Luminance: return "luminance";
        case ImageChannel::Red: return "red";
        case ImageChannel::Green: return "green";
        case ImageChannel::Blue: return "blue";
        case ImageChannel::Rgb: return "rgb";
    }
    return "luminance";
}

Result<ImageChannel> parseImageChannel(const std::string& name) {
    for (ImageChannel c :
         {ImageChannel::Luminance, ImageChannel::Red, ImageChannel::Green, ImageChannel::Blue, ImageChannel::Rgb})
        if (name == imageChannelName(c)) return c;
    return ioError(IoErrorId::UnknownImageChannel, "channel", {{"name", name}});
}

core::Tensor shrinkArea(const core::Tensor& in, int height, int width) {
    core::Tensor out(in.channels, height, width);
    // Each output cell averages the input area it covers, fractional edges weighted.
    const double sy = static_cast<double>(in.height) / height;
    const double sx = static_cast<double>(in.width) / width;
    for (int c = 0; c < in.channels; ++c)
        for (int y = 0; y < height; ++y) {
            const double y0 = y * sy, y1 = (y + 1) * sy;
            for (int x = 0; x < width; ++x) {
                const double x0 = x * sx, x1 = (x + 1) * sx;
                double sum = 0.0, area = 0.0;
                for (int iy = static_cast<int>(y0); iy < std::min(in.height, static_cast<int>(std::ceil(y1))); ++iy) {
                    const double wy = std::min<double>(iy + 1, y1) - std::max<double>(iy, y0);
                    for (int ix = static_cast<int>(x0); ix < std::min(in.width, static_cast<int>(std::ceil(x1)));
                         ++ix) {
                        const double wx = std::min<double>(ix + 1, x1) - std::max<double>(ix, x0);
                        sum += wy * wx * in.at(c, iy, ix);
                        area += wy * wx;
                    }
                }
                out.at(c, y, x) = static_cast<float>(sum / area);
            }
        }
    return out;
}

Result<core::Tensor> imageToInput(const Array& image, ImageChannel channel, int maxSide, const ImageCrop& crop) {
    auto full = toTensor(image, "image");
    if (!full) return full.error();
    core::Tensor t = std::move(*full);
    if (crop.width != 0 || crop.height != 0) {
        if (crop.x < 0 || crop.y < 0 || crop.width < 1 || crop.height < 1 || crop.x > t.width - crop.width ||
            crop.y > t.height - crop.height)
            return ioError(IoErrorId::CropOutside, "crop",
                           {{"width", std::to_string(crop.width)},
                            {"height", std::to_string(crop.height)},
                            {"x", std::to_string(crop.x)},
                            {"y", std::to_string(crop.y)},
                            {"image_width", std::to_string(t.width)},
                            {"image_height", std::to_string(t.height)}});
        core::Tensor part(t.channels, crop.height, crop.width);
        for (int c = 0; c < t.channels; ++c)
            for (int y = 0; y < crop.height; ++y)
                for (int x = 0; x < crop.width; ++x) part.at(c, y, x) = t.at(c, crop.y + y, crop.x + x);
        t = std::move(part);
    }
    if (t.channels == 3 && channel != ImageChannel::Rgb) {
        core::Tensor one(1, t.height, t.width);
        for (std::size_t i = 0; i < one.planeSize(); ++i) {
            const float r = t.plane(0)[i], g = t.plane(1)[i], b = t.plane(2)[i];
            // Rec. 601 luma, the weights most image libraries use for grey.
            one.data[i] = channel == ImageChannel::Red     ? r
                          : channel == ImageChannel::Green ? g
                          : channel == ImageChannel::Blue  ? b
                                                           : 0.299f * r + 0.587f * g + 0.114f * b;
        }
        t = std::move(one);
    } else if (t.channels == 1 && channel == ImageChannel::Rgb) {
        core::Tensor three(3, t.height, t.width);
        for (int c = 0; c < 3; ++c) std::copy(t.data.begin(), t.data.end(), three.plane(c));
        t = std::move(three);
    }
    if (maxSide > 0 && std::max(t.height, t.width) > maxSide) {
        const double scale = static_cast<double>(maxSide) / std::max(t.height, t.width);
        const int h = std::max(1, static_cast<int>(std::lround(t.height * scale)));
        const int w = std::max(1, static_cast<int>(std::lround(t.width * scale)));
        t = shrinkArea(t, h, w);
    }
    return t;
}

Result<core::Tensor> loadImageInput(const std::filesystem::path& path, ImageChannel channel, int maxSide,
                                    const ImageCrop& crop) {
    if (!isImageExtension(extensionOf(path))) return ioError(IoErrorId::NotAnImage, "file", {{"path", path.string()}});
    auto image = readArray(path);
    if (!image) return image.error();
    return imageToInput(*image, channel, maxSide, crop);
}

}  // namespace convscope::io
