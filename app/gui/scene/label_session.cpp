#include "app/gui/scene/label_session.hpp"

#include "app/gui/scene/track_refill.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/native_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

const char* toString(LabelState state) noexcept {
  switch (state) {
    case LabelState::None:
      return "none";
    case LabelState::Loading:
      return "loading";
    case LabelState::Loaded:
      return "loaded";
    case LabelState::Failed:
      return "failed";
  }
  return "none";
}

Rgb classColour(const std::string& className) {
  const ClassSpec* spec = defaultLabelSchema().findClass(className);
  return spec != nullptr ? spec->colour : Rgb{170, 170, 170};
}

LabelSession::~LabelSession() {
  // The worker holds its own copy of the sequence; waiting keeps it from
  // outliving the process's exit path half-way through a read.
  if (m_loading.valid()) {
    m_loading.wait();
  }
}

void LabelSession::load(std::shared_ptr<const Sequence> sequence, LabelRequest request) {
  if (m_loading.valid()) {
    m_loading.wait();
  }
  m_state = LabelState::Loading;
  m_request = request;
  m_stack.reset();
  m_message.clear();
  m_warnings.clear();
  m_document = Document();
  m_findings.clear();
  m_selected = ObjectId{};
  m_sequence = sequence;
  ++m_version;
  m_loading = std::async(
      std::launch::async,
      [sequence = std::move(sequence), request = std::move(request)]() -> Result<Loaded> {
        try {
          auto context = labelContextFromSequence(*sequence);
          if (!context) {
            return context.error();
          }
          Loaded loaded;
          std::error_code missing;
          const bool fresh = request.file.empty() ? sequence->labels.empty()
                                                  : !std::filesystem::exists(request.file, missing);
          if (fresh) {
            // Nothing to read: start empty labels for this recording, to be
            // saved where --labels (or --save-to) says.
            loaded.labels.document = labels::DocumentBuilder(*context, "native").finish();
            loaded.sourceName = "new labels";
            loaded.native = !request.file.empty();
            loaded.fresh = true;
            loaded.context = std::move(context).value();
            return loaded;
          }
          if (request.file.empty()) {
            const LabelSource& source = sequence->labels.front();
            loaded.sourceName = source.format + ": " + source.path.string();
          } else {
            loaded.sourceName = request.file.string();
          }
          auto labels = request.file.empty() ? readDatasetLabels(*sequence, *context)
                                             : readLabels(request.file, *context, request.format);
          if (!labels) {
            return labels.error();
          }
          loaded.labels = std::move(labels).value();
          loaded.native =
              !request.file.empty() &&
              (request.format == "native" ||
               (request.format.empty() && detectLabelFormat(request.file).ok() &&
                std::string_view((*detectLabelFormat(request.file))->name) == "native"));
          loaded.context = std::move(context).value();
          loaded.findings = checkTrackMotion(loaded.labels.document, MotionCheckOptions{});
          return loaded;
        } catch (const std::exception& e) {
          return Error{std::string("reading labels: ") + e.what()};
        }
      });
}

void LabelSession::update() {
  if (m_journal) {
    if (auto polled = m_journal->poll(); !polled) {
      m_journalError = "autosave journal: " + polled.error().message;
    }
  }
  if (!m_loading.valid() ||
      m_loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return;
  }
  Result<Loaded> loaded = m_loading.get();
  ++m_version;
  if (!loaded) {
    m_state = LabelState::Failed;
    m_message = loaded.error().message;
    return;
  }
  m_state = LabelState::Loaded;
  m_document = std::move(loaded->labels.document);
  m_warnings = std::move(loaded->labels.warnings);
  m_context = std::move(loaded->context);
  m_findings = std::move(loaded->findings);
  m_savePath = !m_request.saveTo.empty() ? m_request.saveTo
               : loaded->native          ? m_request.file
                                         : std::filesystem::path("fuselabel_labels.json");
  m_sourceName = std::move(loaded->sourceName);
  m_journal.reset();
  m_journalError.clear();
  m_recoveredUnsaved = false;
  m_fileMatchesClean = loaded->native && !loaded->fresh && m_savePath == m_request.file;
  if (loaded->fresh) {
    m_message = "new labels: Ctrl+S saves them to " + m_savePath.string();
  }
  m_recoveryPending = hasRecoverableJournal(m_savePath);
  resetStack();
}

void LabelSession::setAuditUser(std::string user) {
  m_auditUser = std::move(user);
  if (m_stack) m_stack->setAuditUser(m_auditUser);
}

void LabelSession::resetStack() {
  m_stack = std::make_unique<CommandStack>(m_document);
  m_stack->setAuditUser(m_auditUser);
  m_stack->setListener(
      [this](const Command& command, StackEvent /*event*/) { journalChange(command); });
}

