// Issue 9: a full scripted labeling run (20 objects over 50 synthetic frames)
// ends with every instance of every labeled object within IoU 0.7 of the
// truth, and reports the clicks and key presses it took. The scene is
// generated into a temporary folder; the same options give the same bytes,
// so the tally is the same on every machine.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "app/gui/scene/scripted_annotator.hpp"
#include "core/geometry/iou.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel::gui {
namespace {

namespace fs = std::filesystem;

// The scene `fuselabel-cli synth --frames 50 --cameras 0 --actors 60 --seed 2`
// writes (the CLI's script-label reproduces the figures on it).
SynthOptions sceneOptions() {
  SynthOptions options;
  options.frames = 50;
  options.cameras = 0;
  options.actors = 60;
  options.seed = 2;
  return options;
}

class ScriptedLabeling : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = fs::temp_directory_path() / ("fuselabel_scripted_" + std::to_string(::getpid()));
    fs::remove_all(s_dir);
    auto summary = generateSyntheticScene(sceneOptions(), s_dir);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
  }
  static void TearDownTestSuite() { fs::remove_all(s_dir); }

  static inline fs::path s_dir;
};

void printTally(const ScriptReport& report) {
  for (const ScriptedObject& o : report.objects) {
    std::printf("%-18s %2d instances %2d keyframes worst IoU %.3f: %2d clicks %3d keys%s%s\n",
                o.name.c_str(), o.instances, o.keyframes, o.worstIou, o.inputs.clicks(),
                o.inputs.keys(), o.done ? "" : "  NOT DONE: ", o.problem.c_str());
  }
  const InputTally& t = report.total;
  std::printf(
      "%s: %d clicks (%d objects, %d timeline, %d inspector), %d key presses (%d palette, %d "
      "Ctrl+Z, %d A/D, %d Shift+C, %d nudges, %d Shift+nudges, %d T, %d G, %d Ctrl+S)\n",
      std::string(toString(report.method)).c_str(), t.clicks(), t.objectClicks, t.timelineClicks,
      t.inspectorClicks, t.keys(), t.paletteKeys, t.undoKeys, t.frameStepKeys, t.boxForSelectedKeys,
      t.fineNudgeKeys, t.coarseNudgeKeys, t.fitToPointsKeys, t.snapToGroundKeys, t.saveKeys);
}

// The run with `method` as the GUI's refill: 20 objects, every instance of
// each object's seen span within IoU 0.7 of the truth; prints the tally.
void runAndCheck(const fs::path& dir, FillMethod method) {
  auto sequence = openDataset(dir);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto context = labelContextFromSequence(*sequence);
  ASSERT_TRUE(context.ok()) << context.error().message;
  auto truth = readLabels(dir / kSynthLabelsFile, *context);
  ASSERT_TRUE(truth.ok()) << truth.error().message;

  ScriptOptions options;
  options.objects = 20;
  options.method = method;
  auto report = runScriptedAnnotator(*sequence, *context, truth->document, options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  printTally(*report);

  ASSERT_EQ(report->objects.size(), 20U);
  for (const ScriptedObject& o : report->objects) {
    EXPECT_TRUE(o.done) << o.name << ": " << o.problem;
    EXPECT_GE(o.instances, 20) << o.name << ": too short a span to say much";
    // Check the claim on the annotator's document itself, not the report's
    // own figure: every truth instance of the span has a box within IoU 0.7.
    const Track* mine = report->document.track(o.labeledId);
    ASSERT_NE(mine, nullptr) << o.name;
    int checked = 0;
    for (const Instance& instance : truth->document.track(o.truthId)->instances) {
      if (instance.frame < o.firstFrame || instance.frame > o.lastFrame) {
        continue;  // before the object came into view, or after it left
      }
      ++checked;
      const Instance* labeled = mine->at(instance.frame);
      ASSERT_NE(labeled, nullptr) << o.name << " frame " << instance.frame;
      EXPECT_GE(iou3d(std::get<Cuboid>(labeled->geometry), std::get<Cuboid>(instance.geometry)),
                0.7)
          << o.name << " frame " << instance.frame;
      EXPECT_NE(labeled->source, InstanceSource::Proposal) << o.name;
    }
    EXPECT_EQ(checked, o.instances) << o.name;
    // Every box came from an input: at least one click made the object.
    EXPECT_GE(o.inputs.objectClicks, 1) << o.name;
  }
  EXPECT_TRUE(report->allDone());
}

TEST_F(ScriptedLabeling, KalmanRefillTwentyObjectsReachIou07) {
  runAndCheck(s_dir, FillMethod::Kalman);
}

// Refill with auto-fit (kalman-fit): the slow one, about half a minute.
TEST_F(ScriptedLabeling, KalmanFitRefillTwentyObjectsReachIou07) {
  runAndCheck(s_dir, FillMethod::KalmanFit);
}

}  // namespace
}  // namespace fuselabel::gui
