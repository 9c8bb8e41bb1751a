// libFuzzer target for the headerless float32 readers (KITTI, nuScenes and
// the generic float32 format). The first byte picks the field list of the
// generic format, so odd strides and padding are covered too.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "datasets/pointcloud/point_cloud_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuselabel;
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  PointCloudReadOptions options;
  options.maxPoints = 1'000'000;
  options.removeNonFinite = size % 2 == 0;
  (void)parsePointCloud(bytes, PointCloudFormat::KittiBin, options, "fuzz.bin");
  (void)parsePointCloud(bytes, PointCloudFormat::NuscenesBin, options, "fuzz.pcd.bin");
  if (size > 0) {
    static const std::vector<std::vector<std::string>> layouts{
        {"x", "y", "z"},
        {"x", "y", "z", "intensity", "laser_number"},
        {"_", "z", "y", "x", "ring", "unknown"},
        {"ring", "x", "_", "y", "z", "_", "intensity"},
    };
    options.float32Fields = layouts[data[0] % layouts.size()];
    (void)parsePointCloud(bytes.subspan(1), PointCloudFormat::Float32, options, "fuzz.f32");
  }
  return 0;
}