void LabelSession::journalChange(const Command& command) {
  if (!m_journal) {
    auto started = Journal::start(m_savePath, m_document, m_fileMatchesClean);
    if (!started) {
      m_journalError = "autosave journal: " + started.error().message;
      return;
    }
    m_journal = std::move(started).value();
    if (!m_fileMatchesClean) {
      return;  // the snapshot holds this change already
    }
  }
  m_journal->noteChanged(command);
  if (!m_journal->lastError().empty()) {
    m_journalError = "autosave journal: " + m_journal->lastError();
  }
}

Result<void> LabelSession::recoverFromJournal() {
  if (!m_recoveryPending) {
    return Error{"there is no journal to recover"};
  }
  auto recovered = recover(m_savePath);
  if (!recovered) {
    return recovered.error();
  }
  m_document = std::move(recovered->document);
  m_recoveryPending = false;
  m_recoveredUnsaved = true;
  m_selected = ObjectId{};
  m_findings = checkTrackMotion(m_document, MotionCheckOptions{});
  resetStack();
  // A fresh journal with the recovered state as its snapshot: a second crash
  // before the save still finds everything.
  auto started = Journal::start(m_savePath, m_document, false);
  if (started) {
    m_journal = std::move(started).value();
  } else {
    m_journalError = "autosave journal: " + started.error().message;
  }
  ++m_version;
  return success();
}

Result<void> LabelSession::discardJournal() {
  std::error_code error;
  std::filesystem::remove(journalPathFor(m_savePath), error);
  if (error) {
    return Error{journalPathFor(m_savePath).string() + ": cannot delete: " + error.message()};
  }
  m_recoveryPending = false;
  return success();
}

void LabelSession::close(bool discard) {
  if (!m_journal) {
    return;
  }
  if (discard || !modified()) {
    (void)m_journal->remove();
  } else {
    (void)m_journal->flush();
  }
  m_journal.reset();
}

Eigen::Isometry3d LabelSession::worldFromEgo(std::size_t frame) const {
  return frame < m_context.frames.size() ? m_context.frames[frame].T_world_ego
                                         : Eigen::Isometry3d::Identity();
}

const std::vector<FrameBox>& LabelSession::boxesAt(std::size_t frame) {
  cacheFrame(frame);
  return m_cachedBoxes;
}

const std::vector<FrameLane>& LabelSession::lanesAt(std::size_t frame) {
  cacheFrame(frame);
  return m_cachedLanes;
}

void LabelSession::cacheFrame(std::size_t frame) {
  if (m_cachedFrame == frame && m_cachedVersion == m_version) {
    return;
  }
  m_cachedFrame = frame;
  m_cachedVersion = m_version;
  m_cachedBoxes.clear();
  m_cachedLanes.clear();
  const Eigen::Isometry3d egoFromWorld = worldFromEgo(frame).inverse();
  for (const Track& track : m_document.tracks()) {
    const Instance* instance = track.at(static_cast<FrameIndex>(frame));
    if (instance == nullptr) {
      instance = track.at(kStaticFrame);
    }
    if (instance == nullptr) {
      continue;
    }
    if (const auto* polyline = std::get_if<Polyline>(&instance->geometry)) {
      FrameLane lane;
      lane.id = track.object.id;
      lane.number = track.object.number;
      lane.className = track.object.className;
      lane.colour = classColour(track.object.className);
      lane.closed = polyline->closed;
      lane.dashed = track.object.className.find("dashed") != std::string::npos;
      lane.points.reserve(polyline->points.size());
      for (const Eigen::Vector3d& p : polyline->points) {
        lane.points.push_back(egoFromWorld * p);
      }
      m_cachedLanes.push_back(std::move(lane));
      continue;
    }
    const auto* cuboid = std::get_if<Cuboid>(&instance->geometry);
    if (cuboid == nullptr) {
      continue;
    }
    FrameBox box;
    box.id = track.object.id;
    box.number = track.object.number;
    box.className = track.object.className;
    box.colour = classColour(track.object.className);
    box.box = egoFromWorld * *cuboid;
    box.source = instance->source;
    m_cachedBoxes.push_back(std::move(box));
  }
}

Result<void> LabelSession::apply(std::unique_ptr<Command> command) {
  if (!m_stack) {
    return Error{"no labels to edit"};
  }
  if (m_recoveryPending) {
    return Error{"answer the recovery question first (recover or discard the autosaved edits)"};
  }
  // A box a person places or edits (a geometry edit, or a box put in a frame
  // as a keyframe) refills its track.
  if (m_refill.enabled) {
    if (const auto* edit = dynamic_cast<const SetGeometryCommand*>(command.get())) {
      return applyWithRefill(std::move(command), edit->objectId(), edit->frame(), "Edit");
    }
    if (const auto* put = dynamic_cast<const PutInstanceCommand*>(command.get())) {
      return applyWithRefill(std::move(command), put->objectId(), put->frame(), "Set");
    }
  }
  auto applied = m_stack->push(std::move(command));
  if (applied) {
    ++m_version;
  }
  return applied;
}

