#pragma once
// Filling the tracks of a whole annotation document: gathers each track's
// keyframes and the frames' capture times, fills, and returns the instances
// as one undoable command.

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "core/annotation/commands/command.hpp"
#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/tracks/track_fill.hpp"

namespace fuselabel {

/// Which tracks and frames to fill, and how.
struct DocumentFillOptions {
  /// Method.
  FillMethod method = FillMethod::Kalman;
  /// Motion model of the Kalman methods.
  MotionModel model = MotionModel::ConstantVelocity;
  /// Schema giving each class's motion limits; nullptr: the built-in one.
  const LabelSchema* schema = nullptr;
  /// Only this track; nullopt: every cuboid track.
  std::optional<ObjectId> track;
  /// First frame keys are taken from and filled (inclusive).
  FrameIndex firstFrame = 0;
  /// Last frame keys are taken from and filled (inclusive).
  FrameIndex lastFrame = std::numeric_limits<FrameIndex>::max();
  /// The auto-fit for one object's frames (KalmanFit).
  std::function<FrameFitter(const Object&)> fitterFor;
  /// See FillOptions::maxMissedFits.
  int maxMissedFits = 2;
};

/// The fill of one track.
struct DocumentTrackFill {
  /// Object filled.
  ObjectId id;
  /// Its new non-key instances (source set), ready for makeFillTrackCommand().
  std::vector<Instance> instances;
  /// The fill with its warnings and uncertainty.
  TrackFill fill;
};

/// Capture time (s, from the first frame) of every frame of `document`; an
/// error when the document does not know its frames' times.
[[nodiscard]] Result<std::vector<double>> frameTimesS(const Document& document);

/// Keyframes (source Keyframe, cuboid, per frame) of `track` within [first, last].
[[nodiscard]] std::vector<TrackKey> keysOf(const Track& track, std::span<const double> timesS,
                                           FrameIndex first, FrameIndex last);

/// Fills every selected track; tracks without a keyframe are left alone. An
/// error names the track ("car 12: ...").
[[nodiscard]] Result<std::vector<DocumentTrackFill>> fillDocument(
    const Document& document, const DocumentFillOptions& options);

/// One undo step putting every fill into the document; nullptr when nothing was filled.
[[nodiscard]] std::unique_ptr<Command> makeDocumentFillCommand(
    const Document& document, const std::vector<DocumentTrackFill>& fills);

/// "car 12": how messages name a track.
[[nodiscard]] std::string trackName(const Object& object);

}  // namespace fuselabel
