// Point-in-cuboid counts against the counts published with real datasets:
// nuScenes `num_lidar_pts` (via mmdetection3d's info file) and Argoverse 2
// `num_interior_pts`. Matching them box for box checks the cuboid convention
// (centre, l/w/h axes, yaw / quaternion direction) and the inclusive boundary.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/geometry/points_in_cuboid.hpp"
#include "core/geometry/transform.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

// Reads a headerless little-endian float32 × `stride` file (x, y, z,
// intensity, ring, ...) into a cloud. The data tier runs on little-endian
// hosts only, so the bytes are copied as they are.
PointCloud readFloat32Cloud(const std::filesystem::path& path, std::size_t stride) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  const std::size_t pointBytes = stride * sizeof(float);
  EXPECT_EQ(bytes.size() % pointBytes, 0U) << path;
  const std::size_t count = bytes.size() / pointBytes;
  std::vector<float> values(count * stride);
  std::memcpy(values.data(), bytes.data(), count * pointBytes);
  PointCloud cloud;
  cloud.enableRing();
  cloud.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const float* p = &values[i * stride];
    cloud.x()[i] = p[0];
    cloud.y()[i] = p[1];
    cloud.z()[i] = p[2];
    cloud.intensity()[i] = p[3];
    cloud.ring()[i] = static_cast<std::uint16_t>(p[4]);
  }
  return cloud;
}

TEST(PointsInCuboidData, NuscenesBoxesMatchNumLidarPts) {
  const auto lidarPath = test::sharedDataPath(
      "mmdet3d_nuscenes_demo/demo/data/nuscenes/"
      "n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin");
  const auto infoPath = test::sharedDataPath(
      "mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  FUSELABEL_REQUIRE_SHARED_DATA(lidarPath);
  FUSELABEL_REQUIRE_SHARED_DATA(infoPath);

  const PointCloud cloud = readFloat32Cloud(lidarPath, 5);
  ASSERT_EQ(cloud.size(), 34688U);
  EXPECT_EQ(cloud.finiteCount(), cloud.size());

  std::ifstream infoFile(infoPath);
  const nlohmann::json info = nlohmann::json::parse(infoFile);
  const nlohmann::json& instances = info.at("data_list").at(0).at("instances");
  ASSERT_EQ(instances.size(), 69U);
  // 61 of the 69 published counts are reproduced exactly. For these 8 the
  // dataset's num_lidar_pts disagrees (by 1 to 16 points, in both directions)
  // with an exact inclusive point-in-box count on this sweep; an independent
  // plain-Python count gives the same numbers as ours, and no alternative
  // convention (strict bounds, l/w swapped, negated yaw, bottom centre, a
  // global shift of up to ±0.1 m or a rotation of up to ±0.02 rad) reproduces
  // all 69. Static barriers are among them, so box motion is not the cause;
  // nuScenes computed its counts in its own pipeline (global frame, possibly
  // other point processing) which the published sweep does not reproduce.
  // The counts are pinned so a change in our geometry still shows up here.
  struct KnownDisagreement {
    std::size_t instance;
    std::size_t published;
    std::size_t counted;
  };
  const KnownDisagreement known[] = {{7, 45, 46},  {10, 77, 79}, {16, 4, 3},   {18, 495, 479},
                                     {41, 50, 45}, {42, 4, 5},   {60, 20, 21}, {68, 27, 29}};
  int matches = 0;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    // bbox_3d = [x, y, z, l, w, h, yaw], gravity centre, LIDAR_TOP frame.
    const std::vector<double> b = instances[i].at("bbox_3d").get<std::vector<double>>();
    ASSERT_EQ(b.size(), 7U);
    const Cuboid box =
        Cuboid::fromYaw(Eigen::Vector3d(b[0], b[1], b[2]), Eigen::Vector3d(b[3], b[4], b[5]), b[6]);
    const auto published = instances[i].at("num_lidar_pts").get<std::size_t>();
    const std::size_t actual = countPointsInCuboid(cloud, box);
    const KnownDisagreement* k = nullptr;
    for (const KnownDisagreement& d : known) {
      k = d.instance == i ? &d : k;
    }
    if (k != nullptr) {
      EXPECT_EQ(published, k->published) << "instance " << i;
      EXPECT_EQ(actual, k->counted) << "instance " << i;
    } else {
      EXPECT_EQ(actual, published) << "instance " << i;
      matches += actual == published ? 1 : 0;
    }
  }
  EXPECT_EQ(matches, 61);
}

struct Av2Box {
  Cuboid box;
  std::size_t numInteriorPts = 0;
};

// Rows of converted/annotations.csv with the given timestamp. Columns:
// timestamp_ns,track_uuid,category,length_m,width_m,height_m,qw,qx,qy,qz,tx_m,ty_m,tz_m,num_interior_pts
std::vector<Av2Box> readAv2Boxes(const std::filesystem::path& path, std::int64_t timestampNs) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "timestamp_ns,track_uuid,category,length_m,width_m,height_m,qw,qx,qy,qz,tx_m,ty_m,tz_m,"
            "num_interior_pts");
  std::vector<Av2Box> boxes;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) {
      f.push_back(cell);
    }
    if (f.size() != 14) {
      ADD_FAILURE() << path << ": malformed row: " << line;
      continue;
    }
    if (std::stoll(f[0]) != timestampNs) {
      continue;
    }
    // qw, qx, qy, qz rotate object → ego; centre in the ego frame.
    Result<Eigen::Quaterniond> q =
        quaternionFromWxyz(std::stod(f[6]), std::stod(f[7]), std::stod(f[8]), std::stod(f[9]));
    if (!q) {
      ADD_FAILURE() << path << ": " << q.error().message;
      continue;
    }
    Av2Box b;
    b.box.center = Eigen::Vector3d(std::stod(f[10]), std::stod(f[11]), std::stod(f[12]));
    b.box.size = Eigen::Vector3d(std::stod(f[3]), std::stod(f[4]), std::stod(f[5]));
    b.box.rotation = *q;
    b.numInteriorPts = std::stoull(f[13]);
    boxes.push_back(b);
  }
  return boxes;
}

class Av2Sweep : public ::testing::TestWithParam<std::int64_t> {};

TEST_P(Av2Sweep, BoxesMatchNumInteriorPts) {
  const std::int64_t timestampNs = GetParam();
  const auto lidarPath = test::sharedDataPath("av2_sensor_test/converted/sensors/lidar/" +
                                              std::to_string(timestampNs) + ".bin");
  const auto annotationsPath = test::sharedDataPath("av2_sensor_test/converted/annotations.csv");
  FUSELABEL_REQUIRE_SHARED_DATA(lidarPath);
  FUSELABEL_REQUIRE_SHARED_DATA(annotationsPath);

  const PointCloud cloud = readFloat32Cloud(lidarPath, 5);
  EXPECT_EQ(cloud.size(), timestampNs == 315966265259836000 ? 99229U : 99466U);
  const std::vector<Av2Box> boxes = readAv2Boxes(annotationsPath, timestampNs);
  ASSERT_EQ(boxes.size(), 81U);
  int matches = 0;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const std::size_t actual = countPointsInCuboid(cloud, boxes[i].box);
    EXPECT_EQ(actual, boxes[i].numInteriorPts) << "box " << i;
    matches += actual == boxes[i].numInteriorPts ? 1 : 0;
  }
  EXPECT_EQ(matches, 81);
}

INSTANTIATE_TEST_SUITE_P(TwoSweeps, Av2Sweep,
                         ::testing::Values(315966265259836000, 315966265360032000));

}  // namespace
}  // namespace fuselabel
