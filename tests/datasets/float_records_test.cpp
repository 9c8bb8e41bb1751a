#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
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

/// A file of `points` float32 records of `width` fields whose field k of
/// record i holds i * 10 + k, so every decoded value names its own position.
class NumberedRecordsFile {
 public:
  NumberedRecordsFile(std::size_t points, std::size_t width)
      : m_path(std::filesystem::temp_directory_path() /
               ("fuselabel_records_" + std::to_string(::getpid()) + "_" + std::to_string(points) +
                "x" + std::to_string(width) + ".bin")) {
    for (std::size_t i = 0; i < points; ++i)
      for (std::size_t k = 0; k < width; ++k)
        appendRaw(m_text, static_cast<float>(i * 10 + k));
    std::ofstream(m_path, std::ios::binary)
        .write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
  }
  NumberedRecordsFile(const NumberedRecordsFile&) = delete;
  NumberedRecordsFile& operator=(const NumberedRecordsFile&) = delete;
  ~NumberedRecordsFile() { std::filesystem::remove(m_path); }
  const std::filesystem::path& path() const { return m_path; }
  const std::string& text() const { return m_text; }

 private:
  std::filesystem::path m_path;
  std::string m_text;
};

void expectNumbered(const PointCloud& cloud, std::size_t points) {
  ASSERT_EQ(cloud.size(), points);
  for (std::size_t i = 0; i < points; ++i) {
    const auto base = static_cast<float>(i * 10);
    ASSERT_EQ(cloud.x()[i], base) << "point " << i;
    ASSERT_EQ(cloud.y()[i], base + 1) << "point " << i;
    ASSERT_EQ(cloud.z()[i], base + 2) << "point " << i;
    ASSERT_EQ(cloud.intensity()[i], base + 3) << "point " << i;
  }
}

// The wide (eight points a step), four-point and one-point paths of the
// transpose all run for counts that are not multiples of eight, in files read
// from a mapping and in bytes parsed at once.
TEST(FloatRecords, EveryPointLandsInItsChannelsWhateverTheCount) {
  for (const std::size_t points : {std::size_t{1}, std::size_t{7}, std::size_t{13},
                                   std::size_t{16'389}, std::size_t{70'001}}) {
    SCOPED_TRACE("points " + std::to_string(points));
    const NumberedRecordsFile kitti(points, 4);
    Result<PointCloudFile> read = readPointCloud(kitti.path(), PointCloudFormat::KittiBin);
    ASSERT_TRUE(read) << read.error().message;
    expectNumbered(read->cloud, points);
    Result<PointCloudFile> parsed = parseText(kitti.text(), PointCloudFormat::KittiBin);
    ASSERT_TRUE(parsed) << parsed.error().message;
    expectNumbered(parsed->cloud, points);

    const NumberedRecordsFile nuscenes(points, 5);  // 20-byte records, ring last
    read = readPointCloud(nuscenes.path(), PointCloudFormat::NuscenesBin);
    ASSERT_TRUE(read) << read.error().message;
    expectNumbered(read->cloud, points);
  }
}

TEST(FloatRecords, ChannelsStartOnACacheLine) {
  const NumberedRecordsFile kitti(100, 4);
  Result<PointCloudFile> read = readPointCloud(kitti.path(), PointCloudFormat::KittiBin);
  ASSERT_TRUE(read) << read.error().message;
  for (const float* channel : {read->cloud.x().data(), read->cloud.y().data(),
                               read->cloud.z().data(), read->cloud.intensity().data()})
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(channel) % 64, 0U);
}

// A player hands back a sweep it has played past: the next read fills that
// memory and nothing of the old cloud (its ring channel, its time) leaks in.
TEST(FloatRecords, ReadIntoARecycledCloudReusesItsMemoryOnly) {
  PointCloud old;
  old.enableRing();
  old.enableTime();
  for (int i = 0; i < 3000; ++i)
    old.append(-1.0F, -1.0F, -1.0F, -1.0F);
  old.setTimestampNs(42);
  const float* oldX = old.x().data();

  const NumberedRecordsFile kitti(2000, 4);
  Result<PointCloudFile> read =
      readPointCloud(kitti.path(), PointCloudFormat::KittiBin, {}, std::move(old));
  ASSERT_TRUE(read) << read.error().message;
  expectNumbered(read->cloud, 2000);
  EXPECT_EQ(read->cloud.x().data(), oldX);
  EXPECT_FALSE(read->cloud.hasRing());
  EXPECT_FALSE(read->cloud.hasTime());
  EXPECT_EQ(read->cloud.timestampNs(), 0);
}

}  // namespace
}  // namespace fuselabel
