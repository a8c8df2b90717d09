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

# Unity builds (CONVSCOPE_UNITY_BUILD): each translation unit compiles up to 8 of the target's
# sources together. The heavy headers (CLI11, nlohmann-json, Catch2) are then parsed and
# their templates instantiated once per batch instead of once per file: a clean ASan build on
# 2 cores went from 9 to under 4 minutes. Not for the engine (core/): its vector kernels are
# compiled several times with different instruction sets and must stay apart. A source's
# file-local names must then differ from its batch-mates': shared helpers live in headers.
function(convscope_unity_build target)
  if(CONVSCOPE_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
