#include "tests/e2e/gui_driver.hpp"

#include <Eigen/Geometry>

#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {

std::string focusWindowOf(int pid) {
  const CommandResult found =
      runCommand("timeout 20 xdotool search --sync --all --onlyvisible --pid " +
                 std::to_string(pid) + " --name '^fuselabel'");
  const std::string window = found.output.substr(0, found.output.find('\n'));
  if (window.empty()) {
    return {};
  }
  (void)runCommand("xdotool windowraise " + window);
  (void)runCommand("xdotool windowfocus " + window);
  sleepMs(200);
  return window;
}

bool pressKeys(const std::string& keys) {
  const bool sent = runCommand("timeout 20 xdotool key " + keys).exitCode == 0;
  sleepMs(150);
  return sent;
}

bool typeText(const std::string& text) {
  const bool sent =
      runCommand("timeout 20 xdotool type --delay 40 -- '" + text + "'").exitCode == 0;
  sleepMs(150);
  return sent;
}

bool moveTo(const std::string& window, const Eigen::Vector2d& pixel) {
  const bool moved = runCommand("timeout 20 xdotool mousemove --window " + window + " " +
                                std::to_string(static_cast<int>(pixel.x())) + " " +
                                std::to_string(static_cast<int>(pixel.y())))
                         .exitCode == 0;
  sleepMs(150);
  return moved;
}

bool clickAt(const std::string& window, const Eigen::Vector2d& pixel,
             const std::string& modifiers) {
  if (!moveTo(window, pixel)) {
    return false;
  }
  // Each step held over several UI frames: the GUI samples the mouse and
  // the modifiers once a frame, and a press and release inside one frame
  // (a busy software renderer draws a frame in 100 ms or more) is no click.
  const auto run = [](const std::string& args) {
    const bool ok = runCommand("timeout 20 xdotool " + args).exitCode == 0;
    sleepMs(150);
    return ok;
  };
  bool ok = modifiers.empty() || run("keydown " + modifiers);
  ok = ok && run("mousedown 1");
  ok = ok && run("mouseup 1");
  if (!modifiers.empty()) {
    ok = run("keyup " + modifiers) && ok;
  }
  sleepMs(100);
  return ok;
}

std::optional<Eigen::Vector2d> viewPixelOf(const nlohmann::json& state,
                                           const Eigen::Vector3d& world, bool insideOnly) {
  const auto& view = state["view"];
  if (view["view_projection"].size() != 16 || view["world_from_ego"].size() != 16) {
    return std::nullopt;
  }
  Eigen::Matrix4d viewProj;
  Eigen::Matrix4d worldFromEgo;
  for (int i = 0; i < 16; ++i) {  // column-major, as Eigen stores them
    viewProj(i % 4, i / 4) = view["view_projection"][static_cast<std::size_t>(i)].get<double>();
    worldFromEgo(i % 4, i / 4) = view["world_from_ego"][static_cast<std::size_t>(i)].get<double>();
  }
  const Eigen::Vector4d ego = worldFromEgo.inverse() * world.homogeneous();
  const Eigen::Vector4d clip = viewProj * ego;
  if (clip.w() < 1e-6) {
    return std::nullopt;
  }
  const auto& rect = state["view_rect"];
  const double x =
      rect["x"].get<double>() + (0.5 * clip.x() / clip.w() + 0.5) * rect["width"].get<double>();
  const double y =
      rect["y"].get<double>() + (0.5 - 0.5 * clip.y() / clip.w()) * rect["height"].get<double>();
  if (insideOnly && (x < rect["x"].get<double>() + 2 || y < rect["y"].get<double>() + 2 ||
                     x > rect["x"].get<double>() + rect["width"].get<double>() - 2 ||
                     y > rect["y"].get<double>() + rect["height"].get<double>() - 2)) {
    return std::nullopt;
  }
  return Eigen::Vector2d(x, y);
}

std::optional<nlohmann::json> centreViewOn(const std::string& window,
                                           const std::filesystem::path& state,
                                           const Eigen::Vector3d& world) {
  using namespace std::chrono_literals;
  for (int round = 0; round < 6; ++round) {
    const auto now = readJson(state);
    if (!now) {
      return std::nullopt;
    }
    const auto& rect = (*now)["view_rect"];
    const Eigen::Vector2d centre(rect["x"].get<double>() + 0.5 * rect["width"].get<double>(),
                                 rect["y"].get<double>() + 0.5 * rect["height"].get<double>());
    const auto at = viewPixelOf(*now, world, false);
    if (!at) {
      return std::nullopt;
    }
    Eigen::Vector2d offset = centre - *at;
    if (offset.norm() < 20.0) {
      return now;
    }
    // One drag moves at most as far as the view reaches from its centre.
    const Eigen::Vector2d reach(0.4 * rect["width"].get<double>(),
                                0.4 * rect["height"].get<double>());
    offset = offset.cwiseMax(-reach).cwiseMin(reach);
    const Eigen::Vector2d from = centre - 0.5 * offset;
    const Eigen::Vector2d to = centre + 0.5 * offset;
    const auto before = (*now)["camera"];
    (void)moveTo(window, from);
    (void)runCommand("timeout 20 xdotool mousedown 3");
    for (int step = 1; step <= 4; ++step) {
      (void)moveTo(window, from + (to - from) * step / 4.0);
    }
    (void)runCommand("timeout 20 xdotool mouseup 3");
    if (!waitForJson(
            state, [&](const nlohmann::json& j) { return j["camera"] != before; }, 5s)) {
      return std::nullopt;
    }
    sleepMs(200);
  }
  return readJson(state);
}

std::string convertSustechLabels(const std::filesystem::path& sustech,
                                 const std::filesystem::path& out) {
  // Appended piece by piece: GCC 12 warns falsely (array-bounds) about a
  // chain of + on std::string started from a long literal.
  std::string command = FUSELABEL_CLI_BINARY;
  command += " convert " + (sustech / "label").string();
  command += " " + out.string() + " --dataset " + sustech.string() + " 2>&1";
  const CommandResult converted = runCommand(command);
  return converted.exitCode == 0 ? std::string() : converted.output;
}

Result<std::filesystem::path> makeSyntheticScene(const std::filesystem::path& dir,
                                                 const std::string& options) {
  const std::filesystem::path scene = dir / "scene";
  std::string command = FUSELABEL_CLI_BINARY;  // piece by piece: see convertSustechLabels
  command += " synth -q -o " + scene.string() + " " + options + " 2>&1";
  const CommandResult made = runCommand(command);
  if (made.exitCode != 0) {
    return Error{"fuselabel-cli synth failed: " + made.output};
  }
  return scene;
}

std::optional<nlohmann::json> waitForLabelledFrame(const std::filesystem::path& state) {
  using namespace std::chrono_literals;
  return waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["sequence"]["loaded"].get<bool>() &&
               j["labels"]["boxes_in_frame"].get<int>() > 0;
      },
      60s);
}

}  // namespace fuselabel::e2e
