#pragma once
// Pixels of the window's back buffer, for screenshots and "export the view as shown".
#include <string>
#include <vector>

#include "convscope/core/result.hpp"

namespace convscope::gui {

// RGBA, top row first, opaque. x, y: top-left corner in framebuffer pixels.
std::vector<unsigned char> readPixels(int x, int y, int width, int height, int framebufferHeight);

// readPixels + PNG + atomic write.
core::Status savePixelsPng(const std::string& path, int x, int y, int width, int height, int framebufferHeight);

}  // namespace convscope::gui
