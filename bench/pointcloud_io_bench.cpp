// Point cloud file reading: fuselabel's readers against what a user would
// otherwise write (a plain read of the bytes for headerless KITTI files, and
// pcl::io::loadPCDFile into pcl::PointCloud<pcl::PointXYZI> for PCD). All
// cases read the same ~120k-point sweep, written once to a temporary folder
// (the real KITTI sweep 000001 when ../shared/data is present, else a
// synthetic cloud of the same size). PCL headers stay in this file.

#include <benchmark/benchmark.h>
#include <pcl/io/pcd_io.h>
#include <pcl/point_types.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_inputs.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::bench {
namespace {

namespace fs = std::filesystem;

/// The files every case reads, created on first use and removed at exit.
class PointCloudFiles {
 public:
  PointCloudFiles()
      : m_dir(fs::temp_directory_path() / ("fuselabel_io_bench_" + std::to_string(::getpid()))) {
    fs::create_directories(m_dir);
    PointCloud cloud;
    const fs::path kitti = fs::path(FUSELABEL_SHARED_DATA_DIR) /
                           "kitti_object_vis/data/object/training/velodyne/000001.bin";
    if (Result<PointCloudFile> real = readPointCloud(kitti, PointCloudFormat::KittiBin); real) {
      cloud = std::move(real->cloud);
    } else {
      cloud = randomCloud(120'000);
    }
    m_points = cloud.size();
    write(bin(), cloud, PointCloudFormat::KittiBin, {});
    PointCloudWriteOptions options;
    options.pcdEncoding = PcdEncoding::Binary;
    write(pcd(PcdEncoding::Binary), cloud, PointCloudFormat::Pcd, options);
    options.pcdEncoding = PcdEncoding::BinaryCompressed;
    write(pcd(PcdEncoding::BinaryCompressed), cloud, PointCloudFormat::Pcd, options);
    options.pcdEncoding = PcdEncoding::Ascii;
    write(pcd(PcdEncoding::Ascii), cloud, PointCloudFormat::Pcd, options);
  }
  PointCloudFiles(const PointCloudFiles&) = delete;
  PointCloudFiles& operator=(const PointCloudFiles&) = delete;
  ~PointCloudFiles() {
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }

  fs::path bin() const { return m_dir / "sweep.bin"; }
  fs::path pcd(PcdEncoding encoding) const {
    switch (encoding) {
      case PcdEncoding::Ascii:
        return m_dir / "sweep_ascii.pcd";
      case PcdEncoding::Binary:
        return m_dir / "sweep_binary.pcd";
      case PcdEncoding::BinaryCompressed:
        return m_dir / "sweep_compressed.pcd";
    }
    return {};
  }
  std::size_t points() const { return m_points; }

 private:
  static void write(const fs::path& path, const PointCloud& cloud, PointCloudFormat format,
                    const PointCloudWriteOptions& options) {
    if (Result<void> r = writePointCloud(path, cloud, format, options); !r) {
      std::fprintf(stderr, "pointcloud_io_bench: %s\n", r.error().message.c_str());
      std::abort();
    }
  }

  fs::path m_dir;
  std::size_t m_points = 0;
};

const PointCloudFiles& files() {
  static const PointCloudFiles instance;
  return instance;
}

void readWithFuselabel(benchmark::State& state, const fs::path& path, PointCloudFormat format) {
  for (auto _ : state) {
    Result<PointCloudFile> file = readPointCloud(path, format);
    if (!file) {
      state.SkipWithError(file.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(file->cloud.x().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files().points()));
}

void readWithPcl(benchmark::State& state, const fs::path& path) {
  for (auto _ : state) {
    pcl::PointCloud<pcl::PointXYZI> cloud;
    if (pcl::io::loadPCDFile(path.string(), cloud) != 0) {
      state.SkipWithError("pcl::io::loadPCDFile failed");
      return;
    }
    benchmark::DoNotOptimize(cloud.points.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files().points()));
}

void ReadKittiBinFuselabel(benchmark::State& state) {
  readWithFuselabel(state, files().bin(), PointCloudFormat::KittiBin);
}

/// The floor: the file's bytes read into one buffer, with no decoding at all.
void ReadKittiBinRawRead(benchmark::State& state) {
  const std::string path = files().bin().string();
  const auto size = static_cast<std::size_t>(fs::file_size(path));
  for (auto _ : state) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    auto buffer = std::make_unique_for_overwrite<char[]>(size);
    const std::size_t got = std::fread(buffer.get(), 1, size, f);
    std::fclose(f);
    benchmark::DoNotOptimize(buffer.get());
    benchmark::DoNotOptimize(got);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files().points()));
}

void ReadPcdBinaryFuselabel(benchmark::State& state) {
  readWithFuselabel(state, files().pcd(PcdEncoding::Binary), PointCloudFormat::Pcd);
}
void ReadPcdBinaryPcl(benchmark::State& state) {
  readWithPcl(state, files().pcd(PcdEncoding::Binary));
}
void ReadPcdCompressedFuselabel(benchmark::State& state) {
  readWithFuselabel(state, files().pcd(PcdEncoding::BinaryCompressed), PointCloudFormat::Pcd);
}
void ReadPcdCompressedPcl(benchmark::State& state) {
  readWithPcl(state, files().pcd(PcdEncoding::BinaryCompressed));
}
void ReadPcdAsciiFuselabel(benchmark::State& state) {
  readWithFuselabel(state, files().pcd(PcdEncoding::Ascii), PointCloudFormat::Pcd);
}
void ReadPcdAsciiPcl(benchmark::State& state) {
  readWithPcl(state, files().pcd(PcdEncoding::Ascii));
}

BENCHMARK(ReadKittiBinFuselabel)->Name("ReadKittiBin/fuselabel")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadKittiBinRawRead)->Name("ReadKittiBin/raw_read")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdBinaryFuselabel)->Name("ReadPcdBinary/fuselabel")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdBinaryPcl)->Name("ReadPcdBinary/pcl")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdCompressedFuselabel)
    ->Name("ReadPcdCompressed/fuselabel")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdCompressedPcl)->Name("ReadPcdCompressed/pcl")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdAsciiFuselabel)->Name("ReadPcdAscii/fuselabel")->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadPcdAsciiPcl)->Name("ReadPcdAscii/pcl")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fuselabel::bench
