// `fuselabel-cli prelabel --evaluate` on the generated scene and on every real
// recording with LiDAR and boxes in ../shared/data: each test prints the
// recall/precision table (the figures quoted in docs/prelabel.md) and holds
// the targets the pipeline reaches, so a change that loses recall fails here.
// Also: model detections (a nuScenes results file made from the keyframe's
// truth, a native file of noisy scored boxes) become tracks, and bad input
// is reported naming the file.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <random>

#include <Eigen/Geometry>
#include <nlohmann/json.hpp>

#include "support/real_data_manifests.hpp"
#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace {

using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;
using Json = nlohmann::json;

using fuselabel::test::kCli;

std::filesystem::path scratch() {
  return fuselabel::test::processScratchDir("prelabel_data");
}

/// Runs prelabel with `args`, prints its table, returns the JSON report.
Json prelabel(const std::string& name, const std::string& args) {
  const auto dir = scratch();
  const auto report = dir / (name + "_report.json");
  const std::string command = kCli + " prelabel " + args + " -q -o '" +
                              (dir / (name + "_proposals.json")).string() + "' --report '" +
                              report.string() + "' 2>&1";
  const auto run = runCommand(command);
  EXPECT_EQ(run.exitCode, 0) << command << "\n" << run.output;
  std::cout << "== " << name << ": " << command << "\n" << run.output;
  Json json;
  std::ifstream stream(report);
  if (stream) stream >> json;
  return json;
}

/// Recall of `category` at `criterion` ("iou", "distance") for boxes with 100+ points.
double recall100(const Json& report, const std::string& category, const std::string& criterion) {
  const Json& row = report["by_category"][category]["100+"][criterion];
  return row.is_null() ? -1.0 : row["rate"].get<double>();
}

/// The track-level figure `key` ("acceptable_rate", "followed_rate", ...).
double trackLevel(const Json& report, const std::string& key) {
  const Json& value = report["track_level"][key];
  return value.is_null() ? -1.0 : value.get<double>();
}

double precision(const Json& report, const std::string& criterion) {
  return report["precision"][criterion]["rate"].get<double>();
}

TEST(PrelabelData, SyntheticSceneVehiclesWithHundredPointsAreFound) {
  const auto scene = scratch() / "synth";
  const auto synth =
      runCommand(kCli + " synth -q -o '" + scene.string() + "' --frames 30 --cameras 0 2>&1");
  ASSERT_EQ(synth.exitCode, 0) << synth.output;
  const Json report = prelabel("synthetic", "'" + scene.string() + "' --evaluate dataset");
  ASSERT_FALSE(report.is_null());
  // 0.941 / 0.984 / 0.591 when written (docs/prelabel.md).
  EXPECT_GE(recall100(report, "vehicle", "iou"), 0.93);
  EXPECT_GE(recall100(report, "vru", "distance"), 0.95);
  EXPECT_GE(precision(report, "iou"), 0.58);
  EXPECT_LT(report["ground_residual_m"].get<double>(), 0.03);
  EXPECT_GT(report["tracks"].get<int>(), 40);
  // What an annotator accepting whole tracks sees: 0.547 of the tracks follow
  // one true object (0.268 before the tracks of canopies, building fronts
  // and posts got confidence 0 and cyclists taken for cars' rears were
  // turned into cyclists), 0.880 of the true tracks with 100+ points have
  // one: a majority is accepted with one key each.
  EXPECT_GT(trackLevel(report, "acceptable_rate"), 0.5);
  EXPECT_GE(trackLevel(report, "followed_rate"), 0.88);
  EXPECT_GT(report["tracks_dropped"].get<int>(), 10);
}

