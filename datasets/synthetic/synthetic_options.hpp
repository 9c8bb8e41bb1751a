#pragma once
// Parameters of the synthetic driving-scene generator (see synthetic_scene.hpp).
// Every output byte is a function of these values: the same options give the
// same files, whatever the thread count.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fuselabel {

/// One camera of the synthetic rig.
struct SynthCameraOptions {
  /// Sensor name in the manifest ("cam_front").
  std::string name;
  /// Mounting yaw about the ego z axis (rad); 0 looks forward, +pi/2 left.
  double yaw = 0.0;
  /// Downward tilt (rad).
  double pitch = 0.03;
  /// Mounting position in the ego frame (m).
  std::array<double, 3> position{1.5, 0.0, 1.6};
  /// Image width (px).
  int width = 960;
  /// Image height (px).
  int height = 540;
  /// Horizontal field of view (deg) from which fx = fy is derived.
  double horizontalFovDeg = 70.0;
  /// OpenCV radial-tangential coefficients k1 k2 p1 p2 k3.
  std::array<double, 5> distortion{-0.05, 0.01, 0.0005, -0.0003, 0.0};
  /// Capture time relative to the LiDAR sweep timestamp (ns), written as the
  /// manifest's time_offset_ns.
  std::int64_t timeOffsetNs = 0;
};

/// What the generator builds: scene length, sensors, actors and randomness.
struct SynthOptions {
  /// Number of LiDAR sweeps (frames).
  int frames = 100;
  /// LiDAR beams (rings).
  int beams = 64;
  /// LiDAR columns (firings) per turn.
  int columns = 1800;
  /// Number of cameras when `cameraRig` is empty (0..6: front, front_left,
  /// front_right, back, back_left, back_right).
  int cameras = 3;
  /// Image size of the default cameras (px).
  int imageWidth = 960;
  /// Image height of the default cameras (px).
  int imageHeight = 540;
  /// Explicit camera rig; when empty, `cameras` default cameras are made.
  std::vector<SynthCameraOptions> cameraRig;
  /// Seed of every random choice (actor classes, sizes, noise, dropout).
  std::uint64_t seed = 1;
  /// Number of actors (vehicles, cyclists, pedestrians, cones, barriers).
  int actors = 40;
  /// LiDAR turn rate (Hz); one sweep per turn.
  double lidarRateHz = 10.0;
  /// Lowest and highest beam elevation (deg); 0/0 = a default per beam count.
  double lowestElevationDeg = 0.0;
  /// Highest beam elevation (deg).
  double highestElevationDeg = 0.0;
  /// Maximum LiDAR range (m).
  double maxRange = 120.0;
  /// Standard deviation of the range noise (m).
  double rangeNoise = 0.02;
  /// Probability that a return is dropped (plus a little more with range).
  double dropout = 0.02;
  /// Worker threads; 0 = the hardware's count. Output does not depend on it.
  int threads = 0;
  /// JPEG quality of the camera images.
  int jpegQuality = 90;
};

/// Called after each frame with (frames done, frames in total).
using SynthProgress = std::function<void(int, int)>;

/// The default camera rig for `count` cameras of `width` × `height`, with
/// time offsets at which the spinning LiDAR faces each camera.
[[nodiscard]] std::vector<SynthCameraOptions> defaultSynthCameras(int count, int width, int height,
                                                                  double lidarRateHz);

}  // namespace fuselabel
