// The quality commands end to end on a generated scene and small hand-made
// label files:
//  - validate finds exactly the defects planted in a copy of the synthetic
//    truth (a box 30 cm below the ground, a heading flip, a size jump, an
//    empty box) and nothing in the clean truth;
//  - eval reproduces a hand-computed AP, with an empty class either way;
//  - report writes an HTML page and charts that decode and are drawn;
//  - consensus of three perturbed copies gives back the truth and flags the
//    box only one annotator drew;
//  - bad input is a clear error naming the file.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"

namespace {

using fuselabel::test::runCommand;
using Json = nlohmann::json;

using fuselabel::test::kCli;

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::freshScratchDir("quality", name);
}

void writeJson(const std::filesystem::path& path, const Json& json) {
  std::ofstream(path) << json.dump();
}

Json readJson(const std::filesystem::path& path) {
  Json json;
  std::ifstream(path) >> json;
  return json;
}

// A generated 30-frame scene; the truth keeps the lanes and the cuboid tracks
// whose every box holds at least 5 LiDAR points (what an annotator can label:
// the generator also writes fully occluded actors, which empty_box rightly flags).
struct Scene {
  std::filesystem::path dir;
  Json clean;
};

Scene generatedScene(const std::string& name) {
  Scene scene;
  scene.dir = scratch(name);
  const auto run = runCommand(kCli + " synth -q -o '" + scene.dir.string() +
                              "' --frames 30 --cameras 0 --actors 8 2>&1");
  EXPECT_EQ(run.exitCode, 0) << run.output;
  scene.clean = readJson(scene.dir / "ground_truth.json");
  Json kept = Json::array();
  for (const Json& object : scene.clean["objects"]) {
    bool observed = true;
    for (const Json& instance : object["instances"]) {
      if (instance.contains("cuboid"))
        observed = observed && instance["attributes"]["num_points"].get<int>() >= 5;
    }
    if (observed) kept.push_back(object);
  }
  scene.clean["objects"] = kept;
  return scene;
}

Json* instanceAt(Json& object, int frame) {
  for (Json& instance : object["instances"])
    if (instance["frame"] == frame) return &instance;
  return nullptr;
}

TEST(ValidateRules, FindExactlyThePlantedDefectsAndNothingInTheCleanTruth) {
  Scene scene = generatedScene("validate");
  // The generator's stop-and-go truck brakes from 10 m/s to 0 in half a second
  // (about 24 m/s²), which the acceleration rule rightly flags; it is not a
  // label defect of this test, so that rule is off here.
  const std::string command = kCli + " validate '" + scene.dir.string() +
                              "' --points --rule acceleration=off --json --labels ";
  writeJson(scene.dir / "clean.json", scene.clean);
  const auto clean = runCommand(command + "'" + (scene.dir / "clean.json").string() + "'");
  ASSERT_EQ(clean.exitCode, 0) << clean.output;
  const Json cleanReport = Json::parse(clean.output);
  EXPECT_EQ(cleanReport["errors"], 0) << clean.output;
  EXPECT_EQ(cleanReport["warnings"], 0) << clean.output;

  // Plant the defects on three well-observed cuboid tracks present in frames 0–29.
  Json broken = scene.clean;
  std::vector<Json*> tracks;
  for (Json& object : broken["objects"])
    if (object["instances"][0].contains("cuboid") && object["instances"].size() == 30)
      tracks.push_back(&object);
  ASSERT_GE(tracks.size(), 3U);
  const int sunk = (*tracks[0])["number"];
  const int flipped = (*tracks[1])["number"];
  const int grown = (*tracks[2])["number"];
  Json& low = instanceAt(*tracks[0], 10)->at("cuboid");
  low[2] = low[2].get<double>() - 0.30;  // 30 cm below the ground
  Json& turn = instanceAt(*tracks[1], 15)->at("cuboid");
  // Heading + 180° about z: q ⊗ (0, 0, 1, 0) in (x, y, z, w) order.
  const double qx = turn[3], qy = turn[4], qz = turn[5], qw = turn[6];
  turn[3] = qy;
  turn[4] = -qx;
  turn[5] = qw;
  turn[6] = -qz;
  Json& longer = instanceAt(*tracks[2], 20)->at("cuboid");
  longer[7] = longer[7].get<double>() + 1.0;  // 1 m longer for one frame
  // An empty box: a copy of the first track's box 300 m behind the start, one frame.
  Json empty = *tracks[0];
  int largest = 0;
  for (const Json& object : broken["objects"]) {
    largest = std::max({largest, object["id"].get<int>(), object["number"].get<int>()});
  }
  empty["id"] = largest + 1;
  empty["number"] = largest + 1;
  Json box = *instanceAt(empty, 5);
  box["cuboid"][0] = -300.0;
  box["cuboid"][1] = 0.0;
  empty["instances"] = Json::array({box});
  broken["objects"].push_back(empty);
  writeJson(scene.dir / "broken.json", broken);

  const auto run = runCommand(command + "'" + (scene.dir / "broken.json").string() + "'");
  EXPECT_EQ(run.exitCode, 1) << run.output;  // below_ground and empty_box are errors
  const Json report = Json::parse(run.output);
  std::set<std::tuple<std::string, int, int>> found;
  for (const Json& f : report["findings"])
    found.insert({f["rule"].get<std::string>(), f["object"].get<int>(), f["frame"].get<int>()});
  const std::set<std::tuple<std::string, int, int>> planted = {
      {"below_ground", sunk, 10}, {"heading_flip", flipped, 15}, {"heading_flip", flipped, 16},
      {"size_change", grown, 20}, {"size_change", grown, 21},    {"empty_box", largest + 1, 5}};
  EXPECT_EQ(found, planted) << run.output;
  EXPECT_EQ(report["errors"], 2);

  // The table names each rule once with its counts.
  const auto table = runCommand(kCli + " validate '" + scene.dir.string() +
                                "' --points --rule acceleration=off --labels '" +
                                (scene.dir / "broken.json").string() + "'");
  EXPECT_NE(table.output.find("error [below_ground] car " + std::to_string(sunk) +
                              ", frame 10: bottom 0.30 m below the ground"),
            std::string::npos)
      << table.output;
  EXPECT_NE(table.output.find("heading_flip                      0        2"), std::string::npos)
      << table.output;
  std::filesystem::remove_all(scene.dir);
}