// Another generated street (seed 2: other actors, trees and buildings), so
// the rules that reject structures are not fitted to one scene.
TEST(PrelabelData, SecondSyntheticSceneTracksAreMostlyAccepted) {
  const auto scene = scratch() / "synth2";
  const auto synth = runCommand(kCli + " synth -q -o '" + scene.string() +
                                "' --frames 30 --cameras 0 --seed 2 2>&1");
  ASSERT_EQ(synth.exitCode, 0) << synth.output;
  const Json report = prelabel("synthetic_seed2", "'" + scene.string() + "' --evaluate dataset");
  ASSERT_FALSE(report.is_null());
  // 0.954 / 0.789 / 0.533, 0.515 of the tracks follow one true object and
  // 0.852 of the true tracks have one when written (docs/prelabel.md).
  EXPECT_GE(recall100(report, "vehicle", "iou"), 0.95);
  EXPECT_GE(recall100(report, "vru", "distance"), 0.78);
  EXPECT_GE(precision(report, "iou"), 0.53);
  EXPECT_GT(trackLevel(report, "acceptable_rate"), 0.5);
  EXPECT_GE(trackLevel(report, "followed_rate"), 0.85);
}

TEST(PrelabelData, KittiObjectFrames) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const Json report = prelabel("kitti", "'" + root.string() + "' --evaluate dataset");
  ASSERT_FALSE(report.is_null());
  // 3 unrelated frames; in the camera's view a car, a cyclist and a
  // pedestrian (and a truck, which KITTI's label makes other_object).
  int found = 0;
  for (const char* category : {"vehicle", "vru"})
    for (const auto& [bucket, row] : report["by_category"][category].items())
      found += row["distance"]["found"].get<int>();
  EXPECT_GE(found, 3);
  EXPECT_LT(report["ground_residual_m"].get<double>(), 0.06);
}

TEST(PrelabelData, SustechFrames) {
  const auto root = sharedDataPath("sustech_example/data/example");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const Json report = prelabel("sustech", "'" + root.string() + "' --evaluate dataset");
  ASSERT_FALSE(report.is_null());
  // Frames 0.5 to 1.5 s apart: tracks are confirmed within half a second,
  // so what each frame finds survives (0.906 tracked, 0.938 per frame).
  EXPECT_GE(recall100(report, "vehicle", "iou"), 0.9);
  EXPECT_LT(report["ground_residual_m"].get<double>(), 0.04);
  // 0.104 of the tracks follow one object (most of its parked cars are not
  // labelled), 0.615 of the true tracks with 100+ points have one.
  EXPECT_GE(trackLevel(report, "acceptable_rate"), 0.1);
  EXPECT_GE(trackLevel(report, "followed_rate"), 0.6);
  const Json untracked =
      prelabel("sustech_untracked", "'" + root.string() + "' --evaluate dataset --no-tracking");
  EXPECT_GE(recall100(untracked, "vehicle", "iou"), 0.93);
}

TEST(PrelabelData, ArgoverseSweeps) {
  const auto annotations = sharedDataPath("av2_sensor_test/converted/annotations.csv");
  FUSELABEL_REQUIRE_SHARED_DATA(annotations);
  const auto manifest = fuselabel::test::writeArgoverseManifest(scratch() / "av2");
  const Json report =
      prelabel("argoverse2", "'" + manifest.string() + "' --allow-outside-paths --evaluate '" +
                                 annotations.string() + "'");
  ASSERT_FALSE(report.is_null());
  // Parked cars in rows on a Pittsburgh street, under trees: 0.800 tracked
  // and per frame, the 0.8 aimed at, with the cars under trees cut out of
  // their canopies at bumper height (one car is listed twice in the truth:
  // 0.933 at most).
  EXPECT_GE(recall100(report, "vehicle", "iou"), 0.8);
  EXPECT_GE(precision(report, "iou"), 0.3);
  EXPECT_LT(report["ground_residual_m"].get<double>(), 0.06);
  // 0.282 of the tracks follow one object, 0.647 of the true tracks with
  // 100+ points have one.
  EXPECT_GE(trackLevel(report, "acceptable_rate"), 0.27);
  EXPECT_GE(trackLevel(report, "followed_rate"), 0.64);
  const Json untracked = prelabel("argoverse2_untracked",
                                  "'" + manifest.string() + "' --allow-outside-paths --evaluate '" +
                                      annotations.string() + "' --no-tracking");
  EXPECT_GE(recall100(untracked, "vehicle", "iou"), 0.8);
}

