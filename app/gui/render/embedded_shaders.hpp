#pragma once
// GLSL sources from shaders/, compiled into the binary by cmake/EmbedShaders.cmake
// so the program runs from any folder and a shader edit rebuilds the binary.

#include <optional>
#include <span>
#include <string_view>

namespace fuselabel::render {

struct EmbeddedShader {
  std::string_view name;    ///< file name inside shaders/, e.g. "grid.frag"
  std::string_view source;  ///< file contents
};

/// Every embedded shader, in the order CMake listed them (generated code).
[[nodiscard]] std::span<const EmbeddedShader> embeddedShaders() noexcept;

/// The source of shaders/`name`, or nothing if no such file was embedded.
[[nodiscard]] std::optional<std::string_view> findEmbeddedShader(std::string_view name) noexcept;

}  // namespace fuselabel::render
