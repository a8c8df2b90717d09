#pragma once
// A feature map on the GPU: values go up as an R32F texture, straight from the map's memory,
// and the colormap shader renders them into an RGBA texture of the map's size, which ImGui
// draws with nearest sampling. Revealing more cells only re-runs the shader. Textures keep
// their GL names across resizes.
#include <cstdint>
#include <string>
#include <vector>

#include "../gl/gl_objects.hpp"
#include "color_scale.hpp"

namespace convscope::gui {

// The program and vertex array every map shares.
class MapRenderer {
public:
    MapRenderer() = default;
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;
    bool init(std::string& log);
    void render(const Texture& values, Texture& target, const ColorScale& scale, std::int64_t reveal);

private:
    Program m_program;
    Framebuffer m_framebuffer;
    GLuint m_vao = 0;
};

class MapTexture {
public:
    // New values (and colours for them). `reveal`: how many cells (row-major) are shown;
    // the rest stay blank. −1: all.
    void upload(MapRenderer& renderer, const float* values, int height, int width, std::int64_t reveal,
                const ColorScale& scale);
    // The same values, another reveal count or scale: no upload, one shader pass.
    void recolour(MapRenderer& renderer, std::int64_t reveal, const ColorScale& scale);
    GLuint id() const { return m_colour.id(); }
    int width() const { return m_colour.width(); }
    int height() const { return m_colour.height(); }

private:
    Texture m_values;
    Texture m_colour;
};

}  // namespace convscope::gui