/// A nuScenes detection results file holding the keyframe's 69 true boxes
/// (score 1), made from the converted info file: gravity centre and yaw in
/// LIDAR_TOP, taken to global with ego2global · lidar2ego.
std::filesystem::path writeNuscenesTruthAsResults(const std::filesystem::path& dir) {
  const auto info = Json::parse(std::ifstream(
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json")));
  const Json& sample = info["data_list"][0];
  const auto matrix = [](const Json& m) {
    Eigen::Matrix4d out;
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c)
        out(r, c) = m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)].get<double>();
    return out;
  };
  const Eigen::Matrix4d T_global_lidar =
      matrix(sample["ego2global"]) * matrix(sample["lidar_points"]["lidar2ego"]);
  const char* const names[] = {
      "car",     "truck",      "trailer",    "bus",          "construction_vehicle",
      "bicycle", "motorcycle", "pedestrian", "traffic_cone", "barrier"};
  Json boxes = Json::array();
  for (const Json& instance : sample["instances"]) {
    const int label = instance["bbox_label_3d"].get<int>();
    const Json& b = instance["bbox_3d"];
    const Eigen::Vector4d centre(b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), 1.0);
    const Eigen::Vector4d global = T_global_lidar * centre;
    const Eigen::Matrix3d R =
        T_global_lidar.topLeftCorner<3, 3>() *
        Eigen::AngleAxisd(b[6].get<double>(), Eigen::Vector3d::UnitZ()).toRotationMatrix();
    const Eigen::Quaterniond q(R);
    boxes.push_back({{"sample_token", sample["token"]},
                     {"translation", {global.x(), global.y(), global.z()}},
                     {"size", {b[4], b[3], b[5]}},
                     {"rotation", {q.w(), q.x(), q.y(), q.z()}},
                     {"velocity", {0.0, 0.0}},
                     {"detection_name", label >= 0 && label < 10 ? names[label] : "dont_care"},
                     {"detection_score", 1.0},
                     {"attribute_name", ""}});
  }
  Json results;
  results["meta"] = {{"use_lidar", true}};
  results["results"][sample["token"].get<std::string>()] = boxes;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "truth_results.json") << results.dump(1);
  return dir / "truth_results.json";
}

TEST(PrelabelData, NuscenesKeyframe) {
  const auto info =
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  FUSELABEL_REQUIRE_SHARED_DATA(info);
  const auto dir = scratch() / "nuscenes";
  const auto manifest = fuselabel::test::writeNuscenesManifest(dir);
  const auto truth = writeNuscenesTruthAsResults(dir);
  const Json report =
      prelabel("nuscenes", "'" + manifest.string() + "' --allow-outside-paths --evaluate '" +
                               truth.string() + "'");
  ASSERT_FALSE(report.is_null());
  EXPECT_GE(recall100(report, "vehicle", "iou"), 0.8);
  EXPECT_LT(report["ground_residual_m"].get<double>(), 0.06);

  // The same file as a model's output: every vehicle and person comes back.
  const Json fromDetections =
      prelabel("nuscenes_detections", "'" + manifest.string() + "' --allow-outside-paths " +
                                          "--from-detections '" + truth.string() +
                                          "' --evaluate '" + truth.string() + "'");
  ASSERT_FALSE(fromDetections.is_null());
  for (const char* category : {"vehicle", "vru"})
    for (const auto& [bucket, row] : fromDetections["by_category"][category].items())
      EXPECT_DOUBLE_EQ(row["iou"]["rate"].get<double>(), 1.0) << category << " " << bucket;
}

