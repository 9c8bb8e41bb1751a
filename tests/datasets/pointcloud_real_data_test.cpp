// Acceptance tests on the real recordings in ../shared/data (see its README,
// sections 1-5). Each expected number comes from that README.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "datasets/image/image_loader.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::sharedDataPath;

PointCloudFile readOrFail(const std::filesystem::path& path,
                          const PointCloudReadOptions& options = {}) {
  Result<PointCloudFile> r = readPointCloud(path, options);
  EXPECT_TRUE(r) << r.error().message;
  return r ? std::move(r).value() : PointCloudFile{};
}

std::pair<float, float> range(std::span<const float> values) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return {*lo, *hi};
}

TEST(RealPointClouds, KittiVelodyneSweeps) {
  const std::pair<const char*, std::size_t> frames[] = {
      {"000000", 115384}, {"000001", 120268}, {"000002", 126891}};
  for (const auto& [frame, count] : frames) {
    const auto path = sharedDataPath(
        std::string("kitti_object_vis/data/object/training/velodyne/") + frame + ".bin");
    FUSELABEL_REQUIRE_SHARED_DATA(path);
    const PointCloudFile file = readOrFail(path);
    EXPECT_EQ(file.cloud.size(), count) << frame;
    EXPECT_TRUE(file.warnings.empty());
    const auto [lo, hi] = range(file.cloud.intensity());
    EXPECT_GE(lo, 0.0F);
    EXPECT_LE(hi, 1.0F);
    EXPECT_EQ(file.cloud.finiteCount(), count);
  }
  const auto cropped = sharedDataPath("mmdet3d_kitti_demo/demo/data/kitti/000008.bin");
  FUSELABEL_REQUIRE_SHARED_DATA(cropped);
  const PointCloudFile file = readOrFail(cropped);
  EXPECT_EQ(file.cloud.size(), 17238U);
  EXPECT_GE(range(file.cloud.x()).first, 2.88F);  // cropped to the camera's view
}

TEST(RealPointClouds, NuscenesLidarTop) {
  const auto path = sharedDataPath(
      "mmdet3d_nuscenes_demo/demo/data/nuscenes/"
      "n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin");
  FUSELABEL_REQUIRE_SHARED_DATA(path);
  const PointCloudFile file = readOrFail(path);  // .pcd.bin: nuScenes, not PCD
  ASSERT_EQ(file.cloud.size(), 34688U);
  ASSERT_TRUE(file.cloud.hasRing());
  EXPECT_TRUE(file.warnings.empty());
  const auto [lo, hi] = std::minmax_element(file.cloud.ring().begin(), file.cloud.ring().end());
  EXPECT_EQ(*lo, 0);
  EXPECT_EQ(*hi, 31);
  const auto [ilo, ihi] = range(file.cloud.intensity());
  EXPECT_GE(ilo, 0.0F);
  EXPECT_LE(ihi, 255.0F);
}

