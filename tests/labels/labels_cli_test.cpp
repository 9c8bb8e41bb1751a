// The label commands of fuselabel-cli on the real KITTI frames:
//  - `stats` counts, for every labelled object, exactly the points an
//    independent computation from the raw files finds inside its box (label_2
//    and calib parsed here by hand, the box built in Velodyne coordinates
//    through inverse(R0_rect · Tr_velo_to_cam), the .bin read here);
//  - `validate` passes the shipped labels and fails (exit 1) a broken file;
//  - `convert` round-trips KITTI through OpenLABEL with the dataset's
//    calibration and refuses KITTI without one.

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace {

using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;

using fuselabel::test::kCli;

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::processScratchDir("labels_cli") / name;
}

std::map<std::string, std::vector<double>> readCalib(const std::filesystem::path& file) {
  std::map<std::string, std::vector<double>> out;
  std::ifstream stream(file);
  std::string line;
  while (std::getline(stream, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::istringstream values(line.substr(colon + 1));
    double v = 0;
    while (values >> v)
      out[line.substr(0, colon)].push_back(v);
  }
  return out;
}

struct KittiBox {
  std::string type;
  double h, w, l, x, y, z, ry;
};

std::vector<KittiBox> readLabelFile(const std::filesystem::path& file) {
  std::vector<KittiBox> out;
  std::ifstream stream(file);
  std::string line;
  while (std::getline(stream, line)) {
    std::istringstream f(line);
    KittiBox b;
    double skip = 0;
    f >> b.type;
    for (int i = 0; i < 7; ++i)
      f >> skip;
    f >> b.h >> b.w >> b.l >> b.x >> b.y >> b.z >> b.ry;
    if (f && b.type != "DontCare") out.push_back(b);
  }
  return out;
}

std::vector<Eigen::Vector3f> readBin(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  stream.seekg(0, std::ios::end);
  const auto bytes = static_cast<std::size_t>(stream.tellg());
  stream.seekg(0);
  std::vector<float> values(bytes / 4);
  stream.read(reinterpret_cast<char*>(values.data()),
              static_cast<std::streamsize>(bytes));  // NOLINT: raw file bytes
  std::vector<Eigen::Vector3f> points;
  for (std::size_t i = 0; i + 3 < values.size(); i += 4)
    points.emplace_back(values[i], values[i + 1], values[i + 2]);
  return points;
}

/// Points of the sweep inside a KITTI box, computed from the raw files only.
std::size_t independentCount(const KittiBox& b,
                             const std::map<std::string, std::vector<double>>& calib,
                             const std::vector<Eigen::Vector3f>& points) {
  Eigen::Matrix4d R0 = Eigen::Matrix4d::Identity();
  Eigen::Matrix4d Tr = Eigen::Matrix4d::Identity();
  const auto& r = calib.at("R0_rect");
  const auto& t = calib.at("Tr_velo_to_cam");
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j)
      R0(i, j) = r[static_cast<std::size_t>(3 * i + j)];
    for (int j = 0; j < 4; ++j)
      Tr(i, j) = t[static_cast<std::size_t>(4 * i + j)];
  }
  const Eigen::Matrix4d velo_from_rect = (R0 * Tr).inverse();
  // The box in rectified camera coordinates: centre h/2 above the bottom centre, axes by
  // rotation_y.
  const Eigen::Vector4d centreRect(b.x, b.y - b.h / 2, b.z, 1);
  const double c = std::cos(b.ry), s = std::sin(b.ry);
  const Eigen::Vector4d lengthAxis(c, 0, -s, 0), heightAxis(0, -1, 0, 0), widthAxis(s, 0, c, 0);
  const Eigen::Vector3d centre = (velo_from_rect * centreRect).head<3>();
  Eigen::Vector3d axes[3] = {(velo_from_rect * lengthAxis).head<3>().normalized(),
                             (velo_from_rect * widthAxis).head<3>().normalized(),
                             (velo_from_rect * heightAxis).head<3>().normalized()};
  const double half[3] = {b.l / 2, b.w / 2, b.h / 2};
  std::size_t inside = 0;
  for (const Eigen::Vector3f& p : points) {
    const Eigen::Vector3d d = p.cast<double>() - centre;
    bool in = true;
    for (int k = 0; k < 3 && in; ++k)
      in = std::abs(d.dot(axes[k])) <= half[k];
    inside += in ? 1 : 0;
  }
  return inside;
}

