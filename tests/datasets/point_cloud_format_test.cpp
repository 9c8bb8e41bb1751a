#include "datasets/pointcloud/point_cloud_format.hpp"

#include <gtest/gtest.h>

namespace fuselabel {
namespace {

TEST(PointCloudFormat, GuessesFromFileName) {
  EXPECT_EQ(formatFromPath("a/000000.bin"), PointCloudFormat::KittiBin);
  EXPECT_EQ(formatFromPath("n015__LIDAR_TOP__1532402927647951.pcd.bin"),
            PointCloudFormat::NuscenesBin);
  EXPECT_EQ(formatFromPath("x/000950.pcd"), PointCloudFormat::Pcd);
  EXPECT_EQ(formatFromPath("MESH.PLY"), PointCloudFormat::Ply);
  EXPECT_EQ(formatFromPath("scan.PCD.BIN"), PointCloudFormat::NuscenesBin);
  EXPECT_EQ(formatFromPath("notes.txt"), std::nullopt);
  EXPECT_EQ(formatFromPath(".bin"), std::nullopt);
}

TEST(PointCloudFormat, ManifestNamesRoundTrip) {
  for (PointCloudFormat f :
       {PointCloudFormat::KittiBin, PointCloudFormat::NuscenesBin, PointCloudFormat::Float32,
        PointCloudFormat::Pcd, PointCloudFormat::Ply}) {
    EXPECT_EQ(formatFromName(formatName(f)), f);
  }
  EXPECT_EQ(formatName(PointCloudFormat::KittiBin), "kitti-bin");
  EXPECT_EQ(formatName(PointCloudFormat::NuscenesBin), "nuscenes-bin");
  EXPECT_EQ(formatFromName("las"), std::nullopt);
}

}  // namespace
}  // namespace fuselabel
