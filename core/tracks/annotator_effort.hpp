#pragma once
// The effort benchmark: an annotator simulated on ground-truth tracks. It
// keys the first instance of each track, fills with a method, then keeps
// keying the worst instance (one left unfilled first, the farthest from any
// key; then the lowest IoU) until every instance reaches an IoU
// threshold. The fraction of instances keyed is the effort a method leaves.

#include <functional>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/tracks/track_fill.hpp"

namespace fuselabel {

/// How the simulated annotator works.
struct EffortOptions {
  /// Fill method.
  FillMethod method = FillMethod::Kalman;
  /// Motion model of the Kalman methods.
  MotionModel model = MotionModel::ConstantVelocity;
  /// 3D IoU every instance must reach.
  double iouThreshold = 0.7;
  /// Schema with the classes' motion limits; nullptr: the built-in one.
  const LabelSchema* schema = nullptr;
  /// Auto-fit per object (KalmanFit).
  std::function<FrameFitter(const Object&)> fitterFor;
  /// Truth instances whose `num_points` attribute is below this are left out:
  /// nobody labels a box no sensor saw. Instances without it are kept.
  int minPoints = 0;
  /// Key the last instance of each track up front with the first, as issue 7
  /// states the protocol. Off: the annotator starts from the first key alone
  /// and keys the end only where the fill did not reach it (what kalman-fit's
  /// propagation saves; copy, linear and kalman key the same either way).
  bool keyLastUpFront = true;
};

/// Effort and fill error of one class (or of all classes).
struct EffortTally {
  /// Class name, or "all".
  std::string className;
  /// Tracks simulated.
  int tracks = 0;
  /// Instances in those tracks.
  int instances = 0;
  /// Instances the annotator had to key (the first included).
  int keyed = 0;
  /// Instances filled by the final fill (from every key the annotator set).
  int finalFillCount = 0;
  /// Sum over the final fill of the centre error (m).
  double centreErrorSum = 0.0;
  /// Sum over the final fill of |yaw error| (rad).
  double yawErrorSum = 0.0;
  /// Sum over the final fill of the mean |size error| of l, w, h (m).
  double sizeErrorSum = 0.0;

  /// keyed / instances.
  [[nodiscard]] double keyedFraction() const {
    return instances > 0 ? double(keyed) / instances : 0.0;
  }
  /// Mean centre error of the final fill (m).
  [[nodiscard]] double meanCentreError() const { return mean(centreErrorSum); }
  /// Mean |yaw error| of the final fill (rad).
  [[nodiscard]] double meanYawError() const { return mean(yawErrorSum); }
  /// Mean |size error| of the final fill (m).
  [[nodiscard]] double meanSizeError() const { return mean(sizeErrorSum); }
  /// Adds another tally's counts.
  void add(const EffortTally& other);

 private:
  [[nodiscard]] double mean(double sum) const {
    return finalFillCount > 0 ? sum / finalFillCount : 0.0;
  }
};

/// The result for one method.
struct EffortReport {
  /// Method simulated.
  FillMethod method = FillMethod::Kalman;
  /// Per class, sorted by name.
  std::vector<EffortTally> perClass;
  /// Over every class.
  EffortTally total;
};

/// Simulates the annotator on every cuboid track of `truth` (which must know
/// its frame times). Static (sequence-wide) instances are ignored.
[[nodiscard]] Result<EffortReport> simulateAnnotator(const Document& truth,
                                                     const EffortOptions& options);

}  // namespace fuselabel
