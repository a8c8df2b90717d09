#include "readback.hpp"

#include <glad/gl.h>

#include <algorithm>

#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"

namespace convscope::gui {

std::vector<unsigned char> readPixels(int x, int y, int width, int height, int framebufferHeight) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    // GL counts rows from the bottom.
    glReadPixels(x, framebufferHeight - y - height, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> flipped(pixels.size());
    for (int row = 0; row < height; ++row)
        std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - row) * stride, stride,
                    flipped.data() + static_cast<std::size_t>(row) * stride);
    for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    return flipped;
}

core::Status savePixelsPng(const std::string& path, int x, int y, int width, int height, int framebufferHeight) {
    // The app checks for an empty region first and says so in the person's language.
    if (width <= 0 || height <= 0) return core::makeError("region", "nothing to save: the region is empty");
    auto png = io::encodePngRgba(readPixels(x, y, width, height, framebufferHeight), height, width);
    if (!png) return png.error();
    return io::writeFileAtomic(path, *png);
}

}  // namespace convscope::gui
