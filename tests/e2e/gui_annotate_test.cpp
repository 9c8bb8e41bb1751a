// Annotating with real X input on a synthetic scene: a one-click box on a
// car, nudged, undone and redone; the same car keyed two frames later with
// Shift+C and the frame between filled; a three-vertex lane clicked on the
// ground; Ctrl+S writes exactly that, and the file opens again. A second test
// kills the app with SIGKILL mid-edit and checks that the next start offers
// the journalled edits and restores them.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>

#include <Eigen/Geometry>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

std::string dump(const std::filesystem::path& state) {
  const auto j = readJson(state);
  return j ? j->dump(2) : "none";
}

// A small synthetic scene (6 frames, one camera) written by the CLI.
std::filesystem::path makeScene(const std::filesystem::path& dir) {
  auto scene =
      makeSyntheticScene(dir, "--frames 6 --cameras 1 --actors 20 --width 640 --height 360");
  EXPECT_TRUE(scene) << scene.error().message;
  return scene ? *scene : dir / "scene";
}

nlohmann::json readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Native cuboid array [cx, cy, cz, qx, qy, qz, qw, l, w, h] of `object` at `frame`.
std::vector<double> cuboidAt(const nlohmann::json& object, int frame) {
  for (const auto& instance : object["instances"]) {
    if (instance["frame"] == frame && instance.contains("cuboid")) {
      return instance["cuboid"].get<std::vector<double>>();
    }
  }
  return {};
}

std::string sourceAt(const nlohmann::json& object, int frame) {
  for (const auto& instance : object["instances"]) {
    if (instance["frame"] == frame) {
      return instance["source"].get<std::string>();
    }
  }
  return {};
}

Eigen::Vector3d centreOf(const std::vector<double>& c) {
  return {c[0], c[1], c[2]};
}

// The truth car with the most points in frame 0 that is there in frames 0 and 2.
std::optional<nlohmann::json> carToLabel(const nlohmann::json& truth) {
  std::optional<nlohmann::json> best;
  int bestPoints = 50;  // enough points for a fit
  for (const auto& object : truth["objects"]) {
    if (object["class"] != "car") {
      continue;
    }
    const auto first = cuboidAt(object, 0);
    const auto third = cuboidAt(object, 2);
    if (first.empty() || third.empty()) {
      continue;
    }
    for (const auto& instance : object["instances"]) {
      if (instance["frame"] == 0 && instance["attributes"].value("num_points", 0) > bestPoints &&
          std::hypot(first[0], first[1]) < 30.0) {
        bestPoints = instance["attributes"]["num_points"].get<int>();
        best = object;
      }
    }
  }
  return best;
}

const nlohmann::json* objectOfClass(const nlohmann::json& labels, const std::string& prefix) {
  for (const auto& object : labels["objects"]) {
    if (object["class"].get<std::string>().rfind(prefix, 0) == 0) {
      return &object;
    }
  }
  return nullptr;
}

// Switches to bird's-eye view; the state after.
std::optional<nlohmann::json> lookFromAbove(const std::filesystem::path& state) {
  if (!pressKeys("b")) {
    return std::nullopt;
  }
  return waitForJson(
      state, [](const nlohmann::json& j) { return j["mode"] == "bev"; }, 10s);
}

// Starts the GUI on `scene` editing `labels`, waits for the frame and the
// labels, switches to bird's-eye view; returns the focused window.
std::string openAndLook(GuiProcess& app, const std::filesystem::path& state) {
  const auto loaded = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["sequence"]["loaded"].get<bool>() &&
               j["view"]["view_projection"].size() == 16;
      },
      60s);
  if (!loaded) {
    ADD_FAILURE() << "never loaded:\n" << dump(state) << app.output();
    return {};
  }
  const std::string window = focusWindowOf(app.pid());
  EXPECT_FALSE(window.empty());
  return window;
}

// A generated scene, its truth, and where the GUI writes labels and state.
struct Workspace {
  explicit Workspace(const std::string& name)
      : dir(freshWorkDir(name)),
        scene(makeScene(dir)),
        truth(readFile(scene / "ground_truth.json")) {}
  [[nodiscard]] std::vector<std::string> args() const {
    return {scene.string(), "--labels", labels.string(), "--debug-state", state.string()};
  }
  std::filesystem::path dir;
  std::filesystem::path scene;
  nlohmann::json truth;
  std::filesystem::path labels = dir / "mine.json";
  std::filesystem::path state = dir / "state.json";
  std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (dir / "config").string()},
                                         {"XDG_CACHE_HOME", (dir / "cache").string()}};
};

