// Filling a whole sequence's tracks at the size: 200 frames × 100
// tracks, keyed every 20 frames (one key in two seconds), frames 100 ms apart
// with every seventh sweep 50 ms late (real timestamps, not indices). The
// baseline is the linear interpolation the tools in use today offer, over the
// same keys; the ratio is what the smoother costs on top.
//
//   Fill/kalman      fillDocument(), constant-velocity Kalman + RTS smoother
//   Fill/kalman_ctrv the constant-turn-rate (extended) variant
//   Fill/linear      fillDocument(), linear in time (the baseline)
//   Fill/copy        fillDocument(), nearest earlier key

#include <benchmark/benchmark.h>

#include <cmath>

#include "core/annotation/commands/object_commands.hpp"
#include "core/tracks/document_fill.hpp"

namespace fuselabel::bench {
namespace {

constexpr int kFillFrames = 200;
constexpr int kTracks = 100;
constexpr int kKeyEvery = 20;

const Document& keyedSequence() {
  static const Document doc = [] {
    DocumentInfo info;
    for (int f = 0; f < kFillFrames; ++f)
      info.frameTimestampsNs.push_back(f * 100'000'000LL + (f % 7 == 3 ? 50'000'000LL : 0));
    Document d(info);
    for (int o = 1; o <= kTracks; ++o) {
      Track t;
      t.object = Object{ObjectId{o}, o, o % 5 == 0 ? "pedestrian" : "car", {}};
      // Each car drives a circle of its own radius and speed.
      const double radius = 20.0 + 3.0 * o;
      const double speed = 3.0 + 0.1 * o;
      for (int f = 0; f <= kFillFrames - 1; f += kKeyEvery) {
        const double t_s =
            1e-9 * static_cast<double>(info.frameTimestampsNs[static_cast<std::size_t>(f)]);
        const double a = speed * t_s / radius;
        Instance key;
        key.frame = f;
        key.geometry = Cuboid::fromYaw(
            Eigen::Vector3d(radius * std::sin(a), radius * (1.0 - std::cos(a)) + 4.0 * o, 0.8),
            Eigen::Vector3d(4.5, 1.9, 1.6), a);
        t.instances.push_back(key);
      }
      (void)AddObjectCommand(std::move(t)).apply(d);
    }
    return d;
  }();
  return doc;
}

void fill(benchmark::State& state, FillMethod method, MotionModel model) {
  const Document& doc = keyedSequence();
  DocumentFillOptions options;
  options.method = method;
  options.model = model;
  std::size_t filled = 0;
  for (auto _ : state) {
    Result<std::vector<DocumentTrackFill>> fills = fillDocument(doc, options);
    if (!fills) {
      state.SkipWithError(fills.error().message.c_str());
      return;
    }
    filled = 0;
    for (const DocumentTrackFill& f : *fills)
      filled += f.instances.size();
    benchmark::DoNotOptimize(fills->data());
  }
  state.counters["instances"] = static_cast<double>(filled);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(filled));
}

void BM_FillKalman(benchmark::State& s) {
  fill(s, FillMethod::Kalman, MotionModel::ConstantVelocity);
}
void BM_FillKalmanCtrv(benchmark::State& s) {
  fill(s, FillMethod::Kalman, MotionModel::ConstantTurnRate);
}
void BM_FillLinear(benchmark::State& s) {
  fill(s, FillMethod::Linear, MotionModel::ConstantVelocity);
}
void BM_FillCopy(benchmark::State& s) {
  fill(s, FillMethod::Copy, MotionModel::ConstantVelocity);
}

BENCHMARK(BM_FillKalman)->Name("Fill/kalman")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FillKalmanCtrv)->Name("Fill/kalman_ctrv")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FillLinear)->Name("Fill/linear")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FillCopy)->Name("Fill/copy")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fuselabel::bench
