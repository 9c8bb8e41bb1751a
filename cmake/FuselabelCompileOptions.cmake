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
