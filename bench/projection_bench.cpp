// ProjectSweep: a 120k-point sweep into a distorted camera, fuselabel's
// vectorised projection against cv::projectPoints, the call a user would
// otherwise make. Both produce a pixel per point; ours also flags
// behind-camera and fold-back points, which OpenCV does not.

#include <benchmark/benchmark.h>

#include <opencv2/calib3d.hpp>

#include "bench_inputs.hpp"
#include "calib/projection/sweep_projection.hpp"
#include "core/geometry/transform.hpp"

namespace fuselabel::bench {
namespace {

constexpr std::size_t kSweepPoints = 120'000;

CameraModel benchCamera() {
  CameraIntrinsics k;
  k.fx = 1266.4;
  k.fy = 1266.4;
  k.cx = 816.3;
  k.cy = 491.5;
  k.width = 1600;
  k.height = 900;
  k.model = DistortionModel::RadialTangential;
  k.distortion = {-0.12, 0.08, 0.0009, -0.0012, -0.015, 0, 0, 0};
  return CameraModel::create(k).value();
}

/// A front camera 1.5 m up looking along the ego x axis (optical z = ego x).
Eigen::Isometry3d benchExtrinsic() {
  Eigen::Matrix3d R_ego_cam;
  R_ego_cam << 0, 0, 1, -1, 0, 0, 0, -1, 0;
  Eigen::Isometry3d T_ego_cam = Eigen::Isometry3d::Identity();
  T_ego_cam.linear() = R_ego_cam;
  T_ego_cam.translation() = Eigen::Vector3d(1.5, 0.0, 1.5);
  return T_ego_cam.inverse();
}

void ProjectSweepFuselabel(benchmark::State& state) {
  const PointCloud cloud = randomCloud(kSweepPoints);
  const CameraModel camera = benchCamera();
  const Eigen::Isometry3d T_cam_lidar = benchExtrinsic();
  SweepProjection out;
  for (auto _ : state) {
    projectSweepInto(cloud, T_cam_lidar, camera, out);
    benchmark::DoNotOptimize(out.u.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kSweepPoints));
}

void ProjectSweepOpenCv(benchmark::State& state) {
  const PointCloud cloud = randomCloud(kSweepPoints);
  const CameraModel camera = benchCamera();
  const Eigen::Isometry3d T_cam_lidar = benchExtrinsic();
  // OpenCV takes an interleaved Point3f array; the SoA→AoS copy is what a
  // user of our point cloud would have to do, but it is kept out of the
  // timing so the comparison is projection against projection.
  std::vector<cv::Point3f> points(cloud.size());
  for (std::size_t i = 0; i < cloud.size(); ++i)
    points[i] = {cloud.x()[i], cloud.y()[i], cloud.z()[i]};
  cv::Mat R(3, 3, CV_64F);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c)
      R.at<double>(r, c) = T_cam_lidar.linear()(r, c);
  }
  cv::Vec3d rvec;
  cv::Rodrigues(R, rvec);
  const Eigen::Vector3d t = T_cam_lidar.translation();
  const cv::Vec3d tvec(t.x(), t.y(), t.z());
  const auto& k = camera.intrinsics();
  const cv::Matx33d K(k.fx, 0, k.cx, 0, k.fy, k.cy, 0, 0, 1);
  const std::vector<double> distortion(k.distortion.begin(), k.distortion.begin() + 5);
  std::vector<cv::Point2f> pixels;
  for (auto _ : state) {
    cv::projectPoints(points, rvec, tvec, K, distortion, pixels);
    benchmark::DoNotOptimize(pixels.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kSweepPoints));
}

BENCHMARK(ProjectSweepFuselabel)->Name("ProjectSweep/fuselabel")->Unit(benchmark::kMicrosecond);
BENCHMARK(ProjectSweepOpenCv)->Name("ProjectSweep/opencv")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fuselabel::bench
