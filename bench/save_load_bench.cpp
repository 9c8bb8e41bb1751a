// Saving and loading the native label file at the size: 2000 frames
// × 200 objects = 400k cuboid instances. The baseline writes (and reads) the
// very same bytes with plain write()/read(), so the ratio is the cost of
// encoding, parsing and the atomic-save protocol.
//
//   SaveLoad/fuselabel       saveDocument(): encode + temp file + fsync + rename + fsync dir
//   SaveLoad/fuselabel_nosync  the same without the fsyncs (what the disk adds)
//   SaveLoad/raw_write       open + write the same bytes + close
//   SaveLoad/fuselabel_load  loadDocument(): read + parse + build
//   SaveLoad/raw_read        read the same bytes into a string
//   SaveLoad/encode          encodeNativeLabels() alone (in memory)

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/native_file.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel::bench {
namespace {

constexpr int kSaveFrames = 2000;
constexpr int kObjects = 200;

const Document& bigDocument() {
  static const Document doc = [] {
    DocumentInfo info;
    info.schema = SchemaReference{"driving", 1, ""};
    info.dataset = DatasetReference{"kitti_tracking", "/data/kitti_tracking", "0001"};
    for (int f = 0; f < kSaveFrames; ++f)
      info.frameTimestampsNs.push_back(1'317'000'000'000'000'000LL + f * 100'000'000LL);
    Document d(info);
    for (int o = 1; o <= kObjects; ++o) {
      Track t;
      t.object.id = ObjectId{o};
      t.object.number = o;
      t.object.className = "car";
      t.instances.reserve(kSaveFrames);
      const double seed = 0.37 * o;
      for (int f = 0; f < kSaveFrames; ++f) {
        // Interpolated-looking values: full double precision, the worst case
        // for the number printer.
        const double t_s = 0.1 * f;
        Instance i;
        i.frame = f;
        i.geometry = Cuboid::fromYaw(
            Eigen::Vector3d(seed + 8.3 * t_s, std::sin(seed) * 20.0 + 0.01 * t_s, -1.7),
            Eigen::Vector3d(4.5 + 0.1 * std::sin(seed), 1.83, 1.52), 0.2 * std::cos(seed + t_s));
        i.source = f % 10 == 0 ? InstanceSource::Keyframe : InstanceSource::Interpolated;
        if (f % 10 == 0) i.attributes.set("occlusion", std::string("none"));
        t.instances.push_back(std::move(i));
      }
      (void)AddObjectCommand(std::move(t)).apply(d);
    }
    return d;
  }();
  return doc;
}

std::filesystem::path benchFile(const char* name) {
  return std::filesystem::temp_directory_path() /
         (std::string("fuselabel_bench_") + std::to_string(::getpid()) + name);
}

void setCounters(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["instances"] = static_cast<double>(bigDocument().instanceCount());
}

void saveLoadFuselabel(benchmark::State& state, bool sync) {
  const Document& doc = bigDocument();
  const auto path = benchFile("_save.json");
  for (auto _ : state) {
    Result<void> r = saveDocument(doc, path, SaveOptions{sync, false});
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
  setCounters(state, std::filesystem::file_size(path));
  std::filesystem::remove(path);
}

void BM_SaveFuselabel(benchmark::State& state) {
  saveLoadFuselabel(state, true);
}
void BM_SaveFuselabelNoSync(benchmark::State& state) {
  saveLoadFuselabel(state, false);
}

void BM_RawWrite(benchmark::State& state) {
  const std::string bytes = encodeNativeLabels(bigDocument());
  const auto path = benchFile("_raw.json");
  for (auto _ : state) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  setCounters(state, bytes.size());
  std::filesystem::remove(path);
}

void BM_LoadFuselabel(benchmark::State& state) {
  const auto path = benchFile("_load.json");
  if (!saveDocument(bigDocument(), path, SaveOptions{false, false}))
    state.SkipWithError("save failed");
  for (auto _ : state) {
    Result<Document> doc = loadDocument(path);
    if (!doc) state.SkipWithError(doc.error().message.c_str());
    benchmark::DoNotOptimize(doc);
  }
  setCounters(state, std::filesystem::file_size(path));
  std::filesystem::remove(path);
}

void BM_RawRead(benchmark::State& state) {
  const auto path = benchFile("_read.json");
  if (!saveDocument(bigDocument(), path, SaveOptions{false, false}))
    state.SkipWithError("save failed");
  for (auto _ : state) {
    Result<std::string> text = readTextFile(path);
    benchmark::DoNotOptimize(text);
  }
  setCounters(state, std::filesystem::file_size(path));
  std::filesystem::remove(path);
}

void BM_Encode(benchmark::State& state) {
  std::size_t size = 0;
  for (auto _ : state) {
    const std::string text = encodeNativeLabels(bigDocument());
    size = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  setCounters(state, size);
}

BENCHMARK(BM_SaveFuselabel)
    ->Name("SaveLoad/fuselabel")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_SaveFuselabelNoSync)
    ->Name("SaveLoad/fuselabel_nosync")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_RawWrite)->Name("SaveLoad/raw_write")->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_LoadFuselabel)
    ->Name("SaveLoad/fuselabel_load")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_RawRead)->Name("SaveLoad/raw_read")->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Encode)->Name("SaveLoad/encode")->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace fuselabel::bench
