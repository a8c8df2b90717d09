# Warnings (and sanitizers) for our own targets only; third-party headers come in as
# SYSTEM includes through their imported targets and stay quiet.
function(convscope_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  # GCC 12 reports -Wrestrict false positives inside libstdc++'s string operator+ at -O2
  # (GCC bug 105329); they are not about our code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CONVSCOPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(CONVSCOPE_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
