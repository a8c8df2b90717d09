#pragma once
// A feature map on the GPU: the values go up as an R32F texture, straight from the map's
// memory, and are coloured where they are drawn: an ImDrawList callback switches to the
// colormap shader (shaders/map.*) for the map's rectangle on screen. So a new map costs one
// upload and no render pass of its own (in software GL a 1024² colour pass took longer than
// the rest of the frame), the shader runs only for the pixels the map covers, and another
// reveal count or scale costs nothing but uniforms.
//
// Zoomed out (a pixel covers several cells) the map is drawn filtered: the shader averages
// the cells under each pixel from the mip levels, made on the CPU with every upload
// (mip_levels.hpp); zoomed in it still shows each cell exactly (map.frag).
//
// A texture only grows: a smaller map (stride 2, less padding) goes into the corner of the
// storage it has, so sweeping a slider back and forth never reallocates (fresh driver memory
// is slow to touch on these machines) and the GL name never changes.
#include <imgui.h>

#include <cstdint>
#include <deque>
#include <string>

#include "../gl/gl_objects.hpp"
#include "color_scale.hpp"
#include "mip_levels.hpp"

namespace convscope::gui {

class MapTexture;

// The program every map is drawn with, and this frame's queued map draws.
class MapRenderer {
public:
    MapRenderer() = default;
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;
    bool init(std::string& log);
    // Forgets the previous frame's draws; call once a frame before the UI is built.
    void beginFrame() { m_draws.clear(); }
    // Queues `map` into `list`, filling p0–p1 (screen), coloured by `scale`; cells from
    // `reveal` on (row-major) stay transparent, −1: all shown.
    void draw(ImDrawList* list, const MapTexture& map, ImVec2 p0, ImVec2 p1, const ColorScale& scale,
              std::int64_t reveal);

private:
    struct Draw {
        MapRenderer* renderer;
        GLuint texture;
        int width, height;
        ColorScale scale;
        std::int64_t reveal;
        ImVec2 p0, p1;
        bool filtered;
    };
    static void callback(const ImDrawList* list, const ImDrawCmd* cmd);
    void execute(const Draw& d, const ImDrawCmd& cmd) const;

    Program m_program;
    GLuint m_vao = 0;
    GLint m_rect = -1, m_size = -1, m_values = -1, m_reveal = -1, m_low = -1, m_high = -1, m_diverging = -1,
          m_filtered = -1;
    std::deque<Draw> m_draws;  // stable addresses: ImGui keeps pointers to them until it renders
};

class MapTexture {
public:
    // New values, row-major height×width.
    void upload(MapRenderer& renderer, const float* values, int height, int width);
    // Queues the map into `list` (see MapRenderer::draw); nothing before the first upload.
    void draw(ImDrawList* list, ImVec2 p0, ImVec2 p1, const ColorScale& scale, std::int64_t reveal) const;
    GLuint id() const { return m_values.id(); }
    int width() const { return m_width; }  // of the map; the storage may be larger
    int height() const { return m_height; }
    // True when the texture has reduced levels to draw from zoomed out (a map of one cell has none).
    bool hasMipmaps() const { return !m_levels.levels.empty(); }
    // The finite values of the last upload: its colour scale, without reading the map again.
    const FiniteRange& range() const { return m_levels.range; }

private:
    Texture m_values;
    MipLevels m_levels;  // the last upload's, kept so the memory is reused
    MapRenderer* m_renderer = nullptr;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace convscope::gui
