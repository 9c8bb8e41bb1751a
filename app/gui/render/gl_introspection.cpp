#include "app/gui/render/gl_introspection.hpp"

#include <epoxy/gl.h>

namespace fuselabel::render {

bool isBuffer(std::uint32_t name) {
  return glIsBuffer(name) == GL_TRUE;
}
bool isVertexArray(std::uint32_t name) {
  return glIsVertexArray(name) == GL_TRUE;
}
bool isTexture(std::uint32_t name) {
  return glIsTexture(name) == GL_TRUE;
}
bool isRenderbuffer(std::uint32_t name) {
  return glIsRenderbuffer(name) == GL_TRUE;
}
bool isFramebuffer(std::uint32_t name) {
  return glIsFramebuffer(name) == GL_TRUE;
}
bool isProgram(std::uint32_t name) {
  return glIsProgram(name) == GL_TRUE;
}

std::string contextDescription() {
  const auto* renderer = glGetString(GL_RENDERER);
  const auto* version = glGetString(GL_VERSION);
  const auto text = [](const GLubyte* s) {
    return s == nullptr ? std::string("unknown") : std::string(reinterpret_cast<const char*>(s));
  };
  return text(renderer) + " (OpenGL " + text(version) + ")";
}

int contextVersion() {
  return epoxy_gl_version();
}

void finishGl() {
  glFinish();
}

bool noGlError() {
  bool clean = true;
  for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {
    clean = false;
  }
  return clean;
}

}  // namespace fuselabel::render
