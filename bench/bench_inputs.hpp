#pragma once
// Inputs shared by the benchmark pairs: fixed-seed, so every case of a pair
// (and every run) sees the same data.

#include <cstddef>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "core/geometry/cuboid.hpp"
#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel::bench {

/// Box pairs as a tracker or an evaluator sees them: half near each other
/// (overlapping, any heading), half anywhere in a 60 m square.
inline std::vector<std::pair<Cuboid, Cuboid>> randomBoxPairs(std::size_t count) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi);
  std::uniform_real_distribution<double> size(0.5, 6.0);
  std::uniform_real_distribution<double> far(-30.0, 30.0);
  std::uniform_real_distribution<double> near(-1.5, 1.5);
  std::vector<std::pair<Cuboid, Cuboid>> pairs;
  pairs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const Eigen::Vector3d ca(far(rng), far(rng), 0.0);
    const Eigen::Vector3d cb = (i % 2 == 0)
                                   ? Eigen::Vector3d(ca.x() + near(rng), ca.y() + near(rng), 0.0)
                                   : Eigen::Vector3d(far(rng), far(rng), 0.0);
    pairs.emplace_back(Cuboid::fromYaw(ca, Eigen::Vector3d(size(rng), size(rng), 1.5), angle(rng)),
                       Cuboid::fromYaw(cb, Eigen::Vector3d(size(rng), size(rng), 1.5), angle(rng)));
  }
  return pairs;
}

/// A sweep-sized cloud: `count` points uniform in a 100 m × 100 m × 6 m slab.
inline PointCloud randomCloud(std::size_t count) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> xy(-50.0f, 50.0f);
  std::uniform_real_distribution<float> z(-2.0f, 4.0f);
  PointCloud cloud;
  cloud.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    cloud.append(xy(rng), xy(rng), z(rng), 0.0f);
  }
  return cloud;
}

}  // namespace fuselabel::bench