TEST(ValidateRules, BadRuleSettingsAreClearErrors) {
  const auto dir = scratch("rules");
  std::ofstream(dir / "rules.json") << R"({"rules": {"overlap": "sometimes"}})";
  const auto run = runCommand(kCli + " validate " + dir.string() + " --rules '" +
                              (dir / "rules.json").string() + "' 2>&1");
  EXPECT_EQ(run.exitCode, 1);
  // The dataset fails to open first or the rules file is named: either way the path is given.
  EXPECT_NE(run.output.find(dir.string()), std::string::npos) << run.output;
  const auto usage = runCommand(kCli + " validate " + dir.string() + " --rule overlap 2>&1");
  EXPECT_NE(usage.exitCode, 0);
  std::filesystem::remove_all(dir);
}

Json box(int id, const std::string& className, int frame, double x, double y,
         std::optional<double> score = std::nullopt) {
  Json instance = {{"frame", frame},
                   {"cuboid", {x, y, 0.8, 0, 0, 0, 1, 4.5, 1.9, 1.6}},
                   {"source", "keyframe"},
                   {"review", "unreviewed"}};
  if (score) instance["confidence"] = *score;
  return {{"id", id}, {"number", id}, {"class", className}, {"instances", {instance}}};
}

Json labels(Json objects) {
  return {{"fuselabel_labels", 1},
          {"schema", {{"name", "driving"}, {"version", 1}, {"path", ""}}},
          {"frame_timestamps_ns", {0, 100000000}},
          {"objects", std::move(objects)}};
}

