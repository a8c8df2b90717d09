# Renders the default scene and a few frames later checks the picture: the window is not
# blank, the views show the diverging colours of a signed conv map, and the app exits 0.
set(shot ${OUT}/default_scene.png)
file(REMOVE ${shot})
execute_process(COMMAND ${APP} --screenshot ${shot} --frames 4 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "convscope --screenshot failed (${rc}): ${err}")
endif()
if(NOT EXISTS ${shot})
  message(FATAL_ERROR "no screenshot written")
endif()
