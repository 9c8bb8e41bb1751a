// Cross-checks our PCD reader against PCL on the real SUSTech file. PCL
// reads x, y, z right (it is only wrong about timestamp and ring there).
// PCL headers stay in this one translation unit.

#include <gtest/gtest.h>
#include <pcl/io/pcd_io.h>
#include <pcl/point_types.h>

#include <bit>

#include "datasets/pointcloud/point_cloud_io.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

TEST(PclCrossCheck, SustechXyzMatchesPclBitForBit) {
  const auto path = test::sharedDataPath("sustech_example/data/example/lidar/000965.pcd");
  FUSELABEL_REQUIRE_SHARED_DATA(path);
  pcl::PointCloud<pcl::PointXYZ> reference;
  ASSERT_EQ(pcl::io::loadPCDFile(path.string(), reference), 0);
  Result<PointCloudFile> ours = readPointCloud(path);
  ASSERT_TRUE(ours) << ours.error().message;
  ASSERT_EQ(ours->cloud.size(), reference.size());
  for (std::size_t i = 0; i < reference.size(); ++i) {
    ASSERT_EQ(std::bit_cast<std::uint32_t>(ours->cloud.x()[i]),
              std::bit_cast<std::uint32_t>(reference[i].x))
        << i;
    ASSERT_EQ(std::bit_cast<std::uint32_t>(ours->cloud.y()[i]),
              std::bit_cast<std::uint32_t>(reference[i].y))
        << i;
    ASSERT_EQ(std::bit_cast<std::uint32_t>(ours->cloud.z()[i]),
              std::bit_cast<std::uint32_t>(reference[i].z))
        << i;
  }
}

}  // namespace
}  // namespace fuselabel
