// The project and overlay commands on the real KITTI and SUSTech folders:
// the CSV holds exactly the points the library puts inside the image, with
// their sweep indices, and a frame without an image is refused by name.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "support/run_command.hpp"
#include "support/shared_data.hpp"

namespace {

using fuselabel::test::runCommand;
using fuselabel::test::sharedDataPath;

using fuselabel::test::kCli;

std::filesystem::path outputPath(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("fuselabel_cli_" + std::to_string(::getpid()) + "_" + name);
}

struct CsvRow {
  size_t index;
  double u, v, depth;
};

std::vector<CsvRow> readCsv(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::string line;
  std::getline(stream, line);
  EXPECT_EQ(line, "index,u,v,depth");
  std::vector<CsvRow> rows;
  while (std::getline(stream, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    CsvRow row{};
    fields >> row.index >> row.u >> row.v >> row.depth;
    rows.push_back(row);
  }
  return rows;
}

TEST(CliProjectData, KittiFrameCsvListsPointsInsideImage) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto csv = outputPath("kitti.csv");
  const auto result = runCommand(kCli + " project " + root.string() +
                                 " --frame 1 --camera image_2 -o " + csv.string() + " 2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const auto rows = readCsv(csv);
  // README: about 19-21 k of the 120,268 points reach image_2.
  EXPECT_GT(rows.size(), 18000u);
  EXPECT_LT(rows.size(), 22000u);
  size_t previous = 0;
  for (const CsvRow& row : rows) {
    EXPECT_GE(row.u, 0.0);
    EXPECT_LT(row.u, 1242.0);
    EXPECT_GE(row.v, 0.0);
    EXPECT_LT(row.v, 375.0);
    EXPECT_GT(row.depth, 0.0);
    EXPECT_LT(row.index, 120268u);
    EXPECT_TRUE(previous == 0 || row.index > previous) << "indices must be the sweep order";
    previous = row.index;
  }
  std::filesystem::remove(csv);
}

TEST(CliProjectData, SustechOverlayWritesImageOfCameraSize) {
  const auto root = sharedDataPath("sustech_example/data/example");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto png = outputPath("sustech.png");
  const auto result = runCommand(kCli + " overlay " + root.string() +
                                 " --frame-id 000965 --camera front -o " + png.string() + " 2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const cv::Mat image = cv::imread(png.string());
  ASSERT_FALSE(image.empty());
  EXPECT_EQ(image.cols, 2048);
  EXPECT_EQ(image.rows, 1536);
  // The README's layout warning for these files must reach the user.
  EXPECT_NE(result.output.find("warning"), std::string::npos) << result.output;
  std::filesystem::remove(png);
}

TEST(CliProjectData, FrameWithoutImageIsRefusedByName) {
  const auto root = sharedDataPath("sustech_example/data/example");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto result =
      runCommand(kCli + " overlay " + root.string() + " --frame-id 000950 --camera left -o " +
                 outputPath("none.png").string() + " 2>&1");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.output.find("has no image for frame 000950"), std::string::npos)
      << result.output;
}

TEST(CliProjectData, UnknownCameraAndFrameGiveClearErrors) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  const auto camera =
      runCommand(kCli + " project " + root.string() + " --camera image_9 -o /dev/null 2>&1");
  EXPECT_EQ(camera.exitCode, 1);
  EXPECT_NE(camera.output.find("no camera named 'image_9'"), std::string::npos) << camera.output;
  const auto frame = runCommand(kCli + " project " + root.string() +
                                " --frame 7 --camera image_2 -o /dev/null 2>&1");
  EXPECT_EQ(frame.exitCode, 1);
  EXPECT_NE(frame.output.find("out of range"), std::string::npos) << frame.output;
  const auto missing =
      runCommand(kCli + " project /nonexistent/dataset --camera x -o /dev/null 2>&1");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find("/nonexistent/dataset"), std::string::npos) << missing.output;
}

}  // namespace
