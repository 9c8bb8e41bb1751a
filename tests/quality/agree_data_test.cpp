// `fuselabel-cli agree` on the 69 real nuScenes boxes of the mmdetection3d
// demo keyframe against perturbed copies whose right answer is known:
//  - every IoU the command reports equals an independent computation
//    (boost::geometry polygon intersection of the footprints × height
//    overlap, not core/geometry/iou) within 1e-6;
//  - the pairs, the unmatched boxes of both sides and precision/recall per
//    class and in total are exactly those the perturbation implies;
//  - a copy slid along each box's own heading by 10 % of its length has the
//    closed-form IoU (l − δ)/(l + δ) for every box.

#include <gtest/gtest.h>

// Boost.Geometry's rescale policy trips GCC 12's -Wmaybe-uninitialized false
// positive where its templates are instantiated (in this file), so the
// warning is off for this file only.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace {

namespace bg = boost::geometry;
using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;
using Json = nlohmann::json;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;

using fuselabel::test::kCli;
const char* const kNuscenesInfo =
    "mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json";

// A yaw-only box as the test sees it: centre, size (l, w, h), yaw.
struct Box {
  int number = 0;
  std::string className;
  double x = 0, y = 0, z = 0, l = 0, w = 0, h = 0, yaw = 0;
};

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::freshScratchDir("agree", name);
}

// The 69 boxes in the LIDAR_TOP frame (gravity centre, [x y z l w h yaw]).
std::vector<Box> nuscenesBoxes() {
  std::ifstream stream(sharedDataPath(kNuscenesInfo));
  const Json info = Json::parse(stream);
  const char* names[] = {
      "car",     "truck",      "trailer",    "bus",          "construction_vehicle",
      "bicycle", "motorcycle", "pedestrian", "traffic_cone", "barrier"};
  std::vector<Box> boxes;
  for (const Json& instance : info["data_list"][0]["instances"]) {
    const Json& b = instance["bbox_3d"];
    const int label = instance["bbox_label_3d"].get<int>();
    Box box;
    box.number = static_cast<int>(boxes.size()) + 1;
    box.className = label >= 0 && label < 10 ? names[label] : "other_object";
    box.x = b[0];
    box.y = b[1];
    box.z = b[2];
    box.l = b[3];
    box.w = b[4];
    box.h = b[5];
    box.yaw = b[6];
    boxes.push_back(box);
  }
  return boxes;
}

// A native label file of one frame holding `boxes` (the LiDAR frame as world).
void writeLabels(const std::filesystem::path& path, const std::vector<Box>& boxes) {
  Json objects = Json::array();
  for (const Box& b : boxes) {
    const Json cuboid = {b.x, b.y, b.z, 0.0, 0.0, std::sin(b.yaw / 2), std::cos(b.yaw / 2),
                         b.l, b.w, b.h};
    objects.push_back(
        {{"id", b.number},
         {"number", b.number},
         {"class", b.className},
         {"attributes", Json::object()},
         {"instances",
          {{{"frame", 0}, {"cuboid", cuboid}, {"source", "keyframe"}, {"review", "unreviewed"}}}}});
  }
  std::ofstream(path) << Json{
      {"fuselabel_labels", 1},
      {"generator", "agree_data_test"},
      {"schema", {{"name", "driving"}, {"version", 1}, {"path", ""}}},
      {"dataset", {{"format", "nuscenes"}, {"path", ""}, {"sequence", ""}}},
      {"frame_timestamps_ns", {0}},
      {"objects", objects}}.dump();
}

Polygon footprint(const Box& b) {
  Polygon polygon;
  const double c = std::cos(b.yaw);
  const double s = std::sin(b.yaw);
  // Clockwise, closed: boost's default polygon orientation.
  for (const auto& [u, v] :
       {std::pair{1.0, 1.0}, {1.0, -1.0}, {-1.0, -1.0}, {-1.0, 1.0}, {1.0, 1.0}}) {
    const double px = u * b.l / 2;
    const double py = v * b.w / 2;
    bg::append(polygon.outer(), Point(b.x + c * px - s * py, b.y + s * px + c * py));
  }
  bg::correct(polygon);
  return polygon;
}

struct Ious {
  double bev = 0.0;
  double volume = 0.0;
};

// Independent IoU: polygon intersection by boost::geometry.
Ious independentIou(const Box& a, const Box& b) {
  std::vector<Polygon> pieces;
  bg::intersection(footprint(a), footprint(b), pieces);
  double area = 0.0;
  for (const Polygon& piece : pieces)
    area += bg::area(piece);
  const double areaA = a.l * a.w;
  const double areaB = b.l * b.w;
  const double overlapZ = std::max(
      0.0, std::min(a.z + a.h / 2, b.z + b.h / 2) - std::max(a.z - a.h / 2, b.z - b.h / 2));
  const double volume = area * overlapZ;
  return {area / (areaA + areaB - area), volume / (areaA * a.h + areaB * b.h - volume)};
}

