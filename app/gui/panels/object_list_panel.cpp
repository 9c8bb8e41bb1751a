#include "app/gui/panels/object_list_panel.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "app/gui/layout.hpp"

namespace fuselabel::gui {
namespace {

ImVec4 toImVec4(const Rgb& c) {
  return ImVec4(c.r / 255.0F, c.g / 255.0F, c.b / 255.0F, 1.0F);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::size_t keyframeCount(const Track& track) {
  return static_cast<std::size_t>(
      std::count_if(track.instances.begin(), track.instances.end(),
                    [](const Instance& i) { return i.source == InstanceSource::Keyframe; }));
}

}  // namespace

ObjectListPanel::ObjectListPanel(ViewerSession& session, LabelSession& labels)
    : Panel("Objects", layout::objectList()), m_session(session), m_labels(labels) {}

void ObjectListPanel::select(const Track& track) {
  m_labels.select(track.object.id);
  const auto frame = static_cast<FrameIndex>(m_session.currentFrame());
  if (track.at(frame) != nullptr || track.at(kStaticFrame) != nullptr || track.instances.empty()) {
    return;
  }
  // Not in this frame: go to the nearest frame that has it.
  const Instance* nearest = &track.instances.front();
  for (const Instance& instance : track.instances) {
    if (std::abs(instance.frame - frame) < std::abs(nearest->frame - frame)) {
      nearest = &instance;
    }
  }
  if (nearest->frame >= 0) {
    m_session.setFrame(static_cast<std::size_t>(nearest->frame));
  }
}

void ObjectListPanel::drawFilters() {
  std::set<std::string> classes;
  for (const Track& track : m_labels.document().tracks()) {
    classes.insert(track.object.className);
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45F);
  if (ImGui::BeginCombo("##class", m_classFilter.empty() ? "All classes" : m_classFilter.c_str())) {
    if (ImGui::Selectable("All classes", m_classFilter.empty())) {
      m_classFilter.clear();
    }
    for (const std::string& name : classes) {
      ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(classColour(name)));
      ImGui::Bullet();
      ImGui::PopStyleColor();
      ImGui::SameLine();
      if (ImGui::Selectable(name.c_str(), name == m_classFilter)) {
        m_classFilter = name;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1.0F);
  ImGui::InputTextWithHint("##search", "search: class or number", m_search, sizeof m_search);
}

void ObjectListPanel::drawContents() {
  switch (m_labels.state()) {
    case LabelState::None:
      ImGui::TextDisabled("No labels");
      return;
    case LabelState::Loading:
      ImGui::TextDisabled("Reading labels ...");
      return;
    case LabelState::Failed:
      ImGui::PushTextWrapPos(0.0F);
      ImGui::TextDisabled("No labels: %s", m_labels.message().c_str());
      ImGui::PopTextWrapPos();
      return;
    case LabelState::Loaded:
      break;
  }
  drawFilters();
  const Document& document = m_labels.document();
  const auto frame = static_cast<FrameIndex>(m_session.currentFrame());
  const std::string search = lower(m_search);
  std::size_t inFrame = 0;
  for (const Track& track : document.tracks()) {
    inFrame += track.at(frame) != nullptr || track.at(kStaticFrame) != nullptr ? 1 : 0;
  }
  ImGui::TextDisabled("%zu objects, %zu in this frame", document.objectCount(), inFrame);

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("objects", 4, flags, ImGui::GetContentRegionAvail())) {
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Object", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Frames");
  ImGui::TableSetupColumn("Keys");
  ImGui::TableSetupColumn("Here");
  ImGui::TableHeadersRow();
  const ObjectId selected = m_labels.selected();
  const Track* clicked = nullptr;
  for (const Track& track : document.tracks()) {
    const Object& object = track.object;
    if (!m_classFilter.empty() && object.className != m_classFilter) {
      continue;
    }
    const std::string name = object.className + " " + std::to_string(object.number);
    if (!search.empty() && lower(name).find(search) == std::string::npos) {
      continue;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(object.id.value));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(
        ImVec2(at.x, at.y + 2.0F), ImVec2(at.x + h - 4.0F, at.y + h - 2.0F),
        ImGui::ColorConvertFloat4ToU32(toImVec4(classColour(object.className))), 2.0F);
    ImGui::SetCursorScreenPos(ImVec2(at.x + h + 2.0F, at.y));
    const bool isSelected = object.id == selected;
    if (ImGui::Selectable(name.c_str(), isSelected, ImGuiSelectableFlags_SpanAllColumns)) {
      clicked = &track;
    }
    if (isSelected && m_scrolledTo != selected) {
      ImGui::SetScrollHereY(0.5F);
      m_scrolledTo = selected;
    }
    ImGui::TableNextColumn();
    ImGui::Text("%zu", track.instances.size());
    ImGui::TableNextColumn();
    ImGui::Text("%zu", keyframeCount(track));
    ImGui::TableNextColumn();
    if (track.at(frame) != nullptr || track.at(kStaticFrame) != nullptr) {
      ImGui::TextUnformatted("*");
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (clicked != nullptr) {
    m_scrolledTo = clicked->object.id;  // the user is looking at the row already
    select(*clicked);
  }
}

}  // namespace fuselabel::gui
