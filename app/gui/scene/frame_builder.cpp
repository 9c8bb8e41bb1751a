#include "app/gui/scene/frame_builder.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "calib/projection/sweep_projection.hpp"

namespace fuselabel::gui {
namespace {

// Intensity scale: the 99th percentile of a sample maps to 1, so one
// retro-reflector does not darken the whole sweep, whatever the sensor's unit.
float intensityScale(std::span<const float> intensity) {
  if (intensity.empty()) {
    return 1.0F;
  }
  std::vector<float> sample;
  const std::size_t step = std::max<std::size_t>(1, intensity.size() / 4096);
  for (std::size_t i = 0; i < intensity.size(); i += step) {
    if (std::isfinite(intensity[i])) {
      sample.push_back(intensity[i]);
    }
  }
  if (sample.empty()) {
    return 1.0F;
  }
  const auto nth =
      sample.begin() + static_cast<std::ptrdiff_t>(static_cast<double>(sample.size() - 1) * 0.99);
  std::nth_element(sample.begin(), nth, sample.end());
  return *nth > 1e-6F ? 1.0F / *nth : 1.0F;
}

}  // namespace

const char* toString(CameraFrame::Status status) noexcept {
  switch (status) {
    case CameraFrame::Status::Image:
      return "image";
    case CameraFrame::Status::NoImage:
      return "no_image";
    case CameraFrame::Status::Error:
      return "error";
  }
  return "error";
}

render::PointBatch makePointBatch(const PointCloud& cloud, const Eigen::Matrix4f& T_world_sensor) {
  render::PointBatch batch;
  batch.T_world_sensor = T_world_sensor;
  std::vector<std::uint32_t> order;
  order.reserve(cloud.size());
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (cloud.isFinite(i)) {
      order.push_back(static_cast<std::uint32_t>(i));
    }
  }
  // Fisher-Yates with a fixed seed: a fixed random permutation, so any prefix
  // is a uniform subsample and the same sweep always draws the same subsample.
  std::mt19937 rng(0x5eed1234U);
  for (std::size_t i = order.size(); i > 1; --i) {
    std::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(order[i - 1], order[pick(rng)]);
  }
  const std::size_t n = order.size();
  batch.positions.resize(n * 3);
  batch.intensity.resize(n);
  const auto x = cloud.x();
  const auto y = cloud.y();
  const auto z = cloud.z();
  const auto intensity = cloud.intensity();
  const float scale = intensityScale(intensity);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t s = order[i];
    batch.positions[3 * i] = x[s];
    batch.positions[3 * i + 1] = y[s];
    batch.positions[3 * i + 2] = z[s];
    const float v = intensity[s];
    batch.intensity[i] = std::isfinite(v) ? v * scale : 0.0F;
  }
  if (cloud.hasRing()) {
    const auto ring = cloud.ring();
    batch.ring.resize(n);
    int maxRing = 0;
    for (std::size_t i = 0; i < n; ++i) {
      batch.ring[i] = static_cast<float>(ring[order[i]]);
      maxRing = std::max<int>(maxRing, ring[order[i]]);
    }
    batch.ringCount = n > 0 ? maxRing + 1 : 0;
  }
  if (cloud.hasTime() && n > 0) {
    const auto time = cloud.timeOffsetNs();
    batch.time.resize(n);
    float lo = std::numeric_limits<float>::max();
    float hi = std::numeric_limits<float>::lowest();
    for (std::size_t i = 0; i < n; ++i) {
      const float t = static_cast<float>(time[order[i]]) * 1e-9F;
      batch.time[i] = t;
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
    batch.timeMin = lo;
    batch.timeMax = hi;
  }
  batch.sourceIndex = std::move(order);
  return batch;
}

