#include "app/gui/scene/track_tools.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "core/annotation/commands/batch_command.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/commands/track_commands.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::gui {

struct TrackTools::JobResult {
  std::vector<DocumentTrackFill> fills;
  bool cancelled = false;
  /// Sweeps the fit could not read.
  std::vector<std::string> problems;
  /// The job fitted boxes to sweeps, and how many fits found the object.
  bool fitting = false;
  int fitsFound = 0;  /// A refit's instances (see TrackTools::startRefit).
  std::vector<Instance> refit;
};

struct TrackTools::Job {
  std::string name;
  std::string description;
  Document snapshot;
  std::atomic<float> progress{0.0F};
  std::atomic<bool> cancel{false};
  std::future<Result<JobResult>> result;
  /// Set for a refit: the edit it refits and the name of the edit's undo step.
  std::optional<RefillRequest> refit;
  std::string editDescription;
};

namespace {

bool hasKeyBox(const Track& track) {
  return std::any_of(track.instances.begin(), track.instances.end(), [](const Instance& i) {
    return i.source == InstanceSource::Keyframe && std::holds_alternative<Cuboid>(i.geometry);
  });
}

// Puts a whole track in its final state: the edit with its refit folded
// into one step that undoes to exactly the track before the edit.
class ReplaceTrackCommand final : public TracksChangeCommand {
 public:
  ReplaceTrackCommand(Track track, std::string description)
      : m_track(std::move(track)), m_description(std::move(description)) {}
  [[nodiscard]] std::string description() const override { return m_description; }

 private:
  Result<std::vector<TrackChange>> compute(const Document& /*document*/) override {
    return std::vector<TrackChange>{{m_track.object.id, m_track}};
  }
  Track m_track;
  std::string m_description;
};

std::optional<FrameIndex> lastKey(const Track& track) {
  std::optional<FrameIndex> last;
  for (const Instance& instance : track.instances) {
    if (instance.source == InstanceSource::Keyframe && instance.frame >= 0) last = instance.frame;
  }
  return last;
}

}  // namespace

TrackTools::TrackTools(LabelSession& labels, ViewerSession& session)
    : m_labels(labels), m_session(session) {
  m_method = m_labels.refill().method;
}

TrackTools::~TrackTools() {
  if (m_job) {
    m_job->cancel = true;
    m_job->result.wait();
  }
}

void TrackTools::setMethod(FillMethod method) {
  m_method = method;
  RefillSettings refill = m_labels.refill();
  refill.method = method;
  m_labels.setRefill(refill);
}

bool TrackTools::refillOnEdit() const noexcept {
  return m_labels.refill().enabled;
}

void TrackTools::setRefillOnEdit(bool enabled) {
  RefillSettings refill = m_labels.refill();
  refill.enabled = enabled;
  m_labels.setRefill(refill);
}

const std::string& TrackTools::jobName() const noexcept {
  static const std::string none;
  return m_job ? m_job->name : none;
}

float TrackTools::progress() const noexcept {
  return m_job ? m_job->progress.load() : 0.0F;
}

void TrackTools::cancel() {
  if (m_job) m_job->cancel = true;
}

void TrackTools::report(std::string message, bool failed) {
  m_message = std::move(message);
  m_failed = failed;
}

bool TrackTools::selection(ObjectId& id, FrameIndex& frame) {
  if (m_labels.state() != LabelState::Loaded) {
    report("no labels loaded", true);
    return false;
  }
  id = m_labels.selected();
  if (m_labels.document().track(id) == nullptr) {
    report("select a track first (click a box, or Tab)", true);
    return false;
  }
  frame = static_cast<FrameIndex>(m_session.currentFrame());
  return true;
}

