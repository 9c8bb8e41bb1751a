#include "app/gui/status_bar.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // BeginViewportSideBar: a bar that shrinks the work area

#include "app/gui/platform/process_memory.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

void StatusBar::draw(const std::string& message, const render::SceneRenderStats& stats) {
  constexpr ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar;
  const float height = ImGui::GetFrameHeight();
  // /proc is cheap but not free: twice a second is plenty for a memory figure.
  const auto now = std::chrono::steady_clock::now();
  if (now - m_rssReadAt > std::chrono::milliseconds(500)) {
    m_rssBytes = residentBytes().value_or(0);
    m_rssReadAt = now;
  }
  if (ImGui::BeginViewportSideBar("##status_bar", ImGui::GetMainViewport(), ImGuiDir_Down, height,
                                  flags)) {
    if (ImGui::BeginMenuBar()) {
      switch (m_session.state()) {
        case DatasetState::None:
          ImGui::TextDisabled("no dataset");
          break;
        case DatasetState::Opening:
          ImGui::TextDisabled("opening %s", m_session.path().filename().c_str());
          break;
        case DatasetState::Failed:
          ImGui::TextColored(ImVec4(1.0F, 0.55F, 0.45F, 1.0F), "dataset failed");
          break;
        case DatasetState::Open: {
          std::string name = m_session.path().filename().string();
          if (name.empty()) {
            name = m_session.path().parent_path().filename().string();
          }
          ImGui::Text("%s", name.c_str());
          ImGui::TextDisabled("[%s]", m_session.format().c_str());
          ImGui::Separator();
          const std::size_t frame = m_session.currentFrame();
          ImGui::Text("frame %s  %zu/%zu", m_session.frameId(frame).c_str(), frame + 1,
                      m_session.frameCount());
          ImGui::Separator();
          ImGui::Text("t %.3f s", static_cast<double>(m_session.frameTimestampNs(frame)) * 1e-9);
          ImGui::Separator();
          if (stats.pointsTotal > 0 && !stats.complete()) {
            ImGui::Text("%zu / %zu pts", stats.pointsShown, stats.pointsTotal);
          } else {
            ImGui::Text("%zu pts", stats.pointsTotal);
          }
          break;
        }
      }
      ImGui::Separator();
      const ImGuiIO& io = ImGui::GetIO();
      ImGui::Text("%5.1f FPS", static_cast<double>(io.Framerate));
      ImGui::Separator();
      ImGui::Text("%.0f MB", static_cast<double>(m_rssBytes) / (1024.0 * 1024.0));
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Resident memory of fuselabel (RSS)");
      }
      ImGui::Separator();
      ImGui::TextDisabled(
          "%s", m_camera.state().mode == ViewMode::BirdsEye ? "bird's-eye" : "perspective");
      if (!message.empty()) {
        ImGui::Separator();
        ImGui::TextColored(ImVec4(1.0F, 0.55F, 0.45F, 1.0F), "%s", message.c_str());
      }
      ImGui::EndMenuBar();
    }
  }
  ImGui::End();
}

}  // namespace fuselabel::gui
