// Shader building against a real driver: every embedded shader compiles and
// links, and a broken shader yields an error naming its file and line.

#include <gtest/gtest.h>

#include <iostream>

#include "app/gui/render/embedded_shaders.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/render/shader_program.hpp"
#include "tests/gl/gl_test_context.hpp"

namespace fuselabel {
namespace {

using testing::GlTest;

constexpr const char* k_vertex = R"(#version 330 core
void main() { gl_Position = vec4(0.0, 0.0, 0.0, 1.0); }
)";

// The error sits on line 5 of this "file".
constexpr const char* k_brokenFragment = R"(#version 330 core
out vec4 o_color;
void main() {
  o_color = vec4(1.0);
  o_color = vec4(1.0) +* 2.0;
}
)";

TEST_F(GlTest, EveryEmbeddedProgramBuilds) {
  auto renderer = render::SceneRenderer::create();
  EXPECT_TRUE(renderer.ok()) << (renderer.ok() ? "" : renderer.error().message);
}

TEST_F(GlTest, CompileErrorNamesFileAndLine) {
  auto program = render::ShaderProgram::build(
      {{"passthrough.vert", k_vertex}, {"broken.frag", k_brokenFragment}, {}});
  ASSERT_FALSE(program.ok());
  const std::string& message = program.error().message;
  EXPECT_NE(message.find("broken.frag"), std::string::npos) << message;
  EXPECT_NE(message.find("broken.frag:5"), std::string::npos) << message;
  std::cout << "example error: " << message;
}

TEST_F(GlTest, CompileErrorLineSurvivesInjectedDefines) {
  auto program = render::ShaderProgram::build({{"passthrough.vert", k_vertex},
                                               {"broken.frag", k_brokenFragment},
                                               {"FADE_WITH_DISTANCE", "COUNT 3"}});
  ASSERT_FALSE(program.ok());
  EXPECT_NE(program.error().message.find("broken.frag:5"), std::string::npos)
      << program.error().message;
}

TEST_F(GlTest, LinkErrorNamesBothFiles) {
  // Compiles on its own; only the linker notices there is no main().
  constexpr const char* fragment = R"(#version 330 core
out vec4 o_color;
void shade() { o_color = vec4(1.0); }
)";
  auto program = render::ShaderProgram::build({{"a.vert", k_vertex}, {"b.frag", fragment}, {}});
  ASSERT_FALSE(program.ok());
  EXPECT_NE(program.error().message.find("a.vert + b.frag"), std::string::npos)
      << program.error().message;
}

TEST_F(GlTest, MissingEmbeddedShaderIsAnError) {
  auto program = render::ShaderProgram::fromEmbedded("nope.vert", "grid.frag");
  ASSERT_FALSE(program.ok());
  EXPECT_NE(program.error().message.find("nope.vert"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
