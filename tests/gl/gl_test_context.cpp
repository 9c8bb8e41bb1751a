#include "tests/gl/gl_test_context.hpp"

#include <cstdlib>
#include <optional>

#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::testing {
namespace {

// Lives until the process exits; GLFW is torn down by the window's destructor.
std::optional<gui::GlfwWindow>& window() {
  static std::optional<gui::GlfwWindow> instance;
  return instance;
}

}  // namespace

bool ensureGlContext(std::string& why) {
  static std::string failure;
  if (window()) {
    return true;
  }
  if (!failure.empty()) {
    why = failure;
    return false;
  }
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') {
    failure =
        "DISPLAY is not set: GL tests need an X server. Run them under Xvfb, e.g. "
        "xvfb-run -a -s \"-screen 0 1600x1000x24\" ctest -L gl";
    why = failure;
    return false;
  }
  gui::WindowOptions options;
  options.title = "fuselabel-gl-tests";
  options.width = 64;
  options.height = 64;
  options.visible = false;
  options.vsync = false;
  auto created = gui::GlfwWindow::create(options);
  if (!created) {
    failure = created.error().message;
    why = failure;
    return false;
  }
  window().emplace(std::move(created).value());
  return true;
}

}  // namespace fuselabel::testing
