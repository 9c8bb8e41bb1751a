// The CLI's contract with scripts: help, version, usage errors with exit code
// 2, and a binary that never links GL, GLFW or ImGui.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.hpp"

namespace {

using fuselabel::test::runCommand;

using fuselabel::test::kCli;

TEST(CliBasics, HelpListsSubcommandsAndExitsZero) {
  const auto result = runCommand(kCli + " --help 2>&1");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("iou"), std::string::npos) << result.output;
}

TEST(CliBasics, VersionPrintsProjectVersion) {
  const auto result = runCommand(kCli + " --version 2>&1");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find(FUSELABEL_TEST_EXPECTED_VERSION), std::string::npos)
      << result.output;
}

TEST(CliBasics, UnknownOptionIsUsageErrorWithExitTwo) {
  const auto result = runCommand(kCli + " --no-such-option 2>&1");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.output.find("--help"), std::string::npos) << result.output;
}

TEST(CliBasics, MissingSubcommandIsUsageError) {
  EXPECT_EQ(runCommand(kCli + " 2>&1").exitCode, 2);
}

TEST(CliBasics, WrongArgumentCountIsUsageError) {
  EXPECT_EQ(runCommand(kCli + " iou --a 1 2 3 --b 0 0 0 1 1 1 0 2>&1").exitCode, 2);
}

TEST(CliBasics, IouOfHalfShiftedBoxesIsOneThird) {
  // Two 4x2x1.5 boxes shifted by half their length overlap in 2x2x1.5:
  // intersection 6, union 24 - 6 = 18, IoU = 1/3 in BEV and in 3D.
  const auto result = runCommand(kCli + " iou --a 0 0 0 4 2 1.5 0 --b 2 0 0 4 2 1.5 0 --json 2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const auto json = nlohmann::json::parse(result.output);
  EXPECT_NEAR(json.at("iou_bev").get<double>(), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(json.at("iou3d").get<double>(), 1.0 / 3.0, 1e-12);
}

TEST(CliBasics, LinksNoGraphicsLibrary) {
  // The CLI proves the libraries are headless (DESIGN.md): the binary itself
  // needs no GL, GLX, EGL, GLFW, epoxy or X11 library and holds no ImGui code.
  // Only its direct dependencies are checked: Debian's libopencv_core.so.406
  // itself lists libGLX (OpenCV's OpenGL interop), which ldd then shows
  // transitively for anything that uses OpenCV.
  const auto needed = runCommand("readelf -d " + kCli + " 2>&1 | grep NEEDED");
  ASSERT_EQ(needed.exitCode, 0) << needed.output;
  EXPECT_NE(needed.output.find("libopencv_core"), std::string::npos)
      << "test premise: " << needed.output;
  for (const char* forbidden :
       {"libGL", "libEGL", "libOpenGL", "libglfw", "libepoxy", "libX11", "libimgui"}) {
    EXPECT_EQ(needed.output.find(forbidden), std::string::npos)
        << kCli << " links " << forbidden << " directly:\n"
        << needed.output;
  }
  // Not even transitively: the window and GL-loader libraries.
  const auto ldd = runCommand("ldd " + kCli + " 2>&1");
  ASSERT_EQ(ldd.exitCode, 0) << ldd.output;
  for (const char* forbidden : {"libglfw", "libepoxy"}) {
    EXPECT_EQ(ldd.output.find(forbidden), std::string::npos) << kCli << " pulls in " << forbidden;
  }
  const auto symbols = runCommand("nm -C " + kCli + " 2>&1 | grep -c 'ImGui::' || true");
  EXPECT_EQ(std::stoi(symbols.output), 0) << "ImGui symbols in " << kCli;
}

}  // namespace
