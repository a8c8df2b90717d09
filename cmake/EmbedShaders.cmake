# Turns shaders/*.vert|frag into a C++ source with one string per file, so the app runs from
# any directory. Runs at build time (cmake -P) whenever a shader changes.
#   -DSHADER_DIR=… -DOUTPUT=…/shaders.cpp
file(GLOB shader_files "${SHADER_DIR}/*.vert" "${SHADER_DIR}/*.frag")
list(SORT shader_files)
set(body "// Generated from shaders/ by cmake/EmbedShaders.cmake. Do not edit.\n#include \"gl/shader_sources.hpp\"\n\nnamespace convscope::gui {\n\nconst ShaderSource kShaderSources[] = {\n")
set(count 0)
foreach(f IN LISTS shader_files)
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" text)
  string(APPEND body "    {\"${name}\", R\"glsl(${text})glsl\"},\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND body "};\nconst int kShaderSourceCount = ${count};\n\n}  // namespace convscope::gui\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
