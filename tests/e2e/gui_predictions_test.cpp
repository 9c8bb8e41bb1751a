// Predictions over the ground truth, driven with real X input: a synthetic
// scene's truth, altered the three ways a model goes wrong (a car missed for
// three frames, a box where nothing is, a track that changes identity), is
// opened with --predictions. The viewer matches it to the labels, draws and
// counts exactly those findings, and the panel's Next button walks them:
// each click goes to the finding's frame and selects the true object.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

const std::string kSceneOptions =
    "--frames 20 --cameras 1 --width 320 --height 240 --actors 6 --seed 7";

/// The truth with object `missed` absent from frames 0-2, a new object (id
/// 900) continuing object `switched` from frame 10 on, and a box 30 m to the
/// side of object `switched`'s frame-0 box, where nothing is (id 901).
nlohmann::json alteredTruth(nlohmann::json truth, std::int64_t missed, std::int64_t switched) {
  nlohmann::json extra = nlohmann::json::array();
  for (auto& object : truth["objects"]) {
    auto& instances = object["instances"];
    const std::int64_t id = object["id"].get<std::int64_t>();
    if (id == missed) {
      nlohmann::json kept = nlohmann::json::array();
      for (const auto& instance : instances)
        if (instance["frame"].get<int>() > 2) kept.push_back(instance);
      instances = kept;
    }
    if (id == switched) {
      nlohmann::json before = nlohmann::json::array();
      nlohmann::json after = nlohmann::json::array();
      for (const auto& instance : instances)
        (instance["frame"].get<int>() >= 10 ? after : before).push_back(instance);
      nlohmann::json continued = object;
      continued["id"] = 900;
      continued["number"] = 900;
      continued["instances"] = after;
      extra.push_back(continued);
      nlohmann::json phantom = object;
      phantom["id"] = 901;
      phantom["number"] = 901;
      nlohmann::json box = instances[0];
      box["cuboid"][1] = box["cuboid"][1].get<double>() + 30.0;
      phantom["instances"] = nlohmann::json::array({box});
      extra.push_back(phantom);
      instances = before;
    }
  }
  for (auto& object : extra)
    truth["objects"].push_back(object);
  return truth;
}

TEST(GuiPredictions, FindingsAreCountedDrawnAndNextWalksThemWithTheTrueObjectSelected) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("predictions");
  const auto made = makeSyntheticScene(dir, kSceneOptions);
  ASSERT_TRUE(made) << made.error().message;
  const std::filesystem::path scene = *made;
  std::ifstream truthStream(scene / "ground_truth.json");
  const nlohmann::json truth = nlohmann::json::parse(truthStream);
  // Two cars present in every frame: one to miss, one to switch.
  std::vector<std::int64_t> cars;
  for (const auto& object : truth["objects"])
    if (object["class"] == "car" && object["instances"].size() == 20)
      cars.push_back(object["id"].get<std::int64_t>());
  ASSERT_GE(cars.size(), 2U) << "the scene needs two cars seen throughout";
  const std::filesystem::path predictions = dir / "predictions.json";
  std::ofstream(predictions) << alteredTruth(truth, cars[0], cars[1]).dump();

  const std::filesystem::path state = dir / "state.json";
  GuiProcess app(
      {scene.string(), "--predictions", predictions.string(), "--debug-state", state.string()}, dir,
      {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto matched = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["predictions"]["state"] == "loaded" && j["predictions"]["matched"] > 0 &&
               j["sequence"]["loaded"].get<bool>() && j["predictions"]["next_button"]["width"] > 0;
      },
      60s);
  ASSERT_TRUE(matched) << "predictions never matched:\n" << stateDump(state) << app.output();
  const nlohmann::json& p = (*matched)["predictions"];
  EXPECT_EQ(p["false_positives"], 1);
  EXPECT_EQ(p["misses"], 3);
  EXPECT_EQ(p["id_switches"], 1);
  // Frame 0 shows the phantom and the missed car's outline; every other
  // truth box has its prediction.
  EXPECT_EQ(p["misses_in_frame"], 1);
  EXPECT_EQ(p["boxes_in_frame"], (*matched)["labels"]["boxes_in_frame"].get<int>());
  ASSERT_EQ(p["findings"].size(), 5U) << p.dump(2);
  EXPECT_EQ(p["findings"][4]["frame"], 10);
  EXPECT_EQ(p["findings"][4]["kind"], "ID switch");

  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << app.output();
  const auto& rect = p["next_button"];
  const Eigen::Vector2d next(rect["x"].get<double>() + 0.5 * rect["width"].get<double>(),
                             rect["y"].get<double>() + 0.5 * rect["height"].get<double>());
  // Clicks Next until the panel has walked to finding `last`, one finding per click.
  const auto walkTo = [&](int first, int last) {
    for (int finding = first; finding <= last; ++finding) {
      ASSERT_TRUE(clickAt(window, next));
      ASSERT_TRUE(waitForJson(
          state, [&](const nlohmann::json& j) { return j["predictions"]["current"] == finding; },
          20s))
          << "finding " << finding << ":\n"
          << stateDump(state);
    }
  };
  // Findings 0 (false positive) and 1 (miss) are in frame 0; the second
  // selects the missed car.
  walkTo(0, 1);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());  // an ASSERT in walkTo only left the lambda
  auto now = readJson(state);
  ASSERT_TRUE(now);
  EXPECT_EQ((*now)["selection"]["id"], cars[0]);
  EXPECT_EQ((*now)["sequence"]["frame_index"], 0);
  // Three more: the misses of frames 1 and 2, then the switch at frame 10.
  walkTo(2, 4);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  const auto atSwitch = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["frame_index"] == 10 && j["sequence"]["loaded"].get<bool>();
      },
      20s);
  ASSERT_TRUE(atSwitch) << stateDump(state);
  EXPECT_EQ((*atSwitch)["selection"]["id"], cars[1]);
  EXPECT_EQ((*atSwitch)["predictions"]["misses_in_frame"], 0);
  // No miss and no phantom at frame 10: the camera draws a prediction for
  // every label it draws.
  const auto camera = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["sequence"]["frame_index"] == 10 && j["sequence"]["loaded"].get<bool>() &&
               !j["cameras"].empty() && j["cameras"][0]["cuboids_shown"] > 0;
      },
      20s);
  ASSERT_TRUE(camera) << "no label in the camera at frame 10:\n" << stateDump(state);
  EXPECT_EQ((*camera)["cameras"][0]["predictions_shown"], (*camera)["cameras"][0]["cuboids_shown"]);
}

}  // namespace
}  // namespace fuselabel::e2e
