// libFuzzer target for the PCD reader (all encodings): any input must give a
// cloud or an Error, never a crash, a sanitizer report or a runaway allocation.
// Seeds: fuzz/corpus/fuzz_pcd (hand-written) plus, locally, the real SUSTech files.

#include <cstddef>
#include <cstdint>
#include <span>

#include "datasets/pointcloud/point_cloud_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuselabel::PointCloudReadOptions options;
  options.maxPoints = 1'000'000;  // keeps each run fast; the limit check itself is what is tested
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  (void)fuselabel::parsePointCloud(bytes, fuselabel::PointCloudFormat::Pcd, options, "fuzz.pcd");
  return 0;
}