// From above, centred on `world`, Ctrl+click there; the state once the box exists.
std::optional<nlohmann::json> ctrlClickFromAbove(const std::string& window,
                                                 const std::filesystem::path& state,
                                                 const Eigen::Vector3d& world) {
  if (!lookFromAbove(state)) {
    return std::nullopt;
  }
  const auto centred = centreViewOn(window, state, world);
  const auto pixel = centred ? viewPixelOf(*centred, world) : std::nullopt;
  if (!pixel || !clickAt(window, *pixel, "ctrl")) {
    return std::nullopt;
  }
  return waitForJson(
      state, [](const nlohmann::json& j) { return j["labels"]["objects"] == 1; }, 20s);
}

TEST(GuiAnnotate, OneClickNudgeUndoKeyAnotherFrameFillLaneSaveAndReload) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const Workspace ws("annotate");
  const nlohmann::json& truth = ws.truth;
  const std::filesystem::path& labels = ws.labels;
  const std::filesystem::path& state = ws.state;
  GuiProcess app(ws.args(), ws.dir, ws.env);
  const std::string window = openAndLook(app, state);
  ASSERT_FALSE(window.empty());
  const auto car = carToLabel(truth);
  ASSERT_TRUE(car) << "no truth car with enough points";
  const std::vector<double> truth0 = cuboidAt(*car, 0);

  // One click with Ctrl on the car: a fitted box, selected.
  const auto created = ctrlClickFromAbove(window, state, centreOf(truth0));
  ASSERT_TRUE(created) << dump(state) << app.output();
  EXPECT_EQ((*created)["selection"]["name"].get<std::string>().rfind("car", 0), 0u)
      << (*created)["selection"].dump();
  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      labels, [](const nlohmann::json& j) { return j["objects"].size() == 1; }, 10s));
  const std::vector<double> fitted = cuboidAt(readFile(labels)["objects"][0], 0);
  ASSERT_EQ(fitted.size(), 10u);
  EXPECT_LT((centreOf(fitted) - centreOf(truth0)).head<2>().norm(), 0.5)
      << "the fit landed away from the car";

  // Nudge forward (5 cm), undo, redo.
  ASSERT_TRUE(pressKeys("i"));
  ASSERT_TRUE(pressKeys("ctrl+z"));
  const auto undone = waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["undo_steps"] == 1; }, 5s);
  ASSERT_TRUE(undone) << dump(state);
  ASSERT_TRUE(pressKeys("ctrl+shift+z"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["undo_steps"] == 2; }, 5s));

  // Two frames on, Shift+C over the car keys the selected track there.
  ASSERT_TRUE(pressKeys("d"));
  ASSERT_TRUE(pressKeys("d"));
  const auto third = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["frame_index"] == 2 && j["sequence"]["loaded"].get<bool>();
      },
      20s);
  ASSERT_TRUE(third) << dump(state);
  const std::vector<double> truth2 = cuboidAt(*car, 2);
  const auto onCar2 = centreViewOn(window, state, centreOf(truth2));
  ASSERT_TRUE(onCar2) << dump(state);
  const auto at2 = viewPixelOf(*onCar2, centreOf(truth2));
  ASSERT_TRUE(at2);
  ASSERT_TRUE(moveTo(window, *at2));
  ASSERT_TRUE(pressKeys("shift+c"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["selection"]["source_here"] == "keyframe"; },
      20s))
      << dump(state);
  // The frame between is filled from the two keys.
  ASSERT_TRUE(pressKeys("a"));
  const auto between = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["frame_index"] == 1 && !j["selection"]["source_here"].empty() &&
               j["selection"]["source_here"] != "keyframe";
      },
      20s);
  EXPECT_TRUE(between) << "frame 1 not filled:\n" << dump(state);

  // A three-vertex lane clicked on the ground, finished with Enter.
  ASSERT_TRUE(pressKeys("p"));
  const auto frame1Pose = readJson(state);
  ASSERT_TRUE(frame1Pose);
  const std::vector<Eigen::Vector3d> vertices{{3.0, 3.5, 0.0}, {8.0, 3.6, 0.0}, {13.0, 3.7, 0.0}};
  const Eigen::Isometry3d T_world_ego(Eigen::Matrix4d(Eigen::Map<const Eigen::Matrix4d>(
      (*frame1Pose)["view"]["world_from_ego"].get<std::vector<double>>().data())));
  const auto frame1 = centreViewOn(window, state, T_world_ego * vertices[1]);
  ASSERT_TRUE(frame1) << dump(state);
  std::vector<Eigen::Vector3d> clickedWorld;
  for (const Eigen::Vector3d& egoVertex : vertices) {
    clickedWorld.push_back(T_world_ego * egoVertex);
    const auto pixel = viewPixelOf(*frame1, clickedWorld.back());
    ASSERT_TRUE(pixel) << egoVertex.transpose();
    ASSERT_TRUE(clickAt(window, *pixel));
  }
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["lane_vertices_drawn"] == 3; }, 5s))
      << dump(state);
  ASSERT_TRUE(pressKeys("Return"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["labels"]["objects"] == 2; }, 5s))
      << dump(state);

  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); }, 10s));
  ASSERT_TRUE(pressKeys("ctrl+q"));
  ASSERT_TRUE(app.waitForExit(15s)) << "Ctrl+Q with everything saved should quit at once";
  EXPECT_FALSE(std::filesystem::exists(labels.string() + ".journal"))
      << "a clean quit leaves no journal";

  const nlohmann::json saved = readFile(labels);
  const nlohmann::json* savedCar = objectOfClass(saved, "car");
  const nlohmann::json* savedLane = objectOfClass(saved, "lane");
  ASSERT_NE(savedCar, nullptr) << saved.dump(1);
  ASSERT_NE(savedLane, nullptr) << saved.dump(1);
  // Frame 0: the fit moved 5 cm along its heading (the undone and redone nudge).
  const std::vector<double> nudged = cuboidAt(*savedCar, 0);
  ASSERT_EQ(nudged.size(), 10u);
  const Eigen::Quaterniond q(fitted[6], fitted[3], fitted[4], fitted[5]);
  const Eigen::Vector3d step = centreOf(nudged) - centreOf(fitted);
  EXPECT_NEAR(step.dot(q.toRotationMatrix().col(0)), 0.05, 1e-6);
  EXPECT_NEAR((step - 0.05 * q.toRotationMatrix().col(0)).norm(), 0.0, 1e-6);
  EXPECT_EQ(sourceAt(*savedCar, 0), "keyframe");
  EXPECT_EQ(sourceAt(*savedCar, 2), "keyframe");
  const std::vector<double> keyed2 = cuboidAt(*savedCar, 2);
  ASSERT_EQ(keyed2.size(), 10u);
  EXPECT_LT((centreOf(keyed2) - centreOf(truth2)).head<2>().norm(), 0.5);
  const std::vector<double> filled1 = cuboidAt(*savedCar, 1);
  ASSERT_EQ(filled1.size(), 10u) << "frame 1 was not filled";
  EXPECT_NE(sourceAt(*savedCar, 1), "keyframe");
  // Filled between the keys: closer to their midpoint than to either key.
  const Eigen::Vector3d mid = 0.5 * (centreOf(nudged) + centreOf(keyed2));
  EXPECT_LT((centreOf(filled1) - mid).norm(), 0.5 * (centreOf(keyed2) - centreOf(nudged)).norm());
  // The lane: three vertices where they were clicked, on the ground (z ≈ 0 here).
  const auto& laneInstance = (*savedLane)["instances"][0];
  // The native file keeps a polyline's points flat: x, y, z per vertex
  // (docs/native_labels.md).
  const auto& points = laneInstance["polyline"]["points"];
  ASSERT_EQ(points.size(), 9u) << laneInstance.dump();
  for (std::size_t i = 0; i < 3; ++i) {
    const Eigen::Vector3d p(points[3 * i].get<double>(), points[3 * i + 1].get<double>(),
                            points[3 * i + 2].get<double>());
    EXPECT_LT((p - clickedWorld[i]).head<2>().norm(), 0.3) << "vertex " << i;
    EXPECT_NEAR(p.z(), clickedWorld[i].z(), 0.15) << "vertex " << i << " not on the ground";
  }

  // The file opens again with both labels.
  GuiProcess again(ws.args(), ws.dir, ws.env);
  const auto reopened = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["labels"]["objects"] == 2;
      },
      60s);
  EXPECT_TRUE(reopened) << dump(state) << again.output();
  (void)runCommand("kill -TERM " + std::to_string(again.pid()));
  EXPECT_TRUE(again.waitForExit(15s));
}

