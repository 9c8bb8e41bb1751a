#pragma once
// Refill on edit: when a person edits one box of a track, that box becomes a
// keyframe and the filled frames around it follow at once. Only the non-key
// instances between the edited key and its neighbouring keys change (and,
// past an end key, the filled instances beyond it move with the edit);
// keyframes and proposals are never touched. GUI-free so it is unit tested.

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/annotation/commands/command.hpp"
#include "core/annotation/document.hpp"
#include "core/tracks/fill_method.hpp"
#include "core/tracks/track_fill.hpp"
#include "core/util/result.hpp"

namespace fuselabel::gui {

/// What an edit refills.
struct RefillRequest {
  /// The object edited.
  ObjectId id;
  /// The frame edited (a keyframe once the edit is applied).
  FrameIndex frame = 0;
  /// The instance at `frame` before the edit (nullopt: there was none); its
  /// box gives the offset that filled instances past an end key follow.
  std::optional<Instance> before;
  /// Copy, Linear, Kalman or KalmanFit; KalmanFit without `fitterFor` refills
  /// as Kalman (the fits need the sweeps, so they run on a worker: TrackTools).
  FillMethod method = FillMethod::Linear;
  /// The auto-fit for KalmanFit (SweepFitting::fitterFactory()).
  std::function<FrameFitter(const Object&)> fitterFor;
};

/// The instances (with their new geometry and source) that refilling the
/// edited track in `document` (the edit already applied) puts back. Filled
/// instances between the edited key and its neighbouring keys are rewritten;
/// when the edit made a new key, a segment without any instance is filled
/// completely too (a key placed frames away). Gaps in a segment that has
/// instances stay: a person deleted those frames.
[[nodiscard]] Result<std::vector<Instance>> refillInstances(const Document& document,
                                                            const RefillRequest& request);

/// One command putting refillInstances() into the document, or nullptr when
/// nothing changes (the neighbours are keys, or the object is not a box track).
[[nodiscard]] Result<std::unique_ptr<Command>> makeRefillCommand(const Document& document,
                                                                 const RefillRequest& request);

}  // namespace fuselabel::gui
