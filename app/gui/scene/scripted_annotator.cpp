#include "app/gui/scene/scripted_annotator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <set>
#include <tuple>

#include "app/gui/scene/box_creation.hpp"
#include "app/gui/scene/box_nudge.hpp"
#include "app/gui/scene/class_palette.hpp"
#include "app/gui/scene/track_refill.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/geometry/iou.hpp"
#include "core/tracks/document_fill.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::gui {
namespace {

// Each frame's sweep indexed once, as FrameSweepIndex does for the GUI (here
// synchronously: the script waits for every click anyway).
class SweepCache {
 public:
  SweepCache(const Sequence& sequence, const LabelContext& context)
      : m_sequence(sequence), m_context(context) {}

  Result<const IndexedSweep*> at(FrameIndex frame) {
    auto it = m_sweeps.find(frame);
    if (it == m_sweeps.end()) {
      Result<IndexedSweep> built = indexFrameSweep(m_sequence, m_context, frame);
      if (!built) {
        return built.error().withContext("frame " + std::to_string(frame));
      }
      it = m_sweeps.emplace(frame, std::make_unique<IndexedSweep>(std::move(built).value())).first;
    }
    return it->second.get();
  }

 private:
  const Sequence& m_sequence;
  const LabelContext& m_context;
  std::map<FrameIndex, std::unique_ptr<IndexedSweep>> m_sweeps;
};

using TruthBoxes = std::map<FrameIndex, Cuboid>;

TruthBoxes truthBoxesOf(const Track& track, std::size_t frames) {
  TruthBoxes out;
  for (const Instance& instance : track.instances) {
    const auto* box = std::get_if<Cuboid>(&instance.geometry);
    if (box != nullptr && instance.frame >= 0 &&
        static_cast<std::size_t>(instance.frame) < frames) {
      out.emplace(instance.frame, *box);
    }
  }
  return out;
}

// Where a person clicks on an object they see: the LiDAR point of the object
// nearest its middle first; the next tries on points at least half a metre
// from every earlier one (another part of the object).
std::vector<Eigen::Vector3d> clickPoints(const IndexedSweep& sweep, const Cuboid& truth,
                                         int tries) {
  std::vector<Eigen::Vector3d> points;
  for (std::uint32_t i : sweep.index.pointsInBox(truth)) {
    points.push_back(sweep.index.point(i));
  }
  std::stable_sort(points.begin(), points.end(),
                   [&](const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
                     return (a - truth.center).squaredNorm() < (b - truth.center).squaredNorm();
                   });
  constexpr double kApart = 0.5;  // m
  std::vector<Eigen::Vector3d> out;
  for (const Eigen::Vector3d& p : points) {
    if (static_cast<int>(out.size()) >= tries) break;
    if (std::all_of(out.begin(), out.end(),
                    [&](const Eigen::Vector3d& q) { return (p - q).norm() >= kApart; })) {
      out.push_back(p);
    }
  }
  return out;
}

// How well a box sits on the object as a person judges it while nudging:
// its IoU, less what they see is off (turned, too big or small; heading is
// not judged, a flipped box covers the same points), and below any overlap
// how far it is from the object. Without the turn and size terms a box a
// quarter turn off is widened into a square rather than turned.
double placementScore(const Cuboid& box, const Cuboid& truth) {
  const double iou = iou3d(box, truth);
  constexpr double kPerRadian = 0.2;
  constexpr double kPerMetreOfSize = 0.02;
  constexpr double kPerMetreAway = 0.01;
  double turn = std::fmod(std::abs(box.yaw() - truth.yaw()), std::numbers::pi);
  turn = std::min(turn, std::numbers::pi - turn);
  const double score =
      iou - kPerRadian * turn - kPerMetreOfSize * (box.size - truth.size).cwiseAbs().sum();
  return iou > 0.0 ? score : score - kPerMetreAway * (box.center - truth.center).norm();
}

// Smallest gain of the score a key press must bring (IoU, or 1 cm when apart).
constexpr double kMinGain = 1e-4;

// One key's edit of the selected box in the shown frame, as the GUI does it.
struct BoxEdit {
  enum Kind { NudgeKey, FitToPoints, SnapToGround } kind = NudgeKey;
  Nudge nudge = Nudge::Forward;
  bool coarse = false;
};

std::vector<BoxEdit> everyBoxEdit() {
  std::vector<BoxEdit> out;
  for (int n = 0; n <= static_cast<int>(Nudge::FlipHeading); ++n) {
    const auto nudge = static_cast<Nudge>(n);
    out.push_back({BoxEdit::NudgeKey, nudge, false});
    if (nudge != Nudge::FlipHeading) {  // Shift+flip is the same flip
      out.push_back({BoxEdit::NudgeKey, nudge, true});
    }
  }
  out.push_back({BoxEdit::FitToPoints, Nudge::Forward, false});
  out.push_back({BoxEdit::SnapToGround, Nudge::Forward, false});
  return out;
}

std::optional<Cuboid> applyEdit(const BoxEdit& edit, const Cuboid& box, const IndexedSweep& sweep,
                                const std::string& className, const LabelSchema& schema) {
  switch (edit.kind) {
    case BoxEdit::NudgeKey:
      return nudged(box, edit.nudge, edit.coarse);
    case BoxEdit::FitToPoints: {
      auto fit = fittedToPoints(sweep, box, className, schema);
      return fit ? std::optional<Cuboid>(*fit) : std::nullopt;
    }
    case BoxEdit::SnapToGround:
      return snappedToGround(sweep, box);
  }
  return std::nullopt;
}

void count(const BoxEdit& edit, InputTally& tally) {
  switch (edit.kind) {
    case BoxEdit::NudgeKey:
      ++(edit.coarse ? tally.coarseNudgeKeys : tally.fineNudgeKeys);
      break;
    case BoxEdit::FitToPoints:
      ++tally.fitToPointsKeys;
      break;
    case BoxEdit::SnapToGround:
      ++tally.snapToGroundKeys;
      break;
  }
}

const Cuboid* boxAt(const Document& document, ObjectId id, FrameIndex frame) {
  const Instance* instance = document.instance(id, frame);
  return instance != nullptr ? std::get_if<Cuboid>(&instance->geometry) : nullptr;
}

// The simulated person at the GUI: the document, its undo stack, the shown
// frame and the class palette, with every input counted.
// The frames a person labels an object in: from the first frame its points
// show it to the last (occluded frames between are filled), not before it
// comes into view or after it leaves.
Result<TruthBoxes> seenSpan(const TruthBoxes& truth, SweepCache& sweeps, int seenPoints) {
  std::optional<FrameIndex> first;
  FrameIndex last = 0;
  for (const auto& [frame, box] : truth) {
    Result<const IndexedSweep*> sweep = sweeps.at(frame);
    if (!sweep) {
      return sweep.error();
    }
    if ((*sweep)->index.pointsInBox(box).size() >= static_cast<std::size_t>(seenPoints)) {
      first = first.value_or(frame);
      last = frame;
    }
  }
  TruthBoxes out;
  if (first) {
    out.insert(truth.lower_bound(*first), truth.upper_bound(last));
  }
  return out;
}

class Annotator {
 public:
  Annotator(const Sequence& sequence, const LabelContext& context, const Document& truth,
            const ScriptOptions& options, SweepCache& sweeps)
      : m_options(options),
        m_sweeps(sweeps),
        m_document(truth.info()),
        m_stack(m_document),
        m_frames(context.frames.size()) {
    if (options.method == FillMethod::KalmanFit) {
      m_fitting = std::make_unique<SweepFitting>(sequence, context);
      m_fitterFor = m_fitting->fitterFactory();
    }
  }

