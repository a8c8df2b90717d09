# glad 2 from Debian's python3-glad, generated into the build tree (never committed).
# --reproducible keeps it offline: no specification is downloaded.
set(GLAD_OUT ${CMAKE_BINARY_DIR}/glad)
add_custom_command(
  OUTPUT ${GLAD_OUT}/src/gl.c ${GLAD_OUT}/include/glad/gl.h
  COMMAND ${GLAD_EXECUTABLE} --api gl:core=3.3 --extensions= --reproducible --quiet --out-path ${GLAD_OUT} c
  COMMENT "Generating the OpenGL 3.3 core loader with glad"
  VERBATIM)
add_library(convscope_glad STATIC ${GLAD_OUT}/src/gl.c)
target_include_directories(convscope_glad SYSTEM PUBLIC ${GLAD_OUT}/include)
target_link_libraries(convscope_glad PUBLIC ${CMAKE_DL_LIBS})
