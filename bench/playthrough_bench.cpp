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

constexpr size_t kFrames = 200;
constexpr size_t kPoints = 120'000;

/// A sequence of kFrames KITTI sweeps written once per process to a temp folder.
const Sequence& playthroughSequence() {
  static const Sequence sequence = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("fuselabel_bench_play_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> coord(-60.0f, 60.0f);
    PointCloud cloud;
    cloud.reserve(kPoints);
    for (size_t i = 0; i < kPoints; ++i)
      cloud.append(coord(rng), coord(rng), coord(rng) / 20.0f, 0.5f);
    Sequence s;
    s.referenceLidar = "lidar";
    s.lidarFormat = PointCloudFormat::KittiBin;
    for (size_t f = 0; f < kFrames; ++f) {
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
    for (size_t f = 0; f < kFrames; ++f) {
      auto frame = cache.get(f);
      benchmark::DoNotOptimize(frame->sweep->cloud.x().data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kFrames));
  state.counters["ms_per_frame"] = benchmark::Counter(
      static_cast<double>(kFrames),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void PlayThroughRawRead(benchmark::State& state) {
  const Sequence& sequence = playthroughSequence();
  for (auto _ : state) {
    for (size_t f = 0; f < kFrames; ++f) {
      auto bytes = readFileBytes(sequence.frames[f].lidar.file);
      benchmark::DoNotOptimize(bytes->bytes().data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kFrames));
  state.counters["ms_per_frame"] = benchmark::Counter(
      static_cast<double>(kFrames),
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