  Result<ScriptedObject> label(const Track& truthTrack);

  Document takeDocument() { return std::move(m_document); }

 private:
  // Steps the shown frame to `frame`: A/D presses when near, a timeline click when far.
  void goTo(FrameIndex frame, InputTally& tally) {
    const int distance = std::abs(frame - m_shown);
    if (distance >= m_options.timelineClickFrom) {
      ++tally.timelineClicks;
    } else {
      tally.frameStepKeys += distance;
    }
    m_shown = frame;
  }

  // The palette set to `className` before a click (a digit), or to guessing
  // (0) for a class off the palette.
  void choosePaletteFor(const std::string& className, InputTally& tally) {
    const auto& classes = m_palette.classes();
    const auto it = std::find(classes.begin(), classes.end(), className);
    const int digit = it == classes.end() ? 0 : static_cast<int>(it - classes.begin()) + 1;
    const std::string wanted = digit == 0 ? std::string() : className;
    if (m_palette.chosen() != wanted) {
      m_palette.choose(digit);
      ++tally.paletteKeys;
    }
  }

  // The GUI's refill on edit (track_refill, the code the GUI runs): the
  // filled frames between the edited key at `frame` and its neighbouring
  // keys follow, with the chosen method; `before` is the instance there
  // before the edit.
  Result<void> refill(ObjectId id, FrameIndex frame, std::optional<Instance> before) {
    RefillRequest request;
    request.id = id;
    request.frame = frame;
    request.before = std::move(before);
    request.method = m_options.method;
    request.fitterFor = m_fitterFor;
    Result<std::unique_ptr<Command>> command = makeRefillCommand(m_document, request);
    if (!command) {
      return command.error();
    }
    if (*command) {
      return m_stack.push(std::move(command).value());
    }
    return {};
  }