TEST(GuiAnnotate, SigkillMidEditIsRecoveredOnTheNextStart) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const Workspace ws("recovery");
  const std::filesystem::path& labels = ws.labels;
  const std::filesystem::path& state = ws.state;
  {
    GuiProcess app(ws.args(), ws.dir, ws.env);
    const std::string window = openAndLook(app, state);
    ASSERT_FALSE(window.empty());
    const auto car = carToLabel(ws.truth);
    ASSERT_TRUE(car);
    ASSERT_TRUE(ctrlClickFromAbove(window, state, centreOf(cuboidAt(*car, 0)))) << dump(state);
    ASSERT_TRUE(pressKeys("shift+u"));  // a coarse turn: 5 degrees
    ASSERT_TRUE(pressKeys("3"));        // the palette, then the class of the box: truck
    ASSERT_TRUE(pressKeys("shift+3"));
    ASSERT_TRUE(waitForJson(
        state, [](const nlohmann::json& j) { return j["editing"]["undo_steps"] == 3; }, 5s))
        << dump(state);
    // The journal writes within a second of the last change.
    sleepMs(2500);
    (void)runCommand("kill -KILL " + std::to_string(app.pid()));
    ASSERT_TRUE(app.waitForExit(10s));
  }
  ASSERT_FALSE(std::filesystem::exists(labels)) << "nothing was saved before the kill";
  ASSERT_TRUE(std::filesystem::exists(labels.string() + ".journal"));

  GuiProcess app(ws.args(), ws.dir, ws.env);
  const auto asked = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["editing"]["recovery_pending"].get<bool>();
      },
      60s);
  ASSERT_TRUE(asked) << "no recovery offered:\n" << dump(state) << app.output();
  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty());
  ASSERT_TRUE(pressKeys("r"));
  const auto recovered = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return !j["editing"]["recovery_pending"].get<bool>() && j["labels"]["objects"] == 1 &&
               j["editing"]["modified"].get<bool>();
      },
      10s);
  ASSERT_TRUE(recovered) << dump(state);
  // Quitting asks about the unsaved recovered edits; S saves and quits.
  ASSERT_TRUE(pressKeys("ctrl+q"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["quit_prompt"].get<bool>(); }, 5s))
      << dump(state);
  ASSERT_TRUE(pressKeys("s"));
  ASSERT_TRUE(app.waitForExit(15s)) << dump(state);
  const nlohmann::json saved = readFile(labels);
  ASSERT_EQ(saved["objects"].size(), 1u) << saved.dump(1);
  EXPECT_EQ(saved["objects"][0]["class"], "truck");
  const std::vector<double> box = cuboidAt(saved["objects"][0], 0);
  ASSERT_EQ(box.size(), 10u);
  EXPECT_FALSE(std::filesystem::exists(labels.string() + ".journal"));
}

