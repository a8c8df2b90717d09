#pragma once
// RAII owners for the few GL objects the app uses. Move-only; the destructor frees.
#include <glad/gl.h>

#include <string>

namespace convscope::gui {

class Texture {
public:
    Texture() = default;
    ~Texture();
    Texture(Texture&& o) noexcept;
    Texture& operator=(Texture&& o) noexcept;
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;

    // (Re)allocates storage; the GL name survives a resize, so ImGui keeps a valid id.
    void allocate(int width, int height, GLenum internalFormat, GLenum format, GLenum type, const void* data);
    void update(int width, int height, GLenum format, GLenum type, const void* data);  // same size
    GLuint id() const { return m_id; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    GLuint m_id = 0;
    int m_width = 0;
    int m_height = 0;
};

class Program {
public:
    Program() = default;
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    // Compiles shaders/<vertexName> and shaders/<fragmentName> with "#version 330 core"
    // prepended. On failure returns false and fills `log` with the file name and GL's log.
    bool build(const char* vertexName, const char* fragmentName, std::string& log);
    GLuint id() const { return m_id; }
    GLint uniform(const char* name) const { return glGetUniformLocation(m_id, name); }

private:
    GLuint m_id = 0;
};

}  // namespace convscope::gui
