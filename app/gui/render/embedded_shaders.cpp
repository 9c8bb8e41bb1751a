#include "app/gui/render/embedded_shaders.hpp"

namespace fuselabel::render {

std::optional<std::string_view> findEmbeddedShader(std::string_view name) noexcept {
  for (const EmbeddedShader& shader : embeddedShaders()) {
    if (shader.name == name) {
      return shader.source;
    }
  }
  return std::nullopt;
}

}  // namespace fuselabel::render
