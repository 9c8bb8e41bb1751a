// Camera models against OpenCV as the reference implementation: the same
// intrinsics and points must give the same pixels, and points beyond the
// lens model's valid field of view must be rejected rather than folded back.

#include <gtest/gtest.h>

#include <opencv2/calib3d.hpp>
#include <random>

#include "calib/camera/camera_model.hpp"

namespace fuselabel {
namespace {

CameraIntrinsics radtanIntrinsics() {
  CameraIntrinsics k;
  k.fx = 1266.4;
  k.fy = 1266.4;
  k.cx = 816.3;
  k.cy = 491.5;
  k.width = 1600;
  k.height = 900;
  k.model = DistortionModel::RadialTangential;
  k.distortion = {-0.12, 0.08, 0.0009, -0.0012, -0.015, 0, 0, 0};
  return k;
}

CameraIntrinsics fisheyeIntrinsics() {
  CameraIntrinsics k;
  k.fx = 420.0;
  k.fy = 421.0;
  k.cx = 640.0;
  k.cy = 400.0;
  k.width = 1280;
  k.height = 800;
  k.model = DistortionModel::Equidistant;
  k.distortion = {0.05, -0.01, 0.003, -0.0005, 0, 0, 0, 0};
  return k;
}

std::vector<cv::Point3d> randomPointsInFront(int count, double maxTan, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> depth(0.5, 80.0);
  std::uniform_real_distribution<double> tangent(-maxTan, maxTan);
  std::vector<cv::Point3d> points;
  for (int i = 0; i < count; ++i) {
    const double z = depth(rng);
    points.emplace_back(tangent(rng) * z, tangent(rng) * z, z);
  }
  return points;
}

cv::Mat cameraMatrixOf(const CameraIntrinsics& k) {
  return (cv::Mat_<double>(3, 3) << k.fx, k.skew, k.cx, 0, k.fy, k.cy, 0, 0, 1);
}

void expectMatchesOpenCv(const CameraModel& model, const std::vector<cv::Point3d>& points,
                         const std::vector<cv::Point2d>& reference) {
  int compared = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const auto pixel = model.project({points[i].x, points[i].y, points[i].z});
    ASSERT_TRUE(pixel.has_value())
        << "point " << i << " inside the valid field of view was rejected";
    EXPECT_NEAR(pixel->x(), reference[i].x, 1e-6) << "point " << i;
    EXPECT_NEAR(pixel->y(), reference[i].y, 1e-6) << "point " << i;
    ++compared;
  }
  EXPECT_EQ(compared, static_cast<int>(points.size()));
}

TEST(CameraModel, RadialTangentialMatchesOpenCvProjectPoints) {
  auto model = CameraModel::create(radtanIntrinsics());
  ASSERT_TRUE(model.ok()) << model.error().message;
  const auto points = randomPointsInFront(5000, 0.7, 1);
  const auto& k = model->intrinsics();
  std::vector<cv::Point2d> reference;
  cv::projectPoints(points, cv::Vec3d(0, 0, 0), cv::Vec3d(0, 0, 0), cameraMatrixOf(k),
                    std::vector<double>(k.distortion.begin(), k.distortion.begin() + 5), reference);
  expectMatchesOpenCv(*model, points, reference);
}

TEST(CameraModel, RationalModelMatchesOpenCvProjectPoints) {
  CameraIntrinsics k = radtanIntrinsics();
  k.distortion = {0.4, -0.2, 0.001, 0.0005, 0.05, 0.6, -0.1, 0.08};
  auto model = CameraModel::create(k);
  ASSERT_TRUE(model.ok()) << model.error().message;
  const auto points = randomPointsInFront(5000, 0.7, 2);
  std::vector<cv::Point2d> reference;
  cv::projectPoints(points, cv::Vec3d(0, 0, 0), cv::Vec3d(0, 0, 0), cameraMatrixOf(k),
                    std::vector<double>(k.distortion.begin(), k.distortion.end()), reference);
  expectMatchesOpenCv(*model, points, reference);
}

TEST(CameraModel, FisheyeMatchesOpenCvFisheyeProjectPoints) {
  auto model = CameraModel::create(fisheyeIntrinsics());
  ASSERT_TRUE(model.ok()) << model.error().message;
  const auto points = randomPointsInFront(5000, 2.5, 3);
  const auto& k = model->intrinsics();
  std::vector<cv::Point2d> reference;
  cv::fisheye::projectPoints(points, reference, cv::Vec3d(0, 0, 0), cv::Vec3d(0, 0, 0),
                             cameraMatrixOf(k),
                             std::vector<double>(k.distortion.begin(), k.distortion.begin() + 4));
  expectMatchesOpenCv(*model, points, reference);
}

TEST(CameraModel, PointsBehindTheCameraAreRejected) {
  auto model = CameraModel::create(radtanIntrinsics());
  ASSERT_TRUE(model.ok());
  EXPECT_FALSE(model->project({0.0, 0.0, -1.0}).has_value());
  EXPECT_FALSE(model->project({1.0, 0.0, 0.0}).has_value());
  EXPECT_FALSE(model->project({std::nan(""), 0.0, 5.0}).has_value());
}

TEST(CameraModel, FoldBackBeyondValidRadiusIsRejected) {
  // Strong barrel distortion: r_d = r (1 - 0.3 r²) peaks at r = 1/sqrt(0.9).
  CameraIntrinsics k = radtanIntrinsics();
  k.distortion = {-0.3, 0, 0, 0, 0, 0, 0, 0};
  auto model = CameraModel::create(k);
  ASSERT_TRUE(model.ok());
  const double rMax = 1.0 / std::sqrt(0.9);
  EXPECT_NEAR(std::sqrt(model->maxRadiusSquared()), rMax, 1e-3);
  // A point at r = 1.9 (62° off axis) distorts to r_d = 1.9 (1 - 0.3 · 3.61)
  // = -0.158: it would land on the opposite side of the centre, inside the image.
  const Eigen::Vector3d farOut(1.9, 0.0, 1.0);
  const Eigen::Vector2d folded = model->distort({1.9, 0.0});
  EXPECT_TRUE(model->isInsideImage(k.fx * folded.x() + k.cx, k.cy)) << "test premise";
  EXPECT_FALSE(model->project(farOut).has_value());
  EXPECT_TRUE(model->project({0.9, 0.0, 1.0}).has_value());
}

TEST(CameraModel, UnprojectInvertsProject) {
  for (const CameraIntrinsics& k : {radtanIntrinsics(), fisheyeIntrinsics()}) {
    auto model = CameraModel::create(k);
    ASSERT_TRUE(model.ok());
    for (const cv::Point3d& p : randomPointsInFront(500, 0.6, 4)) {
      const Eigen::Vector3d point(p.x, p.y, p.z);
      const auto pixel = model->project(point);
      ASSERT_TRUE(pixel.has_value());
      const auto ray = model->unproject(*pixel);
      ASSERT_TRUE(ray.has_value());
      EXPECT_NEAR(ray->dot(point.normalized()), 1.0, 1e-12) << distortionModelName(k.model);
    }
  }
}

TEST(CameraModel, InvalidIntrinsicsAreRefusedWithAReason) {
  CameraIntrinsics k = radtanIntrinsics();
  k.fx = 0.0;
  auto zeroFocal = CameraModel::create(k);
  ASSERT_FALSE(zeroFocal.ok());
  EXPECT_NE(zeroFocal.error().message.find("focal length"), std::string::npos);

  k = radtanIntrinsics();
  k.width = 0;
  auto noSize = CameraModel::create(k);
  ASSERT_FALSE(noSize.ok());
  EXPECT_NE(noSize.error().message.find("image size is missing"), std::string::npos);

  k = radtanIntrinsics();
  k.distortion[1] = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(CameraModel::create(k).ok());
}

TEST(CameraModel, ModelNamesRoundTrip) {
  for (DistortionModel model :
       {DistortionModel::None, DistortionModel::RadialTangential, DistortionModel::Equidistant}) {
    auto parsed = parseDistortionModel(distortionModelName(model));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, model);
  }
  EXPECT_FALSE(parseDistortionModel("kannala").ok());
}

}  // namespace
}  // namespace fuselabel
