#include "app/gui/panels/timeline_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/gui/layout.hpp"
#include "app/gui/panels/track_colours.hpp"

namespace fuselabel::gui {
namespace {

enum class Icon { First, Previous, Play, Pause, Next, Last };

// A square button with a drawn icon (the default font has no media glyphs).
bool iconButton(const char* id, Icon icon, const char* tooltip, bool enabled = true) {
  const float size = ImGui::GetFrameHeight();
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(id, ImVec2(size * 1.25F, size));
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", tooltip);
  }
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const ImVec2 c((min.x + max.x) * 0.5F, (min.y + max.y) * 0.5F);
  const float r = size * 0.26F;
  const ImU32 color = enabled ? IM_COL32(225, 228, 235, 255) : IM_COL32(110, 114, 122, 255);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto triangle = [&](float cx, bool right) {
    const float s = right ? 1.0F : -1.0F;
    draw->AddTriangleFilled(ImVec2(cx - s * r * 0.8F, c.y - r), ImVec2(cx - s * r * 0.8F, c.y + r),
                            ImVec2(cx + s * r * 0.8F, c.y), color);
  };
  switch (icon) {
    case Icon::Play:
      triangle(c.x + r * 0.1F, true);
      break;
    case Icon::Pause:
      draw->AddRectFilled(ImVec2(c.x - r * 0.75F, c.y - r), ImVec2(c.x - r * 0.2F, c.y + r), color);
      draw->AddRectFilled(ImVec2(c.x + r * 0.2F, c.y - r), ImVec2(c.x + r * 0.75F, c.y + r), color);
      break;
    case Icon::Previous:
      triangle(c.x, false);
      break;
    case Icon::Next:
      triangle(c.x, true);
      break;
    case Icon::First:
      triangle(c.x + r * 0.3F, false);
      draw->AddRectFilled(ImVec2(c.x - r * 1.0F, c.y - r), ImVec2(c.x - r * 0.7F, c.y + r), color);
      break;
    case Icon::Last:
      triangle(c.x - r * 0.3F, true);
      draw->AddRectFilled(ImVec2(c.x + r * 0.7F, c.y - r), ImVec2(c.x + r * 1.0F, c.y + r), color);
      break;
  }
  return clicked && enabled;
}

std::string escapePercent(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    out += ch;
    if (ch == '%') {
      out += '%';
    }
  }
  return out;
}

}  // namespace

TimelinePanel::TimelinePanel(ViewerSession& session, const LabelSession& labels, TrackTools& tools)
    : Panel("Timeline", layout::timeline()), m_session(session), m_labels(labels), m_tools(tools) {}

void TimelinePanel::drawMarkers(const ImVec2& min, const ImVec2& max, std::size_t count) {
  if (count < 2) {
    return;
  }
  // Frame → x as ImGui's integer slider places its grab (imgui_widgets.cpp,
  // SliderBehaviorT): 2 px padding, a grab one value wide (at least GrabMinSize).
  const float padding = 2.0F;
  const float sliderWidth = max.x - min.x - 2.0F * padding;
  const float grab =
      std::min(std::max(sliderWidth / static_cast<float>(count), ImGui::GetStyle().GrabMinSize),
               sliderWidth);
  const auto xOf = [&](FrameIndex frame) {
    return min.x + padding + grab * 0.5F +
           (sliderWidth - grab) * static_cast<float>(frame) / static_cast<float>(count - 1);
  };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ObjectId selected = m_labels.selected();
  for (const MotionFinding& finding : m_labels.motionFindings()) {
    if (selected.value != 0 && finding.id != selected) {
      continue;
    }
    if (finding.frame >= 0 && static_cast<std::size_t>(finding.frame) < count) {
      const float x = xOf(finding.frame);
      draw->AddRectFilled(ImVec2(x - 1.5F, min.y), ImVec2(x + 1.5F, min.y + 5.0F),
                          IM_COL32(240, 90, 80, 255));
    }
  }
  const Track* track = m_labels.document().track(selected);
  if (track == nullptr) {
    return;
  }
  const ImU32 keyColour = classColourU32(track->object.className);
  // Where the fill is unsure: amber, by the smoother's position sigma
  // relative to the track's least sure frame (the suggested key), under the ticks.
  const TrackInsight& insight = m_tools.insight();
  double worst = 0.05;
  for (const auto& sigma : insight.positionStd) {
    worst = std::max(worst, sigma.value_or(0.0));
  }
  const float half = std::max(1.0F, (xOf(1) - xOf(0)) * 0.5F);
  for (std::size_t f = 0; f < insight.positionStd.size() && f < count; ++f) {
    if (!insight.positionStd[f]) {
      continue;
    }
    const auto strength = static_cast<float>(*insight.positionStd[f] / worst);
    const float x = xOf(static_cast<FrameIndex>(f));
    draw->AddRectFilled(ImVec2(x - half, max.y - 9.0F), ImVec2(x + half, max.y),
                        IM_COL32(240, 170, 60, static_cast<int>(15.0F + 200.0F * strength)));
  }
  if (insight.suggestedKey && static_cast<std::size_t>(*insight.suggestedKey) < count) {
    const float x = xOf(*insight.suggestedKey);
    draw->AddTriangleFilled(ImVec2(x - 5.0F, min.y), ImVec2(x + 5.0F, min.y),
                            ImVec2(x, min.y + 7.0F), IM_COL32(255, 225, 60, 255));
  }
  for (const Instance& instance : track->instances) {
    if (instance.frame < 0 || static_cast<std::size_t>(instance.frame) >= count) {
      continue;
    }
    const float x = xOf(instance.frame);
    if (instance.source == InstanceSource::Keyframe) {
      const float r = 4.0F;
      const float y = max.y - r;
      draw->AddQuadFilled(ImVec2(x, y - r), ImVec2(x + r, y), ImVec2(x, y + r), ImVec2(x - r, y),
                          keyColour);
      draw->AddQuad(ImVec2(x, y - r), ImVec2(x + r, y), ImVec2(x, y + r), ImVec2(x - r, y),
                    IM_COL32(20, 22, 25, 255));
    } else {
      draw->AddLine(ImVec2(x, max.y - 6.0F), ImVec2(x, max.y - 1.0F),
                    sourceColour(instance.source, keyColour), 2.0F);
    }
  }
  // What the shading and ticks mean at the frame under the mouse.
  if (ImGui::IsItemHovered()) {
    const float t = (ImGui::GetIO().MousePos.x - xOf(0)) / std::max(1.0F, xOf(1) - xOf(0));
    const auto frame = static_cast<FrameIndex>(std::lround(t));
    if (frame >= 0 && static_cast<std::size_t>(frame) < count) {
      const Instance* instance = track->at(frame);
      std::string text = "frame " + std::to_string(frame) + ": " +
                         (instance != nullptr ? std::string(toString(instance->source)) : "no box");
      if (static_cast<std::size_t>(frame) < insight.positionStd.size() &&
          insight.positionStd[static_cast<std::size_t>(frame)]) {
        char sigma[48];
        std::snprintf(sigma, sizeof sigma, ", fill sigma %.2f m",
                      *insight.positionStd[static_cast<std::size_t>(frame)]);
        text += sigma;
      }
      ImGui::SetTooltip("%s", text.c_str());
    }
  }
}

