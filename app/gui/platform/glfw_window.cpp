#include "app/gui/platform/glfw_window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <mutex>
#include <utility>

#include "app/gui/render/gl_introspection.hpp"

namespace fuselabel::gui {
namespace {

// GLFW reports errors through a callback; keep the last one to explain failures.
std::mutex g_errorMutex;
std::string g_lastError;
int g_liveWindows = 0;

void onGlfwError(int code, const char* description) {
  const std::lock_guard lock(g_errorMutex);
  g_lastError = std::string(description != nullptr ? description : "unknown error") +
                " (GLFW error " + std::to_string(code) + ")";
}

std::string takeLastError() {
  const std::lock_guard lock(g_errorMutex);
  std::string text = g_lastError.empty() ? std::string("no details from GLFW") : g_lastError;
  g_lastError.clear();
  return text;
}

}  // namespace

struct GlfwWindow::Events {
  std::vector<KeyPress> keyPresses;
};

namespace {

// Installed before ImGui's backend, which chains to it from its own callback.
void onKey(GLFWwindow* window, int key, int /*scancode*/, int action, int mods) {
  if (action != GLFW_PRESS) {  // held keys must not toggle the view repeatedly
    return;
  }
  // The user pointer is GlfwWindow::Events, set at creation.
  auto* events = static_cast<std::vector<KeyPress>*>(glfwGetWindowUserPointer(window));
  if (events != nullptr) {
    events->push_back({key, (mods & GLFW_MOD_CONTROL) != 0, (mods & GLFW_MOD_ALT) != 0,
                       (mods & GLFW_MOD_SUPER) != 0, (mods & GLFW_MOD_SHIFT) != 0});
  }
}

}  // namespace

Result<GlfwWindow> GlfwWindow::create(const WindowOptions& options) {
  glfwSetErrorCallback(onGlfwError);
  if (g_liveWindows == 0 && glfwInit() != GLFW_TRUE) {
    return Error{"cannot initialise GLFW: " + takeLastError() +
                 ". Is a display available (DISPLAY set, or run under xvfb-run)?"};
  }
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (window == nullptr) {
    std::string reason = takeLastError();
    if (g_liveWindows == 0) {
      glfwTerminate();
    }
    return Error{"cannot create a window with an OpenGL 3.3 core context: " + reason};
  }
  ++g_liveWindows;
  GlfwWindow result;
  result.m_window = window;
  result.m_events = std::make_unique<Events>();
  glfwSetWindowUserPointer(window, &result.m_events->keyPresses);
  glfwSetKeyCallback(window, onKey);
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.vsync ? 1 : 0);
  if (const int version = render::contextVersion(); version < 33) {
    return Error{"the OpenGL context is version " + std::to_string(version / 10) + "." +
                 std::to_string(version % 10) + ", 3.3 or newer is needed"};
  }
  return result;
}

GlfwWindow::GlfwWindow(GlfwWindow&& other) noexcept
    : m_window(std::exchange(other.m_window, nullptr)),
      m_events(std::move(other.m_events)),
      m_title(std::move(other.m_title)) {}

GlfwWindow& GlfwWindow::operator=(GlfwWindow&& other) noexcept {
  if (this != &other) {
    destroy();
    m_window = std::exchange(other.m_window, nullptr);
    m_events = std::move(other.m_events);
    m_title = std::move(other.m_title);
  }
  return *this;
}

GlfwWindow::~GlfwWindow() {
  destroy();
}

void GlfwWindow::destroy() noexcept {
  if (m_window == nullptr) {
    return;
  }
  glfwDestroyWindow(m_window);
  m_window = nullptr;
  if (--g_liveWindows == 0) {
    glfwTerminate();
  }
}

bool GlfwWindow::shouldClose() const noexcept {
  return glfwWindowShouldClose(m_window) == GLFW_TRUE;
}
void GlfwWindow::requestClose() noexcept {
  glfwSetWindowShouldClose(m_window, GLFW_TRUE);
}
void GlfwWindow::cancelClose() noexcept {
  glfwSetWindowShouldClose(m_window, GLFW_FALSE);
}
void GlfwWindow::swapBuffers() noexcept {
  glfwSwapBuffers(m_window);
}
void GlfwWindow::size(int& width, int& height) const noexcept {
  glfwGetWindowSize(m_window, &width, &height);
}
void GlfwWindow::framebufferSize(int& width, int& height) const noexcept {
  glfwGetFramebufferSize(m_window, &width, &height);
}

std::vector<KeyPress> GlfwWindow::takeKeyPresses() {
  if (!m_events) {
    return {};
  }
  return std::exchange(m_events->keyPresses, {});
}

void GlfwWindow::pollEvents(double timeoutSeconds) noexcept {
  if (timeoutSeconds > 0.0) {
    glfwWaitEventsTimeout(timeoutSeconds);
  } else {
    glfwPollEvents();
  }
}

void GlfwWindow::setTitle(const std::string& title) {
  if (title == m_title) {
    return;
  }
  m_title = title;
  glfwSetWindowTitle(m_window, m_title.c_str());
}

}  // namespace fuselabel::gui
