#pragma once
// Hand-made motions for the track tests: exact boxes at any time.

#include <cmath>
#include <functional>
#include <vector>

#include "core/tracks/track_fill.hpp"

namespace fuselabel::test {

/// A car-sized box.
inline const Eigen::Vector3d kCarSize(4.5, 1.9, 1.6);

/// The true box of a motion at time t.
using Motion = std::function<Cuboid(double t)>;

/// Straight line at constant velocity (vx, vy), heading along it.
inline Motion constantVelocity(double vx, double vy) {
  return [=](double t) {
    return Cuboid::fromYaw(Eigen::Vector3d(3.0 + vx * t, -2.0 + vy * t, 0.8), kCarSize,
                           std::atan2(vy, vx));
  };
}

/// A left turn on a circle of `radius` at `speed`, starting at the origin heading +x.
inline Motion circle(double radius, double speed) {
  return [=](double t) {
    const double a = speed * t / radius;
    return Cuboid::fromYaw(Eigen::Vector3d(radius * std::sin(a), radius * (1.0 - std::cos(a)), 0.8),
                           kCarSize, a);
  };
}

/// Keys of `motion` at (frame, time) pairs.
inline std::vector<TrackKey> keysAt(const Motion& motion,
                                    const std::vector<std::pair<FrameIndex, double>>& at) {
  std::vector<TrackKey> keys;
  for (const auto& [frame, t] : at)
    keys.push_back({frame, t, motion(t)});
  return keys;
}

/// Targets every `step` seconds from 0 to `end`, frame = index.
inline std::vector<FillTarget> targetsEvery(double step, double end) {
  std::vector<FillTarget> targets;
  for (int i = 0; i * step <= end + 1e-9; ++i)
    targets.push_back({i, i * step});
  return targets;
}

}  // namespace fuselabel::test
