#include "app/gui/bench/render_bench.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "app/gui/platform/glfw_window.hpp"
#include "app/gui/render/camera_view_renderer.hpp"
#include "app/gui/render/gl_introspection.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/scene/frame_builder.hpp"
#include "app/gui/view/orbit_camera.hpp"
#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel::gui {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  if (values.empty()) {
    return 0.0;
  }
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// A LiDAR-like synthetic sweep: rings of returns on the ground out to 80 m
// plus walls and objects, so the depth test and the overdraw look like a
// real street rather than a uniform cube.
PointCloud syntheticCloud(std::size_t count) {
  PointCloud cloud;
  cloud.resize(count);
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> unit(0.0F, 1.0F);
  auto x = cloud.x();
  auto y = cloud.y();
  auto z = cloud.z();
  auto intensity = cloud.intensity();
  for (std::size_t i = 0; i < count; ++i) {
    const float angle = unit(rng) * 6.2831853F;
    const float kind = unit(rng);
    float range = 0.0F;
    float height = 0.0F;
    if (kind < 0.6F) {  // ground, denser near the sensor
      range = 3.0F + 77.0F * unit(rng) * unit(rng);
      height = -1.73F + 0.03F * (unit(rng) - 0.5F);
    } else {  // walls and objects
      range = 6.0F + 40.0F * unit(rng);
      height = -1.7F + 4.0F * unit(rng);
    }
    x[i] = range * std::cos(angle);
    y[i] = range * std::sin(angle);
    z[i] = height;
    intensity[i] = unit(rng);
  }
  return cloud;
}

Result<PointCloud> datasetCloud(const GuiOptions& options, Eigen::Matrix4f& T_world_sensor) {
  DatasetOpenOptions open;
  open.format = options.format;
  auto sequence = openDataset(options.datasetPath, open);
  if (!sequence) {
    return sequence.error();
  }
  const std::size_t frame = sequence->frameIndex(options.startFrame).value_or(0);
  auto sweep = sequence->loadSweep(frame);
  if (!sweep) {
    return sweep.error();
  }
  if (auto rig = sequence->rig(frame)) {
    if (auto T = (*rig)->transform(SensorRig::kEgoFrame, sequence->referenceLidar)) {
      T_world_sensor = T->matrix().cast<float>();
    }
  }
  // Tile copies of the sweep (shifted a little) up to the requested size.
  const PointCloud& source = sweep->cloud;
  const auto want = static_cast<std::size_t>(options.benchPoints);
  if (source.empty() || want <= source.size()) {
    return std::move(sweep->cloud);
  }
  PointCloud cloud;
  cloud.reserve(want);
  for (std::size_t i = 0, copy = 0; cloud.size() < want; ++i) {
    if (i == source.size()) {
      i = 0;
      ++copy;
    }
    const float shift = 0.02F * static_cast<float>(copy);
    cloud.append(source.x()[i] + shift, source.y()[i], source.z()[i], source.intensity()[i]);
  }
  return cloud;
}

}  // namespace

