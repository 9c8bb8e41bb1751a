// `fuselabel-cli script-label` as a program: its JSON adds up (the total is
// the objects' inputs plus the final save), its exit status says whether
// every object reached the IoU, and a bad method is a usage error.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "datasets/synthetic/synthetic_scene.hpp"
#include "support/run_command.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

TEST(ScriptLabelCli, JsonAddsUpAndTheExitStatusSaysAllDone) {
  const fs::path dir =
      fs::temp_directory_path() / ("fuselabel_script_label_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  SynthOptions synth;
  synth.frames = 12;
  synth.cameras = 0;
  synth.actors = 30;
  synth.seed = 2;
  ASSERT_TRUE(generateSyntheticScene(synth, dir).ok());

  const auto run = test::runCommand(std::string(FUSELABEL_CLI_PATH) + " script-label " +
                                    dir.string() + " --objects 3 --method linear --json 2>&1");
  const auto json = nlohmann::json::parse(run.output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.output;
  const auto& linear = json["methods"]["linear"];
  EXPECT_EQ(run.exitCode, linear["all_done"].get<bool>() ? 0 : 1) << run.output;
  ASSERT_EQ(linear["objects"].size(), 3U) << run.output;
  int clicks = 0;
  int keys = 1;  // Ctrl+S at the end
  for (const auto& object : linear["objects"]) {
    clicks += object["inputs"]["clicks"].get<int>();
    keys += object["inputs"]["keys"].get<int>();
    EXPECT_GE(object["inputs"]["object_clicks"].get<int>(), 1) << object.dump();
    if (object["done"].get<bool>()) {
      EXPECT_GE(object["worst_iou"].get<double>(), 0.7) << object.dump();
    }
  }
  EXPECT_EQ(linear["total"]["clicks"].get<int>(), clicks);
  EXPECT_EQ(linear["total"]["keys"].get<int>(), keys);
  EXPECT_EQ(linear["total"]["save_keys"].get<int>(), 1);

  const auto bad = test::runCommand(std::string(FUSELABEL_CLI_PATH) + " script-label " +
                                    dir.string() + " --method guess 2>&1");
  EXPECT_EQ(bad.exitCode, 2) << bad.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fuselabel
