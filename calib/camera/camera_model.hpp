#pragma once
// Camera models: how a point in a camera's optical frame (OpenCV axes: x right,
// y down, z forward) lands on a pixel, and back.
//
// Supported lenses:
//  - pinhole (no distortion; also KITTI's rectified P-matrix cameras, whose
//    baseline term the calibration reader moves into the extrinsic),
//  - OpenCV radial-tangential (k1 k2 p1 p2 k3, plus the rational k4 k5 k6),
//  - fisheye / equidistant (OpenCV's cv::fisheye model, k1..k4).
//
// The distortion polynomials are only valid where they are monotonic: beyond
// that radius, a point far outside the field of view "folds back" onto a pixel
// inside the image. Every projection here rejects such points instead of
// drawing them at a wrong pixel.

#include <Eigen/Core>

#include <array>
#include <optional>
#include <string>

#include "core/util/result.hpp"

namespace fuselabel {

/// Which lens distortion a camera has.
enum class DistortionModel {
  None,              ///< ideal pinhole (rectified or undistorted images)
  RadialTangential,  ///< OpenCV's default model: k1 k2 p1 p2 k3 [k4 k5 k6]
  Equidistant,  ///< OpenCV's fisheye model: theta_d = theta (1 + k1 θ² + k2 θ⁴ + k3 θ⁶ + k4 θ⁸)
};

/// Stable lower-case name of a distortion model ("pinhole", "radtan", "fisheye").
const char* distortionModelName(DistortionModel model);

/// Parses "pinhole", "radtan" or "fisheye" (the scene manifest's spelling).
Result<DistortionModel> parseDistortionModel(const std::string& name);

/// Everything that describes one camera's lens and sensor.
struct CameraIntrinsics {
  double fx = 0.0;    ///< focal length along x in pixels
  double fy = 0.0;    ///< focal length along y in pixels
  double cx = 0.0;    ///< principal point x in pixels
  double cy = 0.0;    ///< principal point y in pixels
  double skew = 0.0;  ///< K[0,1]; zero for nearly every real camera
  int width = 0;      ///< image width in pixels
  int height = 0;     ///< image height in pixels
  DistortionModel model = DistortionModel::None;
  /// RadialTangential: k1 k2 p1 p2 k3 k4 k5 k6 (OpenCV order).
  /// Equidistant: k1 k2 k3 k4 (the rest unused).
  std::array<double, 8> distortion{};
};

/// A validated camera: projection, unprojection and the valid field of view.
class CameraModel {
 public:
  /// Checks the intrinsics (positive finite focal lengths, image size present,
  /// finite coefficients) and precomputes the valid field of view.
  static Result<CameraModel> create(const CameraIntrinsics& intrinsics);

  /// The intrinsics this model was created from.
  const CameraIntrinsics& intrinsics() const { return m_intrinsics; }

  /// Pixel of a point in the optical frame, or nothing when the point is
  /// behind the camera or outside the lens model's valid field of view. The
  /// pixel may still lie outside the image; see isInsideImage().
  std::optional<Eigen::Vector2d> project(const Eigen::Vector3d& pointInCamera) const;

  /// Distorts normalised image coordinates (x/z, y/z); no validity check.
  Eigen::Vector2d distort(const Eigen::Vector2d& normalized) const;

  /// Normalised coordinates whose distortion is `pixel`, by fixed-point
  /// iteration; nothing when the iteration does not converge.
  std::optional<Eigen::Vector2d> undistortPixel(const Eigen::Vector2d& pixel) const;

  /// Unit ray (optical frame) through the pixel, or nothing if the pixel cannot
  /// be undistorted.
  std::optional<Eigen::Vector3d> unproject(const Eigen::Vector2d& pixel) const;

  /// Whether a pixel lies inside the image: 0 <= u < width and 0 <= v < height.
  bool isInsideImage(double u, double v) const {
    return u >= 0.0 && v >= 0.0 && u < m_intrinsics.width && v < m_intrinsics.height;
  }

  /// Largest squared normalised radius (x² + y² with x = X/Z) for which the
  /// radial-tangential model is monotonic; infinity for pinhole.
  double maxRadiusSquared() const { return m_maxRadiusSquared; }

  /// Largest incidence angle (rad) for which the equidistant model is monotonic.
  double maxTheta() const { return m_maxTheta; }

  /// The 3x3 intrinsic matrix K.
  Eigen::Matrix3d cameraMatrix() const;

 private:
  explicit CameraModel(const CameraIntrinsics& intrinsics) : m_intrinsics(intrinsics) {}
  void computeValidFieldOfView();

  CameraIntrinsics m_intrinsics;
  double m_maxRadiusSquared = 0.0;
  double m_maxTheta = 0.0;
};

}  // namespace fuselabel