TEST(EvalCommand, ReproducesAHandComputedApWithEmptyClasses) {
  const auto dir = scratch("eval");
  // Cars: 3 GT; predictions 0.9 hit, 0.8 miss, 0.7 hit → AP 5/9 (see the unit
  // test). Pedestrian: GT, no prediction → AP 0. Truck: predicted only → no AP.
  writeJson(dir / "gt.json", labels({box(1, "car", 0, 0, 0), box(2, "car", 0, 10, 0),
                                     box(3, "car", 1, 0, 5), box(4, "pedestrian", 0, 20, 20)}));
  writeJson(dir / "pred.json",
            labels({box(11, "car", 0, 0.1, 0, 0.9), box(12, "car", 0, 30, 0, 0.8),
                    box(13, "car", 1, 0.2, 5, 0.7), box(14, "truck", 0, -30, 0, 0.6)}));
  const auto run = runCommand(kCli + " eval --gt '" + (dir / "gt.json").string() + "' --pred '" +
                              (dir / "pred.json").string() + "' --json");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const Json report = Json::parse(run.output);
  const Json& car = report["classes"]["car"];
  EXPECT_NEAR(car["ap3d"].get<double>(), 5.0 / 9.0, 1e-12);
  EXPECT_NEAR(car["ap_bev"].get<double>(), 5.0 / 9.0, 1e-12);
  EXPECT_NEAR(car["ap_distance"]["0.5"].get<double>(), 5.0 / 9.0, 1e-12);
  EXPECT_EQ(car["iou_threshold"], 0.7);
  EXPECT_EQ(report["classes"]["pedestrian"]["ap3d"], 0.0);
  EXPECT_EQ(report["classes"]["pedestrian"]["iou_threshold"], 0.5);
  EXPECT_TRUE(report["classes"]["truck"]["ap3d"].is_null());
  // Mean over the classes that have an AP: (5/9 + 0) / 2.
  EXPECT_NEAR(report["mean"]["ap3d"].get<double>(), 5.0 / 18.0, 1e-12);
  // Tracking: 4 GT boxes, 2 matched, 2 missed, 2 extras → MOTA 1 − 4/4 = 0.
  EXPECT_EQ(report["tracking"]["matches"], 2);
  EXPECT_NEAR(report["tracking"]["mota"].get<double>(), 0.0, 1e-12);
  // The range band leaves out the car at 10 m and the 30 m false positive:
  // 2 GT, 2 hits → AP 1.
  const auto near = runCommand(kCli + " eval --gt '" + (dir / "gt.json").string() + "' --pred '" +
                               (dir / "pred.json").string() + "' --range-max 8 --json");
  ASSERT_EQ(near.exitCode, 0) << near.output;
  EXPECT_NEAR(Json::parse(near.output)["classes"]["car"]["ap3d"].get<double>(), 1.0, 1e-12);
  const auto noDataset =
      runCommand(kCli + " eval --gt '" + (dir / "gt.json").string() + "' --pred '" +
                 (dir / "pred.json").string() + "' --min-points 5 2>&1");
  EXPECT_EQ(noDataset.exitCode, 2) << noDataset.output;
  const auto missing = runCommand(kCli + " eval --gt '" + (dir / "gt.json").string() +
                                  "' --pred /nonexistent/pred.json 2>&1");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find("/nonexistent/pred.json"), std::string::npos) << missing.output;
  std::filesystem::remove_all(dir);
}

