#pragma once
// An off-screen place to draw the 3D scene: multisampled colour + depth that
// is resolved into a single-sampled texture the UI shows (ImGui::Image) and
// tests read back. The 3D view never draws into the window's framebuffer, so
// the same code serves the GUI viewport, golden-image tests and, later, camera
// panels and `--bench-render`.

#include <array>
#include <cstdint>

#include "app/gui/render/gl_framebuffer.hpp"
#include "app/gui/render/gl_texture.hpp"
#include "app/gui/render/image.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

class RenderTarget {
 public:
  /// Empty target; allocates nothing until resize().
  explicit RenderTarget(int samples = 4) noexcept : m_samples(samples) {}

  /// (Re)allocates attachments when the size changed; no-op otherwise.
  /// Sizes below 1 pixel are clamped to 1.
  [[nodiscard]] Result<void> resize(int width, int height);

  /// Binds the drawing framebuffer, sets the viewport and clears colour and depth.
  void begin(const std::array<float, 4>& clearColor) const;
  /// Binds the drawing framebuffer and sets the viewport, keeping the previous
  /// contents (to draw more on top of the last frame: progressive refinement).
  void beginKeep() const;
  /// Resolves the multisampled image into colorTexture() and rebinds the window framebuffer.
  void end() const;

  /// The resolved image, valid after end().
  [[nodiscard]] const Texture2D& colorTexture() const noexcept { return m_resolvedColor; }
  /// Reads the resolved image back to the CPU, top row first.
  [[nodiscard]] ImageRgba8 readPixels() const;

  [[nodiscard]] int width() const noexcept { return m_width; }
  [[nodiscard]] int height() const noexcept { return m_height; }
  [[nodiscard]] int samples() const noexcept { return m_samples; }

 private:
  int m_samples = 4;
  int m_width = 0;
  int m_height = 0;
  Renderbuffer m_msColor;
  Renderbuffer m_msDepth;
  Framebuffer m_drawFbo;
  Texture2D m_resolvedColor;
  Framebuffer m_resolveFbo;
};

/// Reads the window's back buffer (after the UI drew into it), top row first.
[[nodiscard]] ImageRgba8 readWindowPixels(int width, int height);

/// Binds the window framebuffer, sets the viewport and clears it.
void beginWindowFrame(int width, int height, const std::array<float, 4>& clearColor);

}  // namespace fuselabel::render
