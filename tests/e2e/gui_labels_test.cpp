// Labels in the viewer, driven with real X input: KITTI 000001 opens with its
// label_2 boxes drawn in the camera panel; a click on the truck in the camera
// image selects it (the inspector counts its points), Esc clears the
// selection, Tab selects the frame's boxes in turn, and a click on empty sky
// selects nothing. The nuScenes keyframe (through a manifest naming its
// mmdetection3d info as the labels) shows all six cameras in rig order with
// the boxes in each, and a click on the largest box in CAM_FRONT selects it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <Eigen/Geometry>
#include <string>

#include "support/real_data_manifests.hpp"
#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"
#include "tests/support/shared_data.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

// The camera panel's rectangle of the first box whose name starts with `prefix`.
std::optional<nlohmann::json> boxRect(const nlohmann::json& j, const std::string& prefix) {
  for (const auto& box : j["cameras"][0]["boxes"]) {
    if (box["name"].get<std::string>().rfind(prefix, 0) == 0) {
      return box["rect"];
    }
  }
  return std::nullopt;
}

TEST(GuiLabels, ClickingATruckInTheCameraSelectsItEscClearsTabCycles) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path kitti = test::sharedDataPath("kitti_object_vis/data/object/training");
  ASSERT_TRUE(std::filesystem::is_directory(kitti)) << kitti;
  const std::filesystem::path dir = freshWorkDir("kitti_labels");
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({kitti.string(), "--frame", "000001", "--debug-state", state.string(), "--width",
                  "1600", "--height", "1000"},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});

  const auto loaded = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["sequence"]["loaded"].get<bool>() &&
               j["cameras"].size() == 1 && j["cameras"][0]["texture_shown"].get<bool>() &&
               boxRect(j, "truck").has_value();
      },
      60s);
  ASSERT_TRUE(loaded) << "labels never showed in the camera; last state:\n"
                      << stateDump(state) << "\noutput:\n"
                      << app.output();
  // KITTI 000001's label_2: a truck, a car, a cyclist and 4 DontCare regions
  // (DontCare has no 3D box, so it is listed but not drawn).
  EXPECT_EQ((*loaded)["labels"]["boxes_in_frame"], 7);
  EXPECT_EQ((*loaded)["cameras"][0]["boxes"].size(), 3u) << (*loaded)["cameras"][0].dump(2);
  EXPECT_EQ((*loaded)["selection"]["id"], 0);

  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << "no fuselabel window appeared\n" << app.output();
  const auto click = [&](double x, double y) {
    const CommandResult moved =
        runCommand("timeout 20 xdotool mousemove --window " + window + " " +
                   std::to_string(static_cast<int>(x)) + " " + std::to_string(static_cast<int>(y)));
    ASSERT_EQ(moved.exitCode, 0) << moved.output;
    sleepMs(150);
    const CommandResult clicked = runCommand("timeout 20 xdotool click 1");
    ASSERT_EQ(clicked.exitCode, 0) << clicked.output;
  };

  const nlohmann::json truck = *boxRect(*loaded, "truck");
  click(truck["x"].get<double>() + truck["width"].get<double>() * 0.5,
        truck["y"].get<double>() + truck["height"].get<double>() * 0.5);
  const auto selected = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["selection"]["name"].get<std::string>().rfind("truck", 0) == 0 &&
               !j["selection"]["points_inside"].is_null();
      },
      20s);
  ASSERT_TRUE(selected) << "clicking the truck did not select it; last state:\n"
                        << stateDump(state) << "\noutput:\n"
                        << app.output();
  // The truck is ~40 m ahead; the sweep has a few hundred points on it.
  EXPECT_GT((*selected)["selection"]["points_inside"].get<int>(), 50);

  ASSERT_EQ(runCommand("timeout 20 xdotool key Escape").exitCode, 0);
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["id"] == 0; }, 20s))
      << "Esc did not clear the selection:\n"
      << stateDump(state);

  ASSERT_EQ(runCommand("timeout 20 xdotool key Tab").exitCode, 0);
  const auto first = waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["id"] != 0; }, 20s);
  ASSERT_TRUE(first) << "Tab selected nothing:\n" << stateDump(state);
  ASSERT_EQ(runCommand("timeout 20 xdotool key Tab").exitCode, 0);
  const auto firstId = (*first)["selection"]["id"];
  const auto second = waitForJson(
      state,
      [&](const nlohmann::json& j) {
        return j["selection"]["id"] != 0 && j["selection"]["id"] != firstId;
      },
      20s);
  ASSERT_TRUE(second) << "a second Tab did not move the selection:\n" << stateDump(state);

  // Sky above the image's centre: no box there, so the click clears the selection.
  const nlohmann::json image = (*loaded)["cameras"][0]["image_rect"];
  click(image["x"].get<double>() + image["width"].get<double>() * 0.5,
        image["y"].get<double>() + image["height"].get<double>() * 0.08);
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["id"] == 0; }, 20s))
      << "a click on empty sky kept a selection:\n"
      << stateDump(state);

  // A click on the road near the bottom of the image picks the LiDAR point there.
  click(image["x"].get<double>() + image["width"].get<double>() * 0.5,
        image["y"].get<double>() + image["height"].get<double>() * 0.9);
  const auto road = waitForJson(
      state, [](const nlohmann::json& j) { return !j["cameras"][0]["picked_point"].is_null(); },
      20s);
  ASSERT_TRUE(road) << "a click on the road picked no point:\n" << stateDump(state);
  EXPECT_LT((*road)["cameras"][0]["picked_point"]["depth"].get<double>(), 15.0);
  EXPECT_EQ((*road)["selection"]["id"], 0);

  // A click on the ground at the middle of the 3D view (the orbit target, 4 m
  // ahead) picks the LiDAR point there.
  const nlohmann::json view = (*loaded)["view_rect"];
  click(view["x"].get<double>() + view["width"].get<double>() * 0.5,
        view["y"].get<double>() + view["height"].get<double>() * 0.5);
  const auto picked = waitForJson(
      state, [](const nlohmann::json& j) { return !j["picked_point"].is_null(); }, 20s);
  ASSERT_TRUE(picked) << "a click on the ground picked no point:\n" << stateDump(state);
  const auto& p = (*picked)["picked_point"]["position"];
  EXPECT_NEAR(p[0].get<double>(), 4.0, 2.5) << (*picked)["picked_point"].dump();
  EXPECT_NEAR(p[1].get<double>(), 0.0, 2.5) << (*picked)["picked_point"].dump();

  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

