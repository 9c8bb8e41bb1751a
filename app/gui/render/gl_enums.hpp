#pragma once
// Private to the render layer's .cpp files: maps our typed enums to GL enums.

#include <epoxy/gl.h>

#include "app/gui/render/gl_buffer.hpp"

namespace fuselabel::render::detail {

[[nodiscard]] inline GLenum toGl(BufferTarget target) noexcept {
  switch (target) {
    case BufferTarget::Array:
      return GL_ARRAY_BUFFER;
    case BufferTarget::ElementArray:
      return GL_ELEMENT_ARRAY_BUFFER;
    case BufferTarget::Uniform:
      return GL_UNIFORM_BUFFER;
  }
  return GL_ARRAY_BUFFER;
}

[[nodiscard]] inline GLenum toGl(BufferUsage usage) noexcept {
  switch (usage) {
    case BufferUsage::StaticDraw:
      return GL_STATIC_DRAW;
    case BufferUsage::DynamicDraw:
      return GL_DYNAMIC_DRAW;
    case BufferUsage::StreamDraw:
      return GL_STREAM_DRAW;
  }
  return GL_STATIC_DRAW;
}

}  // namespace fuselabel::render::detail
