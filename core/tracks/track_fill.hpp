#pragma once
// Filling one track's non-key frames from its keyframes, by real capture time.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/annotation/instance.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/tracks/box_smoother.hpp"
#include "core/tracks/fill_method.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// A box a person vouched for, at its frame's capture time.
struct TrackKey {
  /// Frame of the keyframe.
  FrameIndex frame = 0;
  /// Capture time of the frame (s, any origin shared by keys and targets).
  double timeS = 0.0;
  /// The keyed box in `world`.
  Cuboid box;
};

/// A frame the fill should produce a box for.
struct FillTarget {
  /// Frame to fill.
  FrameIndex frame = 0;
  /// Its capture time (s, same origin as the keys).
  double timeS = 0.0;
};

/// A box fitted to one frame's points.
struct FrameFit {
  /// The fitted box in `world`.
  Cuboid box;
  /// When its points were captured relative to the frame's time (s): a
  /// spinning LiDAR sees an object up to a sweep period before or after the
  /// frame's timestamp, and a moving object was elsewhere then.
  double timeOffsetS = 0.0;
  /// Fit quality in (0, 1]; a poor fit is trusted less.
  double quality = 1.0;
};

/// Fits a predicted box to one frame's points (auto-fit); nullopt when the
/// object has too few points there. The predicted box carries the track's size.
using FrameFitter =
    std::function<std::optional<FrameFit>(FrameIndex frame, const Cuboid& predicted)>;

/// How to fill.
struct FillOptions {
  /// Method.
  FillMethod method = FillMethod::Kalman;
  /// Motion model of the Kalman methods.
  MotionModel model = MotionModel::ConstantVelocity;
  /// The class's motion limits: scale the process noise and tell a heading
  /// flip from a real turn.
  MotionLimits limits;
  /// Auto-fit of one frame; required by FillMethod::KalmanFit.
  FrameFitter fitter;
  /// KalmanFit stops propagating past the last keyframe after this many
  /// frames in a row without a fit (the object left the sensor's view).
  int maxMissedFits = 2;
};

/// One filled frame.
struct FilledBox {
  /// Frame.
  FrameIndex frame = 0;
  /// Box in `world` (yaw only: pitch and roll are not filled).
  Cuboid box;
  /// Interpolated (between keys), Predicted (past the last key, no fit) or
  /// Fitted (a fit entered the filter there).
  InstanceSource source = InstanceSource::Interpolated;
  /// Smoothed 1-sigma uncertainty of the centre in the ground plane (m);
  /// Kalman methods only.
  std::optional<double> positionStd;
  /// Smoothed 1-sigma uncertainty of the yaw (rad); Kalman methods only.
  std::optional<double> yawStd;
};

/// The result of filling one track.
struct TrackFill {
  /// One box per filled target in frame order; keyframes are never included.
  std::vector<FilledBox> boxes;
  /// The one size of the rigid track (m), reconciled from the keyframes.
  Eigen::Vector3d size = Eigen::Vector3d::Zero();
  /// What the user should know: keyframe sizes that disagree, heading flips.
  std::vector<std::string> warnings;
  /// The filled frame the fill is least sure of (Kalman methods): the next
  /// frame worth keying.
  std::optional<FrameIndex> suggestedKey;
};

/// Fills `targets` from `keys` with `options.method`. Keys must be in time
/// order with distinct frames; targets in time order. Copy, Linear and Kalman
/// fill only targets between the first and the last key; KalmanFit also fills
/// past the last key while the fitter finds the object. Targets at a key's
/// frame are skipped. Fails on no keys, unsorted input or a missing fitter.
[[nodiscard]] Result<TrackFill> fillTrack(std::span<const TrackKey> keys,
                                          std::span<const FillTarget> targets,
                                          const FillOptions& options);

/// The motion of a lone key from the fit of the next frame (`dt` seconds on):
/// that frame is fitted from starts along the key's heading, from a little
/// backwards to the class's top speed, and the best fit that lands where it
/// started gives the velocity. nullopt when no start finds the object.
[[nodiscard]] std::optional<MotionSeed> seedFromNextFit(const TrackKey& key,
                                                        const Eigen::Vector3d& size,
                                                        FrameIndex next, double dt,
                                                        const FillOptions& options);

/// Whether `fit` landed where it started (within 40 cm in the ground plane),
/// i.e. found its object there: compared where an object moving at
/// `velocity` (world, m/s) was at the fit's capture time.
[[nodiscard]] bool fitLandsAt(const FrameFit& fit, const Cuboid& start,
                              const Eigen::Vector3d& velocity);

/// The fit of `frame` from `start` (a running filter's prediction, moving at
/// `velocity`) if it lands where it started; else, where it landed along the
/// start's heading (not beside it), the fit from there if that one stays
/// put. nullopt otherwise.
[[nodiscard]] std::optional<FrameFit> trackedFit(const FrameFitter& fitter, FrameIndex frame,
                                                 const Cuboid& start,
                                                 const Eigen::Vector3d& velocity);

/// The track's one size: the per-axis median of the keys' sizes, with a
/// warning for each key more than 10 cm and 5 % away from it.
[[nodiscard]] Eigen::Vector3d reconcileTrackSize(std::span<const TrackKey> keys,
                                                 std::vector<std::string>& warnings);

}  // namespace fuselabel
