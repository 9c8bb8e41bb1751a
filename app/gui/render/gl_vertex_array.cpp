#include "app/gui/render/gl_vertex_array.hpp"

#include <epoxy/gl.h>

#include <cstdint>

#include "app/gui/render/gl_buffer.hpp"

namespace fuselabel::render {

void VertexArray::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteVertexArrays(1, &name);
}

VertexArray VertexArray::create() {
  GLuint name = 0;
  glGenVertexArrays(1, &name);
  VertexArray vao;
  vao.m_name = GlName<Traits>(name);
  vao.bind();
  return vao;
}

void VertexArray::bind() const {
  glBindVertexArray(m_name.get());
}

void VertexArray::setAttribute(const Buffer& buffer, const FloatAttribute& attribute) {
  bind();
  glBindBuffer(GL_ARRAY_BUFFER, buffer.id());
  glEnableVertexAttribArray(attribute.location);
  // GL takes the byte offset disguised as a pointer; this is the sanctioned conversion.
  const void* offset = reinterpret_cast<const void*>(static_cast<std::uintptr_t>(attribute.offset));
  glVertexAttribPointer(attribute.location, attribute.components, GL_FLOAT, GL_FALSE,
                        static_cast<GLsizei>(attribute.stride), offset);
  glVertexAttribDivisor(attribute.location, attribute.divisor);
}

}  // namespace fuselabel::render
