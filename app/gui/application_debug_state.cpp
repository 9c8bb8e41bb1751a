// --debug-state: what the application reports about itself after each frame
// (app/gui/debug_state_writer.hpp), gathered from its panels and sessions.
// Kept apart from application.cpp so the frame loop reads on its own.

#include "app/gui/application.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/annotation/instance.hpp"

namespace fuselabel::gui {

void Application::writePredictionsState(PredictionsDebug& out) {
  out.state = toString(m_predictions.state());
  out.message = m_predictions.message();
  const ClassAgreement& totals = m_predictions.totals();
  out.matched = totals.matches;
  out.falsePositives = totals.unmatchedB;
  out.misses = totals.unmatchedA;
  out.idSwitches = totals.idSwitches;
  if (m_session.shown() && m_predictions.state() == PredictionState::Loaded) {
    out.boxesInFrame = m_predictions.boxesAt(m_session.shown()->index, m_labels).size();
    out.missesInFrame = m_predictions.missesAt(m_session.shown()->index).size();
  }
  for (const PredictionFinding& f : m_predictions.findings())
    out.findings.emplace_back(f.frame, toString(f.kind));
  if (m_predictionsPanel != nullptr) {
    out.current = m_predictionsPanel->current();
    out.nextButton = m_predictionsPanel->nextButton();
  }
}

void Application::writeReviewState(ReviewDebug& out) {
  out.panelOpen = m_reviewPanel != nullptr && m_reviewPanel->visible();
  out.filter = toString(m_review.filter());
  out.queue = m_review.queue().size();
  out.current = m_review.currentIndex();
  if (const auto& item = m_review.current()) {
    out.currentObject = item->id.value;
    out.currentFrame = item->frame;
  }
  if (m_labels.state() == LabelState::Loaded) {
    const auto audit = m_labels.document().audit();
    out.auditLines = audit.size();
    if (!audit.empty()) {
      out.lastAudit = audit.back().user + " " + std::string(toString(audit.back().event)) + " " +
                      audit.back().action;
    }
  }
}

void Application::writeDebugState() {
  if (!m_debugState) {
    return;
  }
  DebugState state;
  state.camera = m_camera.state();
  state.frame = m_frame;
  m_window.size(state.windowWidth, state.windowHeight);
  m_window.framebufferSize(state.framebufferWidth, state.framebufferHeight);
  if (m_viewport != nullptr && m_viewport->visible()) {
    state.viewRect = m_viewport->viewRect();
  }
  state.datasetState = toString(m_session.state());
  state.datasetPath = m_session.path().string();
  state.datasetFormat = m_session.format();
  state.datasetError = m_session.openError();
  if (m_session.state() == DatasetState::Open) {
    const std::size_t current = m_session.currentFrame();
    state.frameIndex = static_cast<long long>(current);
    state.frameId = m_session.frameId(current);
    state.frameCount = m_session.frameCount();
    state.timestampNs = m_session.frameTimestampNs(current);
    state.frameLoaded = m_session.currentLoaded();
    state.frameError = m_session.currentError().value_or("");
    state.playing = m_session.playing();
  }
  if (m_viewport != nullptr) {
    state.pickedPoint = m_viewport->pickedPoint();
    state.pointsTotal = m_viewport->renderStats().pointsTotal;
    state.pointsShown = m_viewport->renderStats().pointsShown;
  }
  state.colorMode = std::string(render::toString(m_style.points.colorMode));
  for (const CameraPanel* panel : m_cameraPanels) {
    state.cameras.push_back(panel->state());
  }
  state.labelsState = toString(m_labels.state());
  state.labelsMessage = m_labels.message();
  state.labelObjects = m_labels.document().objectCount();
  for (const Track& track : m_labels.document().tracks()) {
    state.proposalTracks += std::any_of(track.instances.begin(), track.instances.end(),
                                        [](const Instance& instance) {
                                          return instance.source == InstanceSource::Proposal;
                                        })
                                ? 1
                                : 0;
  }
  if (m_session.shown()) {
    state.boxesInFrame = m_labels.boxesAt(m_session.shown()->index).size();
  }
  writePredictionsState(state.predictions);
  if (const Object* selected = m_labels.document().object(m_labels.selected())) {
    state.selectedId = selected->id.value;
    state.selectedName = selected->className + " " + std::to_string(selected->number);
    if (m_inspector != nullptr) {
      state.selectedPointsInside = m_inspector->pointsInside();
    }
    if (m_session.shown()) {
      const auto frame = static_cast<FrameIndex>(m_session.shown()->index);
      const Track* track = m_labels.document().track(selected->id);
      const Instance* here = track == nullptr              ? nullptr
                             : track->at(frame) != nullptr ? track->at(frame)
                                                           : track->at(kStaticFrame);
      if (here != nullptr) {
        state.selectedSourceHere = std::string(toString(here->source));
      }
    }
  }
  if (m_viewport != nullptr && m_viewport->viewRect().width > 0.0F) {
    const ScreenRect& rect = m_viewport->viewRect();
    const Eigen::Matrix4f vp =
        m_camera.viewParams(static_cast<int>(rect.width), static_cast<int>(rect.height))
            .viewProjection();
    state.viewProjection.assign(vp.data(), vp.data() + 16);
  }
  if (m_session.shown()) {
    const Eigen::Matrix4d pose = m_labels.worldFromEgo(m_session.shown()->index).matrix();
    state.worldFromEgo.assign(pose.data(), pose.data() + 16);
  }
  state.tool = toString(m_edit.tool);
  state.newBoxClass = m_edit.palette.chosen();
  state.newLaneClass = m_edit.palette.laneClass();
  if (m_viewport != nullptr) {
    state.laneVerticesDrawn = m_viewport->tools().laneVertices().size();
  }
  state.modified = m_labels.modified();
  state.recoveryPending = m_labels.recoveryPending();
  state.quitPrompt = m_quitPrompt;
  state.helpOpen = m_showHelp;
  state.undoSteps = m_labels.history() != nullptr ? m_labels.history()->position() : 0;
  state.statusMessage = !m_edit.message.empty() ? m_edit.message : m_message;
  state.savePath = m_labels.savePath().string();
  if (const Track* track = m_labels.document().track(m_labels.selected())) {
    state.selectedTrackSources.resize(m_session.frameCount());
    for (const Instance& instance : track->instances) {
      if (instance.frame >= 0 &&
          static_cast<std::size_t>(instance.frame) < state.selectedTrackSources.size()) {
        state.selectedTrackSources[static_cast<std::size_t>(instance.frame)] =
            std::string(toString(instance.source));
      }
    }
    if (const auto suggested = m_trackTools.insight().suggestedKey) {
      state.suggestedFrame = *suggested;
    }
  }
  if (m_labels.history() != nullptr) {
    state.undoDescription = m_labels.history()->undoDescription();
  }
  writeReviewState(state.review);
  state.lastRefillMs = m_labels.lastRefillMs();
  if (m_boxViews != nullptr && m_boxViews->visible()) {
    state.boxViews = m_boxViews->state();
  }
  if (m_inspector != nullptr && m_inspector->visible()) {
    for (const InspectorPanel::Field& field : m_inspector->fields()) {
      state.inspectorFields.emplace_back(field.name, field.rect);
    }
  }
  if (auto failure = m_debugState->update(state)) {
    std::fprintf(stderr, "fuselabel: %s\n", failure->c_str());
  }
}

}  // namespace fuselabel::gui