double yawOf(const std::vector<double>& c) {
  return std::atan2(2.0 * (c[6] * c[5] + c[3] * c[4]), 1.0 - 2.0 * (c[4] * c[4] + c[5] * c[5]));
}

TEST(GuiAnnotate, SustechOneClickLandsOnTheHumanLabelThenDragMovesAndTheHandleTurns) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path sustech =
      std::filesystem::path(FUSELABEL_SHARED_DATA_DIR) / "sustech_example/data/example";
  ASSERT_TRUE(std::filesystem::is_directory(sustech)) << sustech << " is missing";
  const std::filesystem::path dir = freshWorkDir("annotate_sustech");
  const std::filesystem::path truthFile = dir / "truth.json";
  const std::string conversion = convertSustechLabels(sustech, truthFile);
  ASSERT_TRUE(conversion.empty()) << conversion;
  const nlohmann::json truth = readFile(truthFile);
  const std::filesystem::path labels = dir / "mine.json";
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({sustech.string(), "--frame", "000965", "--labels", labels.string(),
                  "--debug-state", state.string()},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const std::string window = openAndLook(app, state);
  ASSERT_FALSE(window.empty());
  const int frame = readJson(state).value()["sequence"]["frame_index"].get<int>();
  // The nearest labelled car in this frame.
  std::vector<double> target;
  for (const auto& object : truth["objects"]) {
    const auto box = cuboidAt(object, frame);
    if (object["class"] == "car" && !box.empty() &&
        (target.empty() || std::hypot(box[0], box[1]) < std::hypot(target[0], target[1]))) {
      target = box;
    }
  }
  ASSERT_FALSE(target.empty()) << "no car labelled in frame " << frame;
  ASSERT_TRUE(ctrlClickFromAbove(window, state, centreOf(target))) << dump(state) << app.output();
  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); }, 10s));
  const std::vector<double> fitted = cuboidAt(readFile(labels)["objects"][0], frame);
  ASSERT_EQ(fitted.size(), 10u);
  EXPECT_LT((centreOf(fitted) - centreOf(target)).head<2>().norm(), 0.6)
      << "fit " << centreOf(fitted).transpose() << " vs label " << centreOf(target).transpose();
  // Heading up to the 180° a box from points cannot tell.
  const double offLabel = std::remainder(yawOf(fitted) - yawOf(target), std::numbers::pi);
  EXPECT_LT(std::abs(offLabel), 15.0 * std::numbers::pi / 180.0);

  // Drag the box 40 px across the screen by its middle, then drag its turn
  // handle a quarter turn round: each one undo step.
  const auto view = readJson(state);
  ASSERT_TRUE(view);
  const Eigen::Vector3d centre = centreOf(fitted);
  const auto from = viewPixelOf(*view, centre);
  const auto metreAway = viewPixelOf(*view, centre + Eigen::Vector3d(1.0, 0.0, 0.0));
  ASSERT_TRUE(from && metreAway);
  const double pxPerMetre = (*metreAway - *from).norm();
  const auto drag = [&](const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
    ASSERT_TRUE(moveTo(window, a));
    ASSERT_EQ(runCommand("timeout 20 xdotool mousedown 1").exitCode, 0);
    sleepMs(150);
    for (int step = 1; step <= 4; ++step) {
      ASSERT_TRUE(moveTo(window, a + (b - a) * step / 4.0));
    }
    ASSERT_EQ(runCommand("timeout 20 xdotool mouseup 1").exitCode, 0);
    sleepMs(300);
  };
  drag(*from, *from + Eigen::Vector2d(40.0, 0.0));
  const Eigen::Quaterniond q(fitted[6], fitted[3], fitted[4], fitted[5]);
  const Eigen::Vector3d heading = q.toRotationMatrix().col(0);
  const Eigen::Vector3d left = q.toRotationMatrix().col(1);
  const double reach = 0.5 * fitted[7] + 0.8;  // the handle's distance from the centre
  // The box moved: the handle is where the moved box has it.
  const auto afterMove = waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["undo_steps"] == 2; }, 10s);
  ASSERT_TRUE(afterMove) << dump(state);
  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); }, 10s));
  const std::vector<double> moved = cuboidAt(readFile(labels)["objects"][0], frame);
  const auto handle = viewPixelOf(*afterMove, centreOf(moved) + reach * heading);
  const auto quarter = viewPixelOf(*afterMove, centreOf(moved) + reach * left);
  ASSERT_TRUE(handle && quarter);
  drag(*handle, *quarter);
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["editing"]["undo_steps"] == 3; }, 10s))
      << dump(state);
  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); }, 10s));
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  ASSERT_TRUE(app.waitForExit(15s));

  const nlohmann::json saved = readFile(labels);
  ASSERT_EQ(saved["objects"].size(), 1u);
  EXPECT_EQ(saved["objects"][0]["class"], "car");
  const std::vector<double> turned = cuboidAt(saved["objects"][0], frame);
  ASSERT_EQ(turned.size(), 10u);
  // Moved 40 px worth of metres (a pixel's worth of slack), on the ground plane.
  const double shift = (centreOf(moved) - centre).norm();
  EXPECT_NEAR(shift, 40.0 / pxPerMetre, 1.5 / pxPerMetre);
  EXPECT_NEAR(moved[2], centre.z(), 1e-9) << "a drag on the ground keeps the height";
  // Turned a quarter turn counter-clockwise about its centre, size kept.
  EXPECT_NEAR(std::remainder(yawOf(turned) - yawOf(moved), 2.0 * std::numbers::pi),
              0.5 * std::numbers::pi, 3.0 * std::numbers::pi / 180.0);
  EXPECT_LT((centreOf(turned) - centreOf(moved)).norm(), 1e-9);
  EXPECT_NEAR(turned[7], fitted[7], 1e-9);
}

}  // namespace
}  // namespace fuselabel::e2e
