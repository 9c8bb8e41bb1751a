#include "core/geometry/angle.hpp"

#include <cmath>
#include <numbers>

namespace fuselabel {

double normalizeAngle(double angle) noexcept {
  constexpr double kPi = std::numbers::pi;
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  if (!std::isfinite(angle)) {
    return angle;
  }
  // fmod keeps the result exact for angles that are already in range, unlike
  // a round-trip through atan2(sin, cos).
  double wrapped = std::fmod(angle, kTwoPi);  // in (-2pi, 2pi)
  if (wrapped <= -kPi) {
    wrapped += kTwoPi;
  } else if (wrapped > kPi) {
    wrapped -= kTwoPi;
  }
  return wrapped;
}

double angleDifference(double a, double b) noexcept {
  return normalizeAngle(a - b);
}

}  // namespace fuselabel
