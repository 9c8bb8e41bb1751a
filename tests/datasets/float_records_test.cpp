#include <gtest/gtest.h>

#include <string>

#include "pointcloud_test_util.hpp"

namespace fuselabel {
namespace {

using test::appendRaw;
using test::parseText;

TEST(FloatRecords, KittiRecordsAndSizeErrors) {
  std::string text;
  for (float v : {1.0F, 2.0F, 3.0F, 0.5F, 4.0F, 5.0F, 6.0F, 0.25F})
    appendRaw(text, v);
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::KittiBin);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->cloud.size(), 2U);
  EXPECT_EQ(r->cloud.z()[1], 6.0F);
  EXPECT_EQ(r->cloud.intensity()[1], 0.25F);
  EXPECT_FALSE(r->cloud.hasRing());

  r = parseText(text.substr(0, 30), PointCloudFormat::KittiBin);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "mem.kitti-bin: size 30 bytes is not a multiple of the 16-byte record (x y z "
            "intensity): the file is "
            "truncated or not in this format");
  r = parseText("", PointCloudFormat::KittiBin);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->cloud.empty());
}

TEST(FloatRecords, NuscenesRingAndBadRingValues) {
  std::string text;
  for (float v : {1.0F, 2.0F, 3.0F, 100.0F, 31.0F, 1.0F, 2.0F, 3.0F, 5.0F, -1.0F})
    appendRaw(text, v);
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::NuscenesBin);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(r->cloud.hasRing());
  EXPECT_EQ(r->cloud.ring()[0], 31);
  EXPECT_EQ(r->cloud.ring()[1], 0);
  EXPECT_TRUE(test::hasWarning(*r, "1 ring values were not whole numbers"));
}

TEST(FloatRecords, GenericFieldsSkipPaddingAndUnknownNames) {
  PointCloudReadOptions options;
  options.float32Fields = {"_", "z", "mystery", "y", "x", "laser_number"};
  std::string text;
  for (float v : {9.0F, 3.0F, 9.0F, 2.0F, 1.0F, 7.0F})
    appendRaw(text, v);
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Float32, options);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->cloud.size(), 1U);
  EXPECT_EQ(r->cloud.x()[0], 1.0F);
  EXPECT_EQ(r->cloud.y()[0], 2.0F);
  EXPECT_EQ(r->cloud.z()[0], 3.0F);
  EXPECT_EQ(r->cloud.intensity()[0], 0.0F);
  EXPECT_EQ(r->cloud.ring()[0], 7);

  options.float32Fields = {"a", "b"};
  r = parseText(text.substr(0, 8), PointCloudFormat::Float32, options);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no x, y and z"), std::string::npos);
  options.float32Fields = {};
  EXPECT_FALSE(parseText(text, PointCloudFormat::Float32, options));
}

TEST(FloatRecords, MaxPointsLimit) {
  PointCloudReadOptions options;
  options.maxPoints = 1;
  std::string text(32, '\0');
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::KittiBin, options);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("more than the limit of 1"), std::string::npos);
}

TEST(FloatRecords, MissingFileNamesThePath) {
  Result<PointCloudFile> r = readPointCloud("/nonexistent/dir/000000.bin");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/nonexistent/dir/000000.bin"), std::string::npos);
  r = readPointCloud("/tmp/cloud.las");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unknown point cloud file type"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