Json agree(const std::filesystem::path& a, const std::filesystem::path& b) {
  const auto run = runCommand(kCli + " agree '" + a.string() + "' '" + b.string() + "' --json");
  EXPECT_EQ(run.exitCode, 0) << run.output;
  return Json::parse(run.output);
}

TEST(AgreeData, NuscenesBoxesAgainstAPerturbedCopy) {
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath(kNuscenesInfo));
  const std::vector<Box> truth = nuscenesBoxes();
  ASSERT_EQ(truth.size(), 69U);
  const auto dir = scratch("perturbed");

  // Perturbation with a known answer, by index:
  //   i % 10 == 3: dropped            → only in A
  //   i % 10 == 7: moved 500 m away   → only in A and only in B
  //   otherwise: shifted ≤ 10 cm, resized ±5 %, rotated ±0.05 rad → matched to itself
  // plus 5 added cars far from everything → only in B.
  std::vector<Box> copy;
  std::set<int> kept, moved, dropped;
  std::map<std::string, std::array<int, 3>> expected;  // class → {A, B, matches}
  for (std::size_t i = 0; i < truth.size(); ++i) {
    Box b = truth[i];
    ++expected[b.className][0];
    const double k = static_cast<double>(i);
    if (i % 10 == 3) {
      dropped.insert(b.number);
      continue;
    }
    ++expected[b.className][1];
    if (i % 10 == 7) {
      b.x += 500.0;
      moved.insert(b.number);
    } else {
      b.x += 0.1 * std::cos(k);
      b.y += 0.1 * std::sin(k);
      b.z += 0.02 * std::cos(2 * k);
      b.l *= 1.0 + 0.05 * std::sin(2 * k);
      b.w *= 1.0 + 0.05 * std::cos(3 * k);
      b.h *= 1.0 - 0.04 * std::sin(5 * k);
      b.yaw += 0.05 * std::cos(3 * k);
      kept.insert(b.number);
      ++expected[b.className][2];
    }
    copy.push_back(b);
  }
  for (int j = 0; j < 5; ++j) {
    copy.push_back({100 + j, "car", 300.0 + 10.0 * j, -200.0, 0.8, 4.5, 1.9, 1.6, 0.3 * j});
    ++expected["car"][1];
  }
  ASSERT_EQ(kept.size(), 55U);
  ASSERT_EQ(moved.size(), 7U);
  ASSERT_EQ(dropped.size(), 7U);
  writeLabels(dir / "a.json", truth);
  writeLabels(dir / "b.json", copy);
  const Json report = agree(dir / "a.json", dir / "b.json");

  std::map<int, const Box*> byNumberA, byNumberB;
  for (const Box& b : truth)
    byNumberA[b.number] = &b;
  for (const Box& b : copy)
    byNumberB[b.number] = &b;

  // Every kept box is matched to its own copy; the IoUs are the independent ones.
  std::set<int> matched;
  double worst = 0.0;
  for (const Json& m : report["matches"]) {
    const int a = m["a"];
    const int b = m["b"];
    EXPECT_EQ(a, b) << "box " << a << " matched to " << b;
    EXPECT_EQ(m["frame"], 0);
    matched.insert(a);
    const Ious expectedIou = independentIou(*byNumberA.at(a), *byNumberB.at(b));
    EXPECT_NEAR(m["iou_bev"].get<double>(), expectedIou.bev, 1e-6) << "box " << a;
    EXPECT_NEAR(m["iou3d"].get<double>(), expectedIou.volume, 1e-6) << "box " << a;
    worst = std::max({worst, std::abs(m["iou_bev"].get<double>() - expectedIou.bev),
                      std::abs(m["iou3d"].get<double>() - expectedIou.volume)});
    // The pair passes the documented gate: IoU ≥ 0.5, or a small box within 0.5 m.
    const Box& boxA = *byNumberA.at(a);
    const Box& boxB = *byNumberB.at(b);
    const double distance = std::hypot(boxA.x - boxB.x, boxA.y - boxB.y, boxA.z - boxB.z);
    EXPECT_TRUE(expectedIou.volume >= 0.5 || (boxA.l * boxA.w < 2.0 && distance <= 0.5))
        << "box " << a << ": IoU " << expectedIou.volume << ", " << distance << " m";
  }
  EXPECT_EQ(matched, kept);
  std::cout << "largest |IoU(agree) - IoU(boost::geometry)| over " << matched.size()
            << " matches: " << worst << "\n";

  std::set<int> onlyA, onlyB;
  for (const Json& u : report["unmatched_a"])
    onlyA.insert(u["object"].get<int>());
  for (const Json& u : report["unmatched_b"])
    onlyB.insert(u["object"].get<int>());
  std::set<int> expectedOnlyA = dropped;
  expectedOnlyA.insert(moved.begin(), moved.end());
  std::set<int> expectedOnlyB = moved;
  for (int j = 0; j < 5; ++j)
    expectedOnlyB.insert(100 + j);
  EXPECT_EQ(onlyA, expectedOnlyA);
  EXPECT_EQ(onlyB, expectedOnlyB);

  const Json& total = report["total"];
  EXPECT_EQ(total["matches"], 55);
  EXPECT_NEAR(total["precision"].get<double>(), 55.0 / 67.0, 1e-12);
  EXPECT_NEAR(total["recall"].get<double>(), 55.0 / 69.0, 1e-12);
  for (const auto& [name, counts] : expected) {
    const Json& c = report["per_class"][name];
    EXPECT_EQ(c["boxes_a"], counts[0]) << name;
    EXPECT_EQ(c["boxes_b"], counts[1]) << name;
    EXPECT_EQ(c["matches"], counts[2]) << name;
    EXPECT_NEAR(c["recall"].get<double>(), double(counts[2]) / counts[0], 1e-12) << name;
    // A class B does not have at all has precision 1 by definition (nothing wrong in B).
    const double precision = counts[1] == 0 ? 1.0 : double(counts[2]) / counts[1];
    EXPECT_NEAR(c["precision"].get<double>(), precision, 1e-12) << name;
  }
  // The disagreement list names every box only on one side.
  std::size_t onlyLines = 0;
  for (const Json& d : report["disagreements"]) {
    const std::string what = d["what"];
    onlyLines += what.starts_with("only in") ? 1 : 0;
  }
  EXPECT_EQ(onlyLines, expectedOnlyA.size() + expectedOnlyB.size());
  std::filesystem::remove_all(dir);
}

