#pragma once
// One camera panel's picture: the synced image as a texture, the LiDAR points
// projected into it (coloured by depth) and a batch of overlay line segments
// in image pixel coordinates (projected cuboid edges and lanes go there), all
// drawn into the panel's RenderTarget at the panel's pixel size.
//
// Textures and buffers are uploaded when their version changes (a frame
// change); the target is redrawn only when something changed, so an idle
// panel costs nothing per frame.

#include <cstdint>
#include <span>
#include <vector>

#include "app/gui/render/gl_buffer.hpp"
#include "app/gui/render/gl_texture.hpp"
#include "app/gui/render/gl_vertex_array.hpp"
#include "app/gui/render/line_renderer.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/shader_program.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

struct CameraOverlayStyle {
  bool showImage = true;
  bool showPoints = true;
  float pointSizePx = 2.5F;
  float maxDepthM = 60.0F;  ///< depth mapped to the far (blue) end of the ramp
  float dimImage = 0.0F;    ///< 0..1, darkens the image so overlays stand out
  std::array<float, 4> background{0.06F, 0.065F, 0.075F, 1.0F};

  bool operator==(const CameraOverlayStyle&) const = default;
};

class CameraViewRenderer {
 public:
  /// Compiles the programs; needs a current context.
  [[nodiscard]] static Result<CameraViewRenderer> create();

  /// Uploads an RGB8 image (rows top first) when `version` changed.
  void setImage(const std::uint8_t* rgb, int width, int height, std::uint64_t version);
  /// Drops the image (the panel shows the background only).
  void clearImage();

  /// Uploads projected points, (u, v, depth) triples in pixels of an image of
  /// `imageWidth` x `imageHeight`, when `version` changed.
  void setProjectedPoints(std::span<const float> pixelDepth, int imageWidth, int imageHeight,
                          std::uint64_t version);

  /// Overlay segments in image pixel coordinates (x = u, y = v, z ignored).
  void setOverlaySegments(std::span<const LineSegment> segments);

  /// Draws into `target` when anything changed since the last call (or the
  /// target was resized); returns whether it drew.
  bool render(RenderTarget& target, const CameraOverlayStyle& style);

  [[nodiscard]] bool hasImage() const noexcept { return m_hasImage; }
  [[nodiscard]] std::size_t projectedCount() const noexcept { return m_pointCount; }

 private:
  ShaderProgram m_imageProgram;
  int m_imageSampler = -1;
  int m_imageDim = -1;
  ShaderProgram m_pointProgram;
  int m_pointImageSize = -1;
  int m_pointSize = -1;
  int m_pointMaxDepth = -1;
  Texture2D m_image;
  VertexArray m_emptyVao;  // the image quad comes from gl_VertexID
  Buffer m_points;
  VertexArray m_pointVao;
  LineBatch m_overlay;
  bool m_hasImage = false;
  std::uint64_t m_imageVersion = 0;
  std::uint64_t m_pointsVersion = 0;
  std::size_t m_pointCount = 0;
  int m_imageWidth = 1;
  int m_imageHeight = 1;
  int m_pointsImageWidth = 1;
  int m_pointsImageHeight = 1;
  // Redraw bookkeeping.
  bool m_dirty = true;
  CameraOverlayStyle m_lastStyle;
  const RenderTarget* m_lastTarget = nullptr;
  std::uint32_t m_lastTexture = 0;
};

}  // namespace fuselabel::render
