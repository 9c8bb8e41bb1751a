#pragma once
// One frame's reference sweep projected into one camera: the step behind the
// CLI's project and overlay commands and the GUI's camera panels.

#include <optional>
#include <string>

#include "calib/camera/camera_model.hpp"
#include "calib/projection/sweep_projection.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

/// The sweep, where its points land in the camera, and the image they land on.
struct FrameProjection {
  PointCloudFile sweep;               ///< the reference sweep as read
  SweepProjection projection;         ///< per point: pixel, depth, flags
  std::optional<CameraModel> camera;  ///< the camera at this frame
  Eigen::Isometry3d T_camera_lidar = Eigen::Isometry3d::Identity();  ///< reference LiDAR → camera
  std::optional<SensorSample>
      image;  ///< the matched image; none when the camera has no sample for the frame
};

/// Reads frame `frame`'s sweep and projects it into `camera`.
Result<FrameProjection> projectFrame(const Sequence& sequence, size_t frame,
                                     const std::string& camera);

}  // namespace fuselabel
