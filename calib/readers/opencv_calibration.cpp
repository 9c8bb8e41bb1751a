#include "calib/readers/opencv_calibration.hpp"

#include <opencv2/core.hpp>

#include "core/geometry/transform.hpp"

namespace fuselabel {
namespace {

Result<cv::Mat> readMatrix(const cv::FileStorage& storage, const char* key,
                           const std::string& file) {
  cv::Mat matrix;
  const cv::FileNode node = storage[key];
  if (node.empty()) return Error::inFile(file, std::string("missing '") + key + "'");
  try {
    node >> matrix;
  } catch (const cv::Exception& e) {
    return Error::at(file, std::string("'") + key + "'",
                     std::string("is not a matrix: ") + e.what());
  }
  if (matrix.empty()) return Error::at(file, std::string("'") + key + "'", "is not a matrix");
  matrix.convertTo(matrix, CV_64F);
  return matrix;
}

}  // namespace

Result<Sensor> readOpenCvCamera(const std::filesystem::path& file, const std::string& name) {
  const std::string fileName = file.string();
  if (!std::filesystem::exists(file)) return Error::inFile(fileName, "file not found");
  cv::FileStorage storage;
  try {
    storage.open(fileName, cv::FileStorage::READ);
  } catch (const cv::Exception& e) {
    return Error::inFile(fileName, std::string("cannot be parsed: ") + e.what());
  }
  if (!storage.isOpened())
    return Error::inFile(fileName, "cannot be opened as an OpenCV FileStorage file");

  auto K = readMatrix(storage, "camera_matrix", fileName);
  if (!K) return K.error();
  if (K->rows != 3 || K->cols != 3) return Error::at(fileName, "'camera_matrix'", "must be 3×3");

  CameraIntrinsics intrinsics;
  intrinsics.fx = K->at<double>(0, 0);
  intrinsics.skew = K->at<double>(0, 1);
  intrinsics.cx = K->at<double>(0, 2);
  intrinsics.fy = K->at<double>(1, 1);
  intrinsics.cy = K->at<double>(1, 2);
  intrinsics.width = static_cast<int>(
      storage["image_width"].empty() ? 0 : static_cast<int>(storage["image_width"]));
  intrinsics.height = static_cast<int>(
      storage["image_height"].empty() ? 0 : static_cast<int>(storage["image_height"]));

  std::string model = "plumb_bob";
  if (!storage["distortion_model"].empty())
    model = static_cast<std::string>(storage["distortion_model"]);
  if (!storage["distortion_coefficients"].empty()) {
    auto D = readMatrix(storage, "distortion_coefficients", fileName);
    if (!D) return D.error();
    const int count = static_cast<int>(D->total());
    const bool fisheye = model == "fisheye" || model == "equidistant";
    if (fisheye ? count != 4 : (count != 4 && count != 5 && count != 8)) {
      return Error::at(fileName, "'distortion_coefficients'",
                       "has " + std::to_string(count) + " values; expected " +
                           (fisheye ? "4 for a fisheye model" : "4, 5 or 8"));
    }
    for (int i = 0; i < count; ++i)
      intrinsics.distortion[static_cast<size_t>(i)] = D->at<double>(i);
    intrinsics.model = fisheye ? DistortionModel::Equidistant : DistortionModel::RadialTangential;
  }
  if (model == "none") intrinsics.model = DistortionModel::None;
  auto camera = CameraModel::create(intrinsics);
  if (!camera) return camera.error().withContext(fileName);

  Sensor sensor;
  sensor.name = name;
  sensor.kind = SensorKind::Camera;
  sensor.camera = *camera;
  if (!storage["T_ego_camera"].empty()) {
    auto T = readMatrix(storage, "T_ego_camera", fileName);
    if (!T) return T.error();
    if (T->rows != 4 || T->cols != 4) return Error::at(fileName, "'T_ego_camera'", "must be 4×4");
    std::array<double, 16> values{};
    for (int i = 0; i < 16; ++i)
      values[static_cast<size_t>(i)] = T->at<double>(i / 4, i % 4);
    auto transform = fromRowMajor4x4(values);
    if (!transform) return transform.error().withContext(fileName + ": 'T_ego_camera'");
    sensor.T_ego_sensor = *transform;
  }
  return sensor;
}

}  // namespace fuselabel