ImGuiWindowFlags TimelinePanel::windowFlags() const {
  return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
         ImGuiWindowFlags_NoCollapse;
}

void TimelinePanel::drawContents() {
  const std::size_t count = m_session.frameCount();
  if (count == 0) {
    switch (m_session.state()) {
      case DatasetState::Opening:
        ImGui::TextDisabled("Opening %s ...", m_session.path().string().c_str());
        break;
      case DatasetState::Failed:
        ImGui::TextColored(ImVec4(1.0F, 0.5F, 0.42F, 1.0F), "Could not open the dataset");
        break;
      default:
        ImGui::TextDisabled("No dataset. Start with: fuselabel DATASET_FOLDER [--format F]");
        break;
    }
    return;
  }
  const std::size_t current = m_session.currentFrame();
  const bool many = count > 1;
  if (iconButton("##first", Icon::First, "First frame (Home)", current > 0)) {
    m_session.first();
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (iconButton("##prev", Icon::Previous, "Previous frame (Left or A)", current > 0)) {
    m_session.step(-1);
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (iconButton("##play", m_session.playing() ? Icon::Pause : Icon::Play,
                 m_session.playing() ? "Pause (Space)" : "Play at the sensor's rate (Space)",
                 many)) {
    m_session.togglePlay();
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (iconButton("##next", Icon::Next, "Next frame (Right or D)", current + 1 < count)) {
    m_session.step(1);
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (iconButton("##last", Icon::Last, "Last frame (End)", current + 1 < count)) {
    m_session.last();
  }
  ImGui::SameLine();
  int slider = static_cast<int>(current);
  const std::string label = escapePercent(m_session.frameId(current)) + "   (" +
                            std::to_string(current + 1) + " / " + std::to_string(count) + ")";
  ImGui::SetNextItemWidth(-1.0F);
  ImGui::BeginDisabled(!many);
  if (ImGui::SliderInt("##frame", &slider, 0, static_cast<int>(count) - 1, label.c_str(),
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_NoInput)) {
    m_session.setFrame(static_cast<std::size_t>(slider));
  }
  ImGui::EndDisabled();
  drawMarkers(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), count);

  const double t = static_cast<double>(m_session.frameTimestampNs(current)) * 1e-9;
  ImGui::Text("t = %.3f s", t);
  if (current + 1 < count) {
    const double dt = static_cast<double>(m_session.frameTimestampNs(current + 1) -
                                          m_session.frameTimestampNs(current)) *
                      1e-9;
    ImGui::SameLine();
    ImGui::TextDisabled("next in %.0f ms", dt * 1e3);
  }
  if (const TrackInsight& insight = m_tools.insight(); insight.suggestedKey) {
    ImGui::SameLine();
    const std::string next = "key frame " + std::to_string(*insight.suggestedKey) + " next##key";
    if (ImGui::SmallButton(next.c_str())) {
      m_tools.jumpToSuggested();
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("The filled frame the smoother is least sure of (Ctrl+K goes there)");
    }
  }
  const auto& shown = m_session.shown();
  ImGui::SameLine();
  if (m_session.currentError()) {
    ImGui::TextColored(ImVec4(1.0F, 0.5F, 0.42F, 1.0F), "frame failed: %s",
                       m_session.currentError()->c_str());
  } else if (!m_session.currentLoaded()) {
    ImGui::TextColored(ImVec4(0.9F, 0.78F, 0.45F, 1.0F),
                       m_session.playing() ? "buffering ..." : "loading ...");
  } else if (shown) {
    ImGui::TextDisabled("loaded in %.0f ms", shown->loadMs);
    if (!shown->warnings.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.9F, 0.78F, 0.45F, 1.0F), "(%zu reader note%s)",
                         shown->warnings.size(), shown->warnings.size() == 1 ? "" : "s");
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0F);
        for (const std::string& w : shown->warnings) {
          ImGui::BulletText("%s", w.c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
  }
}

}  // namespace fuselabel::gui
