#pragma once
// Angle helpers shared by cuboids, tracks and the GUI's rotate handles.

namespace fuselabel {

/// `angle` (radians) wrapped to (-pi, pi]; non-finite input is returned unchanged.
[[nodiscard]] double normalizeAngle(double angle) noexcept;

/// Smallest signed difference `a - b`, wrapped to (-pi, pi].
[[nodiscard]] double angleDifference(double a, double b) noexcept;

}  // namespace fuselabel
