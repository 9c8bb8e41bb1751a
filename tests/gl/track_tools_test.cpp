// The Track panel's commands on a small synthetic scene opened as the GUI
// opens it: background fills are one undo step, Cancel or an edit during the
// job leaves the labels untouched, a fit without readable sweeps says so, and
// copy / split / delete-from-here each make one named undo step.

#include "app/gui/scene/track_tools.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel::gui {
namespace {

using namespace std::chrono_literals;

constexpr int k_frames = 12;

// One scene per process (ctest runs each test in its own), removed at exit.
struct Scene {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("fuselabel_track_tools_test_" + std::to_string(::getpid()));
  Scene() {
    SynthOptions options;
    options.frames = k_frames;
    options.cameras = 0;
    options.actors = 3;
    options.beams = 32;
    options.columns = 900;
    options.seed = 5;
    EXPECT_TRUE(generateSyntheticScene(options, dir));
  }
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;
  ~Scene() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

const std::filesystem::path& sceneDir() {
  static const Scene scene;
  return scene.dir;
}

template <class Done>
bool waitFor(Done done, std::chrono::seconds timeout = 60s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

class TrackToolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_session.open(sceneDir(), DatasetOpenOptions{}, "");
    ASSERT_TRUE(waitFor([&] {
      m_session.update(0.0);
      return m_session.state() != DatasetState::Opening;
    }));
    ASSERT_EQ(m_session.state(), DatasetState::Open) << m_session.openError();
    // A save path of its own, without the autosave journal an earlier test
    // left (that would make the session ask to recover first).
    const std::filesystem::path save =
        sceneDir() /
        (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".json");
    std::filesystem::remove(save.string() + ".journal");
    m_labels.load(m_session.sharedSequence(),
                  LabelRequest{sceneDir() / "ground_truth.json", "", save});
    ASSERT_TRUE(waitFor([&] {
      m_labels.update();
      return m_labels.state() != LabelState::Loading;
    }));
    ASSERT_EQ(m_labels.state(), LabelState::Loaded) << m_labels.message();
    // Keep keys at 0, 5 and 11 of every box track: the rest is for the fills.
    m_labels.beginEdit("thin");
    for (const Track& track : std::vector<Track>(m_labels.document().tracks().begin(),
                                                 m_labels.document().tracks().end())) {
      for (const Instance& instance : track.instances) {
        if (instance.frame > 0 && instance.frame != 5 && instance.frame != 11) {
          ASSERT_TRUE(m_labels.apply(
              std::make_unique<RemoveInstanceCommand>(track.object.id, instance.frame)));
        }
      }
    }
    m_labels.endEdit();
    m_car = m_labels.document().tracks().front().object.id;
    m_labels.select(m_car);
  }

  void finish() {
    ASSERT_TRUE(waitFor([&] {
      m_tools.update();
      return !m_tools.busy();
    }));
  }

