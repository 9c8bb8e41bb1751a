// PlayThrough: open a 200-frame sequence of 120k-point sweeps and step
// through every frame with prefetch, against just reading the same files'
// bytes (the limit: playback cannot be faster than the disk/page cache).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "datasets/io/file_bytes.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/sequence/frame_cache.hpp"

namespace fuselabel::bench {
namespace {

constexpr size_t kPlayFrames = 200;
constexpr size_t kPlayPoints = 120'000;

/// A sequence of kPlayFrames KITTI sweeps written once per process to a temp folder.
const Sequence& playthroughSequence() {
  static const Sequence sequence = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("fuselabel_bench_play_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> coord(-60.0f, 60.0f);
    PointCloud cloud;
    cloud.reserve(kPlayPoints);
    for (size_t i = 0; i < kPlayPoints; ++i)
      cloud.append(coord(rng), coord(rng), coord(rng) / 20.0f, 0.5f);
    Sequence s;
    s.referenceLidar = "lidar";
    s.lidarFormat = PointCloudFormat::KittiBin;
    for (size_t f = 0; f < kPlayFrames; ++f) {
      const auto file = dir / (std::to_string(f) + ".bin");
      if (!writePointCloud(file, cloud, PointCloudFormat::KittiBin).ok()) std::abort();
      Frame frame;
      frame.id = std::to_string(f);
      frame.lidar = {static_cast<std::int64_t>(f) * 100'000'000, file};
      s.frames.push_back(frame);
    }
    std::atexit([] {
      std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                  ("fuselabel_bench_play_" + std::to_string(::getpid())));
    });
    return s;
  }();
  return sequence;
}

void PlayThroughFuselabel(benchmark::State& state) {
  const Sequence& sequence = playthroughSequence();
  for (auto _ : state) {
    FrameCacheOptions options;
    options.loadImages = false;
    FrameCache cache(sequence, options);
    for (size_t f = 0; f < kPlayFrames; ++f) {
      auto frame = cache.get(f);
      benchmark::DoNotOptimize(frame->sweep->cloud.x().data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPlayFrames));
  state.counters["ms_per_frame"] = benchmark::Counter(
      static_cast<double>(kPlayFrames),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void PlayThroughRawRead(benchmark::State& state) {
  const Sequence& sequence = playthroughSequence();
  for (auto _ : state) {
    for (size_t f = 0; f < kPlayFrames; ++f) {
      auto bytes = readFileBytes(sequence.frames[f].lidar.file);
      benchmark::DoNotOptimize(bytes->bytes().data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPlayFrames));
  state.counters["ms_per_frame"] = benchmark::Counter(
      static_cast<double>(kPlayFrames),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(PlayThroughFuselabel)
    ->Name("PlayThrough/fuselabel")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(PlayThroughRawRead)
    ->Name("PlayThrough/raw_read")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
