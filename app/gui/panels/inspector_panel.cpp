#include "app/gui/panels/inspector_panel.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <numbers>

#include "app/gui/layout.hpp"
#include "app/gui/scene/attribute_edit.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"

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

// The review: state, who and when, and the comment (what a rejection asks
// the annotator to fix, in the reviewer's words).
void reviewRows(const Review& review) {
  std::string state(toString(review.state));
  if (!review.reviewer.empty()) state += " by " + review.reviewer;
  row("Review", state);
  if (!review.time.empty()) row("Reviewed", review.time);
  if (!review.comment.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Comment");
    ImGui::TableNextColumn();
    const bool rejected = review.state == ReviewState::Rejected;
    if (rejected) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0F, 0.55F, 0.45F, 1.0F));
    ImGui::TextWrapped("%s", review.comment.c_str());
    if (rejected) ImGui::PopStyleColor();
  }
}

// Read-only rows of the attributes no spec in `declared` covers.
void attributeRows(const Attributes& attributes,
                   const std::vector<const AttributeSpec*>& declared = {}) {
  for (const auto& [name, value] : attributes) {
    if (std::any_of(declared.begin(), declared.end(),
                    [&](const AttributeSpec* spec) { return spec->name == name; })) {
      continue;
    }
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

std::vector<InspectorPanel::Field> InspectorPanel::fields() const {
  return m_drawnFrame == ImGui::GetFrameCount() ? m_fields : std::vector<Field>{};
}

void InspectorPanel::recordField(const char* name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  m_fields.push_back({name, {min.x, min.y, max.x - min.x, max.y - min.y}});
}

bool InspectorPanel::dragField(const char* id, double& value, double speed, double min, double max,
                               const char* format, const std::string& what) {
  const bool changed =
      ImGui::DragScalar(id, ImGuiDataType_Double, &value, static_cast<float>(speed), &min, &max,
                        format, ImGuiSliderFlags_AlwaysClamp);
  recordField(id + 2);  // the name after "##"
  if (ImGui::IsItemActivated() && !m_editOpen) {
    m_labels.beginEdit(what);
    m_editOpen = true;
    m_message.clear();
  }
  if (ImGui::IsItemDeactivated()) {
    m_editDone = true;
  }
  return changed;
}

void InspectorPanel::closeEditIfDone() {
  // Also when the field vanished (selection or frame changed while it was active).
  if (m_editOpen && (m_editDone || !ImGui::IsAnyItemActive())) {
    m_labels.endEdit();
    m_editOpen = false;
  }
  m_editDone = false;
}

void InspectorPanel::objectRows(const Object& object, bool polyline) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("Class");
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1.0F);
  if (ImGui::BeginCombo("##class", object.className.c_str())) {
    const GeometryKind kind = polyline ? GeometryKind::Polyline : GeometryKind::Cuboid;
    for (const ClassSpec& spec : defaultLabelSchema().classes) {
      if (spec.geometry != kind) {
        continue;
      }
      const bool current = spec.name == object.className;
      if (ImGui::Selectable(spec.name.c_str(), current) && !current) {
        auto changed = m_labels.apply(std::make_unique<SetClassCommand>(object.id, spec.name));
        m_message = changed ? "" : changed.error().message;
      }
    }
    ImGui::EndCombo();
  }
  recordField("class");
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("Number");
  ImGui::TableNextColumn();
  int number = object.number;
  ImGui::SetNextItemWidth(-1.0F);
  ImGui::InputInt("##number", &number, 0, 0);
  recordField("number");
  if (ImGui::IsItemDeactivatedAfterEdit() && number != object.number) {
    auto renumbered = m_labels.apply(
        std::make_unique<ChangeTrackNumberCommand>(object.id, static_cast<std::int32_t>(number)));
    m_message = renumbered ? "" : renumbered.error().message;
  }
}

