#pragma once
// Test-only loading of headerless float32 point records, written without the
// library's readers so real-data tests compare against an independent path.

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel::test {

/// Reads `stride`-byte records with float32 x, y, z at offsets 0, 4, 8 and
/// intensity at `intensityOffset`, starting at byte `headerBytes`, `count`
/// records (all whole records when count is 0).
inline PointCloud readRawPoints(const std::filesystem::path& path, size_t stride,
                                size_t intensityOffset = 12, size_t headerBytes = 0,
                                size_t count = 0) {
  std::ifstream stream(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(stream)),
                          std::istreambuf_iterator<char>());
  if (count == 0) count = (bytes.size() - headerBytes) / stride;
  PointCloud cloud;
  cloud.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const char* record = bytes.data() + headerBytes + i * stride;
    float v[4];
    std::memcpy(&v[0], record, 4);
    std::memcpy(&v[1], record + 4, 4);
    std::memcpy(&v[2], record + 8, 4);
    std::memcpy(&v[3], record + intensityOffset, 4);
    cloud.append(v[0], v[1], v[2], v[3]);
  }
  return cloud;
}

}  // namespace fuselabel::test
