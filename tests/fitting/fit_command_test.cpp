// `fuselabel-cli fit` on a generated synthetic scene: it fits the frame's
// cuboids, marks exactly those instances `fitted`, and reports each box.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"
#include "support/run_command.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

TEST(FitCommand, FitsTheFramesCuboidsAndMarksThemFitted) {
  const fs::path dir =
      fs::temp_directory_path() / ("fuselabel_fit_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  SynthOptions synth;
  synth.frames = 3;
  synth.beams = 32;
  synth.columns = 1024;
  synth.cameras = 0;
  synth.actors = 20;
  synth.seed = 4;
  ASSERT_TRUE(generateSyntheticScene(synth, dir).ok());
  const fs::path out = dir / "fitted.json";
  // Appended piece by piece: GCC 12 warns falsely (array-bounds) about a
  // chain of + on std::string started from a long literal.
  std::string command = FUSELABEL_CLI_PATH;
  command += " fit " + dir.string() + " --labels " + (dir / kSynthLabelsFile).string();
  command += " --frame 1 -o " + out.string() + " 2>&1";
  const auto run = test::runCommand(command);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("shift_m"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("frame 1: fitted "), std::string::npos) << run.output;

  auto sequence = openDataset(dir);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto context = labelContextFromSequence(*sequence);
  ASSERT_TRUE(context.ok()) << context.error().message;
  auto truth = readLabels(dir / kSynthLabelsFile, *context);
  auto fitted = readLabels(out, *context);
  ASSERT_TRUE(truth.ok() && fitted.ok());
  ASSERT_EQ(truth->document.objectCount(), fitted->document.objectCount());
  std::size_t marked = 0;
  for (const Track& track : fitted->document.tracks()) {
    for (const Instance& instance : track.instances) {
      if (instance.frame != 1) {
        EXPECT_NE(instance.source, InstanceSource::Fitted) << "frame " << instance.frame;
      } else if (instance.source == InstanceSource::Fitted) {
        ++marked;
      }
    }
  }
  EXPECT_GT(marked, 0U);
  // One output row per fitted box.
  std::size_t rows = 0;
  for (std::size_t at = run.output.find('\n'); at != std::string::npos;
       at = run.output.find('\n', at + 1))
    ++rows;
  EXPECT_GE(rows, marked);
  fs::remove_all(dir);
}

TEST(FitCommand, FrameOutsideTheDatasetIsAnError) {
  const fs::path dir =
      fs::temp_directory_path() / ("fuselabel_fit_cli_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  SynthOptions synth;
  synth.frames = 1;
  synth.beams = 16;
  synth.columns = 256;
  synth.cameras = 0;
  synth.actors = 4;
  ASSERT_TRUE(generateSyntheticScene(synth, dir).ok());
  std::string command = FUSELABEL_CLI_PATH;  // piece by piece, as above
  command += " fit " + dir.string() + " --labels " + (dir / kSynthLabelsFile).string();
  command += " --frame 7 -o " + (dir / "x.json").string() + " 2>&1";
  const auto run = test::runCommand(command);
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("--frame 7"), std::string::npos) << run.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fuselabel
