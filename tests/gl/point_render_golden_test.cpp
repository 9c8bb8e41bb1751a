// LiDAR points and a camera panel picture rendered through the real render
// layer at a fixed size and camera, compared against golden PNGs; plus the
// behaviour the point budget relies on (prefix = subsample, refinement adds
// the rest without clearing, an unchanged complete view draws nothing).
//
// Tolerances as in render_golden_test.cpp: bit-exact on the Mesa llvmpipe the
// goldens were made with; other drivers move single edge pixels.

#include <gtest/gtest.h>

#include <cmath>

#include "app/gui/render/camera_view_renderer.hpp"
#include "app/gui/render/gl_introspection.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/scene/frame_builder.hpp"
#include "app/gui/scene/label_overlay.hpp"
#include "app/gui/view/orbit_camera.hpp"
#include "tests/gl/gl_test_context.hpp"
#include "tests/gl/golden_image.hpp"

namespace fuselabel {
namespace {

using testing::GlTest;

constexpr int k_point_width = 320;
constexpr int k_point_height = 240;
constexpr testing::GoldenTolerance k_point_tolerance{64, 0.5};

// A deterministic cloud: a ground disc, a box-shaped "car" and a pole, with
// intensity rising along x so every colour of the ramp appears.
PointCloud testCloud() {
  PointCloud cloud;
  for (int r = 2; r <= 20; ++r) {
    for (int a = 0; a < 90; ++a) {
      const float angle = static_cast<float>(a) * 6.2831853F / 90.0F;
      const float range = static_cast<float>(r);
      cloud.append(range * std::cos(angle), range * std::sin(angle), -1.7F,
                   static_cast<float>(r) / 20.0F);
    }
  }
  for (int i = 0; i < 20; ++i) {
    for (int k = 0; k < 10; ++k) {
      cloud.append(6.0F + static_cast<float>(i) * 0.2F, -3.0F,
                   -1.5F + static_cast<float>(k) * 0.15F, 0.9F);
      cloud.append(6.0F + static_cast<float>(i) * 0.2F, -1.2F,
                   -1.5F + static_cast<float>(k) * 0.15F, 0.9F);
    }
  }
  for (int k = 0; k < 40; ++k) {
    cloud.append(4.0F, 4.0F, -1.7F + static_cast<float>(k) * 0.12F, 1.0F);
  }
  return cloud;
}

gui::OrbitState fixedView() {
  gui::OrbitState s;
  s.mode = gui::ViewMode::Perspective;
  s.yaw = 0.6F;
  s.pitch = 0.45F;
  s.distance = 30.0F;
  s.target = Eigen::Vector3f(4.0F, 0.0F, 0.0F);
  return s;
}

struct Scene {
  render::SceneRenderer renderer;
  render::RenderTarget target{4};
  render::ViewParams view;
};

std::optional<Scene> makeScene() {
  auto renderer = render::SceneRenderer::create();
  EXPECT_TRUE(renderer.ok()) << (renderer.ok() ? "" : renderer.error().message);
  if (!renderer) {
    return std::nullopt;
  }
  Scene scene{std::move(renderer).value(), render::RenderTarget(4), {}};
  EXPECT_TRUE(scene.target.resize(k_point_width, k_point_height).ok());
  gui::OrbitCamera camera;
  camera.setState(fixedView());
  scene.view = camera.viewParams(k_point_width, k_point_height);
  auto batch = std::make_shared<const render::PointBatch>(
      gui::makePointBatch(testCloud(), Eigen::Matrix4f::Identity()));
  scene.renderer.setPoints(batch, 1);
  return scene;
}

TEST_F(GlTest, PointsColouredByHeightMatchGolden) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  render::SceneStyle style;
  style.points.colorMode = render::PointColorMode::Height;
  style.points.pointSizePx = 3.0F;
  const auto stats = scene->renderer.render(scene->target, scene->view, style);
  EXPECT_TRUE(stats.complete());
  EXPECT_EQ(stats.pointsTotal, testCloud().size());
  const render::ImageRgba8 image = scene->target.readPixels();
  EXPECT_TRUE(render::noGlError());
  EXPECT_TRUE(testing::matchesGolden(image, "points_height", k_point_tolerance));
}

TEST_F(GlTest, PointsColouredByIntensityMatchGolden) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  render::SceneStyle style;
  style.showGrid = false;
  style.points.pointSizePx = 4.0F;  // round points
  (void)scene->renderer.render(scene->target, scene->view, style);
  EXPECT_TRUE(testing::matchesGolden(scene->target.readPixels(), "points_intensity_round",
                                     k_point_tolerance));
}

