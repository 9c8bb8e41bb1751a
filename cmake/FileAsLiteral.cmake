# fuselabel_file_as_literal(<file> <lines_var> <size_var>)
# Reads <file> and sets <lines_var> to C++ adjacent string literals holding
# its bytes as \x escapes (32 bytes a line), and <size_var> to its size, so
# any content (quotes, backslashes, NUL, non-ASCII) survives unchanged when
# embedded with std::string_view{<lines>, <size>}. Shared by the scripts that
# embed shaders and the built-in label schema.
function(fuselabel_file_as_literal file lines_var size_var)
  file(READ "${file}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  set(lines "")
  set(offset 0)
  while(offset LESS hex_length)
    string(SUBSTRING "${hex}" ${offset} 64 chunk)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" chunk "${chunk}")
    string(APPEND lines "    \"${chunk}\"\n")
    math(EXPR offset "${offset} + 64")
  endwhile()
  if(size EQUAL 0)
    set(lines "    \"\"\n")
  endif()
  set(${lines_var} "${lines}" PARENT_SCOPE)
  set(${size_var} "${size}" PARENT_SCOPE)
endfunction()

# fuselabel_write_if_changed(<file> <text>): leaves an unchanged file alone so
# a regeneration does not trigger recompiles.
function(fuselabel_write_if_changed file text)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${text}")
endfunction()
