// Points inside one cuboid over a sweep-sized cloud: fuselabel's unpacked
// inverse-pose loop against the obvious per-point Eigen transform.

#include <benchmark/benchmark.h>

#include "bench_inputs.hpp"
#include "core/geometry/points_in_cuboid.hpp"

namespace fuselabel::bench {
namespace {

constexpr std::size_t kCuboidPoints = 100'000;

const PointCloud& cloud() {
  static const PointCloud instance = randomCloud(kCuboidPoints);
  return instance;
}

const Cuboid& box() {
  static const Cuboid instance =
      Cuboid::fromYaw(Eigen::Vector3d(5.0, -3.0, 0.5), Eigen::Vector3d(20, 12, 3), 0.6);
  return instance;
}

void pointsInCuboidFuselabel(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(countPointsInCuboid(cloud(), box()));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kCuboidPoints));
}

void pointsInCuboidNaiveEigen(benchmark::State& state) {
  for (auto _ : state) {
    const Eigen::Isometry3d T_box_parent = box().pose().inverse();
    const Eigen::Vector3d half = box().halfSize();
    std::size_t inside = 0;
    for (std::size_t i = 0; i < cloud().size(); ++i) {
      const Eigen::Vector3d p =
          Eigen::Vector3f(cloud().x()[i], cloud().y()[i], cloud().z()[i]).cast<double>();
      const Eigen::Vector3d local = T_box_parent * p;
      inside += (local.cwiseAbs().array() <= half.array()).all() ? 1U : 0U;
    }
    benchmark::DoNotOptimize(inside);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kCuboidPoints));
}

BENCHMARK(pointsInCuboidFuselabel)->Name("PointsInCuboid/fuselabel");
BENCHMARK(pointsInCuboidNaiveEigen)->Name("PointsInCuboid/naive_eigen");

}  // namespace
}  // namespace fuselabel::bench
