#include "app/gui/render/gl_texture.hpp"

#include <epoxy/gl.h>

namespace fuselabel::render {
namespace {

struct GlFormat {
  GLint internal;
  GLenum format;
  GLenum type;
};

GlFormat toGl(PixelFormat format) noexcept {
  switch (format) {
    case PixelFormat::Rgba8: return {GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE};
    case PixelFormat::Depth24: return {GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT};
  }
  return {GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE};
}

}  // namespace

void Texture2D::Traits::destroy(std::uint32_t name) noexcept { glDeleteTextures(1, &name); }

Texture2D Texture2D::create(int width, int height, PixelFormat format) {
  GLuint name = 0;
  glGenTextures(1, &name);
  glBindTexture(GL_TEXTURE_2D, name);
  const GlFormat gl = toGl(format);
  glTexImage2D(GL_TEXTURE_2D, 0, gl.internal, width, height, 0, gl.format, gl.type, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  Texture2D texture;
  texture.m_name = GlName<Traits>(name);
  texture.m_width = width;
  texture.m_height = height;
  return texture;
}

void Renderbuffer::Traits::destroy(std::uint32_t name) noexcept { glDeleteRenderbuffers(1, &name); }

Renderbuffer Renderbuffer::create(int width, int height, PixelFormat format, int samples) {
  GLuint name = 0;
  glGenRenderbuffers(1, &name);
  glBindRenderbuffer(GL_RENDERBUFFER, name);
  const auto internal = static_cast<GLenum>(toGl(format).internal);
  if (samples > 0) {
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, internal, width, height);
  } else {
    glRenderbufferStorage(GL_RENDERBUFFER, internal, width, height);
  }
  glBindRenderbuffer(GL_RENDERBUFFER, 0);
  Renderbuffer renderbuffer;
  renderbuffer.m_name = GlName<Traits>(name);
  return renderbuffer;
}

}  // namespace fuselabel::render
