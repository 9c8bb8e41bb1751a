#pragma once
// A GL vertex array object: which buffers feed which shader attributes.

#include <cstddef>
#include <cstdint>

#include "app/gui/render/gl_name.hpp"

namespace fuselabel::render {

class Buffer;

/// One float vertex attribute read from a buffer.
struct FloatAttribute {
  std::uint32_t location = 0;
  int components = 3;         ///< 1..4 floats
  std::size_t stride = 0;     ///< bytes between consecutive elements
  std::size_t offset = 0;     ///< byte offset of the first element
  std::uint32_t divisor = 0;  ///< 0 = per vertex, 1 = per instance
};

/// Move-only RAII wrapper of a vertex array object.
class VertexArray {
 public:
  VertexArray() noexcept = default;
  VertexArray(const VertexArray&) = delete;
  VertexArray& operator=(const VertexArray&) = delete;
  VertexArray(VertexArray&&) noexcept = default;
  VertexArray& operator=(VertexArray&&) noexcept = default;
  ~VertexArray() = default;

  /// Creates the GL object (needs a current context).
  [[nodiscard]] static VertexArray create();

  /// Binds this VAO and records `attribute` as read from `buffer`.
  void setAttribute(const Buffer& buffer, const FloatAttribute& attribute);

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
