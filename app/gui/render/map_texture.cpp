#include "map_texture.hpp"

#include <algorithm>
#include <cmath>

namespace convscope::gui {

MapRenderer::~MapRenderer() {
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
}

bool MapRenderer::init(std::string& log) {
    if (!m_program.build("map.vert", "map.frag", log)) return false;
    glGenVertexArrays(1, &m_vao);  // core profile needs one bound even without attributes
    m_rect = m_program.uniform("u_rect");
    m_size = m_program.uniform("u_size");
    m_values = m_program.uniform("u_values");
    m_reveal = m_program.uniform("u_reveal");
    m_low = m_program.uniform("u_low");
    m_high = m_program.uniform("u_high");
    m_diverging = m_program.uniform("u_diverging");
    m_filtered = m_program.uniform("u_filtered");
    m_texels = m_program.uniform("u_texels");
    m_padding = m_program.uniform("u_padding");
    m_paddingMode = m_program.uniform("u_paddingMode");
    return true;
}

void MapRenderer::draw(ImDrawList* list, const MapTexture& map, const GridFrame& frame, ImVec2 p0, ImVec2 p1,
                       const ColorScale& scale, std::int64_t reveal) {
    if (map.width() <= 0 || map.height() <= 0 || !m_program.id()) return;
    GridFrame grid = frame;
    if (grid.height <= 0 || grid.width <= 0) {
        grid.height = map.height();
        grid.width = map.width();
    }
    // Zoomed out: more than one cell per pixel along either axis (in framebuffer pixels).
    const ImVec2 density = ImGui::GetIO().DisplayFramebufferScale;
    const float pixelsW = std::abs(p1.x - p0.x) * density.x, pixelsH = std::abs(p1.y - p0.y) * density.y;
    const float cellsW = static_cast<float>(grid.width), cellsH = static_cast<float>(grid.height);
    const bool minified = cellsW > pixelsW || cellsH > pixelsH;
    // Two cells or more per pixel both ways: the filter reads level 1 and up only.
    map.m_level0Wanted = cellsW < 2.0f * pixelsW || cellsH < 2.0f * pixelsH;
    const Filter filter = map.m_level0Stale              ? Filter::LevelsOnly
                          : minified && map.hasMipmaps() ? Filter::Mipmapped
                                                         : Filter::Cells;
    m_draws.push_back({this, map.id(), map.width(), map.height(), map.storageWidth(), map.storageHeight(), grid, scale,
                       reveal, p0, p1, filter});
    list->AddCallback(&MapRenderer::callback, &m_draws.back());
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's program, buffers, state back
}

void MapRenderer::callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const Draw& d = *static_cast<const Draw*>(cmd->UserCallbackData);
    d.renderer->execute(d, *cmd);
}