Result<void> LabelSession::applyWithRefill(std::unique_ptr<Command> edit, ObjectId id,
                                           FrameIndex frame, const char* verb) {
  const auto start = std::chrono::steady_clock::now();
  RefillRequest request;
  request.id = id;
  request.frame = frame;
  request.method = m_refill.method;
  if (const Instance* before = m_document.instance(id, frame)) {
    request.before = *before;
  }
  // The edit and the refill it causes are one undo step. (The edit names
  // itself only once applied, so the group is named here.)
  const Object* object = m_document.object(id);
  m_stack->beginGroup(std::string(verb) + " " +
                      (object != nullptr ? object->className + " " + std::to_string(object->number)
                                         : std::string("box")) +
                      " at frame " + std::to_string(frame));
  Result<void> applied = m_stack->push(std::move(edit));
  const Instance* placed = applied ? m_document.instance(id, frame) : nullptr;
  if (placed != nullptr && placed->source == InstanceSource::Keyframe &&
      std::holds_alternative<Cuboid>(placed->geometry)) {
    m_refillError.clear();
    Result<std::unique_ptr<Command>> refill = makeRefillCommand(m_document, request);
    if (!refill) {
      m_refillError = "refill: " + refill.error().message;
    } else if (*refill) {
      if (Result<void> pushed = m_stack->push(std::move(refill).value()); !pushed) {
        m_refillError = "refill: " + pushed.error().message;
      }
    }
    m_lastRefill = std::move(request);
    ++m_refillCount;
  }
  if (applied) {
    ++m_version;
  }
  m_stack->endGroup();
  m_lastRefillMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return applied;
}

bool LabelSession::undo() {
  if (!m_stack || m_recoveryPending || !m_stack->undo()) {
    return false;
  }
  ++m_version;
  return true;
}

void LabelSession::beginEdit(std::string description) {
  if (m_stack) {
    m_stack->beginGroup(std::move(description));
  }
}

void LabelSession::endEdit() {
  if (m_stack && m_stack->inGroup()) {
    m_stack->endGroup();
    ++m_version;
  }
}

bool LabelSession::redo() {
  if (!m_stack || m_recoveryPending || !m_stack->redo()) {
    return false;
  }
  ++m_version;
  return true;
}

Result<void> LabelSession::acceptProposals(ObjectId id) {
  const Track* track = m_document.track(id);
  if (track == nullptr || !m_stack) {
    return Error{"nothing selected to accept"};
  }
  std::vector<FrameIndex> frames;
  for (const Instance& instance : track->instances) {
    if (instance.source == InstanceSource::Proposal) {
      frames.push_back(instance.frame);
    }
  }
  if (frames.empty()) {
    return Error{"the selected object has no proposals to accept"};
  }
  m_stack->beginGroup("Accept " + track->object.className + " " +
                      std::to_string(track->object.number));
  Result<void> result = success();
  for (const FrameIndex frame : frames) {
    if (result = m_stack->push(std::make_unique<AcceptInstanceCommand>(id, frame)); !result) {
      break;
    }
  }
  m_stack->endGroup();
  ++m_version;
  return result;
}

Result<void> LabelSession::rejectProposals(ObjectId id) {
  const Track* track = m_document.track(id);
  if (track == nullptr || !m_stack) {
    return Error{"nothing selected to reject"};
  }
  for (const Instance& instance : track->instances) {
    if (instance.source != InstanceSource::Proposal) {
      return Error{"only proposals are rejected; this object has labels a person made"};
    }
  }
  return apply(std::make_unique<DeleteObjectCommand>(id));
}

ObjectId LabelSession::nextProposal(ObjectId after) const {
  const auto tracks = m_document.tracks();
  const auto hasProposal = [](const Track& t) {
    return std::any_of(t.instances.begin(), t.instances.end(),
                       [](const Instance& i) { return i.source == InstanceSource::Proposal; });
  };
  for (const Track& t : tracks) {
    if (t.object.id > after && hasProposal(t)) {
      return t.object.id;
    }
  }
  for (const Track& t : tracks) {
    if (t.object.id <= after && hasProposal(t)) {
      return t.object.id;
    }
  }
  return ObjectId{};
}

Result<void> LabelSession::save() {
  if (!m_stack) {
    return Error{"no labels to save"};
  }
  if (m_recoveryPending) {
    return Error{"answer the recovery question first: saving now would bury the autosaved edits"};
  }
  if (auto saved = saveDocument(m_document, m_savePath); !saved) {
    return saved.error();
  }
  m_stack->markClean();
  m_recoveredUnsaved = false;
  m_fileMatchesClean = true;
  if (m_journal) {
    if (auto restarted = m_journal->restartAfterSave(); !restarted) {
      m_journalError = "autosave journal: " + restarted.error().message;
    }
  }
  return success();
}

void LabelSession::select(ObjectId id) {
  if (id == m_selected) {
    return;
  }
  m_selected = id;
  ++m_version;
}

}  // namespace fuselabel::gui
