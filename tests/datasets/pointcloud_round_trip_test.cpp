// One table over every writable format and encoding (Open3D's PointCloudIO
// test shape): write in memory and to disk, read back, compare per channel
// with the tolerance of the format.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <string>

#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel {
namespace {

struct RoundTripCase {
  std::string label;
  PointCloudFormat format;
  PointCloudWriteOptions write;
  PointCloudReadOptions read;
  /// Largest allowed |written - read| for x, y, z and intensity; 0 means
  /// bit-exact (shortest round-trip text is exact too).
  float tolerance;
  bool keepsRing;
  bool keepsTime;
  bool keepsRgb;
};

PointCloudWriteOptions pcd(PcdEncoding e) {
  PointCloudWriteOptions o;
  o.pcdEncoding = e;
  return o;
}
PointCloudWriteOptions ply(PlyEncoding e) {
  PointCloudWriteOptions o;
  o.plyEncoding = e;
  return o;
}
PointCloudWriteOptions floatFields(std::vector<std::string> fields) {
  PointCloudWriteOptions o;
  o.float32Fields = std::move(fields);
  return o;
}
PointCloudReadOptions readFloatFields(std::vector<std::string> fields) {
  PointCloudReadOptions o;
  o.float32Fields = std::move(fields);
  return o;
}

std::vector<RoundTripCase> cases() {
  const std::vector<std::string> av2{"x", "y", "z", "intensity", "laser_number", "_"};
  return {
      {"kitti_bin", PointCloudFormat::KittiBin, {}, {}, 0.0F, false, false, false},
      {"nuscenes_bin", PointCloudFormat::NuscenesBin, {}, {}, 0.0F, true, false, false},
      {"float32_fields", PointCloudFormat::Float32, floatFields(av2), readFloatFields(av2), 0.0F,
       true, false, false},
      {"pcd_ascii", PointCloudFormat::Pcd, pcd(PcdEncoding::Ascii), {}, 0.0F, true, true, true},
      {"pcd_binary", PointCloudFormat::Pcd, pcd(PcdEncoding::Binary), {}, 0.0F, true, true, true},
      {"pcd_binary_compressed",
       PointCloudFormat::Pcd,
       pcd(PcdEncoding::BinaryCompressed),
       {},
       0.0F,
       true,
       true,
       true},
      {"ply_ascii", PointCloudFormat::Ply, ply(PlyEncoding::Ascii), {}, 0.0F, true, false, true},
      {"ply_binary_le",
       PointCloudFormat::Ply,
       ply(PlyEncoding::BinaryLittleEndian),
       {},
       0.0F,
       true,
       false,
       true},
      {"ply_binary_be",
       PointCloudFormat::Ply,
       ply(PlyEncoding::BinaryBigEndian),
       {},
       0.0F,
       true,
       false,
       true},
  };
}

/// A cloud with awkward values: negative zero, tiny and huge magnitudes,
/// values without a short decimal form, NaN, all optional channels.
PointCloud sampleCloud() {
  PointCloud cloud;
  cloud.enableRing();
  cloud.enableTime();
  cloud.enableRgb();
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> coord(-120.0F, 120.0F);
  const std::size_t n = 1000;
  cloud.resize(n);
  cloud.setTimestampNs(1'532'402'927'647'951'000);
  for (std::size_t i = 0; i < n; ++i) {
    cloud.x()[i] = coord(rng);
    cloud.y()[i] = coord(rng);
    cloud.z()[i] = coord(rng) / 30.0F;
    cloud.intensity()[i] = static_cast<float>(i % 256) / 255.0F;
    cloud.ring()[i] = static_cast<std::uint16_t>(i % 64);
    cloud.timeOffsetNs()[i] = static_cast<std::int32_t>(i * 99'991);
    cloud.rgb()[i] = Rgb8{static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i * 3),
                          static_cast<std::uint8_t>(255 - i % 256)};
  }
  cloud.x()[1] = -0.0F;
  cloud.y()[2] = std::numeric_limits<float>::denorm_min();
  cloud.z()[3] = std::numeric_limits<float>::max();
  cloud.x()[4] = std::numeric_limits<float>::quiet_NaN();
  cloud.y()[5] = 0.1F;
  cloud.intensity()[6] = 1e-30F;
  return cloud;
}

bool sameFloat(float a, float b, float tolerance) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (tolerance == 0.0F) return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  return std::fabs(a - b) <= tolerance;
}

void expectSame(const PointCloud& expected, const PointCloud& actual, const RoundTripCase& c) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_TRUE(sameFloat(expected.x()[i], actual.x()[i], c.tolerance)) << "x of point " << i;
    ASSERT_TRUE(sameFloat(expected.y()[i], actual.y()[i], c.tolerance)) << "y of point " << i;
    ASSERT_TRUE(sameFloat(expected.z()[i], actual.z()[i], c.tolerance)) << "z of point " << i;
    ASSERT_TRUE(sameFloat(expected.intensity()[i], actual.intensity()[i], c.tolerance))
        << "intensity of " << i;
  }
  ASSERT_EQ(actual.hasRing(), c.keepsRing);
  if (c.keepsRing) {
    for (std::size_t i = 0; i < expected.size(); ++i)
      ASSERT_EQ(actual.ring()[i], expected.ring()[i]) << i;
  }
  ASSERT_EQ(actual.hasTime(), c.keepsTime);
  if (c.keepsTime) {
    // The sweep timestamp is re-derived as the earliest point time; absolute
    // per-point times must match to the nanosecond.
    for (std::size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(actual.timestampNs() + actual.timeOffsetNs()[i],
                expected.timestampNs() + expected.timeOffsetNs()[i])
          << i;
    }
  }
  ASSERT_EQ(actual.hasRgb(), c.keepsRgb);
  if (c.keepsRgb) {
    for (std::size_t i = 0; i < expected.size(); ++i)
      ASSERT_EQ(actual.rgb()[i], expected.rgb()[i]) << i;
  }
}

class PointCloudRoundTrip : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(PointCloudRoundTrip, InMemory) {
  const RoundTripCase& c = GetParam();
  const PointCloud cloud = sampleCloud();
  Result<std::vector<std::byte>> bytes = serializePointCloud(cloud, c.format, c.write);
  ASSERT_TRUE(bytes) << bytes.error().message;
  Result<PointCloudFile> read = parsePointCloud(*bytes, c.format, c.read, c.label);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->warnings.empty()) << read->warnings.front();
  expectSame(cloud, read->cloud, c);
}

TEST_P(PointCloudRoundTrip, ThroughFileWithEmptyCloud) {
  const RoundTripCase& c = GetParam();
  const auto dir = std::filesystem::temp_directory_path() / ("fuselabel_rt_" + c.label);
  std::filesystem::create_directories(dir);
  const auto path = dir / "cloud.dat";
  PointCloud empty;
  ASSERT_TRUE(writePointCloud(path, empty, c.format, c.write));
  Result<PointCloudFile> read = readPointCloud(path, c.format, c.read);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->cloud.size(), 0U);

  const PointCloud cloud = sampleCloud();
  ASSERT_TRUE(writePointCloud(path, cloud, c.format, c.write));  // replaces the file
  read = readPointCloud(path, c.format, c.read);
  ASSERT_TRUE(read) << read.error().message;
  expectSame(cloud, read->cloud, c);
  // Only the final file is left behind, no temporaries.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator{}),
            1);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, PointCloudRoundTrip, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<RoundTripCase>& p) {
                           return p.param.label;
                         });

}  // namespace
}  // namespace fuselabel