void InspectorPanel::attributeEditRows(const Object& object, AttributeScope scope,
                                       const Attributes& attributes, FrameIndex frame) {
  const std::vector<const AttributeSpec*> specs =
      attributesOf(defaultLabelSchema(), object.className, scope);
  const std::string owner = object.className + " " + std::to_string(object.number);
  for (const AttributeSpec* spec : specs) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", spec->name.c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1.0F);
    const std::string id = "##attr_" + spec->name;
    const std::optional<AttributeValue> shown = shownValue(*spec, attributes);
    std::optional<AttributeValue> edited;
    switch (spec->kind) {
      case AttributeKind::Enum: {
        const std::string current = shown ? toDisplayString(*shown) : "";
        if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
          for (const std::string& value : spec->values) {
            const bool selected = value == current;
            if (ImGui::Selectable(value.c_str(), selected) && !selected) {
              edited = AttributeValue(value);
            }
          }
          ImGui::EndCombo();
        }
        recordField(id.c_str() + 2);
        break;
      }
      case AttributeKind::Bool: {
        const bool* current = shown ? std::get_if<bool>(&*shown) : nullptr;
        bool value = current != nullptr && *current;
        if (ImGui::Checkbox(id.c_str(), &value)) {
          edited = AttributeValue(value);
        }
        recordField(id.c_str() + 2);
        break;
      }
      case AttributeKind::Number: {
        // A drag, or double-click and type, as the box fields: one undo step.
        const double* current = shown ? std::get_if<double>(&*shown) : nullptr;
        double value = current != nullptr ? *current : spec->min.value_or(0.0);
        const double min = spec->min.value_or(-1e9);
        const double max = spec->max.value_or(1e9);
        const double span = spec->min && spec->max ? *spec->max - *spec->min : 10.0;
        if (dragField(id.c_str(), value, std::max(span / 200.0, 1e-3), min, max, "%.3f",
                      "set " + spec->name + " of " + owner)) {
          edited = AttributeValue(value);
        }
        break;
      }
      case AttributeKind::Text: {
        // Enter commits (the buffer is the label's value again every frame).
        std::array<char, 256> buffer{};
        const std::string current = shown ? toDisplayString(*shown) : "";
        current.copy(buffer.data(), buffer.size() - 1);
        if (ImGui::InputText(id.c_str(), buffer.data(), buffer.size(),
                             ImGuiInputTextFlags_EnterReturnsTrue)) {
          edited = AttributeValue(std::string(buffer.data()));
        }
        recordField(id.c_str() + 2);
        break;
      }
    }
    if (!edited) {
      continue;
    }
    const std::optional<AttributeValue> valid = validValue(*spec, *edited);
    if (!valid) {
      m_message = spec->name + ": not a valid value";
      continue;
    }
    auto applied = m_labels.apply(attributeCommand(object.id, frame, *spec, *valid));
    m_message = applied ? "" : applied.error().message;
  }
  attributeRows(attributes, specs);
}

