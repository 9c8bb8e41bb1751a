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
    case PixelFormat::Rgba8:
      return {GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE};
    case PixelFormat::Rgb8:
      return {GL_RGB8, GL_RGB, GL_UNSIGNED_BYTE};
    case PixelFormat::Depth24:
      return {GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT};
  }
  return {GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE};
}

}  // namespace

void Texture2D::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteTextures(1, &name);
}

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

void Texture2D::uploadRgb8(const std::uint8_t* rgb, int width, int height) {
  if (m_name.empty()) {
    GLuint name = 0;
    glGenTextures(1, &name);
    m_name = GlName<Traits>(name);
    m_width = 0;
    m_height = 0;
  }
  glBindTexture(GL_TEXTURE_2D, m_name.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  if (width != m_width || height != m_height) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, rgb);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    m_width = width;
    m_height = height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rgb);
  }
  glGenerateMipmap(GL_TEXTURE_2D);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glBindTexture(GL_TEXTURE_2D, 0);
}

void Texture2D::bind(int unit) const {
  glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
  glBindTexture(GL_TEXTURE_2D, m_name.get());
}

void Renderbuffer::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteRenderbuffers(1, &name);
}

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
