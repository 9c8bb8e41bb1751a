#pragma once
// Matching each camera's samples to the reference LiDAR's frames by time.
// A frame gets the sample nearest to it once the sensor's known delay is
// removed, and only when that sample is within tolerance; otherwise the frame
// has no image for that camera, rather than a wrong one.

#include <cstdint>
#include <optional>
#include <vector>

#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

/// How one sensor is matched to frames.
struct SyncOptions {
  /// Largest |sample time − offset − frame time| accepted; none = half the
  /// reference period (median spacing of the frames).
  std::optional<std::int64_t> toleranceNs;
  /// The sensor's fixed delay: its timestamps read this much later than the
  /// moment they describe (a rig with a known trigger delay).
  std::int64_t offsetNs = 0;
};

/// Per camera: how well its samples match the frames.
struct SyncReport {
  size_t matched = 0;         ///< frames with a sample within tolerance
  size_t unmatched = 0;       ///< frames without one
  double meanOffsetMs = 0.0;  ///< mean |sample − frame| over matched frames (delay removed)
  double maxOffsetMs = 0.0;   ///< largest such offset
};

/// Half the median spacing of the frame times: the default tolerance.
std::int64_t defaultSyncTolerance(const std::vector<Frame>& frames);

/// For each frame, the index of the nearest sample within tolerance.
/// `samples` must be sorted by time.
std::vector<std::optional<size_t>> matchSamplesToFrames(const std::vector<Frame>& frames,
                                                        const std::vector<SensorSample>& samples,
                                                        const SyncOptions& options);

/// The match quality of one camera stream of `sequence`.
SyncReport syncReport(const Sequence& sequence, const CameraStream& camera);

}  // namespace fuselabel
