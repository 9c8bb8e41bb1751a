// fuselabel-cli fill and effort on real and generated tracks:
//  - `effort` on the 114 Argoverse 2 tracks (156 sweeps): every instance is
//    counted, copy is the floor, and the Kalman fill keys no more than linear
//    with a smaller centre error (the target);
//  - `fill` turns a keys-only label file of a generated scene back into full
//    tracks, each filled instance marked with its source and close to the truth.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace {

using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;
using Json = nlohmann::json;

using fuselabel::test::kCli;

std::filesystem::path scratch() {
  return fuselabel::test::processScratchDir("track_cli");
}

/// A small generated scene (12 frames, 32 beams, no cameras, 12 actors) in
/// `dir`/`name`; empty when the generator failed (its output is in `why`).
std::filesystem::path smallScene(const std::filesystem::path& dir, const std::string& name,
                                 std::string& why) {
  const auto scene = dir / name;
  const auto synth =
      runCommand(kCli + " synth -q -o '" + scene.string() +
                 "' --frames 12 --beams 32 --columns 1024 --cameras 0 --actors 12 2>&1");
  why = synth.output;
  return synth.exitCode == 0 ? scene : std::filesystem::path();
}

TEST(EffortCommand, ArgoverseTracksKalmanKeysNoMoreThanLinearWithASmallerCentreError) {
  const auto annotations = sharedDataPath("av2_sensor_test/converted/annotations.csv");
  const auto run = runCommand(kCli + " effort '" + annotations.string() + "' --json");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const Json report = Json::parse(run.output);
  const Json& copy = report["methods"]["copy"]["total"];
  const Json& linear = report["methods"]["linear"]["total"];
  const Json& kalman = report["methods"]["kalman"]["total"];
  // README of the shared data: 11 364 cuboids, 114 track_uuids.
  EXPECT_EQ(linear["tracks"], 114);
  EXPECT_EQ(linear["instances"], 11364);
  EXPECT_LE(kalman["keyed"].get<int>(), linear["keyed"].get<int>());
  EXPECT_LT(kalman["mean_centre_error_m"].get<double>(),
            linear["mean_centre_error_m"].get<double>());
  EXPECT_GT(copy["keyed"].get<int>(), 5 * linear["keyed"].get<int>());
  EXPECT_GE(linear["keyed"].get<int>(), 2 * 114 - 10);  // first and last of (nearly) every track
}

TEST(FillCommand, KeysOnlyLabelsOfAGeneratedSceneAreFilledBackCloseToTheTruth) {
  const auto dir = scratch();
  std::string why;
  const auto scene = smallScene(dir, "scene", why);
  ASSERT_FALSE(scene.empty()) << why;
  Json truth;
  std::ifstream(scene / "ground_truth.json") >> truth;
  // Keep every fourth instance of each track as its keyframes.
  std::size_t kept = 0;
  std::size_t total = 0;
  // Lanes (one polyline for the whole sequence) are not tracks: left out.
  Json cuboidObjects = Json::array();
  for (const Json& object : truth["objects"])
    if (!object["instances"].empty() && object["instances"][0].contains("cuboid"))
      cuboidObjects.push_back(object);
  truth["objects"] = cuboidObjects;
  Json keys = truth;
  for (Json& object : keys["objects"]) {
    Json only = Json::array();
    const Json& instances = object["instances"];
    for (std::size_t i = 0; i < instances.size(); ++i) {
      ++total;
      if (i % 4 == 0 || i + 1 == instances.size()) only.push_back(instances[i]);
    }
    kept += only.size();
    object["instances"] = only;
  }
  ASSERT_LT(kept, total);
  const auto keysFile = dir / "keys.json";
  std::ofstream(keysFile) << keys.dump();

  for (const std::string method : {"linear", "kalman", "kalman-fit"}) {
    const auto out = dir / ("filled_" + method + ".json");
    const auto run =
        runCommand(kCli + " fill '" + keysFile.string() + "' -o '" + out.string() + "' --method " +
                   method + " --dataset '" + (scene / "scene.json").string() + "' 2>&1");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    Json filled;
    std::ifstream(out) >> filled;
    std::map<std::pair<int, int>, Json> truthBoxes;
    for (const Json& object : truth["objects"])
      for (const Json& instance : object["instances"])
        truthBoxes[{object["id"].get<int>(), instance["frame"].get<int>()}] = instance["cuboid"];
    std::size_t count = 0;
    std::map<std::string, int> sources;
    double worst = 0.0;
    for (const Json& object : filled["objects"]) {
      for (const Json& instance : object["instances"]) {
        ++count;
        ++sources[instance["source"].get<std::string>()];
        const auto it = truthBoxes.find({object["id"].get<int>(), instance["frame"].get<int>()});
        if (it == truthBoxes.end())
          continue;  // kalman-fit may propagate past the truth's last frame
        const Json& a = instance["cuboid"];
        const double d = std::hypot(a[0].get<double>() - it->second[0].get<double>(),
                                    a[1].get<double>() - it->second[1].get<double>());
        worst = std::max(worst, d);
      }
    }
    EXPECT_GE(count, total) << method;
    EXPECT_EQ(sources["keyframe"], static_cast<int>(kept)) << method;
    if (method == "kalman-fit") {
      EXPECT_GT(sources["fitted"], 0);
    } else {
      EXPECT_EQ(sources["interpolated"], static_cast<int>(total - kept)) << method;
    }
    // Keys 0.4 s apart: no fill strays far from the truth.
    EXPECT_LT(worst, 1.5) << method;
  }
  std::filesystem::remove_all(dir);
}