TEST(ConsensusCommand, ThreePerturbedCopiesGiveBackTheTruthAndFlagALoneBox) {
  Scene scene = generatedScene("consensus");
  Json cuboids = scene.clean;
  Json objects = Json::array();
  for (const Json& object : cuboids["objects"])
    if (object["instances"][0].contains("cuboid")) objects.push_back(object);
  ASSERT_GE(objects.size(), 3U);
  // Annotator A shifts every box +5 cm in x, B −5 cm, C leaves it: the median is the truth.
  std::vector<std::filesystem::path> files;
  for (const double dx : {0.05, -0.05, 0.0}) {
    Json copy = cuboids;
    for (Json& object : copy["objects"])
      for (Json& instance : object["instances"])
        if (instance.contains("cuboid"))
          instance["cuboid"][0] = instance["cuboid"][0].get<double>() + dx;
    if (dx == 0.0) {
      // C alone draws a phantom car for 10 frames.
      Json phantom = objects[0];  // a cuboid track (C leaves boxes as they are)
      phantom["id"] = 999;
      phantom["number"] = 999;
      Json instances = Json::array();
      for (int f = 0; f < 10; ++f) {
        Json instance = phantom["instances"][f];
        instance["cuboid"][0] = -200.0;
        instance["cuboid"][1] = 50.0 + f;
        instances.push_back(instance);
      }
      phantom["instances"] = instances;
      copy["objects"].push_back(phantom);
    }
    files.push_back(scene.dir / ("annotator" + std::to_string(files.size()) + ".json"));
    writeJson(files.back(), copy);
  }
  const auto out = scene.dir / "consensus.json";
  const auto run =
      runCommand(kCli + " consensus '" + files[0].string() + "' '" + files[1].string() + "' '" +
                 files[2].string() + "' -o '" + out.string() + "' --json");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const Json summary = Json::parse(run.output);
  // The lanes of the first annotator are kept as they are.
  const std::size_t lanes = scene.clean["objects"].size() - objects.size();
  EXPECT_GT(lanes, 0U);
  EXPECT_EQ(summary["copied_from_first"], lanes);
  EXPECT_EQ(summary["objects"], objects.size() + 1 + lanes);
  EXPECT_EQ(summary["needs_fix"], 10);
  const Json merged = readJson(out);
  std::size_t compared = 0;
  for (const Json& object : merged["objects"]) {
    for (const Json& instance : object["instances"]) {
      if (!instance.contains("cuboid")) continue;  // a copied lane
      const double x = instance["cuboid"][0];
      const double y = instance["cuboid"][1];
      if (x < -100.0) {
        EXPECT_EQ(instance["review"], "needs_fix");
        EXPECT_NEAR(instance["confidence"].get<double>(), 1.0 / 3.0, 1e-9);
        continue;
      }
      // Find the truth box at this frame and place; the merge must equal it.
      bool found = false;
      for (const Json& truth : objects) {
        for (const Json& t : truth["instances"]) {
          if (t["frame"] != instance["frame"] ||
              std::hypot(t["cuboid"][0].get<double>() - x, t["cuboid"][1].get<double>() - y) > 1e-9)
            continue;
          found = true;
          EXPECT_EQ(truth["class"], object["class"]);
          EXPECT_NEAR(t["cuboid"][7].get<double>(), instance["cuboid"][7].get<double>(), 1e-9);
        }
      }
      EXPECT_TRUE(found) << instance.dump();
      EXPECT_EQ(instance["review"], "unreviewed");
      EXPECT_GT(instance["confidence"].get<double>(), 0.8);
      ++compared;
    }
  }
  EXPECT_GT(compared, 60U);
  const auto usage =
      runCommand(kCli + " consensus '" + files[0].string() + "' -o '" + out.string() + "' 2>&1");
  EXPECT_EQ(usage.exitCode, 2) << usage.output;
  std::filesystem::remove_all(scene.dir);
}

}  // namespace

namespace {

TEST(ReportCommand, WritesAPageWithChartsDrawnByTheTool) {
  const auto dir = scratch("report");
  writeJson(dir / "gt.json", labels({box(1, "car", 0, 0, 0), box(2, "car", 0, 10, 0),
                                     box(3, "car", 1, 0, 5), box(4, "pedestrian", 0, 20, 20)}));
  writeJson(dir / "pred.json",
            labels({box(11, "car", 0, 0.1, 0, 0.9), box(12, "car", 0, 30, 0, 0.8),
                    box(13, "car", 1, 0.2, 5, 0.7)}));
  const auto out = dir / "report";
  const auto run = runCommand(kCli + " report --gt '" + (dir / "gt.json").string() + "' --pred '" +
                              (dir / "pred.json").string() + "' -o '" + out.string() + "' 2>&1");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  std::ifstream stream(out / "index.html");
  const std::string page((std::istreambuf_iterator<char>(stream)), {});
  // The car AP of the hand-computed case (5/9) and every chart are on the page.
  EXPECT_NE(page.find("<td>car</td><td>3</td><td>3</td><td>0.70</td><td>0.5556</td>"),
            std::string::npos)
      << page;
  for (const char* chart : {"pr_curves.png", "timeline.png", "errors_car_centre.png",
                            "errors_car_size.png", "errors_car_yaw.png"}) {
    EXPECT_NE(page.find(chart), std::string::npos) << chart;
    const cv::Mat image = cv::imread((out / chart).string());
    ASSERT_FALSE(image.empty()) << chart;
    EXPECT_EQ(image.cols, 640) << chart;
    EXPECT_EQ(image.rows, 420) << chart;
    // Drawn, not blank: some pixels are neither white nor grid grey.
    cv::Mat gray;
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    EXPECT_GT(cv::countNonZero(gray < 200), 500) << chart;
  }
  const auto blocked = runCommand(kCli + " report --gt '" + (dir / "gt.json").string() +
                                  "' --pred '" + (dir / "pred.json").string() + "' -o '" +
                                  (dir / "gt.json" / "sub").string() + "' 2>&1");
  EXPECT_EQ(blocked.exitCode, 1);
  EXPECT_NE(blocked.output.find("gt.json/sub"), std::string::npos) << blocked.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