void TrackTools::fillSelected() {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame) || busy()) {
    if (busy()) report("wait for " + jobName() + " to finish", true);
    return;
  }
  const Track& track = *m_labels.document().track(id);
  const std::string description =
      "Fill " + trackName(track.object) + " (" + std::string(toString(m_method)) + ")";
  if (m_method == FillMethod::KalmanFit) {
    start(description, description, {id}, false);
    return;
  }
  DocumentFillOptions options;
  options.method = m_method;
  options.track = id;
  Result<std::vector<DocumentTrackFill>> fills = fillDocument(m_labels.document(), options);
  if (!fills) {
    report(fills.error().message, true);
    return;
  }
  std::unique_ptr<Command> command = makeDocumentFillCommand(m_labels.document(), *fills);
  if (!command) {
    report(trackName(track.object) + " has nothing to fill (it needs two keys)", false);
    return;
  }
  m_labels.beginEdit(description);
  Result<void> applied = m_labels.apply(std::move(command));
  m_labels.endEdit();
  report(applied ? description : applied.error().message, !applied);
}

void TrackTools::fillAll() {
  if (busy()) {
    report("wait for " + jobName() + " to finish", true);
    return;
  }
  if (m_labels.state() != LabelState::Loaded) {
    report("no labels loaded", true);
    return;
  }
  std::vector<ObjectId> ids;
  for (const Track& track : m_labels.document().tracks()) {
    if (hasKeyBox(track)) ids.push_back(track.object.id);
  }
  if (ids.empty()) {
    report("no track has a keyframe to fill from", true);
    return;
  }
  // Named before `ids` is moved: argument evaluation order is unspecified.
  const std::string method(toString(m_method));
  std::string description = "Fill " + std::to_string(ids.size()) + " tracks (" + method + ")";
  start("Fill all tracks (" + method + ")", std::move(description), std::move(ids), false);
}

void TrackTools::propagateSelected() {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame)) return;
  if (busy()) {
    report("wait for " + jobName() + " to finish", true);
    return;
  }
  const Track& track = *m_labels.document().track(id);
  if (!lastKey(track)) {
    report(trackName(track.object) + " has no keyframe to propagate from", true);
    return;
  }
  const std::string description = "Propagate " + trackName(track.object) + " with fit";
  start(description, description, {id}, true);
}

void TrackTools::start(std::string name, std::string description, std::vector<ObjectId> ids,
                       bool propagate) {
  auto job = std::make_shared<Job>();
  job->name = std::move(name);
  job->description = std::move(description);
  job->snapshot = m_labels.document();
  const FillMethod method = propagate ? FillMethod::KalmanFit : m_method;
  std::shared_ptr<const Sequence> sequence = m_labels.sequence();
  if (method == FillMethod::KalmanFit && !sequence) {
    report("kalman-fit needs the recording's sweeps; none is open", true);
    return;
  }
  LabelContext context = m_labels.context();
  job->result = std::async(
      std::launch::async,
      [job, ids = std::move(ids), method, propagate, sequence = std::move(sequence),
       context = std::move(context)]() -> Result<JobResult> {
        try {
          JobResult out;
          // SweepFitting is not thread-safe: this worker owns its own.
          std::optional<SweepFitting> fitting;
          if (method == FillMethod::KalmanFit) fitting.emplace(*sequence, context);
          const double frames = std::max<double>(
              1.0, static_cast<double>(job->snapshot.info().frameTimestampsNs.size()));
          for (std::size_t i = 0; i < ids.size(); ++i) {
            if (job->cancel) {
              out.cancelled = true;
              return out;
            }
            DocumentFillOptions options;
            options.method = method;
            options.track = ids[i];
            if (fitting) {
              // A cancel makes every further fit miss, so the fill ends quickly.
              options.fitterFor = [&, factory = fitting->fitterFactory(),
                                   fits = std::make_shared<int>(0)](const Object& object) {
                FrameFitter fitter = factory(object);
                return [&, fitter, fits](FrameIndex frame,
                                         const Cuboid& predicted) -> std::optional<FrameFit> {
                  if (job->cancel) return std::nullopt;
                  ++*fits;
                  job->progress =
                      static_cast<float>((static_cast<double>(i) + std::min(1.0, *fits / frames)) /
                                         static_cast<double>(ids.size()));
                  std::optional<FrameFit> fit = fitter(frame, predicted);
                  out.fitsFound += fit ? 1 : 0;
                  return fit;
                };
              };
            }
            Result<std::vector<DocumentTrackFill>> fills = fillDocument(job->snapshot, options);
            if (!fills) return fills.error();
            for (DocumentTrackFill& fill : *fills) {
              if (propagate) {
                const Track* track = job->snapshot.track(fill.id);
                const std::optional<FrameIndex> last = track ? lastKey(*track) : std::nullopt;
                std::erase_if(fill.instances,
                              [&](const Instance& instance) { return instance.frame <= *last; });
              }
              out.fills.push_back(std::move(fill));
            }
            job->progress = static_cast<float>(i + 1) / static_cast<float>(ids.size());
          }
          out.cancelled = job->cancel;
          if (fitting) {
            out.fitting = true;
            out.problems = fitting->problems();
          }
          return out;
        } catch (const std::exception& e) {
          return Error{std::string("filling: ") + e.what()};
        }
      });
  m_job = std::move(job);
  report(m_job->name + " ...", false);
}

