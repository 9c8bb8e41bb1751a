// Malformed PCD input: every case must fail (or warn) with a message naming
// the file and the place, never crash or allocate by an unchecked number.

#include <gtest/gtest.h>

#include <string>

#include "pointcloud_test_util.hpp"

namespace fuselabel {
namespace {

using test::appendRaw;
using test::parseText;

std::string validHeader(std::string_view data, std::string_view points = "4",
                        std::string_view width = "4") {
  return "VERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\nWIDTH " +
         std::string(width) + "\nHEIGHT 1\nPOINTS " + std::string(points) + "\nDATA " +
         std::string(data) + "\n";
}

std::string validFile(PcdEncoding encoding) {
  PointCloud cloud;
  for (int i = 0; i < 4; ++i)
    cloud.append(1.0F * static_cast<float>(i), 2.0F, 3.0F, 4.0F);
  PointCloudWriteOptions options;
  options.pcdEncoding = encoding;
  Result<std::vector<std::byte>> bytes = serializePointCloud(cloud, PointCloudFormat::Pcd, options);
  return {reinterpret_cast<const char*>(bytes->data()), bytes->size()};
}

/// Expects failure with a message that names the file and contains `needle`.
void expectError(const std::string& text, std::string_view needle) {
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Pcd);
  ASSERT_FALSE(r) << "accepted: " << text.substr(0, 200);
  EXPECT_NE(r.error().message.find("mem.pcd: "), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
}

TEST(PcdMalformed, TruncatedAtEveryOffsetFailsCleanly) {
  for (PcdEncoding encoding :
       {PcdEncoding::Ascii, PcdEncoding::Binary, PcdEncoding::BinaryCompressed}) {
    const std::string full = validFile(encoding);
    ASSERT_TRUE(parseText(full, PointCloudFormat::Pcd));
    for (std::size_t cut = 0; cut < full.size(); ++cut) {
      Result<PointCloudFile> r = parseText(full.substr(0, cut), PointCloudFormat::Pcd);
      // A cut inside the last ascii number still parses (as a shorter
      // number); everything else must be refused.
      if (r) {
        EXPECT_EQ(encoding, PcdEncoding::Ascii) << "cut at " << cut;
        EXPECT_GE(cut, full.size() - 4) << "cut at " << cut;
        continue;
      }
      EXPECT_EQ(r.error().message.rfind("mem.pcd: ", 0), 0U) << r.error().message;
    }
  }
}

TEST(PcdMalformed, PointsLargerThanTheFileCouldHold) {
  expectError(validHeader("binary", "1000000", "1000000") + std::string(64, '\0'),
              "POINTS 1000000");
  expectError(validHeader("ascii", "1000000", "1000000") + "1 2 3 4\n", "cannot fit");
  std::string compressed = validHeader("binary_compressed", "100000000", "100000000");
  appendRaw(compressed, std::uint32_t{10});
  appendRaw(compressed, std::uint32_t{1'600'000'000});
  compressed.append(10, '\0');
  expectError(compressed, "cannot expand");
}

TEST(PcdMalformed, PointsAboveTheSanityLimit) {
  PointCloudReadOptions options;
  options.maxPoints = 1000;
  Result<PointCloudFile> r = parsePointCloud(test::bytesOf(validHeader("binary", "1001", "1001")),
                                             PointCloudFormat::Pcd, options, "f.pcd");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("f.pcd: line 8: claims 1001 points"), std::string::npos)
      << r.error().message;
}

TEST(PcdMalformed, BadTypeSizeCombinations) {
  expectError("FIELDS x y z\nSIZE 4 4 2\nTYPE F F F\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
              "TYPE 'F' with SIZE 2");
  expectError("FIELDS x y z\nSIZE 4 4 3\nTYPE F F I\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
              "SIZE 3");
  expectError("FIELDS x y z\nSIZE 4 4 4\nTYPE F F Q\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
              "TYPE 'Q'");
  expectError("FIELDS x y z\nSIZE 4 4\nTYPE F F F\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
              "line 2: SIZE lists 2");
}

TEST(PcdMalformed, NegativeAndNonNumericCounts) {
  expectError(
      "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 -1 1\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
      "line 4: COUNT '-1'");
  expectError(validHeader("binary", "-4", "4"), "POINTS is negative");
  expectError(validHeader("binary", "4", "-4"), "WIDTH is negative");
  expectError(validHeader("binary", "4", "four"), "'four' is not an integer");
}

TEST(PcdMalformed, WidthTimesHeightOverflowOrMismatch) {
  expectError(
      "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 4294967296\nHEIGHT 4294967296\nDATA binary\n",
      "overflows");
  expectError(validHeader("binary", "5", "4"), "POINTS 5 differs from WIDTH × HEIGHT = 4");
}

TEST(PcdMalformed, GarbageAndMissingPieces) {
  expectError(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "unknown header key");
  expectError("", "without a DATA line");
  expectError(validHeader("binary").substr(0, 60), "without a DATA line");
  expectError(validHeader("lzma"), "unknown DATA encoding 'lzma'");
  expectError("FIELDS a b c\nSIZE 4 4 4\nTYPE F F F\nWIDTH 0\nDATA ascii\n", "no x, y and z");
  expectError(validHeader("ascii", "1", "1") + "1 2 x 4\n", "line 10: value 3 'x' is not a number");
  expectError(validHeader("ascii", "2", "2") + "1 2 3 4\n1 2 3\n",
              "line 11: expected 4 values, found 3");
  std::string binary(1 << 12, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i)
    binary[i] = static_cast<char>((i * 131 + 7) % 256);
  EXPECT_FALSE(parseText(binary, PointCloudFormat::Pcd));
}

TEST(PcdMalformed, CorruptCompressedPayload) {
  std::string file = validFile(PcdEncoding::BinaryCompressed);
  const std::size_t payload = file.find("binary_compressed\n") + 18 + 8;
  file[payload] = '\x1f';  // a literal run longer than the data that follows
  file[payload + 1] = '\xff';
  Result<PointCloudFile> r = parseText(file, PointCloudFormat::Pcd);
  if (!r) {
    EXPECT_NE(r.error().message.find("mem.pcd: byte offset"), std::string::npos)
        << r.error().message;
  }

  std::string wrongSize = validHeader("binary_compressed");
  appendRaw(wrongSize, std::uint32_t{4});
  appendRaw(wrongSize, std::uint32_t{63});
  wrongSize.append(4, '\0');
  expectError(wrongSize, "uncompressed size 63 differs");
}

}  // namespace
}  // namespace fuselabel
