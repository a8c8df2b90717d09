#include "map_texture.hpp"

#include <algorithm>

namespace convscope::gui {

MapRenderer::~MapRenderer() {
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
}

bool MapRenderer::init(std::string& log) {
    if (!m_program.build("map.vert", "map.frag", log)) return false;
    glGenVertexArrays(1, &m_vao);  // core profile needs one bound even without attributes
    return true;
}

void MapRenderer::render(const Texture& values, Texture& target, const ColorScale& scale, std::int64_t reveal) {
    GLint previousFramebuffer = 0;
    GLint viewport[4];
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFramebuffer);
    glGetIntegerv(GL_VIEWPORT, viewport);

    m_framebuffer.attach(target);
    glViewport(0, 0, target.width(), target.height());
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(m_program.id());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, values.id());
    glUniform1i(m_program.uniform("u_values"), 0);
    glUniform1f(m_program.uniform("u_low"), scale.low);
    glUniform1f(m_program.uniform("u_high"), scale.high);
    glUniform1i(m_program.uniform("u_diverging"), scale.diverging ? 1 : 0);
    glUniform1i(m_program.uniform("u_reveal"), static_cast<GLint>(std::min<std::int64_t>(reveal, 0x7fffffff)));
    glBindVertexArray(m_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);

    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFramebuffer));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
}

void MapTexture::upload(MapRenderer& renderer, const float* values, int height, int width, std::int64_t reveal,
                        const ColorScale& scale) {
    if (m_values.width() != width || m_values.height() != height) {
        m_values.allocate(width, height, GL_R32F, GL_RED, GL_FLOAT, values);
        m_colour.allocate(width, height, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    } else {
        m_values.update(width, height, GL_RED, GL_FLOAT, values);
    }
    renderer.render(m_values, m_colour, scale, reveal);
}

void MapTexture::recolour(MapRenderer& renderer, std::int64_t reveal, const ColorScale& scale) {
    if (m_values.width() > 0) renderer.render(m_values, m_colour, scale, reveal);
}

}  // namespace convscope::gui
