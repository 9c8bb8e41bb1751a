#include "app/gui/panels/track_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>

#include <imgui_internal.h>  // BringWindowToDisplayFront: raise without taking the focus

#include "app/gui/layout.hpp"
#include "app/gui/panels/track_colours.hpp"
#include "core/tracks/document_fill.hpp"

namespace fuselabel::gui {
namespace {

constexpr const char* k_methodNames[] = {"copy", "linear", "kalman", "kalman-fit"};
constexpr FillMethod k_methods[] = {FillMethod::Copy, FillMethod::Linear, FillMethod::Kalman,
                                    FillMethod::KalmanFit};

bool button(const char* label, const char* tooltip, bool enabled = true) {
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(label);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", tooltip);
  }
  return clicked && enabled;
}

// The next button on this line when it fits, else on the next one.
void flow(const char* nextLabel) {
  const float next = ImGui::CalcTextSize(nextLabel).x + ImGui::GetStyle().FramePadding.x * 2.0F;
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next;
  if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine();
  }
}

}  // namespace

PanelPlacement trackPanelPlacement(float stripTop) {
  // Under the box views, in the same column.
  return {layout::k_boxViewsX, stripTop, layout::k_sideColumnX - layout::k_boxViewsX,
          layout::k_timelineTop - stripTop};
}

TrackPanel::TrackPanel(ViewerSession& session, LabelSession& labels, TrackTools& tools)
    : Panel("Track", trackPanelPlacement(layout::k_stripTop)),
      m_session(session),
      m_labels(labels),
      m_tools(tools) {}

void TrackPanel::drawContents() {
  // It shares its first-run place with the right of the camera strip (never
  // over the 3D view, where clicks place boxes): selecting a track (after
  // none was) brings it to the front, where its plots are needed. Only in
  // display order: taking the focus would swallow the next click in the 3D
  // view, and must not happen under a modal prompt.
  const ObjectId selected = m_labels.selected();
  if (selected.value != 0 && m_lastSelected.value == 0 &&
      !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  }
  m_lastSelected = selected;
  // Tab selects the next box (shortcuts.cpp); as ImGui's tab stop it would
  // put the cursor in the merge number and turn the next keys into text.
  ImGui::PushAllowKeyboardFocus(false);
  drawPanel();
  ImGui::PopAllowKeyboardFocus();
}

void TrackPanel::drawPanel() {
  if (m_labels.state() != LabelState::Loaded) {
    ImGui::TextDisabled("No labels loaded");
    return;
  }
  int method = 0;
  for (int i = 0; i < 4; ++i) {
    if (k_methods[i] == m_tools.method()) method = i;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0F);
  if (ImGui::Combo("method", &method, k_methodNames, 4)) {
    m_tools.setMethod(k_methods[method]);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "How Fill fills the frames between keys.\ncopy: the earlier key unchanged; linear: "
        "straight in time;\nkalman: smoothed constant velocity; kalman-fit: kalman with each\n"
        "frame's box fitted to its points (runs in the background).");
  }
  ImGui::SameLine();
  bool refill = m_tools.refillOnEdit();
  if (ImGui::Checkbox("refill on edit", &refill)) {
    m_tools.setRefillOnEdit(refill);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "An edited box becomes a keyframe and the filled frames up to its\nneighbouring keys "
        "follow at once. With kalman-fit: kalman at once, then fitted to\nthe points in the "
        "background, in the same undo step.\nEdit and refill undo as one step; "
        "the last took %.2f ms.",
        m_labels.lastRefillMs());
  }

  const Track* track = m_labels.document().track(m_labels.selected());
  if (track == nullptr) {
    ImGui::TextDisabled("Select a track (click a box, or Tab)");
  } else {
    std::size_t keys = 0;
    for (const Instance& instance : track->instances) {
      keys += instance.source == InstanceSource::Keyframe ? 1 : 0;
    }
    ImGui::PushStyleColor(ImGuiCol_Text,
                          ImGui::ColorConvertU32ToFloat4(classColourU32(track->object.className)));
    ImGui::TextUnformatted(trackName(track->object).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (!track->instances.empty()) {
      ImGui::TextDisabled("frames %d-%d, %zu keys, %zu filled", track->instances.front().frame,
                          track->instances.back().frame, keys, track->instances.size() - keys);
    }
  }
  drawCommands(track);
  drawJob();
  if (!m_tools.message().empty()) {
    ImGui::PushTextWrapPos(0.0F);
    if (m_tools.failed()) {
      ImGui::TextColored(ImVec4(1.0F, 0.5F, 0.42F, 1.0F), "%s", m_tools.message().c_str());
    } else {
      ImGui::TextDisabled("%s", m_tools.message().c_str());
    }
    ImGui::PopTextWrapPos();
  }
  if (!m_labels.refillError().empty()) {
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextColored(ImVec4(0.9F, 0.78F, 0.45F, 1.0F), "%s", m_labels.refillError().c_str());
    ImGui::PopTextWrapPos();
  }
  if (track == nullptr) {
    return;
  }
  refreshSamples(*track);
  ImGui::Separator();
  drawTrajectory(*track);
  drawSeries("speed", "m/s", true, *track);
  drawSeries("yaw", "deg", false, *track);
}