TEST(AgreeData, SlidingEveryBoxAlongItsHeadingGivesTheClosedFormIou) {
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath(kNuscenesInfo));
  const std::vector<Box> truth = nuscenesBoxes();
  const auto dir = scratch("slide");
  std::vector<Box> copy = truth;
  for (Box& b : copy) {
    const double delta = 0.1 * b.l;
    b.x += delta * std::cos(b.yaw);
    b.y += delta * std::sin(b.yaw);
  }
  writeLabels(dir / "a.json", truth);
  writeLabels(dir / "b.json", copy);
  const Json report = agree(dir / "a.json", dir / "b.json");
  // Overlap (l − δ) · w of a union (l + δ) · w: IoU 0.9 / 1.1, in BEV and in 3D.
  ASSERT_EQ(report["matches"].size(), 69U);
  for (const Json& m : report["matches"]) {
    EXPECT_EQ(m["a"], m["b"]);
    EXPECT_NEAR(m["iou_bev"].get<double>(), 0.9 / 1.1, 1e-9) << m.dump();
    EXPECT_NEAR(m["iou3d"].get<double>(), 0.9 / 1.1, 1e-9) << m.dump();
  }
  EXPECT_TRUE(report["unmatched_a"].empty());
  EXPECT_TRUE(report["unmatched_b"].empty());
  EXPECT_DOUBLE_EQ(report["total"]["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(report["total"]["recall"].get<double>(), 1.0);
  std::filesystem::remove_all(dir);
}

TEST(AgreeData, MissingOrMalformedFilesAreClearErrors) {
  const auto dir = scratch("bad");
  const auto missing = runCommand(kCli + " agree /nonexistent/a.json /nonexistent/b.json 2>&1");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find("/nonexistent/a.json"), std::string::npos) << missing.output;
  std::ofstream(dir / "broken.json") << "{\"fuselabel_labels\": 1, \"objects\": [";
  writeLabels(dir / "ok.json", {});
  const auto broken = runCommand(kCli + " agree '" + (dir / "ok.json").string() + "' '" +
                                 (dir / "broken.json").string() + "' 2>&1");
  EXPECT_EQ(broken.exitCode, 1);
  EXPECT_NE(broken.output.find("broken.json"), std::string::npos) << broken.output;
  const auto usage = runCommand(kCli + " agree only_one.json 2>&1");
  EXPECT_EQ(usage.exitCode, 2) << usage.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
