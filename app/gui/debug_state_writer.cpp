#include "app/gui/debug_state_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fuselabel::gui {
namespace {

nlohmann::json rectJson(const ScreenRect& r) {
  return {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

nlohmann::json boxViewsJson(const BoxViewsState& state) {
  nlohmann::json views = nlohmann::json::array();
  for (const BoxViewState& view : state.views) {
    nlohmann::json edges = nlohmann::json::array();
    for (const BoxViewEdgeState& edge : view.edges) {
      edges.push_back({{"face", edge.face}, {"x", edge.x}, {"y", edge.y}});
    }
    views.push_back({{"name", view.name},
                     {"rect", rectJson(view.rect)},
                     {"pixels_per_metre", view.pixelsPerMetre},
                     {"edges", edges}});
  }
  return {{"box_id", state.boxId},
          {"slab_points", state.slabPoints},
          {"dragging", state.dragging},
          {"views", views}};
}

}  // namespace

std::string toJson(const DebugState& state) {
  const OrbitState& c = state.camera;
  nlohmann::json cameras = nlohmann::json::array();
  for (const CameraPanelState& cam : state.cameras) {
    nlohmann::json boxes = nlohmann::json::array();
    for (const CameraBoxState& box : cam.boxes) {
      boxes.push_back({{"id", box.id}, {"name", box.name}, {"rect", rectJson(box.rect)}});
    }
    nlohmann::json picked = nullptr;
    if (cam.pickedPoint) {
      picked = {{"u", cam.pickedPoint->x()},
                {"v", cam.pickedPoint->y()},
                {"depth", cam.pickedPoint->z()}};
    }
    cameras.push_back({{"name", cam.name},
                       {"boxes", boxes},
                       {"picked_point", picked},
                       {"status", cam.status},
                       {"message", cam.message},
                       {"frame_id", cam.frameId},
                       {"image_width", cam.imageWidth},
                       {"image_height", cam.imageHeight},
                       {"projected_points", cam.projectedPoints},
                       {"boxes_shown", cam.boxesShown},
                       {"cuboids_shown", cam.cuboidsShown},
                       {"predictions_shown", cam.predictionsShown},
                       {"texture_shown", cam.textureShown},
                       {"enlarged", cam.enlarged},
                       {"image_rect", rectJson(cam.imageRect)}});
  }
  nlohmann::json json = {
      {"mode", std::string(toString(c.mode))},
      {"camera",
       {{"yaw", c.yaw},
        {"pitch", c.pitch},
        {"distance", c.distance},
        {"target", {c.target.x(), c.target.y(), c.target.z()}}}},
      {"frame", state.frame},
      {"window", {{"width", state.windowWidth}, {"height", state.windowHeight}}},
      {"framebuffer", {{"width", state.framebufferWidth}, {"height", state.framebufferHeight}}},
      {"view_rect", rectJson(state.viewRect)},
      {"dataset",
       {{"state", state.datasetState},
        {"path", state.datasetPath},
        {"format", state.datasetFormat},
        {"error", state.datasetError}}},
      {"sequence",
       {{"frame_index", state.frameIndex},
        {"frame_id", state.frameId},
        {"frame_count", state.frameCount},
        {"timestamp_ns", state.timestampNs},
        {"loaded", state.frameLoaded},
        {"error", state.frameError},
        {"playing", state.playing}}},
      {"points",
       {{"total", state.pointsTotal},
        {"shown", state.pointsShown},
        {"color_mode", state.colorMode}}},
      {"cameras", cameras},
      {"labels",
       {{"state", state.labelsState},
        {"message", state.labelsMessage},
        {"objects", state.labelObjects},
        {"proposal_tracks", state.proposalTracks},
        {"boxes_in_frame", state.boxesInFrame}}},
      {"picked_point", state.pickedPoint ? nlohmann::json{{"index", state.pickedPoint->sweepIndex},
                                                          {"position",
                                                           {state.pickedPoint->position.x(),
                                                            state.pickedPoint->position.y(),
                                                            state.pickedPoint->position.z()}}}
                                         : nlohmann::json(nullptr)},
      {"selection",
       {{"id", state.selectedId},
        {"name", state.selectedName},
        {"source_here", state.selectedSourceHere},
        {"points_inside", state.selectedPointsInside ? nlohmann::json(*state.selectedPointsInside)
                                                     : nlohmann::json(nullptr)}}},
      {"view", {{"view_projection", state.viewProjection}, {"world_from_ego", state.worldFromEgo}}},
      {"editing",
       {{"tool", state.tool},
        {"new_box_class", state.newBoxClass},
        {"new_lane_class", state.newLaneClass},
        {"lane_vertices_drawn", state.laneVerticesDrawn},
        {"modified", state.modified},
        {"recovery_pending", state.recoveryPending},
        {"quit_prompt", state.quitPrompt},
        {"help_open", state.helpOpen},
        {"undo_steps", state.undoSteps},
        {"message", state.statusMessage},
        {"save_path", state.savePath}}},
  };
  json["box_views"] = boxViewsJson(state.boxViews);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& [frame, kind] : state.predictions.findings)
    findings.push_back({{"frame", frame}, {"kind", kind}});
  json["predictions"] = {
      {"state", state.predictions.state},
      {"message", state.predictions.message},
      {"matched", state.predictions.matched},
      {"false_positives", state.predictions.falsePositives},
      {"misses", state.predictions.misses},
      {"id_switches", state.predictions.idSwitches},
      {"boxes_in_frame", state.predictions.boxesInFrame},
      {"misses_in_frame", state.predictions.missesInFrame},
      {"findings", std::move(findings)},
      {"current", state.predictions.current ? nlohmann::json(*state.predictions.current)
                                            : nlohmann::json(nullptr)},
      {"next_button", rectJson(state.predictions.nextButton)}};
  const auto optional = [](const auto& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  json["review"] = {{"panel_open", state.review.panelOpen},
                    {"filter", state.review.filter},
                    {"queue", state.review.queue},
                    {"current", optional(state.review.current)},
                    {"current_object", optional(state.review.currentObject)},
                    {"current_frame", optional(state.review.currentFrame)},
                    {"audit_lines", state.review.auditLines},
                    {"last_audit", state.review.lastAudit}};
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [name, rect] : state.inspectorFields) {
    fields[name] = rectJson(rect);
  }
  json["inspector"] = {{"fields", fields}};
  // The selected track's source per frame ("keyframe", "interpolated", ...;
  // null where it has no box) and the frame the fill suggests keying next.
  nlohmann::json sources = nlohmann::json::array();
  for (const std::string& source : state.selectedTrackSources) {
    sources.push_back(source.empty() ? nlohmann::json(nullptr) : nlohmann::json(source));
  }
  json["selection"]["track_sources"] = std::move(sources);
  json["selection"]["suggested_frame"] =
      state.suggestedFrame ? nlohmann::json(*state.suggestedFrame) : nlohmann::json(nullptr);
  json["selection"]["undo"] = state.undoDescription;
  json["selection"]["last_refill_ms"] = state.lastRefillMs;
  return json.dump(2) + "\n";
}

std::optional<std::string> DebugStateWriter::update(const DebugState& state) {
  DebugState withoutCounter = state;
  withoutCounter.frame = 0;
  std::string key = toJson(withoutCounter);
  if (key == m_written) {
    return std::nullopt;
  }
  const std::string temporary = m_path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << toJson(state);
    if (!out.flush()) {
      if (std::exchange(m_reportedFailure, true)) {
        return std::nullopt;
      }
      return m_path + ": cannot write debug state";
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, m_path, ec);
  if (ec) {
    if (std::exchange(m_reportedFailure, true)) {
      return std::nullopt;
    }
    return m_path + ": cannot write debug state: " + ec.message();
  }
  m_written = std::move(key);
  return std::nullopt;
}

}  // namespace fuselabel::gui
