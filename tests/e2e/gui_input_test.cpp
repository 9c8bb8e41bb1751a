// Real input on the real window: a left drag over the 3D view must orbit the
// camera, the B key must switch to bird's-eye view, Ctrl+Q must quit cleanly.
// Input is sent with XTEST (xdotool without --window for buttons/keys), the
// same path a person's mouse takes.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

std::string xdotool(const std::string& args) {
  const CommandResult r = runCommand("timeout 20 xdotool " + args);
  EXPECT_EQ(r.exitCode, 0) << "xdotool " << args << ": " << r.output;
  return r.output;
}

TEST(GuiInput, DragOrbitsBTogglesBirdsEyeAndCtrlQQuits) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("drag_and_keys");
  const std::filesystem::path state = dir / "state.json";
  const std::filesystem::path config = dir / "config";
  GuiProcess app({"--empty", "--debug-state", state.string(), "--width", "1280", "--height", "800"},
                 dir, {{"XDG_CONFIG_HOME", config.string()}});

  const auto first = waitForJson(
      state, [](const nlohmann::json& j) { return j["view_rect"]["width"] > 100.0; }, 30s);
  ASSERT_TRUE(first) << "no debug state from fuselabel; output:\n" << app.output();
  const double yaw0 = (*first)["camera"]["yaw"];
  EXPECT_EQ((*first)["mode"], "perspective");
  EXPECT_EQ((*first)["window"]["width"], 1280);

  // Our own window (by pid), not another fuselabel a parallel test may have open.
  const std::string found = xdotool("search --sync --all --onlyvisible --pid " +
                                    std::to_string(app.pid()) + " --name '^fuselabel'");
  const std::string window = found.substr(0, found.find('\n'));
  ASSERT_FALSE(window.empty());
  (void)runCommand("xdotool windowraise " + window);

  const auto& rect = (*first)["view_rect"];
  const int cx = static_cast<int>(rect["x"].get<double>() + rect["width"].get<double>() / 2.0);
  const int cy = static_cast<int>(rect["y"].get<double>() + rect["height"].get<double>() / 2.0);
  const auto moveTo = [&](int x, int y) {
    xdotool("mousemove --window " + window + " " + std::to_string(x) + " " + std::to_string(y));
    sleepMs(40);
  };
  moveTo(cx, cy);
  sleepMs(200);
  xdotool("mousedown 1");
  sleepMs(100);
  for (int step = 1; step <= 8; ++step) {
    moveTo(cx + step * 20, cy + step * 4);
  }
  xdotool("mouseup 1");

  const auto orbited = waitForJson(
      state,
      [&](const nlohmann::json& j) {
        return std::abs(j["camera"]["yaw"].get<double>() - yaw0) > 0.1;
      },
      10s);
  ASSERT_TRUE(orbited) << "yaw did not change after a left drag; last state:\n"
                       << (readJson(state) ? readJson(state)->dump(2) : "none") << "\noutput:\n"
                       << app.output();
  EXPECT_EQ((*orbited)["mode"], "perspective");
  // Let the app drain the rest of the drag before comparing against it.
  std::optional<nlohmann::json> settled = orbited;
  for (int i = 0; i < 40; ++i) {
    sleepMs(150);
    auto now = readJson(state);
    if (now && settled && (*now)["camera"] == (*settled)["camera"]) {
      break;
    }
    settled = now ? now : settled;
  }
  ASSERT_TRUE(settled);

  (void)runCommand("xdotool windowfocus " + window);
  xdotool("key b");
  const auto bev = waitForJson(
      state, [](const nlohmann::json& j) { return j["mode"] == "bev"; }, 10s);
  ASSERT_TRUE(bev) << "mode did not become bev after B; output:\n" << app.output();
  // The B key changes the mode only; the orbit is kept.
  EXPECT_NEAR((*bev)["camera"]["yaw"].get<double>(), (*settled)["camera"]["yaw"].get<double>(),
              1e-6);

  xdotool("key ctrl+q");
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << "fuselabel did not quit after Ctrl+Q; output:\n" << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();

  // Layout persisted in the user's config folder, never in the working directory.
  EXPECT_TRUE(std::filesystem::exists(config / "fuselabel" / "imgui.ini"));
  EXPECT_FALSE(std::filesystem::exists(dir / "imgui.ini"));
}

TEST(GuiInput, SigtermEndsTheLoopCleanly) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("sigterm");
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({"--empty", "--debug-state", state.string()}, dir,
                 {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json&) { return true; }, 30s))
      << app.output();
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

}  // namespace
}  // namespace fuselabel::e2e
