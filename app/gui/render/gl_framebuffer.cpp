#include "app/gui/render/gl_framebuffer.hpp"

#include <epoxy/gl.h>

#include <cstdio>
#include <string>

#include "app/gui/render/gl_texture.hpp"

namespace fuselabel::render {

void Framebuffer::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteFramebuffers(1, &name);
}

Framebuffer Framebuffer::create() {
  GLuint name = 0;
  glGenFramebuffers(1, &name);
  Framebuffer framebuffer;
  framebuffer.m_name = GlName<Traits>(name);
  framebuffer.bind();
  return framebuffer;
}

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, m_name.get());
}

void Framebuffer::attachColor(const Texture2D& texture) {
  bind();
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.id(), 0);
}

void Framebuffer::attachColor(const Renderbuffer& renderbuffer) {
  bind();
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                            renderbuffer.id());
}

void Framebuffer::attachDepth(const Renderbuffer& renderbuffer) {
  bind();
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                            renderbuffer.id());
}

Result<void> Framebuffer::checkComplete() const {
  bind();
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  if (status == GL_FRAMEBUFFER_COMPLETE) {
    return success();
  }
  return Error{"framebuffer incomplete (GL status 0x" + [status] {
    char text[16];
    std::snprintf(text, sizeof text, "%04X", status);
    return std::string(text);
  }() + ")"};
}

}  // namespace fuselabel::render
