#pragma once
// A point cloud laid out for the GPU, built on a worker thread (no GL here).
//
// The points are stored in a fixed random order: `sourceIndex[i]` is the index
// in the sweep of the point at position i. Because the order is a uniform
// random permutation, any prefix [0, k) is a uniform subsample of the sweep,
// so the renderer's point budget (draw fewer points while the view moves) and
// progressive refinement (add [k, 2k), [2k, 3k), ... once it stops) are plain
// contiguous draws of one vertex buffer: no index buffer, no per-frame work.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace fuselabel::render {

struct PointBatch {
  std::vector<float> positions;  ///< x, y, z per point, sensor frame, metres
  std::vector<float> intensity;  ///< per point, scaled so the sweep's 99th percentile is 1
  std::vector<float> ring;       ///< laser index per point; empty when the sweep has none
  std::vector<float> time;  ///< seconds from the sweep timestamp; empty when the sweep has none
  /// Colour of the camera image each point projects into, packed as
  /// r·65536 + g·256 + b (exact in a float); -1 where no image sees it. Empty
  /// when the frame has no images.
  std::vector<float> cameraRgb;
  std::vector<std::uint32_t> sourceIndex;  ///< batch position -> index in the sweep (for picking)
  /// Sensor -> world (the 3D view's frame). Applied by the vertex shader.
  Eigen::Matrix4f T_world_sensor = Eigen::Matrix4f::Identity();
  float timeMin = 0.0F;  ///< seconds, smallest entry of `time`
  float timeMax = 0.0F;  ///< seconds, largest entry of `time`
  int ringCount = 0;     ///< largest ring + 1

  [[nodiscard]] std::size_t size() const noexcept { return positions.size() / 3; }
  [[nodiscard]] bool hasRing() const noexcept { return !ring.empty(); }
  [[nodiscard]] bool hasTime() const noexcept { return !time.empty(); }
  [[nodiscard]] bool hasCameraRgb() const noexcept { return !cameraRgb.empty(); }
};

}  // namespace fuselabel::render
