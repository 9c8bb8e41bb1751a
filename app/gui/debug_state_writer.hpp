#pragma once
// --debug-state: after each frame in which the view or window changed, writes
// a small JSON snapshot so end-to-end tests can assert on the effect of real
// input events. Written atomically (temporary file + rename) so a reader never
// sees half a file.

#include <optional>
#include <string>

#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

struct DebugState {
  OrbitState camera;
  long long frame = 0;
  int windowWidth = 0;
  int windowHeight = 0;
  int framebufferWidth = 0;
  int framebufferHeight = 0;
  ScreenRect viewRect;  ///< the 3D image inside the window, window coordinates

  /// Equal apart from the frame counter, which changes every frame.
  [[nodiscard]] bool sameViewAs(const DebugState& other) const noexcept;
};

/// The JSON text written for `state` (exposed for tests).
[[nodiscard]] std::string toJson(const DebugState& state);

class DebugStateWriter {
 public:
  explicit DebugStateWriter(std::string path) : m_path(std::move(path)) {}

  /// Writes when `state` differs from the last written one; returns the error
  /// message of a failed write (reported once, then retried silently).
  [[nodiscard]] std::optional<std::string> update(const DebugState& state);

 private:
  std::string m_path;
  std::optional<DebugState> m_written;
  bool m_reportedFailure = false;
};

}  // namespace fuselabel::gui
