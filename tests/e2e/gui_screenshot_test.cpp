// --screenshot writes the whole window (UI included) as a PNG of the window's
// size, and the 3D view in it shows the grid and the ego axes. Also the
// command line's failure modes: bad arguments exit 2, no display exits 1.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

#include "app/gui/render/image.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

struct Rgb {
  int r;
  int g;
  int b;
};

TEST(GuiScreenshot, WritesWindowSizedPngShowingGridAndAxes) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("screenshot");
  const std::filesystem::path png = dir / "out.png";
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({"--empty", "--screenshot", png.string(), "--frames", "3", "--width", "1280",
                  "--height", "800", "--debug-state", state.string()},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto exitCode = app.waitForExit(60s);
  ASSERT_TRUE(exitCode) << "no exit within 60 s; output:\n" << app.output();
  ASSERT_EQ(*exitCode, 0) << app.output();

  auto image = render::readPng(png.string());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->width, 1280);
  EXPECT_EQ(image->height, 800);

  const auto json = readJson(state);
  ASSERT_TRUE(json);
  const auto& rect = (*json)["view_rect"];
  const int x0 = static_cast<int>(rect["x"].get<double>());
  const int y0 = static_cast<int>(rect["y"].get<double>());
  const int x1 = std::min(image->width, x0 + static_cast<int>(rect["width"].get<double>()));
  const int y1 = std::min(image->height, y0 + static_cast<int>(rect["height"].get<double>()));
  ASSERT_GT(x1 - x0, 200);
  ASSERT_GT(y1 - y0, 200);

  // The background is the most common colour of the 3D view.
  std::map<int, int> histogram;
  for (int y = y0; y < y1; y += 2) {
    for (int x = x0; x < x1; x += 2) {
      const std::uint8_t* p = image->pixel(x, y);
      ++histogram[(p[0] << 16) | (p[1] << 8) | p[2]];
    }
  }
  const int bgKey =
      std::max_element(histogram.begin(), histogram.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      })->first;
  const Rgb bg{(bgKey >> 16) & 255, (bgKey >> 8) & 255, bgKey & 255};

  int red = 0;
  int green = 0;
  int blue = 0;
  int grid = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const std::uint8_t* p = image->pixel(x, y);
      const int r = p[0];
      const int g = p[1];
      const int b = p[2];
      red += (r > 170 && g < 110 && b < 110) ? 1 : 0;
      green += (g > 150 && r < 140 && b < 140) ? 1 : 0;
      blue += (b > 180 && r < 130 && g < 170) ? 1 : 0;
      // Grid lines: neutral grey, clearly brighter than the background.
      const bool neutral = std::abs(r - g) < 24 && std::abs(g - b) < 30;
      grid += (neutral && (r + g + b) - (bg.r + bg.g + bg.b) > 45) ? 1 : 0;
    }
  }
  EXPECT_GT(red, 40) << "x axis (red) not visible";
  EXPECT_GT(green, 40) << "y axis (green) not visible";
  EXPECT_GT(blue, 40) << "z axis (blue) not visible";
  EXPECT_GT(grid, 2000) << "grid lines not visible against background " << bg.r << "," << bg.g
                        << "," << bg.b;
  EXPECT_LT(bg.r + bg.g + bg.b, 3 * 80) << "expected a dark background";
}

TEST(GuiCommandLine, BadArgumentsPrintUsageAndExit2) {
  const std::filesystem::path dir = freshWorkDir("bad_args");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--no-such-flag"},
                                             {"--screenshot", "x.png", "--frames", "abc"},
                                             {"--frames", "3"},
                                             {"--width", "5"}}) {
    GuiProcess app(args, dir, {});
    const auto exitCode = app.waitForExit(20s);
    ASSERT_TRUE(exitCode);
    EXPECT_EQ(*exitCode, 2) << args.front() << ": " << app.output();
    EXPECT_NE(app.output().find("--screenshot"), std::string::npos) << "usage expected:\n"
                                                                    << app.output();
  }
}

TEST(GuiCommandLine, NoDisplayIsAClearErrorWithExit1) {
  const std::filesystem::path dir = freshWorkDir("no_display");
  GuiProcess app(
      {}, dir,
      {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}, {"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto exitCode = app.waitForExit(20s);
  ASSERT_TRUE(exitCode);
  EXPECT_EQ(*exitCode, 1) << app.output();
  EXPECT_NE(app.output().find("DISPLAY"), std::string::npos) << app.output();
}

}  // namespace
}  // namespace fuselabel::e2e
