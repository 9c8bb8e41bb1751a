// RAII of the GL wrappers: empty without a context, move leaves the source
// empty, destruction and move-assignment release the GL name.

#include <gtest/gtest.h>

#include <type_traits>

#include "app/gui/render/gl_buffer.hpp"
#include "app/gui/render/gl_framebuffer.hpp"
#include "app/gui/render/gl_introspection.hpp"
#include "app/gui/render/gl_texture.hpp"
#include "app/gui/render/gl_vertex_array.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/shader_program.hpp"
#include "tests/gl/gl_test_context.hpp"

namespace fuselabel {
namespace {

using testing::GlTest;

template <class T>
constexpr bool k_moveOnly =
    !std::is_copy_constructible_v<T> && !std::is_copy_assignable_v<T> &&
    std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>;

static_assert(k_moveOnly<render::Buffer>);
static_assert(k_moveOnly<render::VertexArray>);
static_assert(k_moveOnly<render::Texture2D>);
static_assert(k_moveOnly<render::Renderbuffer>);
static_assert(k_moveOnly<render::Framebuffer>);
static_assert(k_moveOnly<render::ShaderProgram>);

TEST(GlObjectWithoutContext, DefaultConstructedObjectsAreEmptyAndNeedNoContext) {
  // No context is made current here on purpose: nothing may call GL.
  const render::Buffer buffer;
  const render::VertexArray vao;
  const render::Texture2D texture;
  const render::Renderbuffer renderbuffer;
  const render::Framebuffer framebuffer;
  const render::ShaderProgram program;
  const render::RenderTarget target;
  EXPECT_TRUE(buffer.empty());
  EXPECT_TRUE(vao.empty());
  EXPECT_TRUE(texture.empty());
  EXPECT_TRUE(renderbuffer.empty());
  EXPECT_TRUE(framebuffer.empty());
  EXPECT_TRUE(program.empty());
  EXPECT_EQ(target.width(), 0);
}

// Checks create → move → move-assign → destroy for one wrapper type.
template <class T, class Create, class IsAlive>
void checkLifecycle(Create create, IsAlive isAlive) {
  std::uint32_t name = 0;
  {
    T a = create();
    name = a.id();
    ASSERT_NE(name, 0U);
    EXPECT_TRUE(isAlive(name));

    T b = std::move(a);
    EXPECT_TRUE(
        a.empty());         // NOLINT(bugprone-use-after-move): the moved-from state is what we test
    EXPECT_EQ(a.id(), 0U);  // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(b.id(), name);
    EXPECT_TRUE(isAlive(name));

    T c = create();
    const std::uint32_t replaced = c.id();
    c = std::move(b);
    EXPECT_FALSE(isAlive(replaced)) << "move-assignment must release the previous name";
    EXPECT_EQ(c.id(), name);
    EXPECT_TRUE(isAlive(name));
  }
  EXPECT_FALSE(isAlive(name)) << "destructor must release the name";
  EXPECT_TRUE(render::noGlError());
}

TEST_F(GlTest, BufferLifecycle) {
  checkLifecycle<render::Buffer>([] { return render::Buffer::create(); }, render::isBuffer);
}

TEST_F(GlTest, VertexArrayLifecycle) {
  checkLifecycle<render::VertexArray>([] { return render::VertexArray::create(); },
                                      render::isVertexArray);
}

TEST_F(GlTest, TextureLifecycle) {
  checkLifecycle<render::Texture2D>(
      [] { return render::Texture2D::create(8, 8, render::PixelFormat::Rgba8); },
      render::isTexture);
}

TEST_F(GlTest, RenderbufferLifecycle) {
  checkLifecycle<render::Renderbuffer>(
      [] { return render::Renderbuffer::create(8, 8, render::PixelFormat::Depth24, 4); },
      render::isRenderbuffer);
}

TEST_F(GlTest, FramebufferLifecycle) {
  checkLifecycle<render::Framebuffer>([] { return render::Framebuffer::create(); },
                                      render::isFramebuffer);
}

TEST_F(GlTest, ShaderProgramLifecycle) {
  checkLifecycle<render::ShaderProgram>(
      [] {
        auto program = render::ShaderProgram::fromEmbedded("lines.vert", "lines.frag");
        EXPECT_TRUE(program.ok()) << (program.ok() ? "" : program.error().message);
        return std::move(program).value();
      },
      render::isProgram);
}

TEST_F(GlTest, BufferUploadGrowsAndShrinks) {
  render::Buffer buffer = render::Buffer::create();
  const std::array<float, 6> big{1, 2, 3, 4, 5, 6};
  buffer.setData(std::as_bytes(std::span(big)));
  EXPECT_EQ(buffer.size(), sizeof(big));
  const std::array<float, 2> small{1, 2};
  buffer.setData(std::as_bytes(std::span(small)));
  EXPECT_EQ(buffer.size(), sizeof(small));
  EXPECT_TRUE(render::noGlError());
}

TEST_F(GlTest, RenderTargetResizesAndReadsBackTopRowFirst) {
  render::RenderTarget target(4);
  ASSERT_TRUE(target.resize(16, 8).ok());
  EXPECT_EQ(target.width(), 16);
  EXPECT_EQ(target.height(), 8);
  target.begin({1.0F, 0.0F, 0.0F, 1.0F});
  target.end();
  const render::ImageRgba8 image = target.readPixels();
  ASSERT_EQ(image.width, 16);
  ASSERT_EQ(image.height, 8);
  EXPECT_EQ(image.pixel(0, 0)[0], 255);
  EXPECT_EQ(image.pixel(15, 7)[1], 0);
  ASSERT_TRUE(target.resize(0, -3).ok());  // clamped, never a zero-sized GL object
  EXPECT_EQ(target.width(), 1);
  EXPECT_TRUE(render::noGlError());
}

}  // namespace
}  // namespace fuselabel
