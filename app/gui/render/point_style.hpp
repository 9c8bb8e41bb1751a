#pragma once
// How the 3D view colours and sizes LiDAR points. Plain data, compared to
// decide whether the view must be redrawn.

#include <array>
#include <string_view>

namespace fuselabel::render {

enum class PointColorMode { Intensity, Height, Range, Ring, Time, Camera };

inline constexpr std::array<PointColorMode, 6> k_pointColorModes{
    PointColorMode::Intensity, PointColorMode::Height, PointColorMode::Range,
    PointColorMode::Ring,      PointColorMode::Time,   PointColorMode::Camera};

/// Lower-case name used in the UI and --debug-state ("intensity", "height", ...).
[[nodiscard]] constexpr std::string_view toString(PointColorMode mode) noexcept {
  switch (mode) {
    case PointColorMode::Intensity:
      return "intensity";
    case PointColorMode::Height:
      return "height";
    case PointColorMode::Range:
      return "range";
    case PointColorMode::Ring:
      return "ring";
    case PointColorMode::Time:
      return "time";
    case PointColorMode::Camera:
      return "camera";
  }
  return "intensity";
}

struct PointStyle {
  PointColorMode colorMode = PointColorMode::Intensity;
  float pointSizePx = 2.0F;
  /// Height band in world z (metres): points outside are not drawn when enabled.
  bool clipHeight = false;
  float minHeightM = -2.5F;
  float maxHeightM = 4.0F;
  /// World z mapped to the ends of the height colour ramp.
  float heightColorMinM = -2.5F;
  float heightColorMaxM = 3.0F;
  /// Range (m) mapped to the far end of the range colour ramp.
  float rangeColorMaxM = 60.0F;

  bool operator==(const PointStyle&) const = default;
};

}  // namespace fuselabel::render
