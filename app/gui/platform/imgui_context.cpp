#include "app/gui/platform/imgui_context.hpp"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <filesystem>
#include <utility>

#include "app/gui/theme.hpp"

namespace fuselabel::gui {

ImGuiContextScope::ImGuiContextScope(GLFWwindow* window, std::string iniPath)
    : m_iniPath(std::move(iniPath)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = m_iniPath.empty() ? nullptr : m_iniPath.c_str();
  // No keyboard navigation: arrows, Space, Home/End drive the timeline (shortcuts.cpp).
  io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigWindowsMoveFromTitleBarOnly =
      true;  // dragging in the 3D view must orbit, not move the window
  applyTheme();
  loadFonts();
  m_platformReady = ImGui_ImplGlfw_InitForOpenGL(window, true);
  m_rendererReady = m_platformReady && ImGui_ImplOpenGL3_Init("#version 330 core");
  m_ok = m_platformReady && m_rendererReady;
}

ImGuiContextScope::~ImGuiContextScope() {
  if (m_rendererReady) {
    ImGui_ImplOpenGL3_Shutdown();
  }
  if (m_platformReady) {
    ImGui_ImplGlfw_Shutdown();
  }
  ImGui::DestroyContext();  // writes the ini file one last time
}

void ImGuiContextScope::beginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void ImGuiContextScope::endFrame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace fuselabel::gui