void TrackPanel::drawCommands(const Track* track) {
  const bool selected = track != nullptr;
  const bool idle = !m_tools.busy();
  if (button("Fill track", "Fill the selected track between its keys (Ctrl+F)", selected && idle)) {
    m_tools.fillSelected();
  }
  flow("Fill all tracks");
  if (button("Fill all tracks", "Fill every track in the background (Ctrl+Shift+F)", idle)) {
    m_tools.fillAll();
  }
  flow("Propagate with fit");
  if (button("Propagate with fit",
             "Kalman-fit past the last key while the object has enough points (Ctrl+P)",
             selected && idle)) {
    m_tools.propagateSelected();
  }
  flow("Copy to next frame");
  if (button("Copy to next frame", "Copy this box to the next frame as a key and go there (Ctrl+N)",
             selected)) {
    m_tools.copyToNextFrame();
  }
  flow("Delete from here");
  if (button("Delete from here", "Delete the track's boxes from this frame on (Ctrl+Shift+Delete)",
             selected)) {
    m_tools.deleteFromHere();
  }
  flow("Split here");
  if (button("Split here", "Frames from this one on become a new track (Ctrl+E)", selected)) {
    m_tools.splitHere();
  }
  flow("Next key");
  const TrackInsight& insight = m_tools.insight();
  char suggested[64];
  std::snprintf(suggested, sizeof suggested, "Key frame %d##next",
                insight.suggestedKey ? *insight.suggestedKey : -1);
  if (button(insight.suggestedKey ? suggested : "Next key##next",
             "Go to the filled frame the smoother is least sure of: the next one worth keying "
             "(Ctrl+K)",
             insight.suggestedKey.has_value())) {
    m_tools.jumpToSuggested();
  }
  if (track != nullptr) {
    drawMerge(*track);
  }
}

void TrackPanel::drawMerge(const Track& track) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("merge with");
  ImGui::SameLine();
  const Object* other = m_labels.document().objectByNumber(m_mergeNumber);
  const std::string current =
      other != nullptr && other->id != track.object.id ? trackName(*other) : "pick a track";
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0F);
  if (ImGui::BeginCombo("##merge", current.c_str())) {
    // Same class first: an ID switch joins two halves of one object.
    for (int pass = 0; pass < 2; ++pass) {
      for (const Track& candidate : m_labels.document().tracks()) {
        if (candidate.object.id == track.object.id || candidate.instances.empty() ||
            (candidate.object.className == track.object.className) != (pass == 0)) {
          continue;
        }
        char label[96];
        std::snprintf(label, sizeof label, "%s  (frames %d-%d)",
                      trackName(candidate.object).c_str(), candidate.instances.front().frame,
                      candidate.instances.back().frame);
        if (ImGui::Selectable(label, candidate.object.number == m_mergeNumber)) {
          m_mergeNumber = candidate.object.number;
        }
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5F);
  ImGui::InputInt("##mergeNumber", &m_mergeNumber, 0, 0);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Track number to merge into the selected one");
  }
  ImGui::SameLine();
  if (button("Merge", "The picked track's boxes join the selected track; the picked one is gone",
             other != nullptr && other->id != track.object.id)) {
    m_tools.mergeIntoSelected(other->id);
  }
}