TEST(EffortCommand, OracleFitsFromTheTruthLeaveOnlyTheKeysNoFitCanSave) {
  // With the true box as the fit wherever the truth has a point count (any,
  // at --oracle-fits 0), kalman-fit keys fewer instances than kalman and
  // fills closer to the truth (not exactly: the fits enter the filter with
  // their 15 cm noise). Asking for more points than any box has, it fits
  // nothing and keys what kalman keys.
  const auto dir = scratch();
  std::string why;
  const auto scene = smallScene(dir, "oracle_scene", why);
  ASSERT_FALSE(scene.empty()) << why;
  const std::string effort = kCli + " effort '" + (scene / "ground_truth.json").string() +
                             "' --dataset '" + (scene / "scene.json").string() + "' --json";
  const auto all = runCommand(effort + " --method all --oracle-fits 0 2>/dev/null");
  ASSERT_EQ(all.exitCode, 0) << all.output;
  const Json report = Json::parse(all.output);
  const Json& oracle = report["methods"]["kalman-fit"]["total"];
  const Json& kalman = report["methods"]["kalman"]["total"];
  EXPECT_GE(oracle["keyed"].get<int>(), 2 * oracle["tracks"].get<int>());
  EXPECT_LT(oracle["keyed"].get<int>(), kalman["keyed"].get<int>());
  EXPECT_LT(oracle["mean_centre_error_m"].get<double>(),
            kalman["mean_centre_error_m"].get<double>());
  const auto blind = runCommand(effort + " --method kalman-fit --oracle-fits 1000000 2>/dev/null");
  ASSERT_EQ(blind.exitCode, 0) << blind.output;
  EXPECT_EQ(Json::parse(blind.output)["methods"]["kalman-fit"]["total"]["keyed"], kalman["keyed"]);
  const auto negative = runCommand(effort + " --oracle-fits -1 2>&1");
  EXPECT_EQ(negative.exitCode, 2) << negative.output;
  std::filesystem::remove_all(dir);
}

TEST(ValidateCommand, AJumpInATrackIsAMotionWarningNamingTheFrame) {
  const auto dir = scratch();
  const auto scene = dir / "motion";
  ASSERT_EQ(runCommand(kCli + " synth -q -o '" + scene.string() +
                       "' --frames 100 --beams 32 --columns 512 --cameras 0 --actors 6")
                .exitCode,
            0);
  const auto clean = runCommand(kCli + " validate '" + scene.string() + "' --labels '" +
                                (scene / "ground_truth.json").string() + "' --json");
  ASSERT_EQ(clean.exitCode, 0) << clean.output;
  EXPECT_EQ(Json::parse(clean.output)["warnings"], 0) << clean.output;

  Json truth;
  std::ifstream(scene / "ground_truth.json") >> truth;
  // Move the first car 12 m sideways in frame 3: 120 m/s for a tenth of a second.
  int number = 0;
  for (Json& object : truth["objects"]) {
    if (object["class"] != "car") continue;
    number = object["number"].get<int>();
    for (Json& instance : object["instances"])
      if (instance["frame"] == 3)
        instance["cuboid"][1] = instance["cuboid"][1].get<double>() + 12.0;
    break;
  }
  ASSERT_GT(number, 0);
  const auto broken = dir / "jump.json";
  std::ofstream(broken) << truth.dump();
  const auto run =
      runCommand(kCli + " validate '" + scene.string() + "' --labels '" + broken.string() + "'");
  EXPECT_EQ(run.exitCode, 0) << run.output;  // warnings, not errors
  EXPECT_NE(run.output.find("warning [implausible_motion] car " + std::to_string(number) +
                            ", frame 3: speed"),
            std::string::npos)
      << run.output;
  std::filesystem::remove_all(dir);
}

TEST(FillCommand, BadInputIsAClearError) {
  const auto run = runCommand(kCli + " fill /nonexistent/labels.json -o /tmp/x.json 2>&1");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("/nonexistent/labels.json"), std::string::npos) << run.output;
  const auto usage = runCommand(kCli + " fill a.json -o b.json --method spline 2>&1");
  EXPECT_EQ(usage.exitCode, 2) << usage.output;
  const auto noDataset = runCommand(kCli + " fill a.json -o b.json --method kalman-fit 2>&1");
  EXPECT_EQ(noDataset.exitCode, 2);
  EXPECT_NE(noDataset.output.find("--dataset"), std::string::npos) << noDataset.output;
}

}  // namespace