void TrackTools::update() {
  if (m_labels.refillCount() != m_refillsSeen) {
    m_refillsSeen = m_labels.refillCount();
    if (m_method == FillMethod::KalmanFit && m_labels.lastRefill()) {
      if (busy()) {
        report("refit with fits skipped: wait for " + jobName() + " to finish", true);
      } else {
        startRefit(*m_labels.lastRefill());
      }
    }
  }
  if (!m_job || m_job->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return;
  }
  if (m_labels.history() != nullptr && m_labels.history()->inGroup()) {
    return;  // mid-gesture (a drag): apply once its undo step is closed
  }
  std::shared_ptr<Job> job = std::move(m_job);
  Result<JobResult> result = job->result.get();
  if (!result) {
    report(job->name + ": " + result.error().message, true);
    return;
  }
  if (result->cancelled) {
    report(job->name + ": cancelled, the labels are unchanged", false);
    return;
  }
  if (job->refit) {
    finishRefit(*job, *result);
    return;
  }
  if (result->fitting && result->fitsFound == 0 && !result->problems.empty()) {
    // Boxes predicted without a single fit are guesses, not a fit.
    report(job->name + ": no sweep readable for the fit (" + result->problems.front() +
               "); the labels are unchanged",
           true);
    return;
  }
  if (!(m_labels.document() == job->snapshot)) {
    report(job->name + ": the labels changed meanwhile, nothing applied; run it again", true);
    return;
  }
  std::size_t frames = 0;
  for (const DocumentTrackFill& fill : result->fills)
    frames += fill.instances.size();
  std::unique_ptr<Command> command = makeDocumentFillCommand(m_labels.document(), result->fills);
  if (!command) {
    std::string why = job->name + ": nothing to fill";
    if (!result->problems.empty()) why += " (" + result->problems.front() + ")";
    report(why, !result->problems.empty());
    return;
  }
  m_labels.beginEdit(job->description + " (" + std::to_string(frames) + " frames)");
  Result<void> applied = m_labels.apply(std::move(command));
  m_labels.endEdit();
  if (!applied) {
    report(job->name + ": " + applied.error().message, true);
    return;
  }
  std::string done = job->description + ": " + std::to_string(frames) + " frames";
  if (!result->problems.empty()) done += "; unreadable: " + result->problems.front();
  report(done, false);
}

