// PCD features and quirks of files in the wild, on small hand-written files.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include "pointcloud_test_util.hpp"

namespace fuselabel {
namespace {

using test::appendRaw;
using test::hasWarning;
using test::parseText;

std::string header(std::string_view fields, std::string_view sizes, std::string_view types,
                   std::string_view counts, std::size_t width, std::size_t height,
                   std::string_view data) {
  return "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS " + std::string(fields) +
         "\nSIZE " + std::string(sizes) + "\nTYPE " + std::string(types) + "\nCOUNT " +
         std::string(counts) + "\nWIDTH " + std::to_string(width) + "\nHEIGHT " +
         std::to_string(height) + "\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " +
         std::to_string(width * height) + "\nDATA " + std::string(data) + "\n";
}

TEST(PcdReader, AsciiWithCrlfCommentsTabsAndNan) {
  const std::string text =
      "# comment\r\nVERSION .7\r\nFIELDS x y z intensity\r\nSIZE 4 4 4 4\r\nTYPE F F F F\r\nCOUNT "
      "1 1 1 1\r\n"
      "WIDTH 3\r\nHEIGHT 1\r\nVIEWPOINT 0 0 0 1 0 0 0\r\nPOINTS 3\r\nDATA ascii\r\n"
      "1.5 -2 3e2 7\r\n\tnan 0.25\t+1 255 \r\n\r\n4 5 6 -0\r\n";
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  const PointCloud& c = r->cloud;
  ASSERT_EQ(c.size(), 3U);
  EXPECT_FLOAT_EQ(c.x()[0], 1.5F);
  EXPECT_FLOAT_EQ(c.z()[0], 300.0F);
  EXPECT_TRUE(std::isnan(c.x()[1]));
  EXPECT_FLOAT_EQ(c.z()[1], 1.0F);
  EXPECT_FLOAT_EQ(c.intensity()[1], 255.0F);
  EXPECT_FLOAT_EQ(c.z()[2], 6.0F);
  EXPECT_TRUE(r->warnings.empty());
}

TEST(PcdReader, BinaryWithEveryScalarTypeAndCounts) {
  // x as F8, y as I2, z as U1, intensity as U4 with COUNT 2 (first used),
  // ring as I8, rgb as F4 bits, padding of 3 bytes.
  std::string text = header("x y z intensity ring _ rgb", "8 2 1 4 8 1 4", "F I U U I U F",
                            "1 1 1 2 1 3 1", 2, 1, "binary");
  for (int i = 0; i < 2; ++i) {
    appendRaw(text, 1.25 + i);
    appendRaw(text, static_cast<std::int16_t>(-3 - i));
    appendRaw(text, static_cast<std::uint8_t>(200 + i));
    appendRaw(text, static_cast<std::uint32_t>(70000 + i));
    appendRaw(text, std::uint32_t{99});
    appendRaw(text, static_cast<std::int64_t>(31 + i));
    text.append(3, '\xAA');
    appendRaw(text,
              std::bit_cast<float>(std::uint32_t{0x00102030U + static_cast<std::uint32_t>(i)}));
  }
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  const PointCloud& c = r->cloud;
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c.x()[1], 2.25F);
  EXPECT_EQ(c.y()[1], -4.0F);
  EXPECT_EQ(c.z()[1], 201.0F);
  EXPECT_EQ(c.intensity()[1], 70001.0F);
  ASSERT_TRUE(c.hasRing());
  EXPECT_EQ(c.ring()[1], 32);
  ASSERT_TRUE(c.hasRgb());
  EXPECT_EQ(c.rgb()[1], (Rgb8{0x10, 0x20, 0x31}));
}

TEST(PcdReader, OrganisedCloudKeepsWidthAndHeight) {
  std::string text = header("x y z", "4 4 4", "F F F", "1 1 1", 3, 2, "binary");
  for (int i = 0; i < 6; ++i) {
    appendRaw(text, static_cast<float>(i));
    appendRaw(text, i == 4 ? std::nanf("") : 0.0F);
    appendRaw(text, 1.0F);
  }
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->width, 3U);
  EXPECT_EQ(r->height, 2U);
  EXPECT_EQ(r->cloud.size(), 6U);

  PointCloudReadOptions dropNan;
  dropNan.removeNonFinite = true;
  r = parseText(text, PointCloudFormat::Pcd, dropNan);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cloud.size(), 5U);
  EXPECT_EQ(r->width, 5U);
  EXPECT_EQ(r->height, 1U);
}

TEST(PcdReader, CountZeroFieldsAndTrailingBytesAreTolerated) {
  std::string text = header("x y z _ extra", "4 4 4 1 4", "F F F U F", "1 1 1 0 0", 1, 1, "binary");
  appendRaw(text, 1.0F);
  appendRaw(text, 2.0F);
  appendRaw(text, 3.0F);
  text.append(100, '\0');
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cloud.z()[0], 3.0F);
  EXPECT_TRUE(hasWarning(*r, "COUNT 0"));
  EXPECT_TRUE(hasWarning(*r, "100 bytes after the last point"));
}

