# Compile settings shared by every fuselabel target. Targets opt in with
# fuselabel_target_defaults(<target>) so third-party code compiled into the GUI
# (the Dear ImGui backends) keeps its own, quieter warning level.
add_library(fuselabel_options INTERFACE)
target_compile_options(fuselabel_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough>
  $<$<BOOL:${FUSELABEL_WERROR}>:-Werror>)

if(FUSELABEL_SANITIZE)
  # One flag set for compile and link so every object in the process agrees.
  set(_fuselabel_san -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
  add_compile_options(${_fuselabel_san})
  add_link_options(${_fuselabel_san})
endif()

function(fuselabel_target_defaults target)
  target_link_libraries(${target} PRIVATE fuselabel_options)
endfunction()

# Precompiled headers. Eigen, nlohmann-json and GoogleTest cost 2-4 s to parse
# in every file that includes them, and nearly every file does (Eigen: 240 of
# the release build's 300 files); parsed once into a precompiled header
# instead, a clean build (what CI does on a fresh clone) takes much less.
# One header for the libraries and programs, one with GoogleTest for the test
# suites; every other target reuses them (same flags, so GCC accepts them;
# -Winvalid-pch, an error in CI, says if not).
option(FUSELABEL_PCH "Precompile the heavy third-party headers" ON)
set(FUSELABEL_PCH_HEADERS
  <algorithm> <array> <cmath> <cstddef> <cstdint> <filesystem> <functional> <map>
  <memory> <optional> <span> <string> <string_view> <unordered_map> <utility> <vector>
  <Eigen/Core> <Eigen/Geometry> <nlohmann/json.hpp>)

# fuselabel_precompile(<target> [FOR_TESTS]): the library/program header
# (built by fuselabel_core) or, with FOR_TESTS, the test header.
function(fuselabel_precompile target)
  cmake_parse_arguments(ARG "FOR_TESTS" "" "" ${ARGN})
  if(NOT FUSELABEL_PCH)
    return()
  endif()
  set(owner fuselabel_core)
  if(ARG_FOR_TESTS)
    set(owner fuselabel_test_pch)
  endif()
  if(target STREQUAL owner)
    set(headers ${FUSELABEL_PCH_HEADERS})
    if(ARG_FOR_TESTS)
      list(APPEND headers <gtest/gtest.h>)
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
  else()
    target_precompile_headers(${target} REUSE_FROM ${owner})
  endif()
endfunction()
