// Cuboid auto-fit: fitting one box with the per-sweep index against the same
// fit fed by a scan of every point of the sweep (what a tool without an index
// does for each box), plus the cost of building the index once per sweep.
// Input: one frame of the synthetic scene at 64 beams × 1800 columns (about
// 115k points, a real 64-beam sweep's size), generated once into a temporary
// folder; the box is the truth car with the most points, made rough by 0.5 m
// and 10°.

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel::bench {
namespace {

namespace fs = std::filesystem;

/// The sweep, its pose and the rough box every case uses.
struct FitInput {
  PointCloud cloud;
  Eigen::Isometry3d T_world_sensor = Eigen::Isometry3d::Identity();
  Cuboid rough;
  FitOptions options;
  bool ok = false;

  FitInput() {
    const fs::path dir =
        fs::temp_directory_path() / ("fuselabel_fit_bench_" + std::to_string(::getpid()));
    SynthOptions synth;
    synth.frames = 1;
    synth.beams = 64;
    synth.columns = 1800;
    synth.cameras = 0;
    synth.actors = 40;
    synth.seed = 5;
    if (!generateSyntheticScene(synth, dir)) return;
    auto sequence = openDataset(dir);
    if (!sequence) return;
    auto context = labelContextFromSequence(*sequence);
    if (!context) return;
    auto truth = readLabels(dir / kSynthLabelsFile, *context);
    auto sweep = sequence->loadSweep(0);
    if (!truth || !sweep) return;
    cloud = std::move(sweep->cloud);
    T_world_sensor = context->frames[0].T_world_ego *
                     context->T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
    const SweepIndex index = SweepIndex::build(cloud, T_world_sensor);
    std::size_t most = 0;
    Cuboid best;
    for (const Track& track : truth->document.tracks()) {
      const Instance* instance = track.at(0);
      if (track.object.className != "car" || instance == nullptr) continue;
      const Cuboid& box = std::get<Cuboid>(instance->geometry);
      const std::size_t n = index.pointsInBox(box).size();
      if (n > most) {
        most = n;
        best = box;
      }
    }
    fs::remove_all(dir);
    if (most == 0) return;
    rough = Cuboid::fromYaw(best.center + Eigen::Vector3d(0.35, 0.35, 0.0), best.size,
                            best.yaw() + 10.0 * std::numbers::pi / 180.0);
    options.sizePrior = defaultLabelSchema().findClass("car")->size;
    std::printf("fit_bench: %zu points, car with %zu points\n", cloud.size(), most);
    ok = true;
  }
};

const FitInput& input() {
  static const FitInput in;
  return in;
}

void SweepIndexBuild_fuselabel(benchmark::State& state) {
  const FitInput& in = input();
  if (!in.ok) return state.SkipWithError("could not generate the synthetic sweep");
  for (auto _ : state) {
    SweepIndex index = SweepIndex::build(in.cloud, in.T_world_sensor);
    benchmark::DoNotOptimize(index.size());
  }
  state.counters["points"] = static_cast<double>(in.cloud.size());
}
BENCHMARK(SweepIndexBuild_fuselabel)
    ->Name("SweepIndexBuild/fuselabel")
    ->Unit(benchmark::kMillisecond);

void AutoFit_fuselabel(benchmark::State& state) {
  const FitInput& in = input();
  if (!in.ok) return state.SkipWithError("could not generate the synthetic sweep");
  const SweepIndex index = SweepIndex::build(in.cloud, in.T_world_sensor);
  std::size_t used = 0;
  for (auto _ : state) {
    auto fit = fitCuboid(index, in.rough, in.options);
    if (!fit) return state.SkipWithError(fit.error().message.c_str());
    used = fit->points;
    benchmark::DoNotOptimize(fit->box.center.data());
  }
  state.counters["object_points"] = static_cast<double>(used);
}
BENCHMARK(AutoFit_fuselabel)->Name("AutoFit/fuselabel")->Unit(benchmark::kMicrosecond);

// The same fit, with the candidate points found by testing every point of the
// sweep (already in world, so only the selection differs).
void AutoFit_bruteForce(benchmark::State& state) {
  const FitInput& in = input();
  if (!in.ok) return state.SkipWithError("could not generate the synthetic sweep");
  const SweepIndex index = SweepIndex::build(in.cloud, in.T_world_sensor);
  const Cuboid region = fitSearchRegion(in.rough, in.options);
  const Eigen::Matrix3d R_box_world = region.rotation.toRotationMatrix().transpose();
  const Eigen::Vector3d half = region.halfSize();
  std::vector<Eigen::Vector3d> candidates;
  for (auto _ : state) {
    candidates.clear();
    for (std::uint32_t i = 0; i < index.size(); ++i) {
      const Eigen::Vector3d p = index.point(i);
      const Eigen::Vector3d local = R_box_world * (p - region.center);
      if (std::abs(local.x()) <= half.x() && std::abs(local.y()) <= half.y() &&
          std::abs(local.z()) <= half.z())
        candidates.push_back(p);
    }
    auto fit = fitCuboidToCandidates(candidates, in.rough, in.options, index.sensorOrigin());
    if (!fit) return state.SkipWithError(fit.error().message.c_str());
    benchmark::DoNotOptimize(fit->box.center.data());
  }
}
BENCHMARK(AutoFit_bruteForce)->Name("AutoFit/brute_force")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fuselabel::bench