TEST(GuiLabels, NuscenesSixCamerasShowTheBoxesAndAClickSelects) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path info = test::sharedDataPath(
      "mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  ASSERT_TRUE(std::filesystem::exists(info)) << info;
  const std::filesystem::path dir = freshWorkDir("nuscenes_labels");
  const std::filesystem::path manifest = test::writeNuscenesManifest(dir / "scene");
  {
    std::ifstream in(manifest);
    nlohmann::json scene = nlohmann::json::parse(in);
    scene["labels"] = {{{"format", "mmdet3d"}, {"file", info.string()}}};
    std::ofstream(manifest) << scene.dump(2);
  }
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({manifest.string(), "--allow-outside-paths", "--debug-state", state.string(),
                  "--width", "1600", "--height", "1000"},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto loaded = waitForJson(
      state,
      [](const nlohmann::json& j) {
        if (j["labels"]["state"] != "loaded" || j["cameras"].size() != 6) return false;
        for (const auto& camera : j["cameras"]) {
          if (!camera["texture_shown"].get<bool>() || camera["boxes"].empty()) return false;
        }
        return true;
      },
      90s);
  ASSERT_TRUE(loaded) << "six cameras with boxes never showed; last state:\n"
                      << stateDump(state) << "\noutput:\n"
                      << app.output();
  EXPECT_EQ((*loaded)["labels"]["objects"], 69);
  const std::vector<std::string> order = {"CAM_FRONT_LEFT", "CAM_FRONT", "CAM_FRONT_RIGHT",
                                          "CAM_BACK_LEFT",  "CAM_BACK",  "CAM_BACK_RIGHT"};
  std::size_t drawn = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ((*loaded)["cameras"][i]["name"], order[i]);
    drawn += (*loaded)["cameras"][i]["boxes"].size();
  }
  // Boxes near the seams of neighbouring cameras show in both.
  EXPECT_GE(drawn, 69u);
  const auto& front = (*loaded)["cameras"][1];
  EXPECT_GE(front["boxes"].size(), 40u);
  // Panels do not overlap: each camera's picture lies inside the window and
  // apart from the others.
  for (std::size_t a = 0; a < 6; ++a) {
    const auto& ra = (*loaded)["cameras"][a]["image_rect"];
    EXPECT_GT(ra["width"].get<double>(), 300.0);
    for (std::size_t b = a + 1; b < 6; ++b) {
      const auto& rb = (*loaded)["cameras"][b]["image_rect"];
      const bool apart =
          ra["x"].get<double>() + ra["width"].get<double>() <= rb["x"].get<double>() ||
          rb["x"].get<double>() + rb["width"].get<double>() <= ra["x"].get<double>() ||
          ra["y"].get<double>() + ra["height"].get<double>() <= rb["y"].get<double>() ||
          rb["y"].get<double>() + rb["height"].get<double>() <= ra["y"].get<double>();
      EXPECT_TRUE(apart) << order[a] << " overlaps " << order[b];
    }
  }

  // Click the centre of the largest box in CAM_FRONT.
  nlohmann::json largest;
  double area = 0.0;
  for (const auto& box : front["boxes"]) {
    const double a = box["rect"]["width"].get<double>() * box["rect"]["height"].get<double>();
    if (a > area) {
      area = a;
      largest = box;
    }
  }
  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << "no fuselabel window appeared\n" << app.output();
  const auto& rect = largest["rect"];
  ASSERT_EQ(runCommand("timeout 20 xdotool mousemove --window " + window + " " +
                       std::to_string(static_cast<int>(rect["x"].get<double>() +
                                                       rect["width"].get<double>() * 0.5)) +
                       " " +
                       std::to_string(static_cast<int>(rect["y"].get<double>() +
                                                       rect["height"].get<double>() * 0.5)))
                .exitCode,
            0);
  sleepMs(150);
  ASSERT_EQ(runCommand("timeout 20 xdotool click 1").exitCode, 0);
  const auto selected = waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["id"] != 0; }, 20s);
  ASSERT_TRUE(selected) << "clicking " << largest.dump() << " selected nothing:\n"
                        << stateDump(state);
  // The nearest box under the cursor wins, which is the big one at the centre.
  EXPECT_EQ((*selected)["selection"]["id"], largest["id"]) << (*selected)["selection"].dump();

  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