void TrackPanel::drawJob() {
  if (!m_tools.busy()) {
    return;
  }
  const float cancelWidth = ImGui::CalcTextSize("Cancel").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::ProgressBar(
      m_tools.progress(),
      ImVec2(ImGui::GetContentRegionAvail().x - cancelWidth - ImGui::GetStyle().ItemSpacing.x,
             0.0F),
      m_tools.jobName().c_str());
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    m_tools.cancel();
  }
}

void TrackPanel::refreshSamples(const Track& track) {
  if (m_samplesVersion == m_labels.version()) {
    return;
  }
  m_samplesVersion = m_labels.version();
  m_samples.clear();
  const std::vector<std::int64_t>& times = m_labels.document().info().frameTimestampsNs;
  double previousYaw = 0.0;
  for (const Instance& instance : track.instances) {
    const auto* box = std::get_if<Cuboid>(&instance.geometry);
    if (box == nullptr || instance.frame < 0) continue;
    Sample sample;
    sample.frame = instance.frame;
    sample.x = box->center.x();
    sample.y = box->center.y();
    double yaw = box->yaw() * 180.0 / std::numbers::pi;
    if (!m_samples.empty()) {
      // Unwrapped, so a turn through ±180° is a curve, not a jump.
      yaw += 360.0 * std::round((previousYaw - yaw) / 360.0);
      const Sample& last = m_samples.back();
      const auto f = static_cast<std::size_t>(instance.frame);
      const auto l = static_cast<std::size_t>(last.frame);
      if (f < times.size() && l < times.size() && times[f] > times[l]) {
        sample.speed = std::hypot(sample.x - last.x, sample.y - last.y) /
                       (1e-9 * static_cast<double>(times[f] - times[l]));
        sample.hasSpeed = true;
      }
    }
    previousYaw = yaw;
    sample.yawDeg = yaw;
    sample.source = instance.source;
    m_samples.push_back(sample);
  }
}

void TrackPanel::drawTrajectory(const Track& track) {
  ImGui::TextDisabled("trajectory from above (x right, y up)");
  if (m_samples.empty()) {
    return;
  }
  double x0 = m_samples.front().x;
  double x1 = x0;
  double y0 = m_samples.front().y;
  double y1 = y0;
  for (const Sample& s : m_samples) {
    x0 = std::min(x0, s.x);
    x1 = std::max(x1, s.x);
    y0 = std::min(y0, s.y);
    y1 = std::max(y1, s.y);
  }
  // One scale for both axes so curves keep their shape; at least 2 m across.
  const double span = std::max({x1 - x0, y1 - y0, 2.0});
  const float margin = 10.0F;
  // As tall as the trajectory needs at that scale: a straight drive is a strip.
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::clamp(
      (width - 2 * margin) * static_cast<float>(std::max(y1 - y0, 2.0) / span) + 2 * margin + 14.0F,
      70.0F, std::max(70.0F, std::min({width, 260.0F, ImGui::GetContentRegionAvail().y * 0.4F})));
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  ImGui::InvisibleButton("##trajectory", ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, IM_COL32(24, 26, 30, 255), 3.0F);
  const double scale =
      std::min(static_cast<double>(width - 2 * margin), static_cast<double>(height - 2 * margin)) /
      span;
  const double cx = 0.5 * (x0 + x1);
  const double cy = 0.5 * (y0 + y1);
  const auto toScreen = [&](double x, double y) {
    return ImVec2((min.x + max.x) * 0.5F + static_cast<float>((x - cx) * scale),
                  (min.y + max.y) * 0.5F - static_cast<float>((y - cy) * scale));
  };
  // A 1 m scale bar.
  const float bar = static_cast<float>(scale);
  if (bar > 6.0F && bar < width * 0.5F) {
    draw->AddLine(ImVec2(min.x + 8, max.y - 8), ImVec2(min.x + 8 + bar, max.y - 8),
                  IM_COL32(150, 154, 162, 255), 1.5F);
    draw->AddText(ImVec2(min.x + 10 + bar, max.y - 16), IM_COL32(150, 154, 162, 255), "1 m");
  }
  const ImU32 keyColour = classColourU32(track.object.className);
  for (std::size_t i = 1; i < m_samples.size(); ++i) {
    const bool gap = m_samples[i].frame - m_samples[i - 1].frame > 1;
    draw->AddLine(toScreen(m_samples[i - 1].x, m_samples[i - 1].y),
                  toScreen(m_samples[i].x, m_samples[i].y),
                  gap ? IM_COL32(110, 114, 122, 160) : IM_COL32(170, 174, 182, 200), 1.0F);
  }
  const auto current = static_cast<FrameIndex>(m_session.currentFrame());
  for (const Sample& s : m_samples) {
    const ImVec2 p = toScreen(s.x, s.y);
    if (s.source == InstanceSource::Keyframe) {
      const float r = 4.5F;
      draw->AddQuadFilled(ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r),
                          ImVec2(p.x - r, p.y), keyColour);
      draw->AddQuad(ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r),
                    ImVec2(p.x - r, p.y), IM_COL32(20, 22, 25, 255));
    } else {
      draw->AddCircleFilled(p, 2.2F, sourceColour(s.source, keyColour));
    }
    if (s.frame == current) {
      draw->AddCircle(p, 7.5F, IM_COL32(255, 255, 255, 255), 0, 1.5F);
    }
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Box centres across the frames: diamonds are keys, dots filled frames\n(grey "
        "interpolated, orange predicted, green fitted); the ring is this frame.");
  }
}

