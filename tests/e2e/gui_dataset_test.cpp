// The viewer on real recordings (../shared/data): open a KITTI object folder,
// press Right (real X key event) and check the frame changed and the camera
// panel shows the new frame's image; open SUSTech at frame 000950, which has
// no camera images, and check every camera panel says so; a bad path is shown
// as an error and the program keeps running.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"
#include "tests/support/shared_data.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

bool cameraShowsImageOf(const nlohmann::json& j, const std::string& frameId) {
  if (!j["cameras"].is_array() || j["cameras"].empty()) {
    return false;
  }
  for (const auto& camera : j["cameras"]) {
    if (camera["status"] != "image" || !camera["texture_shown"].get<bool>() ||
        camera["frame_id"] != frameId || camera["projected_points"].get<int>() < 1000) {
      return false;
    }
  }
  return true;
}

TEST(GuiDataset, KittiRightArrowGoesToTheNextFrameWithItsImage) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path kitti = test::sharedDataPath("kitti_object_vis/data/object/training");
  ASSERT_TRUE(std::filesystem::is_directory(kitti)) << kitti;
  const std::filesystem::path dir = freshWorkDir("kitti_next_frame");
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app(
      {kitti.string(), "--debug-state", state.string(), "--width", "1600", "--height", "1000"}, dir,
      {{"XDG_CONFIG_HOME", (dir / "config").string()}});

  const auto first = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["loaded"].get<bool>() &&
               cameraShowsImageOf(j, j["sequence"]["frame_id"]);
      },
      60s);
  ASSERT_TRUE(first) << "KITTI frame never loaded; last state:\n"
                     << (readJson(state) ? readJson(state)->dump(2) : "none") << "\noutput:\n"
                     << app.output();
  EXPECT_EQ((*first)["dataset"]["format"], "kitti-object");
  EXPECT_EQ((*first)["sequence"]["frame_index"], 0);
  EXPECT_EQ((*first)["sequence"]["frame_count"], 3);
  EXPECT_GT((*first)["points"]["total"].get<int>(), 100000);

  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << "no fuselabel window appeared\n" << app.output();
  const CommandResult key = runCommand("timeout 20 xdotool key Right");
  ASSERT_EQ(key.exitCode, 0) << key.output;

  const auto next = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["frame_index"] == 1 && j["sequence"]["loaded"].get<bool>() &&
               cameraShowsImageOf(j, "000001");
      },
      30s);
  ASSERT_TRUE(next) << "Right did not show frame 000001 with its image; last state:\n"
                    << (readJson(state) ? readJson(state)->dump(2) : "none") << "\noutput:\n"
                    << app.output();
  EXPECT_EQ((*next)["sequence"]["frame_id"], "000001");
  EXPECT_EQ((*next)["cameras"][0]["image_width"], 1242);
  EXPECT_EQ((*next)["cameras"][0]["image_height"], 375);

  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

TEST(GuiDataset, SustechFrameWithoutImagesSaysSoInEveryCameraPanel) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path sustech = test::sharedDataPath("sustech_example/data/example");
  ASSERT_TRUE(std::filesystem::is_directory(sustech)) << sustech;
  const std::filesystem::path dir = freshWorkDir("sustech_no_image");
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({sustech.string(), "--frame", "000950", "--debug-state", state.string()}, dir,
                 {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto loaded = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["loaded"].get<bool>() && j["cameras"].size() == 3 &&
               j["cameras"][0]["frame_id"] == "000950";
      },
      60s);
  ASSERT_TRUE(loaded) << "SUSTech 000950 never loaded; last state:\n"
                      << (readJson(state) ? readJson(state)->dump(2) : "none") << "\noutput:\n"
                      << app.output();
  EXPECT_EQ((*loaded)["sequence"]["frame_id"], "000950");
  EXPECT_EQ((*loaded)["points"]["total"], 68242);
  for (const auto& camera : (*loaded)["cameras"]) {
    EXPECT_EQ(camera["status"], "no_image") << camera.dump();
    EXPECT_EQ(camera["message"], "no image for frame 000950") << camera.dump();
    EXPECT_FALSE(camera["texture_shown"].get<bool>());
    EXPECT_EQ(camera["projected_points"], 0);
  }
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

TEST(GuiDataset, BadPathIsShownAsAnErrorNotACrash) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("bad_dataset");
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({(dir / "no_such_folder").string(), "--debug-state", state.string()}, dir,
                 {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto failed = waitForJson(
      state, [](const nlohmann::json& j) { return j["dataset"]["state"] == "failed"; }, 30s);
  ASSERT_TRUE(failed) << app.output();
  EXPECT_FALSE((*failed)["dataset"]["error"].get<std::string>().empty());
  sleepMs(300);
  EXPECT_FALSE(app.waitForExit(0ms)) << "the app must keep running after a failed open:\n"
                                     << app.output();
  EXPECT_NE(app.output().find("cannot open dataset"), std::string::npos) << app.output();
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

}  // namespace
}  // namespace fuselabel::e2e
