#include "app/gui/render/render_target.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstring>

namespace fuselabel::render {
namespace {

// GL rows run bottom-up; every image we hand out runs top-down.
ImageRgba8 readBoundFramebuffer(int width, int height) {
  ImageRgba8 image;
  image.width = width;
  image.height = height;
  const std::size_t row = static_cast<std::size_t>(width) * 4U;
  std::vector<std::uint8_t> bottomUp(row * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
  image.pixels.resize(bottomUp.size());
  for (int y = 0; y < height; ++y) {
    std::memcpy(image.pixels.data() + static_cast<std::size_t>(y) * row,
                bottomUp.data() + static_cast<std::size_t>(height - 1 - y) * row, row);
  }
  return image;
}

}  // namespace

Result<void> RenderTarget::resize(int width, int height) {
  width = std::max(width, 1);
  height = std::max(height, 1);
  if (width == m_width && height == m_height && !m_drawFbo.empty()) {
    return success();
  }
  m_msColor = Renderbuffer::create(width, height, PixelFormat::Rgba8, m_samples);
  m_msDepth = Renderbuffer::create(width, height, PixelFormat::Depth24, m_samples);
  m_drawFbo = Framebuffer::create();
  m_drawFbo.attachColor(m_msColor);
  m_drawFbo.attachDepth(m_msDepth);
  Result<void> drawOk = m_drawFbo.checkComplete();

  m_resolvedColor = Texture2D::create(width, height, PixelFormat::Rgba8);
  m_resolveFbo = Framebuffer::create();
  m_resolveFbo.attachColor(m_resolvedColor);
  Result<void> resolveOk = m_resolveFbo.checkComplete();
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  if (!drawOk) {
    m_drawFbo = Framebuffer();
    return drawOk.error().withContext("3D view framebuffer");
  }
  if (!resolveOk) {
    m_drawFbo = Framebuffer();
    return resolveOk.error().withContext("3D view resolve framebuffer");
  }
  m_width = width;
  m_height = height;
  return success();
}

void RenderTarget::beginKeep() const {
  m_drawFbo.bind();
  glViewport(0, 0, m_width, m_height);
}

void RenderTarget::begin(const std::array<float, 4>& clearColor) const {
  m_drawFbo.bind();
  glViewport(0, 0, m_width, m_height);
  glClearColor(clearColor[0], clearColor[1], clearColor[2], clearColor[3]);
  glClearDepth(1.0);
  glDepthMask(GL_TRUE);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void RenderTarget::end() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_drawFbo.id());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolveFbo.id());
  glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT,
                    GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

ImageRgba8 RenderTarget::readPixels() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_resolveFbo.id());
  ImageRgba8 image = readBoundFramebuffer(m_width, m_height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return image;
}

ImageRgba8 readWindowPixels(int width, int height) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  return readBoundFramebuffer(width, height);
}

void beginWindowFrame(int width, int height, const std::array<float, 4>& clearColor) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  glClearColor(clearColor[0], clearColor[1], clearColor[2], clearColor[3]);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace fuselabel::render