void TrackTools::startRefit(const RefillRequest& request) {
  const Object* object = m_labels.document().object(request.id);
  std::shared_ptr<const Sequence> sequence = m_labels.sequence();
  if (object == nullptr || !sequence || m_labels.history() == nullptr) return;
  auto job = std::make_shared<Job>();
  job->name = "Refit " + trackName(*object) + " around frame " + std::to_string(request.frame);
  job->description = job->name;
  job->editDescription = m_labels.history()->undoDescription();
  job->snapshot = m_labels.document();
  job->refit = request;
  job->refit->method = FillMethod::KalmanFit;
  job->result = std::async(
      std::launch::async,
      [job, sequence = std::move(sequence), context = m_labels.context()]() -> Result<JobResult> {
        try {
          JobResult out;
          // SweepFitting is not thread-safe: this worker owns its own.
          SweepFitting fitting(*sequence, context);
          RefillRequest refill = *job->refit;
          refill.fitterFor = [&, factory = fitting.fitterFactory()](const Object& tracked) {
            FrameFitter fitter = factory(tracked);
            return
                [&, fitter](FrameIndex frame, const Cuboid& predicted) -> std::optional<FrameFit> {
                  if (job->cancel) return std::nullopt;
                  std::optional<FrameFit> fit = fitter(frame, predicted);
                  out.fitsFound += fit ? 1 : 0;
                  return fit;
                };
          };
          Result<std::vector<Instance>> refit = refillInstances(job->snapshot, refill);
          if (!refit) return refit.error();
          out.refit = std::move(refit).value();
          out.fitting = true;
          out.problems = fitting.problems();
          out.cancelled = job->cancel;
          job->progress = 1.0F;
          return out;
        } catch (const std::exception& e) {
          return Error{std::string("refitting: ") + e.what()};
        }
      });
  m_job = std::move(job);
  report(m_job->name + " ...", false);
}

void TrackTools::finishRefit(Job& job, JobResult& result) {
  if (result.fitsFound == 0) {
    report(job.name + ": no fit found" +
               (result.problems.empty() ? std::string() : " (" + result.problems.front() + ")") +
               "; the kalman refill stays",
           !result.problems.empty());
    return;
  }
  if (!(m_labels.document() == job.snapshot)) {
    report(job.name + ": the labels changed meanwhile; the kalman refill stays", false);
    return;
  }
  if (result.refit.empty()) {
    report(job.name + ": the fits agree with the kalman refill", false);
    return;
  }
  const ObjectId id = job.refit->id;
  const CommandStack* history = m_labels.history();
  // Fold into the edit's step while it is the last one and unsaved, so one
  // Ctrl+Z takes back the edit with everything it caused.
  const bool fold = history != nullptr && history->undoDescription() == job.editDescription &&
                    !history->canRedo() && m_labels.modified();
  if (!fold) {
    m_labels.beginEdit(job.name);
    Result<void> applied =
        m_labels.apply(makeFillTrackCommand(m_labels.document(), id, std::move(result.refit)));
    m_labels.endEdit();
    report(applied ? job.name : applied.error().message, !applied);
    return;
  }
  Track refitted = *job.snapshot.track(id);
  for (Instance& instance : result.refit) {
    const auto at = std::lower_bound(
        refitted.instances.begin(), refitted.instances.end(), instance.frame,
        [](const Instance& existing, FrameIndex frame) { return existing.frame < frame; });
    if (at != refitted.instances.end() && at->frame == instance.frame) {
      *at = std::move(instance);
    } else {
      refitted.instances.insert(at, std::move(instance));
    }
  }
  m_labels.undo();
  m_labels.beginEdit(job.editDescription);
  Result<void> applied = m_labels.apply(
      std::make_unique<ReplaceTrackCommand>(std::move(refitted), job.editDescription));
  m_labels.endEdit();
  report(applied ? job.name + ": fitted, in the edit's undo step" : applied.error().message,
         !applied);
}

void TrackTools::copyToNextFrame() {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame)) return;
  const Instance* instance = m_labels.document().instance(id, frame);
  const Cuboid* box = instance ? std::get_if<Cuboid>(&instance->geometry) : nullptr;
  if (box == nullptr) {
    report("the selected track has no box in this frame", true);
    return;
  }
  if (static_cast<std::size_t>(frame) + 1 >= m_session.frameCount()) {
    report("this is the last frame", true);
    return;
  }
  const std::string name = trackName(*m_labels.document().object(id));
  if (const Instance* next = m_labels.document().instance(id, frame + 1);
      next != nullptr && next->source == InstanceSource::Keyframe) {
    // A key is what a person placed: copying over it would lose their work.
    report(name + " already has a key in frame " + std::to_string(frame + 1), true);
    return;
  }
  const std::string description = "Copy " + name + " to frame " + std::to_string(frame + 1);
  m_labels.beginEdit(description);
  Result<void> applied = m_labels.apply(std::make_unique<SetGeometryCommand>(id, frame + 1, *box));
  m_labels.endEdit();
  if (!applied) {
    report(applied.error().message, true);
    return;
  }
  m_session.step(1);
  report(description, false);
}

