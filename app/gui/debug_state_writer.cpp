#include "app/gui/debug_state_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fuselabel::gui {

bool DebugState::sameViewAs(const DebugState& other) const noexcept {
  return camera == other.camera && windowWidth == other.windowWidth && windowHeight == other.windowHeight &&
         framebufferWidth == other.framebufferWidth && framebufferHeight == other.framebufferHeight &&
         viewRect.x == other.viewRect.x && viewRect.y == other.viewRect.y && viewRect.width == other.viewRect.width &&
         viewRect.height == other.viewRect.height;
}

std::string toJson(const DebugState& state) {
  const OrbitState& c = state.camera;
  const nlohmann::json json = {
      {"mode", std::string(toString(c.mode))},
      {"camera",
       {{"yaw", c.yaw},
        {"pitch", c.pitch},
        {"distance", c.distance},
        {"target", {c.target.x(), c.target.y(), c.target.z()}}}},
      {"frame", state.frame},
      {"window", {{"width", state.windowWidth}, {"height", state.windowHeight}}},
      {"framebuffer", {{"width", state.framebufferWidth}, {"height", state.framebufferHeight}}},
      {"view_rect",
       {{"x", state.viewRect.x}, {"y", state.viewRect.y}, {"width", state.viewRect.width},
        {"height", state.viewRect.height}}},
  };
  return json.dump(2) + "\n";
}

std::optional<std::string> DebugStateWriter::update(const DebugState& state) {
  if (m_written && m_written->sameViewAs(state)) {
    return std::nullopt;
  }
  const std::string temporary = m_path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << toJson(state);
    if (!out.flush()) {
      if (std::exchange(m_reportedFailure, true)) {
        return std::nullopt;
      }
      return m_path + ": cannot write debug state";
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, m_path, ec);
  if (ec) {
    if (std::exchange(m_reportedFailure, true)) {
      return std::nullopt;
    }
    return m_path + ": cannot write debug state: " + ec.message();
  }
  m_written = state;
  return std::nullopt;
}

}  // namespace fuselabel::gui
