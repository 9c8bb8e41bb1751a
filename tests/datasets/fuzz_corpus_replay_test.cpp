// Replays the fuzz seed and crash corpus (fuzz/corpus/<target>/) through the
// parsers, so every input a fuzzer once tripped on stays fixed in plain CI.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "datasets/io/file_bytes.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel {
namespace {

std::size_t replay(const std::string& target, std::initializer_list<PointCloudFormat> formats) {
  const std::filesystem::path dir = std::filesystem::path(FUSELABEL_FUZZ_CORPUS_DIR) / target;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    Result<FileBytes> bytes = readFileBytes(entry.path());
    EXPECT_TRUE(bytes) << bytes.error().message;
    if (!bytes) continue;
    for (PointCloudFormat format : formats) {
      Result<PointCloudFile> r = parsePointCloud(bytes->bytes(), format, {}, entry.path().string());
      // Either outcome is fine; failures must name the input.
      if (!r) {
        EXPECT_EQ(r.error().message.rfind(entry.path().string(), 0), 0U) << r.error().message;
      }
    }
    ++files;
  }
  return files;
}

TEST(FuzzCorpusReplay, Pcd) {
  EXPECT_GE(replay("fuzz_pcd", {PointCloudFormat::Pcd}), 5U);
}

TEST(FuzzCorpusReplay, Ply) {
  EXPECT_GE(replay("fuzz_ply", {PointCloudFormat::Ply}), 3U);
}

TEST(FuzzCorpusReplay, Bin) {
  EXPECT_GE(replay("fuzz_bin", {PointCloudFormat::KittiBin, PointCloudFormat::NuscenesBin,
                                PointCloudFormat::Float32}),
            2U);
}

}  // namespace
}  // namespace fuselabel