TEST(RealPointClouds, SustechPcdWithMisplacedHeaderOffsets) {
  struct Frame {
    const char* name;
    std::size_t points;
    double firstTimeS;
  };
  const Frame frames[] = {{"000950", 68242, 1818.8107},
                          {"000965", 66781, 1820.3020},
                          {"000970", 66899, 1820.7976},
                          {"000975", 67153, 1821.2953}};
  for (const Frame& frame : frames) {
    const auto path =
        sharedDataPath(std::string("sustech_example/data/example/lidar/") + frame.name + ".pcd");
    FUSELABEL_REQUIRE_SHARED_DATA(path);
    const PointCloudFile file = readOrFail(path);
    const PointCloud& c = file.cloud;
    ASSERT_EQ(c.size(), frame.points) << frame.name;
    // Ring 0..39 (a 40-beam lidar): read at @32, not the header's @34.
    ASSERT_TRUE(c.hasRing());
    const auto [rlo, rhi] = std::minmax_element(c.ring().begin(), c.ring().end());
    EXPECT_EQ(*rlo, 0);
    EXPECT_EQ(*rhi, 39);
    // Timestamps (float64 s at @24) span about 0.1 s.
    ASSERT_TRUE(c.hasTime());
    EXPECT_NEAR(static_cast<double>(c.timestampNs()) * 1e-9, frame.firstTimeS, 1e-3) << frame.name;
    const auto [tlo, thi] = std::minmax_element(c.timeOffsetNs().begin(), c.timeOffsetNs().end());
    EXPECT_EQ(*tlo, 0);
    EXPECT_NEAR(*thi * 1e-9, 0.1, 0.005) << frame.name;
    const auto [ilo, ihi] = range(c.intensity());
    EXPECT_EQ(ilo, 0.0F);
    EXPECT_EQ(ihi, 255.0F);
    // One warning for the layout, one for the 3848 trailing bytes.
    bool layout = false, trailing = false;
    for (const std::string& w : file.warnings) {
      layout |= w.find("'timestamp' @20 -> @24") != std::string::npos &&
                w.find("'ring' @34 -> @32") != std::string::npos;
      trailing |= w.find("3848 bytes after the last point") != std::string::npos;
      EXPECT_EQ(w.rfind(path.string(), 0), 0U) << w;
    }
    EXPECT_TRUE(layout) << frame.name;
    EXPECT_TRUE(trailing) << frame.name;
  }
}

TEST(RealPointClouds, Argoverse2ConvertedSweeps) {
  PointCloudReadOptions options;
  options.float32Fields = {"x", "y", "z", "intensity", "laser_number"};
  const std::pair<const char*, std::size_t> sweeps[] = {{"315966265259836000", 99229},
                                                        {"315966265360032000", 99466}};
  for (const auto& [sweep, count] : sweeps) {
    const auto path =
        sharedDataPath(std::string("av2_sensor_test/converted/sensors/lidar/") + sweep + ".bin");
    FUSELABEL_REQUIRE_SHARED_DATA(path);
    Result<PointCloudFile> r = readPointCloud(path, PointCloudFormat::Float32, options);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->cloud.size(), count);
    ASSERT_TRUE(r->cloud.hasRing());
    EXPECT_LE(*std::max_element(r->cloud.ring().begin(), r->cloud.ring().end()), 63);
    EXPECT_TRUE(r->warnings.empty());
    // Read as KITTI (4 floats) the 20-byte records do not divide the size.
    Result<PointCloudFile> wrong = readPointCloud(path, PointCloudFormat::KittiBin);
    if (count * 20 % 16 != 0) {
      EXPECT_FALSE(wrong);
    }
  }
}

TEST(RealImages, KittiPngAndNuscenesJpegSyncAndAsync) {
  const auto png = sharedDataPath("kitti_object_vis/data/object/training/image_2/000000.png");
  const auto jpg = sharedDataPath(
      "mmdet3d_nuscenes_demo/demo/data/nuscenes/"
      "n015-2018-07-24-11-22-45+0800__CAM_FRONT__1532402927612460.jpg");
  FUSELABEL_REQUIRE_SHARED_DATA(png);
  FUSELABEL_REQUIRE_SHARED_DATA(jpg);
  Result<Image> image = loadImage(png);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 1224);
  EXPECT_EQ(image->height, 370);
  EXPECT_EQ(image->rgb.size(), 1224U * 370U * 3U);

  ImageLoader loader(2);
  auto a = loader.loadAsync(jpg);
  auto b = loader.loadAsync(png);
  Result<Image> front = a.get();
  ASSERT_TRUE(front) << front.error().message;
  EXPECT_EQ(front->width, 1600);
  EXPECT_EQ(front->height, 900);
  Result<Image> again = b.get();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->rgb, image->rgb);
}

}  // namespace
}  // namespace fuselabel
