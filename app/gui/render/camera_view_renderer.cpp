#include "app/gui/render/camera_view_renderer.hpp"

#include <epoxy/gl.h>

namespace fuselabel::render {

Result<CameraViewRenderer> CameraViewRenderer::create() {
  auto image = ShaderProgram::fromEmbedded("camera_image.vert", "camera_image.frag");
  if (!image) {
    return image.error();
  }
  auto points = ShaderProgram::fromEmbedded("camera_points.vert", "camera_points.frag");
  if (!points) {
    return points.error();
  }
  auto overlay = LineBatch::create();
  if (!overlay) {
    return overlay.error();
  }
  CameraViewRenderer r;
  r.m_imageProgram = std::move(image).value();
  r.m_imageSampler = r.m_imageProgram.uniformLocation("u_image");
  r.m_imageDim = r.m_imageProgram.uniformLocation("u_dim");
  r.m_pointProgram = std::move(points).value();
  r.m_pointImageSize = r.m_pointProgram.uniformLocation("u_imageSize");
  r.m_pointSize = r.m_pointProgram.uniformLocation("u_pointSize");
  r.m_pointMaxDepth = r.m_pointProgram.uniformLocation("u_maxDepth");
  r.m_overlay = std::move(overlay).value();
  r.m_emptyVao = VertexArray::create();
  r.m_points = Buffer::create(BufferTarget::Array);
  r.m_pointVao = VertexArray::create();
  r.m_pointVao.setAttribute(r.m_points, {0, 3, 3 * sizeof(float), 0, 0});
  glBindVertexArray(0);
  return r;
}

void CameraViewRenderer::setImage(const std::uint8_t* rgb, int width, int height,
                                  std::uint64_t version) {
  if (m_hasImage && version == m_imageVersion) {
    return;
  }
  m_image.uploadRgb8(rgb, width, height);
  m_imageWidth = width;
  m_imageHeight = height;
  m_imageVersion = version;
  m_hasImage = true;
  m_dirty = true;
}

void CameraViewRenderer::clearImage() {
  if (m_hasImage) {
    m_hasImage = false;
    m_imageVersion = 0;
    m_dirty = true;
  }
}

void CameraViewRenderer::setProjectedPoints(std::span<const float> pixelDepth, int imageWidth,
                                            int imageHeight, std::uint64_t version) {
  if (version == m_pointsVersion && version != 0) {
    return;
  }
  m_points.setData(std::as_bytes(pixelDepth), BufferUsage::StaticDraw);
  m_pointCount = pixelDepth.size() / 3;
  m_pointsImageWidth = imageWidth;
  m_pointsImageHeight = imageHeight;
  m_pointsVersion = version;
  m_dirty = true;
}

void CameraViewRenderer::setOverlaySegments(std::span<const LineSegment> segments) {
  m_overlay.setSegments(segments);
  m_dirty = true;
}

bool CameraViewRenderer::render(RenderTarget& target, const CameraOverlayStyle& style) {
  if (!m_dirty && style == m_lastStyle && &target == m_lastTarget &&
      target.colorTexture().id() == m_lastTexture) {
    return false;
  }
  target.begin(style.background);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  if (m_hasImage && style.showImage) {
    m_imageProgram.use();
    m_image.bind(0);
    ShaderProgram::set(m_imageSampler, 0);
    ShaderProgram::set(m_imageDim, style.dimImage);
    m_emptyVao.bind();
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  if (style.showPoints && m_pointCount > 0) {
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glEnable(GL_PROGRAM_POINT_SIZE);
    m_pointProgram.use();
    ShaderProgram::set(m_pointImageSize, Eigen::Vector2f(static_cast<float>(m_pointsImageWidth),
                                                         static_cast<float>(m_pointsImageHeight)));
    ShaderProgram::set(m_pointSize, style.pointSizePx);
    ShaderProgram::set(m_pointMaxDepth, style.maxDepthM);
    m_pointVao.bind();
    glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(m_pointCount));
  }
  if (m_overlay.size() > 0) {
    // Image pixels -> clip space; the line shader expands segments in target pixels.
    ViewParams pixels;
    const float w = static_cast<float>(m_imageWidth);
    const float h = static_cast<float>(m_imageHeight);
    pixels.projection << 2.0F / w, 0.0F, 0.0F, -1.0F, 0.0F, -2.0F / h, 0.0F, 1.0F, 0.0F, 0.0F, 1.0F,
        0.0F, 0.0F, 0.0F, 0.0F, 1.0F;
    pixels.orthographic = true;
    pixels.viewportWidth = target.width();
    pixels.viewportHeight = target.height();
    glDisable(GL_DEPTH_TEST);
    m_overlay.draw(pixels, true);
  }
  glBindVertexArray(0);
  target.end();
  m_dirty = false;
  m_lastStyle = style;
  m_lastTarget = &target;
  m_lastTexture = target.colorTexture().id();
  return true;
}

}  // namespace fuselabel::render