int runRenderBench(const GuiOptions& options) {
  WindowOptions windowOptions;
  windowOptions.title = "fuselabel-bench";
  windowOptions.width = 320;
  windowOptions.height = 240;
  windowOptions.visible = false;
  windowOptions.vsync = false;
  auto window = GlfwWindow::create(windowOptions);
  if (!window) {
    std::fprintf(stderr, "fuselabel: %s\n", window.error().message.c_str());
    return 1;
  }

  // ---- the cloud, as the worker thread would prepare it
  Eigen::Matrix4f T_world_sensor = Eigen::Matrix4f::Identity();
  PointCloud cloud;
  std::string source = "synthetic";
  if (!options.datasetPath.empty()) {
    auto loaded = datasetCloud(options, T_world_sensor);
    if (!loaded) {
      std::fprintf(stderr, "fuselabel: %s\n", loaded.error().message.c_str());
      return 1;
    }
    cloud = std::move(loaded).value();
    source = options.datasetPath;
  } else {
    cloud = syntheticCloud(static_cast<std::size_t>(options.benchPoints));
  }
  auto start = Clock::now();
  auto batch = std::make_shared<const render::PointBatch>(makePointBatch(cloud, T_world_sensor));
  const double buildMs = msSince(start);
  const std::size_t points = batch->size();

  auto renderer = render::SceneRenderer::create();
  if (!renderer) {
    std::fprintf(stderr, "fuselabel: %s\n", renderer.error().message.c_str());
    return 1;
  }
  render::RenderTarget target(0);  // as the 3D view (viewport_panel.hpp)
  if (Result<void> sized = target.resize(options.width, options.height); !sized) {
    std::fprintf(stderr, "fuselabel: %s\n", sized.error().message.c_str());
    return 1;
  }
  render::finishGl();

  // ---- frame change: point upload (first upload allocates; time a second version too)
  start = Clock::now();
  renderer->setPoints(batch, 1);
  render::finishGl();
  const double uploadFirstMs = msSince(start);
  start = Clock::now();
  renderer->setPoints(batch, 2);
  render::finishGl();
  const double uploadMs = msSince(start);

  // Six 1600x900 camera images, as a nuScenes frame change uploads them.
  constexpr int k_cameras = 6;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(1600) * 900 * 3);
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    pixels[i] = static_cast<std::uint8_t>((i * 2654435761U) >> 24);
  }
  std::vector<render::CameraViewRenderer> cameraRenderers;
  for (int c = 0; c < k_cameras; ++c) {
    auto cam = render::CameraViewRenderer::create();
    if (!cam) {
      std::fprintf(stderr, "fuselabel: %s\n", cam.error().message.c_str());
      return 1;
    }
    cameraRenderers.push_back(std::move(cam).value());
    cameraRenderers.back().setImage(pixels.data(), 1600, 900, 1);  // allocate once
  }
  render::finishGl();
  start = Clock::now();
  for (auto& cam : cameraRenderers) {
    cam.setImage(pixels.data(), 1600, 900, 2);
  }
  render::finishGl();
  const double imageUploadMs = msSince(start);

  // One 1242x375 image: a KITTI frame change (one colour camera).
  std::vector<std::uint8_t> kittiPixels(static_cast<std::size_t>(1242) * 375 * 3);
  for (std::size_t i = 0; i < kittiPixels.size(); ++i) {
    kittiPixels[i] = static_cast<std::uint8_t>((i * 2654435761U) >> 24);
  }
  cameraRenderers.front().setImage(kittiPixels.data(), 1242, 375, 3);  // allocate at this size
  render::finishGl();
  start = Clock::now();
  cameraRenderers.front().setImage(kittiPixels.data(), 1242, 375, 4);
  render::finishGl();
  const double kittiImageUploadMs = msSince(start);

  // ---- steady-state frames: the app's full-density frame vs the bare draw
  render::SceneStyle style;
  OrbitCamera camera;
  OrbitState state = OrbitCamera::defaultState();
  state.distance = 45.0F;
  camera.setState(state);
  std::vector<double> appMs;
  std::vector<double> bareMs;
  const int frames = std::max(options.frames, 1);
  for (int f = -1; f < frames; ++f) {  // f = -1: warm-up, not recorded
    // Orbit a little each frame, as a user dragging the view would.
    state.yaw += 0.01F;
    camera.setState(state);
    const render::ViewParams view = camera.viewParams(target.width(), target.height());

    start = Clock::now();
    renderer->invalidate();
    (void)renderer->render(target, view, style, render::SceneRenderer::k_unlimited);
    render::finishGl();
    const double app = msSince(start);

    start = Clock::now();
    target.begin(style.background);
    renderer->points().drawBare(view, style.points.pointSizePx, points);
    target.end();
    render::finishGl();
    const double bare = msSince(start);
    if (f >= 0) {
      appMs.push_back(app);
      bareMs.push_back(bare);
    }
  }
  const double app = median(appMs);
  const double bare = median(bareMs);

  // ---- the interactive frame: what a moving view draws under the default budget
  const double msPerPoint = app / static_cast<double>(std::max<std::size_t>(points, 1));
  const std::size_t budget = std::min(
      points,
      std::max<std::size_t>(50'000, static_cast<std::size_t>(30.0 / std::max(msPerPoint, 1e-9))));
  std::vector<double> interactiveMs;
  for (int f = 0; f < std::min(frames, 5); ++f) {
    state.yaw += 0.01F;
    camera.setState(state);
    start = Clock::now();
    (void)renderer->render(target, camera.viewParams(target.width(), target.height()), style,
                           budget);
    render::finishGl();
    interactiveMs.push_back(msSince(start));
  }
  const bool glOk = render::noGlError();

  const double ratio = bare > 0.0 ? app / bare : 0.0;
  if (options.json) {
    const nlohmann::json json = {
        {"points", points},
        {"source", source},
        {"frames", frames},
        {"width", target.width()},
        {"height", target.height()},
        {"msaa_samples", target.samples()},
        {"point_size_px", style.points.pointSizePx},
        {"app_ms", app},
        {"bare_ms", bare},
        {"ratio", ratio},
        {"interactive_points", budget},
        {"interactive_ms", median(interactiveMs)},
        {"frame_change",
         {{"batch_build_ms_worker", buildMs},
          {"point_upload_ms", uploadMs},
          {"point_upload_first_ms", uploadFirstMs},
          {"image_upload_ms", imageUploadMs},
          {"images", k_cameras},
          {"image_size", "1600x900"},
          {"main_thread_ms", uploadMs + imageUploadMs},
          {"kitti_image_upload_ms", kittiImageUploadMs},
          {"kitti_main_thread_ms", uploadMs + kittiImageUploadMs}}},
        {"renderer", render::contextDescription()},
        {"gl_errors", !glOk},
    };
    std::printf("%s\n", json.dump().c_str());
  } else {
    std::printf(
        "fuselabel --bench-render: %zu points (%s), %d frames at %dx%d, %d x MSAA, %.1f px "
        "points\n",
        points, source.c_str(), frames, target.width(), target.height(), target.samples(),
        static_cast<double>(style.points.pointSizePx));
    std::printf("  renderer          %s\n", render::contextDescription().c_str());
    std::printf("  app frame         %8.2f ms  (grid + axes + points + resolve, median)\n", app);
    std::printf("  bare draw         %8.2f ms  (same VBO, minimal shader, median)\n", bare);
    std::printf("  ratio             %8.3f\n", ratio);
    std::printf("  moving view       %8.2f ms  (budget %zu points)\n", median(interactiveMs),
                budget);
    std::printf(
        "  frame change:     batch build %.2f ms (worker), point upload %.2f ms, %d x 1600x900 "
        "images "
        "%.2f ms\n",
        buildMs, uploadMs, k_cameras, imageUploadMs);
    std::printf("                    KITTI-size (1 x 1242x375 image): %.2f ms on the main thread\n",
                uploadMs + kittiImageUploadMs);
  }
  return glOk ? 0 : 1;
}

}  // namespace fuselabel::gui