Result<FrameData> buildFrame(const Sequence& sequence,
                             const std::shared_ptr<const LoadedFrame>& loaded,
                             std::uint64_t version) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t frame = loaded->frame;
  if (frame >= sequence.frameCount()) {
    return Error{"frame " + std::to_string(frame) + " is out of range (" +
                 std::to_string(sequence.frameCount()) + " frames)"};
  }
  FrameData data;
  data.index = frame;
  data.id = sequence.frames[frame].id;
  data.timestampNs = sequence.frames[frame].lidar.timestampNs;
  data.version = version;

  auto rig = sequence.rig(frame);
  if (!rig) {
    return rig.error().withContext("frame " + data.id);
  }
  auto T_ego_lidar = (*rig)->transform(SensorRig::kEgoFrame, sequence.referenceLidar);
  if (!T_ego_lidar) {
    return T_ego_lidar.error().withContext("frame " + data.id);
  }
  const Result<PointCloudFile>& sweep = loaded->sweep;
  if (!sweep) {
    return sweep.error();
  }
  data.warnings = sweep->warnings;
  render::PointBatch batch = makePointBatch(sweep->cloud, T_ego_lidar->matrix().cast<float>());
  // Camera colour per sweep point (-1: no image sees it), filled camera by camera below.
  std::vector<float> sweepRgb;

  SweepProjection projection;
  for (std::size_t c = 0; c < sequence.cameras.size(); ++c) {
    CameraFrame camera;
    camera.name = sequence.cameras[c].sensor;
    const Sensor* sensor = (*rig)->find(camera.name);
    if (sensor != nullptr && sensor->camera) {
      camera.width = sensor->camera->intrinsics().width;
      camera.height = sensor->camera->intrinsics().height;
    }
    // Point into `loaded`: the image is shared with it, never copied.
    const std::optional<Result<Image>>* loadedImage =
        c < loaded->images.size() ? &loaded->images[c] : nullptr;
    const auto& sample = sequence.cameras[c].frameSample;
    if (loadedImage == nullptr || !loadedImage->has_value()) {
      camera.status = CameraFrame::Status::NoImage;
      camera.message = "no image for frame " + data.id;
    } else {
      if (frame < sample.size() && sample[frame])
        camera.imagePath = sequence.cameras[c].samples[*sample[frame]].file.string();
      const Result<Image>& decoded = **loadedImage;
      if (!decoded) {
        camera.status = CameraFrame::Status::Error;
        camera.message = decoded.error().message;
      } else {
        camera.status = CameraFrame::Status::Image;
        if (camera.width <= 0) {
          camera.width = decoded->width;
          camera.height = decoded->height;
        }
        camera.image = std::shared_ptr<const Image>(loaded, &decoded.value());
      }
    }
    // Projected points only mean something over the image; without one the
    // panel stays honest and shows none.
    if (camera.status == CameraFrame::Status::Image && sensor != nullptr && sensor->camera) {
      auto T_camera_lidar = (*rig)->transform(camera.name, sequence.referenceLidar);
      if (T_camera_lidar) {
        projectSweepInto(sweep->cloud, *T_camera_lidar, *sensor->camera, projection);
        camera.projected.reserve(projection.countInsideImage() * 3);
        if (sweepRgb.empty()) {
          sweepRgb.assign(sweep->cloud.size(), -1.0F);
        }
        const Image& image = *camera.image;
        for (std::size_t i = 0; i < projection.flags.size(); ++i) {
          if ((projection.flags[i] & SweepProjection::kInsideImage) != 0) {
            camera.projected.push_back(projection.u[i]);
            camera.projected.push_back(projection.v[i]);
            camera.projected.push_back(projection.depth[i]);
            // The first camera that sees a point colours it.
            const int px = std::clamp(static_cast<int>(projection.u[i]), 0, image.width - 1);
            const int py = std::clamp(static_cast<int>(projection.v[i]), 0, image.height - 1);
            if (i < sweepRgb.size() && sweepRgb[i] < 0.0F) {
              const std::uint8_t* rgb =
                  &image.rgb[(static_cast<std::size_t>(py) * static_cast<std::size_t>(image.width) +
                              static_cast<std::size_t>(px)) *
                             3];
              sweepRgb[i] = static_cast<float>(rgb[0] * 65536 + rgb[1] * 256 + rgb[2]);
            }
          }
        }
      } else {
        camera.message = T_camera_lidar.error().message;
      }
    }
    data.cameras.push_back(std::move(camera));
  }
  if (!sweepRgb.empty()) {
    batch.cameraRgb.resize(batch.size());
    for (std::size_t k = 0; k < batch.size(); ++k) {
      batch.cameraRgb[k] = sweepRgb[batch.sourceIndex[k]];
    }
  }
  data.points = std::make_shared<render::PointBatch>(std::move(batch));
  data.pointCount = data.points->size();
  // Reading and decoding (in the frame cache) plus laying out and projecting here.
  data.loadMs =
      loaded->loadMs +
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return data;
}

}  // namespace fuselabel::gui
