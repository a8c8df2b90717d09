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
#include "convscope/core/conv.hpp"
#include "mip_levels.hpp"

namespace convscope::gui {

class MapTexture;

// Where a map sits in the grid it is drawn as. The input view draws the block's input inside
// its padding: each padding cell shows what the conv reads there (0, or the pixel reflect,
// replicate or circular padding copies), worked out in the shader (core::sourceIndex), so the
// padded input is never copied. Other maps are their own grid.
struct GridFrame {
    int top = 0;     // padding rows before the map
    int left = 0;    // padding columns before it
    int height = 0;  // of the grid; 0: the map's own
    int width = 0;
    core::PaddingMode mode = core::PaddingMode::Zeros;
};

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
    // Queues `map`, placed in `frame`'s grid, into `list`, the grid filling p0–p1 (screen),
    // coloured by `scale`; grid cells from `reveal` on (row-major) stay transparent, −1: all shown.
    void draw(ImDrawList* list, const MapTexture& map, const GridFrame& frame, ImVec2 p0, ImVec2 p1,
              const ColorScale& scale, std::int64_t reveal);

private:
    // How the shader reads the map (map.frag's u_filtered).
    enum class Filter { Cells = 0, Mipmapped = 1, LevelsOnly = 2 };
    struct Draw {
        MapRenderer* renderer;
        GLuint texture;
        int width, height;                // of the map
        int storageWidth, storageHeight;  // of the texture's level 0
        GridFrame frame;                  // its height and width set
        ColorScale scale;
        std::int64_t reveal;
        ImVec2 p0, p1;
        Filter filter;
    };
    static void callback(const ImDrawList* list, const ImDrawCmd* cmd);
    void execute(const Draw& d, const ImDrawCmd& cmd) const;

    Program m_program;
    GLuint m_vao = 0;
    GLint m_rect = -1, m_size = -1, m_values = -1, m_reveal = -1, m_low = -1, m_high = -1, m_diverging = -1,
          m_filtered = -1, m_texels = -1, m_padding = -1, m_paddingMode = -1;
    std::deque<Draw> m_draws;  // stable addresses: ImGui keeps pointers to them until it renders
    // Every map's reduced levels pass through here on their way up: one buffer, grown to the
    // largest map, instead of one per map (a 4096² map's levels are 21 MB).
    friend class MapTexture;
    MipLevels m_levels;
};

class MapTexture {
public:
    // Level0::IfDrawn: level 0 (every cell) is left out while the map was last drawn two or
    // more cells to a pixel; once level0Missing() (a zoom), the caller uploads it with
    // uploadLevel0 from the same values. Level0::Now: always uploaded.
    enum class Level0 { Now, IfDrawn };
    // New values, row-major height×width.
    void upload(MapRenderer& renderer, const float* values, int height, int width, Level0 level0 = Level0::Now);
    // The same values' level 0, after an upload that left it out.
    void uploadLevel0(const float* values);
    // Level 0 was left out and the last draw needs it.
    bool level0Missing() const { return m_level0Stale && m_level0Wanted; }
    // Queues the map into `list` (see MapRenderer::draw); nothing before the first upload.
    void draw(ImDrawList* list, ImVec2 p0, ImVec2 p1, const ColorScale& scale, std::int64_t reveal,
              const GridFrame& frame = {}) const;
    GLuint id() const { return m_values.id(); }
    int width() const { return m_width; }  // of the map; the storage may be larger
    int height() const { return m_height; }
    int storageWidth() const { return m_values.width(); }
    int storageHeight() const { return m_values.height(); }
    // True when the texture has reduced levels to draw from zoomed out (a map of one cell has none).
    bool hasMipmaps() const { return m_hasMipmaps; }
    // The finite values of the last upload: its colour scale, without reading the map again.
    const FiniteRange& range() const { return m_range; }

private:
    Texture m_values;
    bool m_hasMipmaps = false;
    FiniteRange m_range;
    friend class MapRenderer;            // draw() reads and sets the two below
    bool m_level0Stale = false;          // the texture holds levels 1… of the values, not level 0
    mutable bool m_level0Wanted = true;  // the last draw had fewer than two cells a pixel
    MapRenderer* m_renderer = nullptr;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace convscope::gui
