#pragma once
// Dear ImGui's context and its GLFW/OpenGL3 backends for one window, set up
// with our theme, font and an ini file in the user's config folder.

#include <string>

struct GLFWwindow;

namespace fuselabel::gui {

class ImGuiContextScope {
 public:
  /// `iniPath` empty: layout is not persisted (no config folder available).
  ImGuiContextScope(GLFWwindow* window, std::string iniPath);
  ImGuiContextScope(const ImGuiContextScope&) = delete;
  ImGuiContextScope& operator=(const ImGuiContextScope&) = delete;
  ImGuiContextScope(ImGuiContextScope&&) = delete;
  ImGuiContextScope& operator=(ImGuiContextScope&&) = delete;
  ~ImGuiContextScope();

  [[nodiscard]] bool ok() const noexcept { return m_ok; }

  void beginFrame();
  /// Finishes the UI and draws it into the currently bound (window) framebuffer.
  void endFrame();

 private:
  std::string m_iniPath;  // ImGui keeps a pointer to this string
  bool m_platformReady = false;
  bool m_rendererReady = false;
  bool m_ok = false;
};

}  // namespace fuselabel::gui