void InspectorPanel::boxRows(const FrameBox& box, std::size_t frame) {
  const Cuboid& b = box.box;
  Cuboid edited = b;
  bool changed = false;
  const std::string name = box.className + " " + std::to_string(box.number);
  const float third =
      (ImGui::GetContentRegionAvail().x - 2.0F * ImGui::GetStyle().ItemSpacing.x) / 3.0F;
  const auto triple = [&](const char* label, const char* ids[3], Eigen::Vector3d& values,
                          double speed, double min, const char* format, const char* verb) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label);
    ImGui::TableNextColumn();
    for (int i = 0; i < 3; ++i) {
      if (i > 0) {
        ImGui::SameLine();
      }
      ImGui::SetNextItemWidth(std::max(third, 30.0F));
      changed |= dragField(ids[i], values[i], speed, min, 1e6, format, verb + (" " + name));
    }
  };
  const char* centreIds[3] = {"##centre_x", "##centre_y", "##centre_z"};
  const char* sizeIds[3] = {"##size_l", "##size_w", "##size_h"};
  triple("Centre (m)", centreIds, edited.center, 0.01, -1e6, "%.2f", "move");
  triple("Size (m)", sizeIds, edited.size, 0.01, 0.05, "%.2f", "resize");
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("Heading");
  ImGui::TableNextColumn();
  const double yawBefore = b.yaw() * 180.0 / std::numbers::pi;
  double yaw = yawBefore;
  ImGui::SetNextItemWidth(std::max(third, 30.0F));
  if (dragField("##yaw", yaw, 0.2, -360.0, 360.0, "%.1f deg", "turn " + name)) {
    // About the parent's z, as the nudges turn: pitch and roll are kept.
    edited.rotation =
        (Eigen::AngleAxisd((yaw - yawBefore) * std::numbers::pi / 180.0, Eigen::Vector3d::UnitZ()) *
         b.rotation)
            .normalized();
    changed = true;
  }
  if (changed) {
    auto applied = m_labels.apply(std::make_unique<SetGeometryCommand>(
        box.id, static_cast<FrameIndex>(frame), m_labels.worldFromEgo(frame) * edited));
    m_message = applied ? "" : applied.error().message;
  }
}

void InspectorPanel::drawContents() {
  m_fields.clear();
  m_drawnFrame = ImGui::GetFrameCount();
  drawSelection();
  closeEditIfDone();
}

void InspectorPanel::drawSelection() {
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
  const Instance* instance = shown ? track->at(static_cast<FrameIndex>(shown->index)) : nullptr;
  if (instance == nullptr && shown) {
    instance = track->at(kStaticFrame);
  }
  objectRows(object, instance != nullptr && std::holds_alternative<Polyline>(instance->geometry));
  attributeEditRows(object, AttributeScope::Static, object.attributes, kStaticFrame);
  if (instance != nullptr && box == nullptr && shown) {
    if (const auto* polyline = std::get_if<Polyline>(&instance->geometry)) {
      double length = 0.0;
      for (std::size_t i = 1; i < polyline->points.size(); ++i) {
        length += (polyline->points[i] - polyline->points[i - 1]).norm();
      }
      row("Polyline", formatted("%zu vertices, %.1f m%s", polyline->points.size(), length,
                                polyline->closed ? ", closed" : ""));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted("Closed");
      ImGui::TableNextColumn();
      bool closed = polyline->closed;
      const bool toggled = ImGui::Checkbox("##closed", &closed);
      recordField("closed");
      if (toggled) {
        // A closed line needs three vertices to enclose anything.
        if (closed && polyline->points.size() < 3) {
          m_message = "a closed lane needs three vertices; insert one with Ctrl+click";
        } else {
          Polyline changed = *polyline;
          changed.closed = closed;
          auto applied = m_labels.apply(
              std::make_unique<SetGeometryCommand>(object.id, instance->frame, std::move(changed)));
          m_message = applied ? "" : applied.error().message;
        }
      }
      row("Source", std::string(toString(instance->source)));
      reviewRows(instance->review);
      attributeEditRows(object, AttributeScope::PerFrame, instance->attributes, instance->frame);
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
  boxRows(*box, shown->index);
  row("Range", formatted("%.1f m", b.center.head<2>().norm()));
  if (m_pointsInside) {
    row("Points", formatted("%zu inside", *m_pointsInside));
  }
  row("Source", std::string(toString(instance->source)));
  reviewRows(instance->review);
  if (instance->confidence) {
    row("Confidence", formatted("%.2f", *instance->confidence));
  }
  attributeEditRows(object, AttributeScope::PerFrame, instance->attributes, instance->frame);
  ImGui::EndTable();
  ImGui::TextDisabled("Box in the ego frame of this frame: drag a value, or double-click to type.");
  if (!m_message.empty()) {
    ImGui::TextColored(ImVec4(1.0F, 0.55F, 0.45F, 1.0F), "%s", m_message.c_str());
  }
}

}  // namespace fuselabel::gui