  // Worst instance of the labeled track against the truth (missing = IoU 0).
  // Of the missing ones the track's ends come first: a person keys the
  // first and last frame so the fill spans the track, not frame after frame.
  std::pair<FrameIndex, double> worstOf(ObjectId id, const TruthBoxes& truth) const {
    std::pair<FrameIndex, double> worst{0, 2.0};
    std::optional<FrameIndex> firstMissing;
    for (const auto& [frame, box] : truth) {
      const Cuboid* mine = boxAt(m_document, id, frame);
      if (mine == nullptr && !firstMissing) {
        firstMissing = frame;
      }
      const double iou = mine != nullptr ? iou3d(*mine, box) : 0.0;
      if (iou < worst.second) {
        worst = {frame, iou};
      }
    }
    if (firstMissing) {
      const FrameIndex first = truth.begin()->first;
      const FrameIndex last = truth.rbegin()->first;
      if (boxAt(m_document, id, first) == nullptr) return {first, 0.0};
      if (boxAt(m_document, id, last) == nullptr) return {last, 0.0};
      return {*firstMissing, 0.0};
    }
    return worst;
  }

  // A box fitted where the person points at the object: Ctrl+click for a new
  // object (`newObject`), else Shift+C for the selected track. A box that
  // lands visibly on something else is undone (Ctrl+Z) and another point of
  // the object tried; when every try lands off, the person places the
  // nearest again and will move it with the keys. Every press counts;
  // nullopt when no try gave a box at all.
  std::optional<NewBox> pointAndFit(const IndexedSweep& sweep, const Cuboid& truth,
                                    const std::string& className, bool newObject,
                                    InputTally& tally) {
    int& presses = newObject ? tally.objectClicks : tally.boxForSelectedKeys;
    std::optional<NewBox> nearest;
    for (const Eigen::Vector3d& click : clickPoints(sweep, truth, m_options.clickTries)) {
      ++presses;
      auto fitted = oneClickBox(sweep, click, className, m_schema);
      if (!fitted) {
        continue;  // "no box: ..." in the status bar, nothing placed
      }
      const double away = (fitted->box.center - truth.center).norm();
      if (away <= 0.5 * truth.size.x() + m_options.offObjectM) {
        return std::move(fitted).value();
      }
      ++tally.undoKeys;  // placed on something else: Ctrl+Z
      if (!nearest || away < (nearest->box.center - truth.center).norm()) {
        nearest = std::move(fitted).value();
      }
    }
    if (nearest) {
      ++presses;
    }
    return nearest;
  }

  // The person at the worst frame: Shift+C over the object when that fits
  // clearly better than what is there, then key by key the edit that helps
  // most until the box sits well. False when nothing helped.
  Result<bool> fixFrame(ObjectId id, const std::string& className, FrameIndex frame,
                        const Cuboid& truth, InputTally& tally);