TEST(PrelabelData, NoisyScoredDetectionsOfAGeneratedSceneBecomeTracks) {
  const auto dir = scratch();
  const auto scene = dir / "synth_det";
  ASSERT_EQ(runCommand(kCli + " synth -q -o '" + scene.string() +
                       "' --frames 20 --cameras 0 --actors 12 2>&1")
                .exitCode,
            0);
  Json truth;
  std::ifstream(scene / "ground_truth.json") >> truth;
  // Detections: every true box moved by up to 0.2 m and scored 0.6..1, a
  // tenth of them missed, plus one low-scored ghost per frame.
  std::mt19937 random(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Json detections = truth;
  Json objects = Json::array();
  std::size_t kept = 0;
  for (Json object : truth["objects"]) {
    if (object["instances"].empty() || !object["instances"][0].contains("cuboid")) continue;
    Json instances = Json::array();
    for (Json instance : object["instances"]) {
      if (unit(random) < 0.1) continue;
      instance["cuboid"][0] = instance["cuboid"][0].get<double>() + 0.4 * (unit(random) - 0.5);
      instance["cuboid"][1] = instance["cuboid"][1].get<double>() + 0.4 * (unit(random) - 0.5);
      instance["source"] = "proposal";
      instance["confidence"] = 0.6 + 0.4 * unit(random);
      instances.push_back(instance);
      ++kept;
    }
    object["instances"] = instances;
    objects.push_back(object);
  }
  for (int frame = 0; frame < 20; ++frame) {
    Json ghost = {{"id", 100000 + frame},
                  {"number", 100000 + frame},
                  {"class", "car"},
                  {"attributes", Json::object()}};
    ghost["instances"] = {{{"frame", frame},
                           {"cuboid", {60.0, -40.0 + 4.0 * frame, 1.0, 0, 0, 0, 1, 4.5, 1.9, 1.5}},
                           {"source", "proposal"},
                           {"review", "unreviewed"},
                           {"confidence", 0.1}}};
    objects.push_back(ghost);
  }
  detections["objects"] = objects;
  std::ofstream(dir / "detections.json") << detections.dump();
  ASSERT_GT(kept, 100u);
  const Json report =
      prelabel("synthetic_detections", "'" + scene.string() + "' --from-detections '" +
                                           (dir / "detections.json").string() +
                                           "' --min-score 0.3 --evaluate dataset");
  ASSERT_FALSE(report.is_null());
  // Missed frames are filled by the tracks; ghosts are below the score.
  EXPECT_GE(recall100(report, "vehicle", "distance"), 0.95);
  EXPECT_GE(precision(report, "distance"), 0.9);
  EXPECT_LE(report["tracks"].get<int>(), 14);
}

TEST(PrelabelData, BadDetectionsFileIsNamedNotACrash) {
  const auto dir = scratch();
  const auto scene = dir / "synth_bad";
  ASSERT_EQ(runCommand(kCli + " synth -q -o '" + scene.string() + "' --frames 2 --cameras 0 2>&1")
                .exitCode,
            0);
  std::ofstream(dir / "broken_results.json") << R"({"results": {"x": [ {"translation": [1, 2]}]}})";
  const auto run =
      runCommand(kCli + " prelabel '" + scene.string() + "' -q -o '" + (dir / "out.json").string() +
                 "' --from-detections '" + (dir / "broken_results.json").string() + "' 2>&1");
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("broken_results.json"), std::string::npos) << run.output;
  const auto missing = runCommand(kCli + " prelabel '" + (dir / "nowhere").string() + "' -q -o '" +
                                  (dir / "out.json").string() + "' 2>&1");
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_NE(missing.output.find("nowhere"), std::string::npos) << missing.output;
  const auto badClass = runCommand(kCli + " prelabel '" + scene.string() + "' -q -o '" +
                                   (dir / "out.json").string() + "' --classes spaceship 2>&1");
  EXPECT_EQ(badClass.exitCode, 2) << badClass.output;
}

}  // namespace
