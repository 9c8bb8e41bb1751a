#include "datasets/sequence/frame_projection.hpp"

namespace fuselabel {

Result<FrameProjection> projectFrame(const Sequence& sequence, size_t frame,
                                     const std::string& camera) {
  auto image = sequence.cameraSample(frame, camera);
  if (!image) return image.error();
  auto rig = sequence.rig(frame);
  if (!rig) return rig.error();
  const Sensor* sensor = (*rig)->find(camera);
  if (sensor == nullptr || !sensor->camera)
    return Error{"the rig has no camera named '" + camera + "'"};
  auto T_camera_lidar = (*rig)->transform(camera, sequence.referenceLidar);
  if (!T_camera_lidar) return T_camera_lidar.error();
  auto sweep = sequence.loadSweep(frame);
  if (!sweep) return sweep.error();

  FrameProjection result;
  result.camera = *sensor->camera;
  result.T_camera_lidar = *T_camera_lidar;
  result.image = *image;
  result.projection = projectSweep(sweep->cloud, result.T_camera_lidar, *result.camera);
  result.sweep = std::move(*sweep);
  return result;
}

}  // namespace fuselabel
