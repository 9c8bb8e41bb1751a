#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <string>

#include "pointcloud_test_util.hpp"

namespace fuselabel {
namespace {

using test::appendRaw;
using test::parseText;

TEST(PlyReader, AsciiWithDoublesColoursAndFacesAfterVertices) {
  const std::string text =
      "ply\r\nformat ascii 1.0\r\ncomment made by hand\r\nobj_info x\r\nelement vertex 3\r\n"
      "property double x\r\nproperty double y\r\nproperty double z\r\nproperty float "
      "scalar_intensity\r\n"
      "property uchar red\r\nproperty uchar green\r\nproperty uchar blue\r\nproperty int extra\r\n"
      "element face 1\r\nproperty list uchar int vertex_indices\r\nend_header\r\n"
      "0.5 1 2 10 255 0 0 9\r\n3 4 5 20 0 255 0 9\r\n6 7 8 30 0 0 255 9\r\n3 0 1 2\r\n";
  Result<PointCloudFile> r = parseText(text, PointCloudFormat::Ply);
  ASSERT_TRUE(r) << r.error().message;
  const PointCloud& c = r->cloud;
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c.x()[0], 0.5F);
  EXPECT_EQ(c.z()[2], 8.0F);
  EXPECT_EQ(c.intensity()[1], 20.0F);
  ASSERT_TRUE(c.hasRgb());
  EXPECT_EQ(c.rgb()[2], (Rgb8{0, 0, 255}));
}

std::string binaryPly(bool big) {
  std::string text =
      std::string("ply\nformat ") + (big ? "binary_big_endian" : "binary_little_endian") +
      " 1.0\nelement camera 1\nproperty float fov\nproperty list uint short tags\n"
      "element vertex 2\nproperty float x\nproperty float y\nproperty float z\n"
      "property list uchar float normals\nproperty float reflectance\nelement face 1\n"
      "property list uchar int vertex_indices\nend_header\n";
  auto put = [&](auto v) {
    if (big) {
      auto bytes = std::bit_cast<std::array<char, sizeof v>>(v);
      std::reverse(bytes.begin(), bytes.end());
      text.append(bytes.data(), bytes.size());
    } else {
      appendRaw(text, v);
    }
  };
  // A camera element with a list before the vertices must be skipped.
  put(1.0F);
  put(std::uint32_t{3});
  put(std::int16_t{1});
  put(std::int16_t{2});
  put(std::int16_t{3});
  for (int i = 0; i < 2; ++i) {
    put(1.5F + static_cast<float>(i));
    put(-2.0F);
    put(3.0F);
    put(std::uint8_t{2});
    put(0.0F);
    put(1.0F);
    put(0.75F);
  }
  put(std::uint8_t{3});
  put(std::int32_t{0});
  put(std::int32_t{1});
  put(std::int32_t{0});
  return text;
}

TEST(PlyReader, BinaryBothEndiannessWithListsBeforeAndInsideVertices) {
  for (bool big : {false, true}) {
    Result<PointCloudFile> r = parseText(binaryPly(big), PointCloudFormat::Ply);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->cloud.size(), 2U);
    EXPECT_EQ(r->cloud.x()[1], 2.5F);
    EXPECT_EQ(r->cloud.y()[1], -2.0F);
    EXPECT_EQ(r->cloud.intensity()[0], 0.75F);
  }
}

TEST(PlyReader, TruncatedAtEveryOffsetFailsCleanly) {
  const std::string full = binaryPly(false);
  const std::size_t vertexEnd = full.size() - 13;  // the face element follows the vertices
  for (std::size_t cut = 0; cut < vertexEnd; ++cut) {
    Result<PointCloudFile> r = parseText(full.substr(0, cut), PointCloudFormat::Ply);
    ASSERT_FALSE(r) << "cut at " << cut;
    EXPECT_EQ(r.error().message.rfind("mem.ply: ", 0), 0U) << r.error().message;
  }
}

TEST(PlyReader, RejectsBadHeadersAndAbsurdCounts) {
  auto fails = [](const std::string& text, std::string_view needle) {
    Result<PointCloudFile> r = parseText(text, PointCloudFormat::Ply);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
  };
  fails("plx\n", "not a PLY file");
  fails("ply\nformat ascii 1.0\nelement vertex -3\nend_header\n", "line 3: element count '-3'");
  fails("ply\nformat ascii 1.0\nelement vertex 1\nproperty half x\nend_header\n",
        "unknown property type 'half'");
  fails("ply\nformat binary_middle_endian 1.0\nend_header\n", "unknown format");
  fails("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n", "without end_header");
  fails(
      "ply\nformat binary_little_endian 1.0\nelement vertex 99999999\nproperty float x\nproperty "
      "float y\n"
      "property float z\nend_header\n0123",
      "data ends inside 'vertex'");
  fails(
      "ply\nformat ascii 1.0\nelement vertex 99999999\nproperty float x\nproperty float y\n"
      "property float z\nend_header\n1 2 3\n",
      "data ends inside 'vertex'");
  fails(
      "ply\nformat ascii 1.0\nelement face 99999999999\nproperty list uchar int idx\nelement "
      "vertex 1\n"
      "property float x\nproperty float y\nproperty float z\nend_header\n3 1 2\n",
      "data ends inside 'face'");
  fails(
      "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float "
      "z\n"
      "end_header\n1 2 zz\n",
      "line 8: value 'zz'");
  fails("ply\nformat ascii 1.0\nelement face 1\nproperty float x\nend_header\n1\n",
        "no vertex element");
}

}  // namespace
}  // namespace fuselabel