TEST_F(GlTest, BudgetDrawsASubsampleThenRefinesToTheFullImage) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  render::SceneStyle style;
  const std::size_t total = testCloud().size();
  const std::size_t budget = total / 3 + 1;

  auto first = scene->renderer.render(scene->target, scene->view, style, budget);
  EXPECT_TRUE(first.cleared);
  EXPECT_EQ(first.pointsShown, budget);
  EXPECT_FALSE(first.complete());
  auto second = scene->renderer.render(scene->target, scene->view, style, budget);
  EXPECT_FALSE(second.cleared) << "an unchanged view must add points, not start over";
  EXPECT_EQ(second.pointsShown, 2 * budget);
  auto third = scene->renderer.render(scene->target, scene->view, style, budget);
  EXPECT_TRUE(third.complete());
  const render::ImageRgba8 refined = scene->target.readPixels();
  auto idle = scene->renderer.render(scene->target, scene->view, style, budget);
  EXPECT_FALSE(idle.drew) << "a complete, unchanged view must cost nothing";

  // The refined image equals the one drawn in a single pass.
  scene->renderer.invalidate();
  (void)scene->renderer.render(scene->target, scene->view, style);
  const testing::ImageDelta delta = testing::compareImages(refined, scene->target.readPixels());
  EXPECT_LE(delta.maxDelta, 2);
}

TEST_F(GlTest, HeightBandHidesTheGround) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  render::SceneStyle style;
  style.showGrid = false;
  style.showAxes = false;
  style.points.pointSizePx = 3.0F;
  (void)scene->renderer.render(scene->target, scene->view, style);
  const auto countLit = [&](const render::ImageRgba8& image) {
    int lit = 0;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        const std::uint8_t* p = image.pixel(x, y);
        lit += (p[0] + p[1] + p[2]) > 150 ? 1 : 0;
      }
    }
    return lit;
  };
  const int all = countLit(scene->target.readPixels());
  style.points.clipHeight = true;
  style.points.minHeightM = -1.6F;  // the ground is at -1.7 m
  (void)scene->renderer.render(scene->target, scene->view, style);
  const int clipped = countLit(scene->target.readPixels());
  EXPECT_GT(all, 0);
  EXPECT_LT(clipped, all / 2) << "ground points should be gone";
  EXPECT_GT(clipped, 0) << "the box and pole should remain";
}

TEST_F(GlTest, PointBatchPrefixIsAUniformSubsample) {
  const PointCloud cloud = testCloud();
  const render::PointBatch batch = gui::makePointBatch(cloud, Eigen::Matrix4f::Identity());
  ASSERT_EQ(batch.size(), cloud.size());
  // The ground is 95% of the points: any large prefix keeps roughly that share.
  const std::size_t prefix = batch.size() / 4;
  std::size_t ground = 0;
  for (std::size_t i = 0; i < prefix; ++i) {
    ground += batch.positions[3 * i + 2] < -1.65F ? 1 : 0;
  }
  const double share = static_cast<double>(ground) / static_cast<double>(prefix);
  EXPECT_NEAR(share, 1710.0 / static_cast<double>(cloud.size()), 0.04);
  // sourceIndex maps back to the sweep.
  for (std::size_t i = 0; i < batch.size(); i += 97) {
    EXPECT_EQ(batch.positions[3 * i], cloud.x()[batch.sourceIndex[i]]);
  }
}

TEST_F(GlTest, CameraPanelImageWithProjectedPointsMatchesGolden) {
  auto renderer = render::CameraViewRenderer::create();
  ASSERT_TRUE(renderer.ok()) << (renderer.ok() ? "" : renderer.error().message);
  // A 64x48 synthetic image: sky gradient over a grey road.
  constexpr int w = 64;
  constexpr int h = 48;
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
      if (y < h / 2) {
        p[0] = static_cast<std::uint8_t>(90 + y * 2);
        p[1] = static_cast<std::uint8_t>(140 + y * 2);
        p[2] = 220;
      } else {
        p[0] = p[1] = p[2] = static_cast<std::uint8_t>(70 + (x % 8 == 0 ? 40 : 0));
      }
    }
  }
  renderer->setImage(rgb.data(), w, h, 1);
  // Points along a line receding to the horizon, nearer = lower and redder.
  std::vector<float> projected;
  for (int i = 0; i < 40; ++i) {
    const float depth = 2.0F + static_cast<float>(i) * 1.5F;
    projected.push_back(32.0F + 200.0F / depth);
    projected.push_back(24.0F + 60.0F / depth);
    projected.push_back(depth);
  }
  renderer->setProjectedPoints(projected, w, h, 1);
  // A rectangle overlay in image pixels, as a projected box edge would be.
  const Eigen::Vector4f yellow(1.0F, 0.85F, 0.2F, 1.0F);
  const std::vector<render::LineSegment> box{
      {{10.0F, 20.0F, 0.0F}, {24.0F, 20.0F, 0.0F}, yellow, 2.0F},
      {{24.0F, 20.0F, 0.0F}, {24.0F, 34.0F, 0.0F}, yellow, 2.0F},
      {{24.0F, 34.0F, 0.0F}, {10.0F, 34.0F, 0.0F}, yellow, 2.0F},
      {{10.0F, 34.0F, 0.0F}, {10.0F, 20.0F, 0.0F}, yellow, 2.0F}};
  renderer->setOverlaySegments(box);
  render::RenderTarget target(0);
  ASSERT_TRUE(target.resize(k_point_width, k_point_height).ok());
  render::CameraOverlayStyle style;
  EXPECT_TRUE(renderer->render(target, style));
  EXPECT_FALSE(renderer->render(target, style)) << "nothing changed: no redraw";
  const render::ImageRgba8 image = target.readPixels();
  EXPECT_TRUE(render::noGlError());
  // Upright: the sky (blue) is at the top, the road (grey) at the bottom.
  EXPECT_GT(image.pixel(5, 5)[2], 200);
  EXPECT_LT(image.pixel(5, k_point_height - 5)[2], 130);
  EXPECT_TRUE(testing::matchesGolden(image, "camera_panel", k_point_tolerance));
}