  const ScriptOptions& m_options;
  SweepCache& m_sweeps;
  const LabelSchema& m_schema = defaultLabelSchema();
  Document m_document;
  CommandStack m_stack;
  std::size_t m_frames;
  ClassPalette m_palette;
  FrameIndex m_shown = 0;
  std::unique_ptr<SweepFitting> m_fitting;
  std::function<FrameFitter(const Object&)> m_fitterFor;
  const std::vector<BoxEdit> m_edits = everyBoxEdit();
  std::set<std::pair<ObjectId, FrameIndex>> m_triedBoxForSelected;
};

Result<bool> Annotator::fixFrame(ObjectId id, const std::string& className, FrameIndex frame,
                                 const Cuboid& truth, InputTally& tally) {
  Result<const IndexedSweep*> sweep = m_sweeps.at(frame);
  if (!sweep) {
    return sweep.error();
  }
  bool changed = false;
  const Instance* was = m_document.instance(id, frame);
  const std::optional<Instance> before =
      was != nullptr ? std::optional<Instance>(*was) : std::nullopt;
  const Cuboid* shown = boxAt(m_document, id, frame);
  double iou = shown != nullptr ? iou3d(*shown, truth) : 0.0;
  constexpr double kClearlyBetter = 0.02;
  // Shift+C once per frame: a box fitted afresh often beats the filled one;
  // when it does not, Ctrl+Z and nudge what was there.
  if (m_triedBoxForSelected.insert({id, frame}).second) {
    if (auto fitted = pointAndFit(**sweep, truth, className, false, tally)) {
      if (shown == nullptr || iou3d(fitted->box, truth) > iou + kClearlyBetter) {
        Instance instance;
        instance.frame = frame;
        instance.geometry = fitted->box;
        instance.source = InstanceSource::Keyframe;
        if (auto put = m_stack.push(std::make_unique<PutInstanceCommand>(id, std::move(instance)));
            !put) {
          return put.error();
        }
        changed = true;
      } else {
        ++tally.undoKeys;
      }
    }
  }
  int presses = 0;
  while (presses < m_options.maxNudgesPerFrame) {
    shown = boxAt(m_document, id, frame);
    if (shown == nullptr) {
      break;  // no box to nudge: Shift+C found nothing here
    }
    if (iou3d(*shown, truth) >= m_options.aimIou) {
      break;
    }
    // The key that helps most; when none does alone, the shortest run of
    // one key that does (held down, every press counted).
    const double now = placementScore(*shown, truth);
    std::optional<Cuboid> best;
    const BoxEdit* bestEdit = nullptr;
    int bestRun = 0;
    for (int run = 1; run <= m_options.maxRepeat && !best; ++run) {
      double bestScore = now + kMinGain;
      for (const BoxEdit& edit : m_edits) {
        if (run > 1 && edit.kind != BoxEdit::NudgeKey) {
          continue;  // T and G do the same the second time
        }
        std::optional<Cuboid> candidate = *shown;
        for (int i = 0; i < run && candidate; ++i) {
          candidate = applyEdit(edit, *candidate, **sweep, className, m_schema);
        }
        if (!candidate) {
          continue;
        }
        const double score = placementScore(*candidate, truth);
        if (score > bestScore) {
          bestScore = score;
          best = candidate;
          bestEdit = &edit;
          bestRun = run;
        }
      }
    }
    if (!best) {
      break;
    }
    // Each press is an edit of its own (one undo step each in the GUI); the
    // run lands where its last press does.
    if (auto set = m_stack.push(std::make_unique<SetGeometryCommand>(id, frame, *best)); !set) {
      return set.error();
    }
    for (int i = 0; i < bestRun; ++i) {
      count(*bestEdit, tally);
    }
    presses += bestRun;
    changed = true;
  }
  if (changed) {
    // The GUI refills after every edit, and only the segments next to this
    // frame: what the person does here does not depend on them (this frame
    // is a keyframe from the first edit on), and each refill rewrites the
    // same segments from the same neighbouring keys, so one refill after the
    // frame's last key, from the instance before its first, gives the same
    // document.
    if (auto filled = refill(id, frame, before); !filled) {
      return filled.error();
    }
  }
  return changed;
}

Result<ScriptedObject> Annotator::label(const Track& truthTrack) {
  ScriptedObject out;
  out.truthId = truthTrack.object.id;
  out.name = trackName(truthTrack.object);
  Result<TruthBoxes> span =
      seenSpan(truthBoxesOf(truthTrack, m_frames), m_sweeps, m_options.seenPoints);
  if (!span) {
    return span.error();
  }
  const TruthBoxes& truth = *span;
  out.instances = static_cast<int>(truth.size());
  if (truth.empty()) {
    out.problem = "never seen in the sequence's frames";
    return out;
  }
  out.firstFrame = truth.begin()->first;
  out.lastFrame = truth.rbegin()->first;
  const std::string& className = truthTrack.object.className;

  // Frames in the order a person would try to click the object: the first
  // well-visible one, then the best-seen others.
  std::vector<std::pair<FrameIndex, std::size_t>> seen;  // frame, points
  for (const auto& [frame, box] : truth) {
    Result<const IndexedSweep*> sweep = m_sweeps.at(frame);
    if (!sweep) {
      return sweep.error();
    }
    seen.emplace_back(frame, (*sweep)->index.pointsInBox(box).size());
  }
  const auto wellVisible = [&](std::size_t points) {
    return points >= static_cast<std::size_t>(m_options.wellVisiblePoints);
  };
  std::stable_sort(seen.begin(), seen.end(), [&](const auto& a, const auto& b) {
    if (wellVisible(a.second) != wellVisible(b.second)) return wellVisible(a.second);
    if (wellVisible(a.second)) return a.first < b.first;
    return a.second > b.second;
  });

  // Create: the class on the palette, then Ctrl+click the object.
  choosePaletteFor(className, out.inputs);
  constexpr int kCreateFrames = 3;
  for (int tryIndex = 0; tryIndex < kCreateFrames && tryIndex < static_cast<int>(seen.size());
       ++tryIndex) {
    const auto [frame, points] = seen[static_cast<std::size_t>(tryIndex)];
    if (points == 0) {
      break;  // nothing to click on
    }
    goTo(frame, out.inputs);
    Result<const IndexedSweep*> sweep = m_sweeps.at(frame);
    if (!sweep) {
      return sweep.error();
    }
    auto box = pointAndFit(**sweep, truth.at(frame), m_palette.chosen(), true, out.inputs);
    if (!box) {
      continue;  // the person tries another frame
    }
    Track track = newBoxTrack(m_document, *box, frame);
    out.labeledId = track.object.id;
    if (auto added = m_stack.push(std::make_unique<AddObjectCommand>(std::move(track))); !added) {
      return added.error();
    }
    if (box->className != className) {
      // Off the palette and guessed wrong: the inspector's class combo.
      out.inputs.inspectorClicks += 2;
      if (auto set = m_stack.push(std::make_unique<SetClassCommand>(out.labeledId, className));
          !set) {
        return set.error();
      }
    }
    break;  // one key: nothing to fill yet (the GUI refills on the next edit)
  }
  if (out.labeledId.value == 0) {
    out.problem = "one-click found no box in " + std::to_string(kCreateFrames) + " frames";
    return out;
  }

  // Correct the worst instance until all pass.
  int corrections = 0;
  while (true) {
    const auto [frame, iou] = worstOf(out.labeledId, truth);
    if (iou >= m_options.iouThreshold) {
      out.done = true;
      break;
    }
    if (corrections >= m_options.maxCorrectionsPerObject) {
      out.problem = "cap of " + std::to_string(corrections) + " corrections reached (frame " +
                    std::to_string(frame) + " at IoU " + std::to_string(iou) + ")";
      break;
    }
    ++corrections;
    goTo(frame, out.inputs);
    Result<bool> fixed = fixFrame(out.labeledId, className, frame, truth.at(frame), out.inputs);
    if (!fixed) {
      return fixed.error();
    }
    if (!*fixed) {
      out.problem = "frame " + std::to_string(frame) + " stuck at IoU " + std::to_string(iou) +
                    ": no GUI operation improves it";
      break;
    }
  }

  double sum = 0.0;
  out.worstIou = 2.0;
  for (const auto& [frame, box] : truth) {
    const Cuboid* mine = boxAt(m_document, out.labeledId, frame);
    const double iou = mine != nullptr ? iou3d(*mine, box) : 0.0;
    sum += iou;
    out.worstIou = std::min(out.worstIou, iou);
  }
  out.meanIou = sum / static_cast<double>(truth.size());
  if (const Track* mine = m_document.track(out.labeledId)) {
    out.keyframes = static_cast<int>(
        std::count_if(mine->instances.begin(), mine->instances.end(),
                      [](const Instance& i) { return i.source == InstanceSource::Keyframe; }));
  }
  return out;
}

}  // namespace

