#pragma once
// The native window with its OpenGL 3.3 core context. Owns GLFW's global
// initialisation too (reference-counted), so tests can make hidden windows.
// Creation failures are returned as errors with GLFW's own explanation.

#include <memory>
#include <string>
#include <vector>

#include "core/util/result.hpp"

struct GLFWwindow;

namespace fuselabel::gui {

struct WindowOptions {
  std::string title = "fuselabel";
  int width = 1600;
  int height = 900;
  bool visible = true;
  bool vsync = true;
};

/// One key press as GLFW reported it (auto-repeats are dropped).
struct KeyPress {
  int key = 0;  ///< GLFW_KEY_* code (layout-independent for letters)
  bool ctrl = false;
  bool alt = false;
  bool super = false;
  bool shift = false;
};

class GlfwWindow {
 public:
  /// Opens the window and makes its context current. Fails with a message
  /// (no display, no GL 3.3 core, ...) instead of crashing.
  [[nodiscard]] static Result<GlfwWindow> create(const WindowOptions& options);

  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;
  GlfwWindow(GlfwWindow&& other) noexcept;
  GlfwWindow& operator=(GlfwWindow&& other) noexcept;
  ~GlfwWindow();

  [[nodiscard]] GLFWwindow* handle() const noexcept { return m_window; }
  [[nodiscard]] bool shouldClose() const noexcept;
  void requestClose() noexcept;
  /// Keeps the window open after the user asked to close it (to ask about unsaved work first).
  void cancelClose() noexcept;
  void swapBuffers() noexcept;
  /// Sets the window title (only when it changed).
  void setTitle(const std::string& title);
  /// Window size in screen coordinates.
  void size(int& width, int& height) const noexcept;
  /// Framebuffer size in pixels (differs from size() on HiDPI screens).
  void framebufferSize(int& width, int& height) const noexcept;

  /// Processes pending events; waits up to `timeoutSeconds` for one when > 0.
  static void pollEvents(double timeoutSeconds) noexcept;

  /// Key presses since the last call. Kept as events because ImGui 1.86 only
  /// samples key state once per frame, so a press and release arriving
  /// between two frames (a quick tap, or xdotool) would otherwise be lost.
  [[nodiscard]] std::vector<KeyPress> takeKeyPresses();

 private:
  struct Events;
  GlfwWindow() noexcept = default;
  void destroy() noexcept;

  GLFWwindow* m_window = nullptr;
  // Heap-allocated so GLFW's user pointer stays valid when the window object moves.
  std::unique_ptr<Events> m_events;
  std::string m_title = "fuselabel";
};

}  // namespace fuselabel::gui