std::vector<gui::FrameBox> testBoxes() {
  // One box around the "car" of the test cloud, one around the pole.
  gui::FrameBox car;
  car.id = ObjectId{1};
  car.className = "car";
  car.colour = gui::classColour("car");
  car.box = Cuboid::fromYaw({8.0, -2.1, -0.8}, {4.4, 2.2, 1.8}, 0.0);
  gui::FrameBox pole;
  pole.id = ObjectId{2};
  pole.className = "pole";
  pole.colour = gui::classColour("pole");
  pole.box = Cuboid::fromYaw({4.0, 4.0, 0.6}, {0.4, 0.4, 5.0}, 0.3);
  return {car, pole};
}

TEST_F(GlTest, LabelBoxesOverPointsMatchGoldenAndStayOnTopWhileRefining) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  const auto segments = gui::overlaySegments3d(testBoxes(), {}, ObjectId{1});
  EXPECT_EQ(segments.size(), 2u * 14u) << "12 edges and the heading cross per box";
  scene->renderer.setBoxes(segments, 1);
  render::SceneStyle style;
  style.points.pointSizePx = 3.0F;
  const auto full = scene->renderer.render(scene->target, scene->view, style);
  ASSERT_TRUE(full.complete());
  const render::ImageRgba8 oneGo = scene->target.readPixels();
  EXPECT_TRUE(render::noGlError());
  EXPECT_TRUE(testing::matchesGolden(oneGo, "scene_boxes", k_point_tolerance));

  // The same picture built up 300 points at a time: the boxes are drawn again
  // after every slice, so no point ends up over an edge.
  scene->renderer.invalidate();
  auto stats = scene->renderer.render(scene->target, scene->view, style, 300);
  int passes = 1;
  while (!stats.complete() && passes < 100) {
    stats = scene->renderer.render(scene->target, scene->view, style, 300);
    ++passes;
  }
  ASSERT_TRUE(stats.complete());
  EXPECT_GT(passes, 5);
  const render::ImageRgba8 refined = scene->target.readPixels();
  ASSERT_EQ(refined.pixels.size(), oneGo.pixels.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < refined.pixels.size(); ++i) {
    differing += std::abs(int(refined.pixels[i]) - int(oneGo.pixels[i])) > 8 ? 1 : 0;
  }
  EXPECT_LT(differing, refined.pixels.size() / 200)
      << "refined image differs from the one-go image";
}

TEST_F(GlTest, CameraColourModePaintsPointsWithTheirImageColour) {
  auto scene = makeScene();
  ASSERT_TRUE(scene);
  render::PointBatch batch = gui::makePointBatch(testCloud(), Eigen::Matrix4f::Identity());
  // Points in front of the ego (x > 5) are "seen" as pure red; the rest by no camera.
  batch.cameraRgb.resize(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch.cameraRgb[i] = batch.positions[3 * i] > 5.0F ? 255.0F * 65536.0F : -1.0F;
  }
  scene->renderer.setPoints(std::make_shared<const render::PointBatch>(std::move(batch)), 2);
  ASSERT_TRUE(scene->renderer.points().supports(render::PointColorMode::Camera));
  render::SceneStyle style;
  style.showGrid = false;
  style.showAxes = false;
  style.points.colorMode = render::PointColorMode::Camera;
  style.points.pointSizePx = 3.0F;
  (void)scene->renderer.render(scene->target, scene->view, style);
  const render::ImageRgba8 image = scene->target.readPixels();
  std::size_t red = 0;
  std::size_t grey = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const auto* p = image.pixel(x, y);
      red += (p[0] > 200 && p[1] < 40 && p[2] < 40) ? 1 : 0;
      grey += (std::abs(p[0] - 82) < 12 && std::abs(p[1] - 87) < 12 && std::abs(p[2] - 97) < 12)
                  ? 1
                  : 0;
    }
  }
  EXPECT_GT(red, 300u) << "points seen by the camera take its colour";
  EXPECT_GT(grey, 300u) << "points no camera sees are grey";
}

}  // namespace
}  // namespace fuselabel