void MapRenderer::execute(const Draw& d, const ImDrawCmd& cmd) const {
    // Called from ImGui_ImplOpenGL3_RenderDrawData: the viewport covers the framebuffer,
    // blending and the scissor test are on, texture unit 0 is active.
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!dd || dd->DisplaySize.x <= 0.0f || dd->DisplaySize.y <= 0.0f) return;
    // The scissor as the backend sets it for its own commands (a callback inherits the last one).
    const ImVec2 s = dd->FramebufferScale, o = dd->DisplayPos;
    const float clipX0 = (cmd.ClipRect.x - o.x) * s.x, clipY0 = (cmd.ClipRect.y - o.y) * s.y;
    const float clipX1 = (cmd.ClipRect.z - o.x) * s.x, clipY1 = (cmd.ClipRect.w - o.y) * s.y;
    if (clipX1 <= clipX0 || clipY1 <= clipY0) return;
    const float framebufferHeight = dd->DisplaySize.y * s.y;
    glScissor(static_cast<GLint>(clipX0), static_cast<GLint>(framebufferHeight - clipY1),
              static_cast<GLsizei>(clipX1 - clipX0), static_cast<GLsizei>(clipY1 - clipY0));

    auto clipX = [&](float x) { return (x - o.x) / dd->DisplaySize.x * 2.0f - 1.0f; };
    auto clipY = [&](float y) { return 1.0f - (y - o.y) / dd->DisplaySize.y * 2.0f; };
    glUseProgram(m_program.id());
    glUniform4f(m_rect, clipX(d.p0.x), clipY(d.p0.y), clipX(d.p1.x), clipY(d.p1.y));
    glUniform2i(m_size, d.frame.width, d.frame.height);
    glUniform4i(m_padding, d.frame.left, d.frame.top, d.width, d.height);
    glUniform1i(m_paddingMode, static_cast<GLint>(d.frame.mode));
    glUniform1i(m_values, 0);
    glUniform1i(m_reveal, static_cast<GLint>(std::min<std::int64_t>(d.reveal, 0x7fffffff)));
    glUniform1f(m_low, d.scale.low);
    glUniform1f(m_high, d.scale.high);
    glUniform1i(m_diverging, d.scale.diverging ? 1 : 0);
    glUniform1i(m_filtered, static_cast<GLint>(d.filter));
    glUniform2f(m_texels, static_cast<float>(d.storageWidth), static_cast<float>(d.storageHeight));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, d.texture);
    glBindVertexArray(m_vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void MapTexture::upload(MapRenderer& renderer, const float* values, int height, int width, Level0 level0) {
    m_renderer = &renderer;
    if (width > m_values.width() || height > m_values.height()) {
        const int w = std::max(width, m_values.width()), h = std::max(height, m_values.height());
        m_values.allocate(w, h, GL_R32F, GL_RED, GL_FLOAT, nullptr);
        // Every mip level declared with the storage, so each upload writes the levels in place
        // (declared later, the driver would reallocate the texture: fresh memory, a copy).
        for (int level = 1; (w >> level) > 0 || (h >> level) > 0; ++level)
            glTexImage2D(GL_TEXTURE_2D, level, GL_R32F, std::max(1, w >> level), std::max(1, h >> level), 0, GL_RED,
                         GL_FLOAT, nullptr);
    }
    // The reduced levels, averaged here rather than by glGenerateMipmap (mip_levels.hpp).
    MipLevels& levels = renderer.m_levels;
    buildMipLevels(values, height, width, m_values.height(), m_values.width(), levels);
    glBindTexture(GL_TEXTURE_2D, m_values.id());
    for (std::size_t k = 0; k < levels.levels.size(); ++k) {
        const MipLevel& level = levels.levels[k];
        glTexSubImage2D(GL_TEXTURE_2D, static_cast<GLint>(k + 1), 0, 0, level.width, level.height, GL_RED, GL_FLOAT,
                        levels.values.data() + level.offset);
    }
    // One level, bilinear: each level already holds the mean of the cells under a texel, and
    // blending two levels (trilinear) cost llvmpipe about a tenth of a frame at 1024², for
    // no difference one can see on these maps.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_NEAREST);
    m_hasMipmaps = !levels.levels.empty();
    m_range = levels.range;
    m_width = width;
    m_height = height;
    if (level0 == Level0::Now || !m_hasMipmaps || m_level0Wanted) {
        uploadLevel0(values);
    } else {
        // Drawn two or more cells to a pixel, the view never reads level 0: a 4096² map's
        // 64 MB stay on the CPU until a zoom needs them (uploadLevel0).
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 1);
        m_level0Stale = true;
    }
}

void MapTexture::uploadLevel0(const float* values) {
    m_values.update(m_width, m_height, GL_RED, GL_FLOAT, values);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 0);
    m_level0Stale = false;
}

void MapTexture::draw(ImDrawList* list, ImVec2 p0, ImVec2 p1, const ColorScale& scale, std::int64_t reveal,
                      const GridFrame& frame) const {
    if (m_renderer) m_renderer->draw(list, *this, frame, p0, p1, scale, reveal);
}

}  // namespace convscope::gui