// The box a document holds for object `id` at `frame` ([cx cy cz qx qy qz qw l w h]).
std::vector<double> cuboidOf(const nlohmann::json& labels, std::int64_t id, int frame) {
  for (const auto& object : labels["objects"]) {
    if (object["id"] != id) continue;
    for (const auto& instance : object["instances"]) {
      if (instance["frame"] == frame) return instance["cuboid"].get<std::vector<double>>();
    }
  }
  return {};
}

TEST(GuiLabels, SustechNudgeUndoRedoAndSaveWritesExactlyTheEdit) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path sustech = test::sharedDataPath("sustech_example/data/example");
  ASSERT_TRUE(std::filesystem::is_directory(sustech)) << sustech;
  const std::filesystem::path dir = freshWorkDir("sustech_edit");
  // The labels as read, in the native format, to compare the saved file with.
  const std::filesystem::path before = dir / "before.json";
  const std::string conversion = convertSustechLabels(sustech, before);
  ASSERT_TRUE(conversion.empty()) << conversion;
  const std::filesystem::path saved = dir / "edited.json";
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({sustech.string(), "--frame", "000965", "--save-to", saved.string(),
                  "--debug-state", state.string()},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto loaded = waitForLabelledFrame(state);
  ASSERT_TRUE(loaded) << "SUSTech labels never loaded:\n" << stateDump(state) << app.output();
  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << "no fuselabel window appeared\n" << app.output();
  const auto key = [&](const std::string& keys) {
    ASSERT_EQ(runCommand("timeout 20 xdotool key " + keys).exitCode, 0) << keys;
    sleepMs(150);
  };
  key("Tab");
  const auto selected = waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["id"] != 0; }, 20s);
  ASSERT_TRUE(selected) << stateDump(state);
  const std::int64_t id = (*selected)["selection"]["id"].get<std::int64_t>();
  // Three fine steps forward (5 cm each), one undone and redone, one coarse turn left.
  key("i");
  key("i");
  key("i");
  key("ctrl+z");
  key("ctrl+shift+z");
  key("shift+u");
  key("ctrl+s");
  ASSERT_TRUE(waitForJson(
      saved, [](const nlohmann::json& j) { return j.contains("objects"); }, 20s))
      << "Ctrl+S wrote nothing; output:\n"
      << app.output();
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  ASSERT_TRUE(app.waitForExit(15s));

  std::ifstream beforeStream(before);
  std::ifstream savedStream(saved);
  const nlohmann::json a = nlohmann::json::parse(beforeStream);
  const nlohmann::json b = nlohmann::json::parse(savedStream);
  const int frame = (*selected)["sequence"]["frame_index"].get<int>();
  const std::vector<double> was = cuboidOf(a, id, frame);
  const std::vector<double> now = cuboidOf(b, id, frame);
  ASSERT_EQ(was.size(), 10u);
  ASSERT_EQ(now.size(), 10u);
  const Eigen::Quaterniond qa(was[6], was[3], was[4], was[5]);
  const Eigen::Quaterniond qb(now[6], now[3], now[4], now[5]);
  const Eigen::Vector3d forward = qa.toRotationMatrix().col(0);
  const Eigen::Vector3d moved(now[0] - was[0], now[1] - was[1], now[2] - was[2]);
  EXPECT_NEAR(moved.dot(forward), 0.15, 1e-9) << "three 5 cm steps along the heading";
  EXPECT_NEAR((moved - moved.dot(forward) * forward).norm(), 0.0, 1e-9);
  EXPECT_NEAR(qa.angularDistance(qb), 5.0 * 3.14159265358979 / 180.0, 1e-9) << "one coarse turn";
  for (int k = 7; k < 10; ++k)
    EXPECT_DOUBLE_EQ(now[k], was[k]) << "size unchanged";
  // Every other object and frame is exactly as read.
  ASSERT_EQ(a["objects"].size(), b["objects"].size());
  for (std::size_t o = 0; o < a["objects"].size(); ++o) {
    for (std::size_t i = 0; i < a["objects"][o]["instances"].size(); ++i) {
      const auto& ia = a["objects"][o]["instances"][i];
      const auto& ib = b["objects"][o]["instances"][i];
      if (a["objects"][o]["id"] == id && ia["frame"] == frame) continue;
      EXPECT_EQ(ia["cuboid"], ib["cuboid"]) << "object " << a["objects"][o]["id"];
    }
  }
}

}  // namespace
}  // namespace fuselabel::e2e