  ViewerSession m_session;
  LabelSession m_labels;
  TrackTools m_tools{m_labels, m_session};
  ObjectId m_car;
};

TEST_F(TrackToolsTest, FillAllRunsInTheBackgroundAsOneUndoStep) {
  const Document before = m_labels.document();
  m_tools.setMethod(FillMethod::Linear);
  m_tools.fillAll();
  EXPECT_TRUE(m_tools.busy());
  finish();
  EXPECT_FALSE(m_tools.failed()) << m_tools.message();
  const Track& car = *m_labels.document().track(m_car);
  ASSERT_EQ(car.instances.size(), static_cast<std::size_t>(k_frames));
  EXPECT_EQ(car.instances[3].source, InstanceSource::Interpolated);
  std::size_t boxTracks = 0;
  for (const Track& track : before.tracks()) {
    boxTracks += std::holds_alternative<Cuboid>(track.instances.front().geometry) ? 1 : 0;
  }
  EXPECT_EQ(m_labels.history()->undoDescription().rfind(
                "Fill " + std::to_string(boxTracks) + " tracks (linear)", 0),
            0u)
      << m_labels.history()->undoDescription();
  ASSERT_TRUE(m_labels.undo());
  EXPECT_TRUE(m_labels.document() == before);
}

TEST_F(TrackToolsTest, CancelLeavesTheLabelsUntouched) {
  const Document before = m_labels.document();
  m_tools.setMethod(FillMethod::KalmanFit);
  m_tools.fillAll();
  m_tools.cancel();
  finish();
  EXPECT_NE(m_tools.message().find("cancelled"), std::string::npos) << m_tools.message();
  EXPECT_TRUE(m_labels.document() == before);
}

TEST_F(TrackToolsTest, AnEditDuringAJobDiscardsItsResult) {
  m_tools.setMethod(FillMethod::KalmanFit);
  m_tools.fillAll();
  Cuboid box = std::get<Cuboid>(m_labels.document().instance(m_car, 5)->geometry);
  box.center.y() += 0.1;
  ASSERT_TRUE(m_labels.apply(std::make_unique<SetGeometryCommand>(m_car, 5, box)));
  const Document edited = m_labels.document();
  finish();
  EXPECT_TRUE(m_tools.failed());
  EXPECT_NE(m_tools.message().find("changed meanwhile"), std::string::npos) << m_tools.message();
  EXPECT_TRUE(m_labels.document() == edited);
}

TEST_F(TrackToolsTest, PropagateFitsPastTheLastKeyAndSaysWhenNoSweepIsReadable) {
  // Keys at 0 and 5 only: the fit carries the car on through its points.
  ASSERT_TRUE(m_labels.apply(std::make_unique<RemoveInstanceCommand>(m_car, 11)));
  m_tools.propagateSelected();
  finish();
  ASSERT_FALSE(m_tools.failed()) << m_tools.message();
  const Instance* after = m_labels.document().instance(m_car, 6);
  ASSERT_NE(after, nullptr) << m_tools.message();
  EXPECT_TRUE(after->source == InstanceSource::Fitted ||
              after->source == InstanceSource::Predicted);
  EXPECT_EQ(m_labels.document().instance(m_car, 3), nullptr) << "only past the last key";
  ASSERT_TRUE(m_labels.undo());

  // Without the sweeps the fit has nothing to fit to, and says so.
  const std::filesystem::path sweeps = sceneDir() / "lidar_top";
  const std::filesystem::path hidden = sceneDir() / "lidar_top.hidden";
  std::filesystem::rename(sweeps, hidden);
  const Document before = m_labels.document();
  m_tools.propagateSelected();
  finish();
  std::filesystem::rename(hidden, sweeps);
  EXPECT_TRUE(m_tools.failed()) << m_tools.message();
  EXPECT_TRUE(m_labels.document() == before);
}

TEST_F(TrackToolsTest, CopySplitAndDeleteAreOneNamedStepEach) {
  m_session.setFrame(5);
  const std::size_t steps = m_labels.history()->stepCount();
  m_tools.copyToNextFrame();
  ASSERT_FALSE(m_tools.failed()) << m_tools.message();
  EXPECT_EQ(m_session.currentFrame(), 6u);
  const Instance* copied = m_labels.document().instance(m_car, 6);
  ASSERT_NE(copied, nullptr);
  EXPECT_EQ(copied->source, InstanceSource::Keyframe);
  EXPECT_TRUE(sameGeometry(copied->geometry, m_labels.document().instance(m_car, 5)->geometry));
  EXPECT_EQ(m_labels.history()->stepCount(), steps + 1);
  EXPECT_EQ(m_labels.history()->undoDescription().rfind("Copy ", 0), 0u);
  // A key in the next frame is a person's work: no copy over it.
  m_session.setFrame(4);
  const Document withCopy = m_labels.document();
  m_tools.copyToNextFrame();
  EXPECT_TRUE(m_tools.failed());
  EXPECT_TRUE(m_labels.document() == withCopy);
  m_session.setFrame(6);

  const std::size_t objects = m_labels.document().objectCount();
  m_tools.splitHere();
  ASSERT_FALSE(m_tools.failed()) << m_tools.message();
  EXPECT_EQ(m_labels.document().objectCount(), objects + 1);
  EXPECT_EQ(m_labels.document().instance(m_car, 6), nullptr);
  ASSERT_TRUE(m_labels.undo());

  m_tools.deleteFromHere();
  ASSERT_FALSE(m_tools.failed()) << m_tools.message();
  EXPECT_EQ(m_labels.document().track(m_car)->instances.back().frame, 5);
  EXPECT_EQ(m_labels.history()->undoDescription().rfind("Delete ", 0), 0u);
  EXPECT_EQ(m_labels.history()->stepCount(), steps + 2);
}

TEST_F(TrackToolsTest, WithKalmanFitAnEditIsRefittedInTheBackgroundWithinItsUndoStep) {
  m_tools.setMethod(FillMethod::Linear);
  m_tools.fillAll();
  finish();
  const Document beforeEdit = m_labels.document();
  const std::size_t steps = m_labels.history()->stepCount();

  m_tools.setMethod(FillMethod::KalmanFit);
  Cuboid box = std::get<Cuboid>(m_labels.document().instance(m_car, 5)->geometry);
  box.center.y() += 0.3;
  ASSERT_TRUE(m_labels.apply(std::make_unique<SetGeometryCommand>(m_car, 5, box)));
  const std::string edit = m_labels.history()->undoDescription();
  const Document kalmanRefilled = m_labels.document();
  EXPECT_FALSE(kalmanRefilled == beforeEdit);
  m_tools.update();
  EXPECT_TRUE(m_tools.busy()) << "the refit runs on the worker";
  finish();
  EXPECT_FALSE(m_tools.failed()) << m_tools.message();
  EXPECT_EQ(m_labels.history()->stepCount(), steps + 1) << m_tools.message();
  EXPECT_EQ(m_labels.history()->undoDescription(), edit);
  bool fitted = false;
  for (const Instance& instance : m_labels.document().track(m_car)->instances) {
    fitted = fitted || instance.source == InstanceSource::Fitted;
  }
  EXPECT_TRUE(fitted) << m_tools.message();
  EXPECT_TRUE(sameGeometry(m_labels.document().instance(m_car, 5)->geometry, box))
      << "the key stays as edited";
  ASSERT_TRUE(m_labels.undo());
  EXPECT_TRUE(m_labels.document() == beforeEdit) << "one undo takes back edit, refill and refit";
}

}  // namespace
}  // namespace fuselabel::gui
