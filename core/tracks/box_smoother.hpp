#pragma once
// A Kalman filter over a box's state, run forward over a track's frames and
// smoothed backward (Rauch–Tung–Striebel). The state is
// [x, y, z, yaw, l, w, h] followed by the motion terms of the model:
// [vx, vy, vz] for constant velocity, [v, vz, yaw rate] for constant turn rate
// (an extended filter: the model is linearised at each step).

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/tracks/fill_method.hpp"

namespace fuselabel {

/// State vector: pose and size, then three motion terms.
using BoxState = Eigen::Matrix<double, 10, 1>;
/// State covariance.
using BoxCovariance = Eigen::Matrix<double, 10, 10>;

/// Indices into BoxState shared by both models.
namespace box_state {
inline constexpr int kX = 0;       ///< centre x (m)
inline constexpr int kY = 1;       ///< centre y (m)
inline constexpr int kZ = 2;       ///< centre z (m)
inline constexpr int kYaw = 3;     ///< heading (rad), kept unwrapped
inline constexpr int kSize = 4;    ///< l, w, h at 4, 5, 6 (m)
inline constexpr int kMotion = 7;  ///< first motion term
}  // namespace box_state

/// A measured box and how much to trust it.
struct BoxObservation {
  /// The box (its yaw and size are used; pitch and roll ignored).
  Cuboid box;
  /// 1-sigma of the centre (m).
  double positionSigma = 0.02;
  /// 1-sigma of the yaw (rad).
  double yawSigma = 0.01;
  /// 1-sigma of each size component (m).
  double sizeSigma = 0.02;
  /// When the box was seen relative to the step's time (s); the filter
  /// compares it with its state moved by that much.
  double timeOffsetS = 0.0;
  /// Whether an observation far from the prediction (beyond 4 sigma in the
  /// ground plane) is dropped as an outlier; keyframes are never dropped.
  bool gated = false;
};

/// The observation at step `step` given the filter's predicted box there
/// (how a fit can start from the prediction) and its predicted velocity
/// (world, m/s: where a fit seen a few milliseconds off the step's time
/// should land); nullopt: nothing observed.
using ObservationSource = std::function<std::optional<BoxObservation>(
    std::size_t step, const Cuboid& predicted, const Eigen::Vector3d& velocity)>;

/// Smoothed estimate at every processed step.
struct SmoothedTrack {
  /// State per step.
  std::vector<BoxState> state;
  /// Covariance per step.
  std::vector<BoxCovariance> covariance;
  /// Whether an observation entered the filter at each step.
  std::vector<bool> observed;
  /// Steps whose observed yaw was taken as a heading flip (turned by pi).
  std::vector<std::size_t> flips;
  /// Steps whose observation was dropped as an outlier.
  std::vector<std::size_t> rejected;
};

/// What the first two keys say about the motion, to start the filter near it.
struct MotionSeed {
  /// Mean velocity between them (world, m/s).
  Eigen::Vector3d velocity = Eigen::Vector3d::Zero();
  /// Signed speed along the heading on the circular arc through them (m/s).
  double speed = 0.0;
  /// Turn rate of that arc (rad/s).
  double yawRate = 0.0;
};

/// The seed of two boxes `dt` seconds apart: the arc that leaves `a` on its
/// heading and reaches `b` on its heading (a half turn's direction told by
/// the side `b` lies on).
[[nodiscard]] MotionSeed seedFromBoxes(const Cuboid& a, const Cuboid& b, double dt);

/// Runs the filter over `timesS` (increasing). Steps up to `mustReach` are
/// always processed; after it the run stops once `maxMisses` steps in a row
/// had no observation (those trailing steps are dropped from the result).
/// `seed` starts the motion terms when known.
[[nodiscard]] SmoothedTrack smoothBoxTrack(std::span<const double> timesS,
                                           const ObservationSource& observe, MotionModel model,
                                           const MotionLimits& limits, std::size_t mustReach,
                                           int maxMisses, const std::optional<MotionSeed>& seed);

/// smoothBoxTrack() computed with the full 10-state covariance for every
/// model. For the constant-velocity model smoothBoxTrack() runs decoupled
/// per-axis filters instead; this is the reference the tests hold it to.
[[nodiscard]] SmoothedTrack smoothBoxTrackFullState(std::span<const double> timesS,
                                                    const ObservationSource& observe,
                                                    MotionModel model, const MotionLimits& limits,
                                                    std::size_t mustReach, int maxMisses,
                                                    const std::optional<MotionSeed>& seed);

/// The box a state describes (yaw only).
[[nodiscard]] Cuboid boxOfState(const BoxState& state);

}  // namespace fuselabel
