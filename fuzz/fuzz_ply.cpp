// libFuzzer target for the PLY reader (ascii and both binary encodings).

#include <cstddef>
#include <cstdint>
#include <span>

#include "datasets/pointcloud/point_cloud_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuselabel::PointCloudReadOptions options;
  options.maxPoints = 1'000'000;
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  (void)fuselabel::parsePointCloud(bytes, fuselabel::PointCloudFormat::Ply, options, "fuzz.ply");
  return 0;
}
