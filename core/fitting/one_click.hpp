#pragma once
// One-click labeling: the annotator clicks a point of an object and gets a
// fitted cuboid and a class guess. The object is grown from the clicked
// point over the sweep's index (ground removed), then fitted like a rough box.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// A class guessed from a box size.
struct ClassGuess {
  /// Class name from the schema; empty when no cuboid class has a size prior.
  std::string className;
  /// Share of the size likelihood that the best class holds, in [0, 1]; low
  /// where classes overlap (car and van).
  double confidence = 0.0;
  /// Size likelihood of the best class (a density, only for comparing guesses).
  double likelihood = 0.0;
};

/// What oneClickCuboid found.
struct OneClickResult {
  /// The fitted box, sized with the guessed class's prior.
  CuboidFit fit;
  /// The class guessed from the fitted size.
  ClassGuess guess;
  /// The cluster's points (SweepIndex order).
  std::vector<std::uint32_t> cluster;
};

/// The size density of one class prior (see guessClassFromSize for the model).
[[nodiscard]] double sizeLikelihood(const Eigen::Vector3d& size, const SizePrior& prior,
                                    const std::array<bool, 3>& seen = {true, true, true});

/// Heading (rad) of the points' major axis in bird's-eye view: the hint that
/// makes a first fit call the longer side the length.
[[nodiscard]] double principalYaw(std::span<const Eigen::Vector3d> points);

/// An object measured by a fit without a size prior, both ways round: as
/// fitted (its longer side the length), and turned by 90°, because an I
/// seen end-on (the rear of a car ahead) is the width. A class prior decides
/// which; the second pass of a two-pass fit then uses that class's prior.
struct PriorFreeMeasure {
  /// The fit without a prior.
  CuboidFit fit;
  /// Its size as fitted, and turned (length and width swapped).
  Eigen::Vector3d asFitted = Eigen::Vector3d::Zero(), turned = Eigen::Vector3d::Zero();
  /// Which extents the points measure, each way round: only those whose
  /// faces the sensor sees, off to the side of the object's span across them.
  std::array<bool, 3> seenAsFitted{true, true, true}, seenTurned{true, true, true};
  /// Heading for the second pass: the fit's, or turned by 90°.
  [[nodiscard]] double heading(bool turn) const;
};

/// The first pass: fitObjectPoints with no size prior (known size and prior
/// of `options` dropped), hinted by principalYaw. Errors as fitObjectPoints.
[[nodiscard]] Result<PriorFreeMeasure> measureWithoutPrior(std::span<const Eigen::Vector3d> points,
                                                           const GroundPlane& ground,
                                                           const FitOptions& options,
                                                           const Eigen::Vector3d& sensorOrigin);

/// Scores each cuboid class of `schema` with a size prior (ignore regions
/// excluded) by a Gaussian density around its typical size, σ a quarter of
/// its min–max span, so a broad class ("other_object") does not win by being
/// broad. Length and width below the typical size cost less, since part of
/// an object is often hidden. An axis marked unseen in `seen` (the sensor
/// looks along it) is only an upper-bound check and is otherwise left out.
[[nodiscard]] ClassGuess guessClassFromSize(const Eigen::Vector3d& size, const LabelSchema& schema,
                                            const std::array<bool, 3>& seen = {true, true, true});

/// Grows the object under `clickedWorld` (ground removed; neighbours within
/// the range-adaptive cluster tolerance), fits a box to it, guesses its class
/// and refits with that class's size prior. Errors: nothing above the ground
/// near the click, too few points, or a cluster past maxClusterExtent or
/// maxClusterPoints (a wall or building). options.sizePrior is ignored; the
/// guessed class's prior is used.
[[nodiscard]] Result<OneClickResult> oneClickCuboid(const SweepIndex& sweep,
                                                    const Eigen::Vector3d& clickedWorld,
                                                    const LabelSchema& schema,
                                                    const FitOptions& options = {});

}  // namespace fuselabel
