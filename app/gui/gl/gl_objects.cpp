#include "gl_objects.hpp"

#include <utility>

#include "shader_sources.hpp"

namespace convscope::gui {

Texture::~Texture() {
    if (m_id) glDeleteTextures(1, &m_id);
}

Texture::Texture(Texture&& o) noexcept : m_id(std::exchange(o.m_id, 0u)), m_width(o.m_width), m_height(o.m_height) {}

Texture& Texture::operator=(Texture&& o) noexcept {
    if (this != &o) {
        if (m_id) glDeleteTextures(1, &m_id);
        m_id = std::exchange(o.m_id, 0u);
        m_width = o.m_width;
        m_height = o.m_height;
    }
    return *this;
}

void Texture::allocate(int width, int height, GLenum internalFormat, GLenum format, GLenum type, const void* data) {
    if (!m_id) glGenTextures(1, &m_id);
    glBindTexture(GL_TEXTURE_2D, m_id);
    // Nearest: a cell is a cell, never blurred into its neighbours.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internalFormat), width, height, 0, format, type, data);
    m_width = width;
    m_height = height;
}

void Texture::update(int width, int height, GLenum format, GLenum type, const void* data) {
    glBindTexture(GL_TEXTURE_2D, m_id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, format, type, data);
}

Program::~Program() {
    if (m_id) glDeleteProgram(m_id);
}

namespace {

GLuint compile(GLenum type, const char* name, std::string& log) {
    const char* body = shaderSource(name);
    if (!body) {
        log = std::string("shader ") + name + " is not embedded";
        return 0;
    }
    const char* parts[2] = {"#version 330 core\n", body};
    GLuint s = glCreateShader(type);
    glShaderSource(s, 2, parts, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char buf[2048];
        glGetShaderInfoLog(s, sizeof buf, nullptr, buf);
        log = std::string("shaders/") + name + ": " + buf;
        glDeleteShader(s);
        return 0;
    }
    return s;
}

}  // namespace

bool Program::build(const char* vertexName, const char* fragmentName, std::string& log) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertexName, log);
    if (!vs) return false;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragmentName, log);
    if (!fs) {
        glDeleteShader(vs);
        return false;
    }
    m_id = glCreateProgram();
    glAttachShader(m_id, vs);
    glAttachShader(m_id, fs);
    glLinkProgram(m_id);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(m_id, GL_LINK_STATUS, &ok);
    if (!ok) {
        char buf[2048];
        glGetProgramInfoLog(m_id, sizeof buf, nullptr, buf);
        log = std::string("linking shaders/") + vertexName + " + " + fragmentName + ": " + buf;
        return false;
    }
    return true;
}

}  // namespace convscope::gui
