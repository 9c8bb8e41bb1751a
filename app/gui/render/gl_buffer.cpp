#include "app/gui/render/gl_buffer.hpp"

#include <epoxy/gl.h>

#include "app/gui/render/gl_enums.hpp"

namespace fuselabel::render {

void Buffer::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteBuffers(1, &name);
}

Buffer Buffer::create(BufferTarget target) {
  GLuint name = 0;
  glGenBuffers(1, &name);
  Buffer buffer;
  buffer.m_name = GlName<Traits>(name);
  buffer.m_target = target;
  buffer.bind();
  return buffer;
}

void Buffer::bind() const {
  glBindBuffer(detail::toGl(m_target), m_name.get());
}

void Buffer::setData(std::span<const std::byte> bytes, BufferUsage usage) {
  const GLenum target = detail::toGl(m_target);
  glBindBuffer(target, m_name.get());
  if (bytes.size() > m_capacity || bytes.empty()) {
    glBufferData(target, static_cast<GLsizeiptr>(bytes.size()), bytes.data(), detail::toGl(usage));
    m_capacity = bytes.size();
  } else {
    glBufferSubData(target, 0, static_cast<GLsizeiptr>(bytes.size()), bytes.data());
  }
  m_size = bytes.size();
}

}  // namespace fuselabel::render
