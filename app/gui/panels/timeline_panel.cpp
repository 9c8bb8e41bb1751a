#include "app/gui/panels/timeline_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/gui/layout.hpp"

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

TimelinePanel::TimelinePanel(ViewerSession& session)
    : Panel("Timeline", layout::timeline()), m_session(session) {}

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

  const double t = static_cast<double>(m_session.frameTimestampNs(current)) * 1e-9;
  ImGui::Text("t = %.3f s", t);
  if (current + 1 < count) {
    const double dt = static_cast<double>(m_session.frameTimestampNs(current + 1) -
                                          m_session.frameTimestampNs(current)) *
                      1e-9;
    ImGui::SameLine();
    ImGui::TextDisabled("next in %.0f ms", dt * 1e3);
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
