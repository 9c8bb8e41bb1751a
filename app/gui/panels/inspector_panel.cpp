#include "app/gui/panels/inspector_panel.hpp"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <numbers>

#include "app/gui/layout.hpp"

namespace fuselabel::gui {
namespace {

[[gnu::format(printf, 1, 2)]] std::string formatted(const char* format, ...) {
  char buffer[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

void row(const char* label, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", label);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());
}

void attributeRows(const Attributes& attributes) {
  for (const auto& [name, value] : attributes) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(toDisplayString(value).c_str());
  }
}

}  // namespace

std::size_t countBatchPointsInBox(const render::PointBatch& batch, const Cuboid& box) {
  // Into the box's frame: one affine map per point, then a half-size test.
  const Eigen::Affine3f boxFromSensor =
      box.pose().inverse().cast<float>() * Eigen::Affine3f(batch.T_world_sensor);
  const Eigen::Vector3f half = box.halfSize().cast<float>();
  std::size_t inside = 0;
  const std::size_t n = batch.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3f p =
        boxFromSensor * Eigen::Vector3f(batch.positions[3 * i], batch.positions[3 * i + 1],
                                        batch.positions[3 * i + 2]);
    inside += (p.cwiseAbs().array() <= half.array()).all() ? 1 : 0;
  }
  return inside;
}

InspectorPanel::InspectorPanel(const ViewerSession& session, LabelSession& labels)
    : Panel("Inspector", layout::inspector()), m_session(session), m_labels(labels) {}

void InspectorPanel::updatePointsInside(const FrameBox* box) {
  const auto& shown = m_session.shown();
  const std::uint64_t frameVersion = shown ? shown->version : 0;
  if (frameVersion == m_countedFrame && m_labels.version() == m_countedLabels) {
    return;
  }
  m_countedFrame = frameVersion;
  m_countedLabels = m_labels.version();
  m_pointsInside.reset();
  if (box != nullptr && shown && shown->points) {
    m_pointsInside = countBatchPointsInBox(*shown->points, box->box);
  }
}

void InspectorPanel::drawContents() {
  const Document& document = m_labels.document();
  const Track* track = document.track(m_labels.selected());
  const auto& shown = m_session.shown();
  const FrameBox* box = nullptr;
  if (track != nullptr && shown) {
    for (const FrameBox& candidate : m_labels.boxesAt(shown->index)) {
      if (candidate.id == track->object.id) {
        box = &candidate;
      }
    }
  }
  updatePointsInside(box);
  if (track == nullptr) {
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextDisabled(
        "Nothing selected. Click a box in the 3D view or a camera, or an object in the list.");
    ImGui::PopTextWrapPos();
    return;
  }
  const Object& object = track->object;
  const Rgb c = classColour(object.className);
  ImGui::TextColored(ImVec4(c.r / 255.0F, c.g / 255.0F, c.b / 255.0F, 1.0F), "%s %d",
                     object.className.c_str(), object.number);
  const ClassSpec* spec = defaultLabelSchema().findClass(object.className);
  ImGui::SameLine();
  ImGui::TextDisabled("%s  id %lld", spec != nullptr ? spec->category.c_str() : "unknown class",
                      static_cast<long long>(object.id.value));

  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("inspector", 2, flags)) {
    return;
  }
  ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, 90.0F);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  std::size_t keys = 0;
  for (const Instance& instance : track->instances) {
    keys += instance.source == InstanceSource::Keyframe ? 1 : 0;
  }
  if (!track->instances.empty()) {
    row("Track", formatted("%zu frames (%d..%d), %zu keys", track->instances.size(),
                           track->instances.front().frame, track->instances.back().frame, keys));
  }
  attributeRows(object.attributes);
  const Instance* instance = shown ? track->at(static_cast<FrameIndex>(shown->index)) : nullptr;
  if (instance == nullptr && shown) {
    instance = track->at(kStaticFrame);
  }
  if (instance != nullptr && box == nullptr && shown) {
    if (const auto* polyline = std::get_if<Polyline>(&instance->geometry)) {
      double length = 0.0;
      for (std::size_t i = 1; i < polyline->points.size(); ++i) {
        length += (polyline->points[i] - polyline->points[i - 1]).norm();
      }
      row("Polyline", formatted("%zu vertices, %.1f m%s", polyline->points.size(), length,
                                polyline->closed ? ", closed" : ""));
      row("Source", std::string(toString(instance->source)));
      row("Review", std::string(toString(instance->review)));
      attributeRows(instance->attributes);
      ImGui::EndTable();
      return;
    }
  }
  if (instance == nullptr || box == nullptr) {
    row("This frame", "not labelled");
    ImGui::EndTable();
    return;
  }
  const Cuboid& b = box->box;
  row("Centre", formatted("%.2f  %.2f  %.2f m", b.center.x(), b.center.y(), b.center.z()));
  row("Size", formatted("%.2f x %.2f x %.2f m", b.size.x(), b.size.y(), b.size.z()));
  row("Heading", formatted("%.1f deg", b.yaw() * 180.0 / std::numbers::pi));
  row("Range", formatted("%.1f m", b.center.head<2>().norm()));
  if (m_pointsInside) {
    row("Points", formatted("%zu inside", *m_pointsInside));
  }
  row("Source", std::string(toString(instance->source)));
  row("Review", std::string(toString(instance->review)));
  if (instance->confidence) {
    row("Confidence", formatted("%.2f", *instance->confidence));
  }
  attributeRows(instance->attributes);
  ImGui::EndTable();
  ImGui::TextDisabled("Box in the ego frame of this frame.");
}

}  // namespace fuselabel::gui
