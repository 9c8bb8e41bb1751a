// mmdetection3d info files as labels: the nuScenes keyframe's 69 boxes with
// their classes, placed by lidar2ego; KITTI-style infos and broken files are
// refused with a message naming the file.

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "datasets/labels/label_io.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::sharedDataPath;

const char* kInfo = "mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json";

TEST(Mmdet3dInfo, ReadsTheNuscenesKeyframeBoxesWithTheirClasses) {
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath(kInfo));
  auto detected = detectLabelFormat(sharedDataPath(kInfo));
  ASSERT_TRUE(detected.ok()) << detected.error().message;
  EXPECT_STREQ((*detected)->name, "mmdet3d");
  auto labels = readLabels(sharedDataPath(kInfo), LabelContext{});
  ASSERT_TRUE(labels.ok()) << labels.error().message;
  const Document& document = labels->document;
  ASSERT_EQ(document.objectCount(), 69u);
  std::map<std::string, int> classes;
  for (const Track& track : document.tracks()) {
    ++classes[track.object.className];
  }
  // The data README: 30 pedestrian, 22 barrier, 8 car, 3 traffic_cone,
  // 2 truck, 1 bicycle, 1 bus, 1 construction_vehicle and 1 with label -1.
  const std::map<std::string, int> expected = {
      {"pedestrian", 30}, {"barrier", 22}, {"car", 8}, {"traffic_cone", 3},
      {"truck", 2},       {"bicycle", 1},  {"bus", 1}, {"construction_vehicle", 1},
      {"other_object", 1}};
  EXPECT_EQ(classes, expected);
  ASSERT_EQ(labels->warnings.size(), 1u);
  EXPECT_NE(labels->warnings[0].find("label -1"), std::string::npos) << labels->warnings[0];

  // Without a dataset, world is the sample's ego: box = lidar2ego · bbox_3d.
  std::ifstream stream(sharedDataPath(kInfo));
  const auto info = nlohmann::json::parse(stream);
  const auto& sample = info["data_list"][0];
  Eigen::Matrix4d lidar2ego;
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      lidar2ego(r, c) = sample["lidar_points"]["lidar2ego"][r][c].get<double>();
    }
  }
  const auto& b = sample["instances"][0]["bbox_3d"];
  const Eigen::Vector3d expectedCentre =
      (lidar2ego * Eigen::Vector4d(b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), 1.0))
          .head<3>();
  const auto& box = std::get<Cuboid>(document.tracks()[0].instances[0].geometry);
  EXPECT_LT((box.center - expectedCentre).norm(), 1e-9);
  EXPECT_NEAR(box.size.x(), b[3].get<double>(), 1e-12);
  EXPECT_NEAR(box.size.y(), b[4].get<double>(), 1e-12);
  EXPECT_NEAR(box.size.z(), b[5].get<double>(), 1e-12);
}

TEST(Mmdet3dInfo, KittiInfosAndBrokenFilesAreRefusedNamingTheFile) {
  const char* kitti = "mmdet3d_kitti_demo/converted/000008.pkl.json";
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath(kitti));
  auto refused = readLabels(sharedDataPath(kitti), LabelContext{}, "mmdet3d");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("000008.pkl.json"), std::string::npos);
  EXPECT_NE(refused.error().message.find("label_2"), std::string::npos) << refused.error().message;

  const std::filesystem::path dir = fuselabel::test::freshScratchDir("mmdet3d", "bad_input");
  const std::filesystem::path truncated = dir / "truncated.pkl.json";
  std::ofstream(truncated) << R"({"metainfo": {"dataset": "nuscenes"}, "data_list": [{"timest)";
  auto broken = readLabels(truncated, LabelContext{}, "mmdet3d");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("truncated.pkl.json"), std::string::npos);

  const std::filesystem::path badBox = dir / "bad_box.pkl.json";
  std::ofstream(badBox) << R"({"metainfo": {"dataset": "nuscenes", "categories": {"car": 0}},
    "data_list": [{"timestamp": 1.5, "lidar_points": {"lidar2ego": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]},
                   "instances": [{"bbox_3d": [1, 2, 3, 4, "wide", 1, 0], "bbox_label_3d": 0}]}]})";
  auto bad = readLabels(badBox, LabelContext{}, "mmdet3d");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("instances[0].bbox_3d"), std::string::npos)
      << bad.error().message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fuselabel