TEST(PcdReader, OptionsDropOptionalChannels) {
  std::string text = header("x y z ring t", "4 4 4 2 4", "F F F U U", "1 1 1 1 1", 1, 1, "ascii") +
                     "1 2 3 7 500\n";
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->cloud.hasRing());
  EXPECT_TRUE(r->cloud.hasTime());
  EXPECT_EQ(r->cloud.timestampNs(), 500);  // integer time is nanoseconds
  PointCloudReadOptions lean;
  lean.keepRing = false;
  lean.keepTime = false;
  r = parseText(text, PointCloudFormat::Pcd, lean);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->cloud.hasRing());
  EXPECT_FALSE(r->cloud.hasTime());
}

/// Builds a SUSTech-like file: the header declares the broken padding counts,
/// the records have the C-struct layout (timestamp@24, ring@32).
std::string sustechLike(std::size_t points) {
  std::string text = header("x y z _ intensity _ timestamp _ ring _", "4 4 4 1 4 1 8 1 2 1",
                            "F F F U F U F U U U", "1 1 1 4 1 0 1 6 1 12", points, 1, "binary");
  for (std::size_t i = 0; i < points; ++i) {
    std::string record(48, '\0');
    const float xyz[3] = {static_cast<float>(i), -1.0F, 2.0F};
    std::memcpy(record.data(), xyz, 12);
    const float intensity = static_cast<float>(i % 256);
    std::memcpy(record.data() + 16, &intensity, 4);
    const double t = 1820.302 + 0.099 * static_cast<double>(i) / static_cast<double>(points);
    std::memcpy(record.data() + 24, &t, 8);
    const auto ring = static_cast<std::uint16_t>(i % 40);
    std::memcpy(record.data() + 32, &ring, 2);
    // Garbage after the ring, as in the real files.
    const std::uint64_t garbage = 0x00007f7ae5a8a099ULL;
    std::memcpy(record.data() + 34, &garbage, 8);
    text += record;
  }
  return text;
}

TEST(PcdReader, MisalignedHeaderLayoutIsRepairedWithAWarning) {
  Result<PointCloudFile> r = parseText(sustechLike(500), PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  const PointCloud& c = r->cloud;
  ASSERT_EQ(c.size(), 500U);
  EXPECT_TRUE(hasWarning(*r, "'timestamp' @20 -> @24"));
  EXPECT_TRUE(hasWarning(*r, "'ring' @34 -> @32"));
  ASSERT_TRUE(c.hasRing());
  ASSERT_TRUE(c.hasTime());
  for (std::size_t i = 0; i < c.size(); ++i)
    ASSERT_EQ(c.ring()[i], i % 40);
  EXPECT_EQ(c.timestampNs(), 1'820'302'000'000);
  EXPECT_NEAR(c.timeOffsetNs()[499], 0.099e9 * 499 / 500, 1000);
  EXPECT_EQ(c.intensity()[7], 7.0F);
}

TEST(PcdReader, PackedMisalignedLayoutWithSaneValuesIsKept) {
  // Livox-style packed records: x y z intensity(F4) tag(U1) line(U1)
  // timestamp(F8 @18). Misaligned but correct: the values decide.
  // Trailing padding gives room for an aligned reading, so the plausibility
  // check, not the record size, has to reject it.
  std::string text = header("x y z intensity tag line timestamp _", "4 4 4 4 1 1 8 1",
                            "F F F F U U F U", "1 1 1 1 1 1 1 8", 64, 1, "binary");
  for (int i = 0; i < 64; ++i) {
    appendRaw(text, 1.0F * static_cast<float>(i));
    appendRaw(text, 2.0F);
    appendRaw(text, 3.0F);
    appendRaw(text, 4.0F);
    appendRaw(text, std::uint8_t{1});
    appendRaw(text, static_cast<std::uint8_t>(i % 6));
    appendRaw(text, 100.0 + 0.001 * i);
    text.append(8, '\0');
  }
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->warnings.empty()) << r->warnings.front();
  ASSERT_TRUE(r->cloud.hasTime());
  EXPECT_EQ(r->cloud.timestampNs(), 100'000'000'000);
  EXPECT_EQ(r->cloud.timeOffsetNs()[10], 10'000'000);
}

TEST(PcdReader, TimeSpanTooLongForOffsetsDropsTimeWithWarning) {
  std::string text = header("x y z timestamp", "4 4 4 8", "F F F F", "1 1 1 1", 2, 1, "ascii") +
                     "0 0 0 1.0\n0 0 0 10.0\n";
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->cloud.hasTime());
  EXPECT_TRUE(hasWarning(*r, "per-point time dropped"));
}

}  // namespace
}  // namespace fuselabel