void TrackPanel::drawSeries(const char* label, const char* unit, bool speed, const Track& track) {
  std::vector<const Sample*> points;
  for (const Sample& s : m_samples) {
    if (!speed || s.hasSpeed) points.push_back(&s);
  }
  const auto value = [&](const Sample* s) { return speed ? s->speed : s->yawDeg; };
  double lo = 0.0;
  double hi = 1.0;
  if (!points.empty()) {
    lo = hi = value(points.front());
    for (const Sample* s : points) {
      lo = std::min(lo, value(s));
      hi = std::max(hi, value(s));
    }
  }
  if (hi - lo < 1.0) {
    const double mid = 0.5 * (hi + lo);
    lo = mid - 0.5;
    hi = mid + 0.5;
  }
  const auto current = static_cast<FrameIndex>(m_session.currentFrame());
  const Sample* here = nullptr;
  for (const Sample* s : points) {
    if (s->frame == current) here = s;
  }
  if (here != nullptr) {
    ImGui::TextDisabled("%s (%s): %.2f here, %.2f to %.2f", label, unit, value(here), lo, hi);
  } else {
    ImGui::TextDisabled("%s (%s): %.2f to %.2f", label, unit, lo, hi);
  }
  // The two plots share what is left of the panel (a speed plot first).
  const float width = ImGui::GetContentRegionAvail().x;
  const float left =
      ImGui::GetContentRegionAvail().y -
      (speed ? ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y : 0.0F);
  const float height = std::clamp(speed ? left * 0.5F : left, 40.0F, 150.0F);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  ImGui::InvisibleButton(label, ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, IM_COL32(24, 26, 30, 255), 3.0F);
  const std::size_t frames = std::max<std::size_t>(2, m_session.frameCount());
  const auto xOf = [&](FrameIndex f) {
    return min.x + 4.0F + (width - 8.0F) * static_cast<float>(f) / static_cast<float>(frames - 1);
  };
  const auto yOf = [&](double v) {
    return max.y - 4.0F - static_cast<float>((v - lo) / (hi - lo)) * (height - 8.0F);
  };
  draw->AddLine(ImVec2(xOf(current), min.y), ImVec2(xOf(current), max.y),
                IM_COL32(255, 255, 255, 90), 1.0F);
  for (std::size_t i = 1; i < points.size(); ++i) {
    draw->AddLine(ImVec2(xOf(points[i - 1]->frame), yOf(value(points[i - 1]))),
                  ImVec2(xOf(points[i]->frame), yOf(value(points[i]))),
                  IM_COL32(200, 204, 212, 230), 1.2F);
  }
  const ImU32 keyColour = classColourU32(track.object.className);
  for (const Sample* s : points) {
    const ImVec2 p(xOf(s->frame), yOf(value(s)));
    if (s->source == InstanceSource::Keyframe) {
      draw->AddCircleFilled(p, 3.0F, keyColour);
    } else {
      draw->AddCircleFilled(p, 1.6F, sourceColour(s->source, keyColour));
    }
  }
}

}  // namespace fuselabel::gui
