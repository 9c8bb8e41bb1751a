#pragma once
// A scripted labeling run (issue 9): a simulated annotator labels truth
// objects with exactly the GUI's own operations, counted as the GUI's inputs.
// Per object it chooses the palette class (a digit key), one-clicks the
// object at its first well-visible frame (Ctrl+click), then keeps going to
// the track's worst instance (A/D or a timeline click) and fixing it with
// Shift+C (box_for_selected), nudges, T (fit_to_points) or G (snap_to_ground)
// until every instance reaches the IoU. After each edit the track is refilled
// with the chosen method, as the GUI's refill-on-edit does.
//
// The truth decides only *where* the person corrects (as in the effort
// benchmark, core/tracks/annotator_effort.hpp) and which nudge helps most;
// every box placed comes from a GUI operation, never from the truth. Needs no
// window: the CLI (script-label) and the tests run it.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/tracks/fill_method.hpp"
#include "core/util/result.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

/// What the simulated annotator does, and when it gives up.
struct ScriptOptions {
  /// Truth objects to label (the best-seen cuboid tracks, see chooseScriptObjects()).
  int objects = 20;
  /// Fill of the edited track after each edit.
  FillMethod method = FillMethod::Kalman;
  /// 3D IoU every instance of a labeled object must reach.
  double iouThreshold = 0.7;
  /// A frame where the object has at least this many LiDAR points is well
  /// visible: the object is first clicked in its first such frame.
  int wellVisiblePoints = 30;
  /// A frame where the object has at least this many points shows it. An
  /// object is labeled from the first frame that shows it to the last (the
  /// frames between, occluded or not, are its instances; none before it
  /// comes into view or after it leaves), and the objects chosen are those
  /// with the longest such span, so they cover the sequence as far as the
  /// scene allows.
  int seenPoints = 20;
  /// A one-click or Shift+C box whose centre is farther than half the
  /// object's length plus this (m) from the object's middle sits visibly on
  /// something else: the person undoes it (Ctrl+Z) and clicks another point
  /// of the object. Generous: a fast object's points trail its truth box by
  /// up to v x 0.1 s (one LiDAR turn), and a box fitted to them looks right
  /// to a person; the nudges then move it.
  double offObjectM = 1.5;
  /// Presses of one nudge key a person makes in a row when no single press
  /// helps (a box a quarter turn off takes 18 Shift+turns).
  int maxRepeat = 20;
  /// Points of the object a person tries clicking before giving up on a frame.
  int clickTries = 3;
  /// Nudging a frame stops once its IoU reaches this (a person aligns the box
  /// with the points a little past the bar, so the fill around it holds).
  double aimIou = 0.85;
  /// Frames away from which the timeline is clicked instead of stepping with A/D.
  int timelineClickFrom = 4;
  /// The honest cap: corrections (visits to a worst frame) per object. An
  /// object that reaches it fails the run; nothing is loosened.
  int maxCorrectionsPerObject = 60;
  /// Key presses spent nudging one frame before the person gives up on it.
  int maxNudgesPerFrame = 60;
};

/// Inputs one object (or the whole run) took, by kind.
struct InputTally {
  int objectClicks = 0;    ///< Ctrl+click on the object in the 3D view (new box)
  int timelineClicks = 0;  ///< a click on the timeline to jump to a far frame
  int inspectorClicks =
      0;                ///< the inspector's class combo (open + choose) for a class off the palette
  int paletteKeys = 0;  ///< 0-9: the class of new boxes
  int undoKeys =
      0;  ///< Ctrl+Z: a box that landed on something else, or a Shift+C that did not help
  int frameStepKeys = 0;       ///< A / D
  int boxForSelectedKeys = 0;  ///< Shift+C: the selected track's box fitted in this frame
  int fineNudgeKeys = 0;       ///< nudges (move, turn, resize, flip)
  int coarseNudgeKeys = 0;     ///< Shift+nudges
  int fitToPointsKeys = 0;     ///< T
  int snapToGroundKeys = 0;    ///< G
  int saveKeys = 0;            ///< Ctrl+S: once, at the end of the run

  /// Mouse clicks of every kind.
  [[nodiscard]] int clicks() const { return objectClicks + timelineClicks + inspectorClicks; }
  /// Key presses of every kind.
  [[nodiscard]] int keys() const {
    return paletteKeys + undoKeys + frameStepKeys + boxForSelectedKeys + fineNudgeKeys +
           coarseNudgeKeys + fitToPointsKeys + snapToGroundKeys + saveKeys;
  }
  /// Adds another tally.
  void add(const InputTally& other);
};

/// One labeled object.
struct ScriptedObject {
  /// The truth object labeled.
  ObjectId truthId;
  /// "car 12": the truth track's name.
  std::string name;
  /// The annotator's object (zero when it could not be created).
  ObjectId labeledId;
  /// Truth instances (frames) labeled: the object's seen span, from
  /// `firstFrame` to `lastFrame`.
  int instances = 0;
  FrameIndex firstFrame = 0;
  FrameIndex lastFrame = -1;
  /// Keyframes the annotator set.
  int keyframes = 0;
  /// Worst and mean IoU of the annotator's instances against the truth (missing = 0).
  double worstIou = 0.0;
  double meanIou = 0.0;
  /// Inputs spent on this object.
  InputTally inputs;
  /// True when every instance reached the IoU; false when a cap stopped it.
  bool done = false;
  /// Why it is not done, or empty.
  std::string problem;
};

/// The whole run.
struct ScriptReport {
  /// Fill method used.
  FillMethod method = FillMethod::Kalman;
  /// Per object, in labeling order.
  std::vector<ScriptedObject> objects;
  /// Over every object.
  InputTally total;
  /// The annotator's labels.
  Document document;
  /// True when every object is done.
  [[nodiscard]] bool allDone() const;
};

/// The truth tracks the script labels: cuboid tracks of the built-in schema's
/// classes, longest seen span first (then most frames seen, most well
/// visible, most points, lowest number), at most `options.objects`. Point counts come from
/// `sequence`'s sweeps.
[[nodiscard]] Result<std::vector<ObjectId>> chooseScriptObjects(const Sequence& sequence,
                                                                const LabelContext& context,
                                                                const Document& truth,
                                                                const ScriptOptions& options);

/// Runs the scripted annotator on `sequence` (placed by `context`, which
/// must know the frames' times) against `truth`. An error only for what
/// keeps the run from starting (unreadable sweeps, a truth without frame
/// times); objects the script could not finish are reported, not errors.
[[nodiscard]] Result<ScriptReport> runScriptedAnnotator(const Sequence& sequence,
                                                        const LabelContext& context,
                                                        const Document& truth,
                                                        const ScriptOptions& options);

}  // namespace fuselabel::gui