TEST(CliLabelsData, StatsMatchesIndependentCountOnKittiFrames) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto result = runCommand(kCli + " stats " + root.string() + " --json 2>/dev/null");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const auto stats = nlohmann::json::parse(result.output);
  // Objects come out in label-file order, frame by frame, ignore regions left out.
  std::size_t next = 0;
  std::size_t checked = 0;
  for (const char* id : {"000000", "000001", "000002"}) {
    const auto boxes = readLabelFile(root / "label_2" / (std::string(id) + ".txt"));
    const auto calib = readCalib(root / "calib" / (std::string(id) + ".txt"));
    const auto points = readBin(root / "velodyne" / (std::string(id) + ".bin"));
    for (const KittiBox& box : boxes) {
      ASSERT_LT(next, stats["objects"].size());
      const auto& object = stats["objects"][next++];
      ASSERT_EQ(object["frames"].size(), 1U);
      EXPECT_EQ(object["frames"][0]["frame_id"], id);
      const std::size_t expected = independentCount(box, calib, points);
      EXPECT_EQ(object["frames"][0]["points"].get<std::size_t>(), expected)
          << box.type << " in frame " << id << " (object " << object["id"] << ")";
      std::cout << "[ stats ] frame " << id << " " << box.type << ": " << expected << " points\n";
      ++checked;
    }
  }
  EXPECT_EQ(next, stats["objects"].size());
  EXPECT_EQ(checked, 6U);  // 1 Pedestrian; Truck, Car, Cyclist; Car, Misc
  EXPECT_EQ(stats["ignore_regions"], 4);
  EXPECT_TRUE(stats["classes"].contains("car"));
}

TEST(CliLabelsData, ValidatePassesShippedLabelsAndFailsBrokenOnes) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  auto result = runCommand(kCli + " validate " + root.string() + " --labels " +
                           (root / "label_2").string() + " 2>&1");
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("0 errors"), std::string::npos) << result.output;

  const auto broken = scratch("broken") / "label_2";
  std::filesystem::create_directories(broken);
  std::ofstream(broken / "000001.txt")
      << "Car 0 0 0 0 0 0 0 -1 1.6 4 1 2 10 0\nBlimp 0 0 0 0 0 0 0 1 1 1 1 2 10 0\n";
  result = runCommand(kCli + " validate " + root.string() + " --labels " + broken.string() +
                      " --json 2>/dev/null");
  EXPECT_EQ(result.exitCode, 1) << result.output;
  const auto report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["errors"], 2);
  std::set<std::string> kinds;
  for (const auto& f : report["findings"])
    kinds.insert(f["kind"].get<std::string>());
  EXPECT_TRUE(kinds.contains("invalid_size"));
  EXPECT_TRUE(kinds.contains("unknown_class"));
}

TEST(CliLabelsData, ConvertKittiThroughOpenLabelAndBack) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto openlabel = scratch("kitti_openlabel.json");
  auto result = runCommand(kCli + " convert " + (root / "label_2").string() + " " +
                           openlabel.string() + " --dataset " + root.string() + " 2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const auto back = scratch("back") / "label_2";
  result = runCommand(kCli + " convert " + openlabel.string() + " " + back.string() +
                      " --dataset " + root.string() + " 2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  for (const char* id : {"000000", "000001", "000002"}) {
    std::ifstream original(root / "label_2" / (std::string(id) + ".txt"));
    std::ifstream converted(back / (std::string(id) + ".txt"));
    std::string a, b;
    while (std::getline(original, a)) {
      ASSERT_TRUE(std::getline(converted, b)) << id;
      std::istringstream fa(a), fb(b);
      std::string ta, tb;
      fa >> ta;
      fb >> tb;
      EXPECT_EQ(ta, tb);
      std::vector<double> va, vb;
      double v = 0;
      while (fa >> v)
        va.push_back(v);
      while (fb >> v)
        vb.push_back(v);
      ASSERT_EQ(va.size(), vb.size());
      for (std::size_t k = 7; k < 14; ++k)
        EXPECT_NEAR(va[k], vb[k], 1e-5) << id << ": " << a << " vs " << b;
    }
  }
  // KITTI needs the calibration: without --dataset the conversion is refused.
  result = runCommand(kCli + " convert " + (root / "label_2").string() + " " +
                      scratch("x.json").string() + " 2>&1");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.output.find("--dataset"), std::string::npos) << result.output;
  std::filesystem::remove_all(scratch(""));
}

}  // namespace
