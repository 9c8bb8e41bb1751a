#pragma once
// The ways a track's non-key frames can be filled from its keyframes.

#include <optional>
#include <string_view>

namespace fuselabel {

/// How a track is filled between (and, with fitting, after) its keyframes.
enum class FillMethod {
  /// Nearest earlier keyframe, unchanged: what most tools offer today.
  Copy,
  /// Position linear in time, yaw along the shortest arc, one size per track.
  Linear,
  /// Kalman filter over the keyframes, smoothed backward (Rauch–Tung–Striebel).
  Kalman,
  /// As Kalman, with each non-key frame's prediction fitted to that frame's
  /// points and entered as a measurement; also propagates past the last key.
  KalmanFit,
};

/// Motion model of the Kalman methods.
enum class MotionModel {
  /// Constant velocity in x, y, z (the standard 3D multi-object-tracking state).
  ConstantVelocity,
  /// Constant speed along the heading and constant turn rate (an extended filter).
  ConstantTurnRate,
};

/// Command-line name: "copy", "linear", "kalman", "kalman-fit".
[[nodiscard]] std::string_view toString(FillMethod method) noexcept;
/// Parses a name written by toString(); nullopt for anything else.
[[nodiscard]] std::optional<FillMethod> parseFillMethod(std::string_view text) noexcept;
/// Command-line name: "cv", "ctrv".
[[nodiscard]] std::string_view toString(MotionModel model) noexcept;
/// Parses "cv" or "ctrv".
[[nodiscard]] std::optional<MotionModel> parseMotionModel(std::string_view text) noexcept;

}  // namespace fuselabel
