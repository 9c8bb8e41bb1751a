#pragma once
// Read-only questions to the GL driver, for tests and the About/status text,
// so code outside the render layer never calls gl* itself.

#include <cstdint>
#include <string>

namespace fuselabel::render {

[[nodiscard]] bool isBuffer(std::uint32_t name);
[[nodiscard]] bool isVertexArray(std::uint32_t name);
[[nodiscard]] bool isTexture(std::uint32_t name);
[[nodiscard]] bool isRenderbuffer(std::uint32_t name);
[[nodiscard]] bool isFramebuffer(std::uint32_t name);
[[nodiscard]] bool isProgram(std::uint32_t name);

/// "<renderer> (OpenGL <version>)" of the current context.
[[nodiscard]] std::string contextDescription();
/// GL version of the current context as major * 10 + minor (e.g. 33, 45).
[[nodiscard]] int contextVersion();
/// Blocks until every queued GL command has executed (benchmarks only).
void finishGl();

/// True when no GL error is pending; clears the pending errors.
[[nodiscard]] bool noGlError();

}  // namespace fuselabel::render