void InputTally::add(const InputTally& other) {
  objectClicks += other.objectClicks;
  timelineClicks += other.timelineClicks;
  inspectorClicks += other.inspectorClicks;
  paletteKeys += other.paletteKeys;
  undoKeys += other.undoKeys;
  frameStepKeys += other.frameStepKeys;
  boxForSelectedKeys += other.boxForSelectedKeys;
  fineNudgeKeys += other.fineNudgeKeys;
  coarseNudgeKeys += other.coarseNudgeKeys;
  fitToPointsKeys += other.fitToPointsKeys;
  snapToGroundKeys += other.snapToGroundKeys;
  saveKeys += other.saveKeys;
}

bool ScriptReport::allDone() const {
  return !objects.empty() && std::all_of(objects.begin(), objects.end(),
                                         [](const ScriptedObject& o) { return o.done; });
}

namespace {

Result<std::vector<ObjectId>> choose(SweepCache& sweeps, std::size_t frames, const Document& truth,
                                     const ScriptOptions& options) {
  const LabelSchema& schema = defaultLabelSchema();
  struct Seen {
    ObjectId id;
    std::int32_t number;
    std::size_t span = 0;
    int seenFrames = 0;
    int wellVisibleFrames = 0;
    std::size_t points = 0;
  };
  std::vector<Seen> seen;
  for (const Track& track : truth.tracks()) {
    const ClassSpec* spec = schema.findClass(track.object.className);
    if (spec == nullptr || spec->geometry != GeometryKind::Cuboid) {
      continue;
    }
    Seen s{track.object.id, track.object.number};
    const TruthBoxes truthBoxes = truthBoxesOf(track, frames);
    Result<TruthBoxes> span = seenSpan(truthBoxes, sweeps, options.seenPoints);
    if (!span) {
      return span.error();
    }
    s.span = span->size();
    for (const auto& [frame, box] : truthBoxes) {
      Result<const IndexedSweep*> sweep = sweeps.at(frame);
      if (!sweep) {
        return sweep.error();
      }
      const std::size_t points = (*sweep)->index.pointsInBox(box).size();
      s.points += points;
      if (points >= static_cast<std::size_t>(options.seenPoints)) {
        ++s.seenFrames;
      }
      if (points >= static_cast<std::size_t>(options.wellVisiblePoints)) {
        ++s.wellVisibleFrames;
      }
    }
    if (s.wellVisibleFrames > 0) {
      seen.push_back(s);
    }
  }
  std::sort(seen.begin(), seen.end(), [](const Seen& a, const Seen& b) {
    return std::tie(b.span, b.seenFrames, b.wellVisibleFrames, b.points, a.number) <
           std::tie(a.span, a.seenFrames, a.wellVisibleFrames, a.points, b.number);
  });
  std::vector<ObjectId> out;
  for (const Seen& s : seen) {
    if (static_cast<int>(out.size()) >= options.objects) break;
    out.push_back(s.id);
  }
  return out;
}

}  // namespace

