#pragma once
// The files of shaders/, embedded at build time (cmake/EmbedShaders.cmake).
namespace convscope::gui {

struct ShaderSource {
    const char* name;
    const char* text;
};

extern const ShaderSource kShaderSources[];
extern const int kShaderSourceCount;

// The text of shaders/<name>, or nullptr.
inline const char* shaderSource(const char* name) {
    for (int i = 0; i < kShaderSourceCount; ++i)
        for (const char *a = kShaderSources[i].name, *b = name;; ++a, ++b) {
            if (*a != *b) break;
            if (*a == '\0') return kShaderSources[i].text;
        }
    return nullptr;
}

}  // namespace convscope::gui
