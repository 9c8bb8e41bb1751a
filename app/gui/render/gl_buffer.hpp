#pragma once
// A GL buffer object (vertex, index or uniform data).

#include <cstddef>
#include <cstdint>
#include <span>

#include "app/gui/render/gl_name.hpp"

namespace fuselabel::render {

enum class BufferTarget { Array, ElementArray, Uniform };
enum class BufferUsage { StaticDraw, DynamicDraw, StreamDraw };

/// Move-only RAII wrapper of a GL buffer. Default-constructed = empty, no context needed.
class Buffer {
 public:
  Buffer() noexcept = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&&) noexcept = default;
  Buffer& operator=(Buffer&&) noexcept = default;
  ~Buffer() = default;

  /// Creates the GL object (needs a current context). The name is bound once so
  /// it is a real buffer object from the start (glIsBuffer is true).
  [[nodiscard]] static Buffer create(BufferTarget target = BufferTarget::Array);

  /// Replaces the whole store with `bytes`; reallocates only when the size grows.
  void setData(std::span<const std::byte> bytes, BufferUsage usage = BufferUsage::StaticDraw);

  void bind() const;
  [[nodiscard]] std::uint32_t id() const noexcept { return m_name.get(); }
  [[nodiscard]] bool empty() const noexcept { return m_name.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return m_size; }

  struct Traits {
    static void destroy(std::uint32_t name) noexcept;
  };

 private:
  GlName<Traits> m_name;
  BufferTarget m_target = BufferTarget::Array;
  std::size_t m_size = 0;
  std::size_t m_capacity = 0;
};

}  // namespace fuselabel::render