void TrackTools::deleteFromHere() {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame)) return;
  const Track& track = *m_labels.document().track(id);
  const std::string name = trackName(track.object);
  std::vector<std::unique_ptr<Command>> removals;
  bool keepsSome = false;
  for (const Instance& instance : track.instances) {
    if (instance.frame >= frame) {
      removals.push_back(std::make_unique<RemoveInstanceCommand>(id, instance.frame));
    } else {
      keepsSome = true;
    }
  }
  if (removals.empty()) {
    report(name + " has no boxes from this frame on", true);
    return;
  }
  const std::string description = "Delete " + name + " from frame " + std::to_string(frame) + " on";
  std::unique_ptr<Command> command =
      keepsSome ? std::make_unique<BatchCommand>(description, std::move(removals))
                : std::unique_ptr<Command>(std::make_unique<DeleteObjectCommand>(id));
  m_labels.beginEdit(description);
  Result<void> applied = m_labels.apply(std::move(command));
  m_labels.endEdit();
  report(applied ? description : applied.error().message, !applied);
}

void TrackTools::splitHere() {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame)) return;
  const std::string name = trackName(*m_labels.document().object(id));
  const std::string description = "Split " + name + " at frame " + std::to_string(frame);
  m_labels.beginEdit(description);
  Result<void> applied = m_labels.apply(std::make_unique<SplitTrackCommand>(id, frame));
  m_labels.endEdit();
  report(applied ? description : applied.error().message, !applied);
}

void TrackTools::mergeIntoSelected(ObjectId absorbed) {
  ObjectId id;
  FrameIndex frame = 0;
  if (!selection(id, frame)) return;
  const Object* other = m_labels.document().object(absorbed);
  if (other == nullptr || absorbed == id) {
    report("pick another track to merge with", true);
    return;
  }
  const std::string description =
      "Merge " + trackName(*other) + " into " + trackName(*m_labels.document().object(id));
  m_labels.beginEdit(description);
  Result<void> applied = m_labels.apply(std::make_unique<MergeTracksCommand>(id, absorbed));
  m_labels.endEdit();
  report(applied ? description : applied.error().message, !applied);
}

void TrackTools::jumpToSuggested() {
  const TrackInsight& info = insight();
  if (!info.suggestedKey) {
    report(info.error.empty() ? "no frame to suggest (select a track with two keys)" : info.error,
           true);
    return;
  }
  m_session.setFrame(static_cast<std::size_t>(*info.suggestedKey));
  report("frame " + std::to_string(*info.suggestedKey) + ": the fill is least sure here", false);
}

const TrackInsight& TrackTools::insight() {
  if (m_insightVersion == m_labels.version() && m_insight.id == m_labels.selected()) {
    return m_insight;
  }
  m_insightVersion = m_labels.version();
  m_insight = TrackInsight{};
  m_insight.id = m_labels.selected();
  const Document& document = m_labels.document();
  if (document.track(m_insight.id) == nullptr) return m_insight;
  DocumentFillOptions options;
  options.method = FillMethod::Kalman;
  options.track = m_insight.id;
  Result<std::vector<DocumentTrackFill>> fills = fillDocument(document, options);
  if (!fills) {
    m_insight.error = fills.error().message;
    return m_insight;
  }
  m_insight.positionStd.resize(document.info().frameTimestampsNs.size());
  for (const DocumentTrackFill& fill : *fills) {
    for (const FilledBox& box : fill.fill.boxes) {
      if (box.frame >= 0 && static_cast<std::size_t>(box.frame) < m_insight.positionStd.size()) {
        m_insight.positionStd[static_cast<std::size_t>(box.frame)] = box.positionStd;
      }
    }
    m_insight.suggestedKey = fill.fill.suggestedKey;
  }
  return m_insight;
}

}  // namespace fuselabel::gui
