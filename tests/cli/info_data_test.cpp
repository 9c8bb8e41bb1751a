// `info --json` on every real recording with LiDAR: the keys scripts rely on,
// with the values the data README states.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/real_data_manifests.hpp"
#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace {

using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;

using fuselabel::test::kCli;

nlohmann::json info(const std::string& arguments) {
  const auto result = runCommand(kCli + " info --json " + arguments + " 2>/dev/null");
  EXPECT_EQ(result.exitCode, 0) << result.output;
  return nlohmann::json::parse(result.output, nullptr, false);
}

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::freshScratchPath("info", name);
}

TEST(CliInfoData, KittiObject) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto j = info(root.string());
  EXPECT_EQ(j["format"], "kitti-object");
  EXPECT_EQ(j["frames"], 3);
  EXPECT_EQ(j["reference"], "velodyne");
  EXPECT_EQ(j["cameras"], nlohmann::json::array({"image_2"}));
  EXPECT_EQ(j["points_per_frame"], nlohmann::json::array({115384, 120268, 126891}));
  EXPECT_EQ(j["sync"]["image_2"]["matched"], 3);
  EXPECT_EQ(j["sync"]["image_2"]["unmatched"], 0);
  EXPECT_EQ(j["labels"][0]["format"], "kitti");
}

TEST(CliInfoData, SustechReportsTheFrameWithoutImages) {
  const auto root = sharedDataPath("sustech_example/data/example");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto j = info(root.string());
  EXPECT_EQ(j["format"], "sustech");
  EXPECT_EQ(j["points_per_frame"], nlohmann::json::array({68242, 66781, 66899, 67153}));
  for (const char* camera : {"front", "left", "right"}) {
    EXPECT_EQ(j["sync"][camera]["matched"], 3) << camera;
    EXPECT_EQ(j["sync"][camera]["unmatched"], 1) << camera;
  }
  // The PCD header inconsistency is reported, not hidden.
  bool layoutWarning = false;
  for (const auto& warning : j["warnings"]) {
    layoutWarning = layoutWarning ||
                    warning.get<std::string>().find("'timestamp' @20 -> @24") != std::string::npos;
  }
  EXPECT_TRUE(layoutWarning) << j["warnings"].dump(1);
}

TEST(CliInfoData, NuscenesManifestShowsRealCameraOffsets) {
  FUSELABEL_REQUIRE_SHARED_DATA(
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json"));
  const auto dir = scratch("nuscenes");
  const auto manifest = fuselabel::test::writeNuscenesManifest(dir);
  const auto j = info(manifest.string() + " --allow-outside-paths");
  EXPECT_EQ(j["format"], "manifest");
  EXPECT_EQ(j["cameras"].size(), 6u);
  EXPECT_EQ(j["points_per_frame"], nlohmann::json::array({34688}));
  double maxOffset = 0.0;
  for (const auto& [camera, report] : j["sync"].items()) {
    EXPECT_EQ(report["matched"], 1) << camera;
    maxOffset = std::max(maxOffset, report["max_offset_ms"].get<double>());
  }
  EXPECT_NEAR(maxOffset, 43.1, 0.5);
  // Without the flag the manifest's absolute paths are refused.
  const auto refused = runCommand(kCli + " info " + manifest.string() + " 2>&1");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.output.find("leaves the manifest's folder"), std::string::npos)
      << refused.output;
  std::filesystem::remove_all(dir);
}

TEST(CliInfoData, ArgoverseManifest) {
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath("av2_sensor_test/converted/annotations.csv"));
  const auto dir = scratch("av2");
  const auto manifest = fuselabel::test::writeArgoverseManifest(dir);
  const auto j = info(manifest.string() + " --allow-outside-paths");
  EXPECT_EQ(j["frames"], 2);
  EXPECT_EQ(j["poses"], 2706);
  EXPECT_EQ(j["points_per_frame"], nlohmann::json::array({99229, 99466}));
  EXPECT_EQ(j["sync"]["ring_front_center"]["unmatched"], 2);  // calibration only, no images
  const auto csv = dir / "front.csv";
  const auto projected =
      runCommand(kCli + " project " + manifest.string() +
                 " --allow-outside-paths --camera ring_front_center -o " + csv.string() + " 2>&1");
  EXPECT_EQ(projected.exitCode, 0) << projected.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
