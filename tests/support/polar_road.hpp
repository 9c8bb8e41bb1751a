#pragma once
// The ground of a hand-made sweep as a spinning LiDAR lays it: rings around
// the sensor, one every 4 % of range from 3 m out, a point every 0.004 rad
// along each. Denser near the sensor and sparser far away, as real sweeps
// are, which is what ground segmentation and clustering are built for.

#include <cmath>
#include <numbers>

namespace fuselabel::test {

/// Calls `add(x, y, height(x, y))` for every ground point out to `maxRange`
/// (m) around the origin.
template <class Height, class Add>
void layPolarRoad(double maxRange, Height height, Add add) {
  for (double r = 3.0; r < maxRange; r *= 1.04)
    for (double a = -std::numbers::pi; a < std::numbers::pi; a += 0.004) {
      const double x = r * std::cos(a), y = r * std::sin(a);
      add(x, y, height(x, y));
    }
}

}  // namespace fuselabel::test