Result<std::vector<ObjectId>> chooseScriptObjects(const Sequence& sequence,
                                                  const LabelContext& context,
                                                  const Document& truth,
                                                  const ScriptOptions& options) {
  SweepCache sweeps(sequence, context);
  return choose(sweeps, context.frames.size(), truth, options);
}

Result<ScriptReport> runScriptedAnnotator(const Sequence& sequence, const LabelContext& context,
                                          const Document& truth, const ScriptOptions& options) {
  if (Result<std::vector<double>> times = frameTimesS(truth); !times) {
    return times.error();
  }
  SweepCache sweeps(sequence, context);
  Result<std::vector<ObjectId>> chosen = choose(sweeps, context.frames.size(), truth, options);
  if (!chosen) {
    return chosen.error();
  }
  Annotator annotator(sequence, context, truth, options, sweeps);
  ScriptReport report;
  report.method = options.method;
  for (ObjectId id : *chosen) {
    Result<ScriptedObject> labeled = annotator.label(*truth.track(id));
    if (!labeled) {
      return labeled.error().withContext(trackName(*truth.object(id)));
    }
    report.total.add(labeled->inputs);
    report.objects.push_back(std::move(labeled).value());
  }
  ++report.total.saveKeys;  // the labels are written once the last object is done
  report.document = annotator.takeDocument();
  return report;
}

}  // namespace fuselabel::gui
