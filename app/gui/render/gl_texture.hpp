#pragma once
// 2D textures and renderbuffers: the images a framebuffer draws into.

#include <cstdint>

#include "app/gui/render/gl_name.hpp"

namespace fuselabel::render {

enum class PixelFormat { Rgba8, Rgb8, Depth24 };

/// Move-only RAII wrapper of a 2D texture (no mipmaps, linear filtering).
class Texture2D {
 public:
  Texture2D() noexcept = default;
  Texture2D(const Texture2D&) = delete;
  Texture2D& operator=(const Texture2D&) = delete;
  Texture2D(Texture2D&&) noexcept = default;
  Texture2D& operator=(Texture2D&&) noexcept = default;
  ~Texture2D() = default;

  /// Allocates width x height storage of `format` (needs a current context).
  [[nodiscard]] static Texture2D create(int width, int height, PixelFormat format);

  /// Replaces the contents with tightly packed RGB8 rows (top row first, as
  /// images are stored: texture coordinate t = 0 is the image's top row).
  /// Reallocates only when the size changes; builds mipmaps so a large camera
  /// image shown small does not alias. Creates the texture when empty.
  void uploadRgb8(const std::uint8_t* rgb, int width, int height);

  /// Binds to texture unit `unit` for sampling.
  void bind(int unit) const;

  [[nodiscard]] std::uint32_t id() const noexcept { return m_name.get(); }
  [[nodiscard]] bool empty() const noexcept { return m_name.empty(); }
  [[nodiscard]] int width() const noexcept { return m_width; }
  [[nodiscard]] int height() const noexcept { return m_height; }

  struct Traits {
    static void destroy(std::uint32_t name) noexcept;
  };

 private:
  GlName<Traits> m_name;
  int m_width = 0;
  int m_height = 0;
};

/// Move-only RAII wrapper of a renderbuffer, used for multisampled attachments
/// that are never sampled, only resolved.
class Renderbuffer {
 public:
  Renderbuffer() noexcept = default;
  Renderbuffer(const Renderbuffer&) = delete;
  Renderbuffer& operator=(const Renderbuffer&) = delete;
  Renderbuffer(Renderbuffer&&) noexcept = default;
  Renderbuffer& operator=(Renderbuffer&&) noexcept = default;
  ~Renderbuffer() = default;

  /// Allocates storage; `samples` 0 means single-sampled.
  [[nodiscard]] static Renderbuffer create(int width, int height, PixelFormat format, int samples);

  [[nodiscard]] std::uint32_t id() const noexcept { return m_name.get(); }
  [[nodiscard]] bool empty() const noexcept { return m_name.empty(); }

  struct Traits {
    static void destroy(std::uint32_t name) noexcept;
  };

 private:
  GlName<Traits> m_name;
};

}  // namespace fuselabel::render
