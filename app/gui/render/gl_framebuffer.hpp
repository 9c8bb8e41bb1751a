#pragma once
// A GL framebuffer object: a set of attachments to render into.

#include <cstdint>

#include "app/gui/render/gl_name.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

class Texture2D;
class Renderbuffer;

/// Move-only RAII wrapper of a framebuffer object. It does not own its
/// attachments; RenderTarget keeps them together.
class Framebuffer {
 public:
  Framebuffer() noexcept = default;
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;
  Framebuffer(Framebuffer&&) noexcept = default;
  Framebuffer& operator=(Framebuffer&&) noexcept = default;
  ~Framebuffer() = default;

  /// Creates the GL object and binds it (needs a current context).
  [[nodiscard]] static Framebuffer create();

  void attachColor(const Texture2D& texture);
  void attachColor(const Renderbuffer& renderbuffer);
  void attachDepth(const Renderbuffer& renderbuffer);

  /// Error naming the GL completeness status when the attachments don't fit.
  [[nodiscard]] Result<void> checkComplete() const;

  /// Binds for drawing and reading.
  void bind() const;
  [[nodiscard]] std::uint32_t id() const noexcept { return m_name.get(); }
  [[nodiscard]] bool empty() const noexcept { return m_name.empty(); }

  struct Traits {
    static void destroy(std::uint32_t name) noexcept;
  };

 private:
  GlName<Traits> m_name;
};

}  // namespace fuselabel::render
