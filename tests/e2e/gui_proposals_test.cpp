// Pre-labelled sequences in the GUI, driven with real X input: a synthetic
// scene pre-labelled by `fuselabel-cli prelabel` opens with every proposal
// track waiting; Backspace rejects the first track, then one Enter per track
// accepts the rest, each one undo step, until no proposal is left. The saved
// file holds only accepted keyframe tracks. How many of the accepted tracks
// follow a true object is printed (the track-level figure of docs/prelabel.md).

#include <gtest/gtest.h>

#include <Eigen/Core>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

/// Box centres of a native file by frame: frame → (object id, centre).
std::multimap<std::int64_t, std::pair<std::int64_t, Eigen::Vector3d>> centresByFrame(
    const nlohmann::json& labels) {
  std::multimap<std::int64_t, std::pair<std::int64_t, Eigen::Vector3d>> out;
  for (const auto& object : labels["objects"]) {
    for (const auto& instance : object["instances"]) {
      if (!instance.contains("cuboid")) continue;
      const auto& c = instance["cuboid"];
      out.emplace(
          instance["frame"].get<std::int64_t>(),
          std::pair{object["id"].get<std::int64_t>(),
                    Eigen::Vector3d(c[0].get<double>(), c[1].get<double>(), c[2].get<double>())});
    }
  }
  return out;
}

/// Tracks of `labels` most of whose boxes lie within 1 m of one true object's box.
std::size_t tracksFollowingATrueObject(const nlohmann::json& labels, const nlohmann::json& truth) {
  const auto truthBoxes = centresByFrame(truth);
  std::size_t following = 0;
  for (const auto& object : labels["objects"]) {
    std::map<std::int64_t, int> hits;  // truth id → boxes of this track near it
    int boxes = 0;
    for (const auto& instance : object["instances"]) {
      if (!instance.contains("cuboid")) continue;
      ++boxes;
      const auto& c = instance["cuboid"];
      const Eigen::Vector3d centre(c[0].get<double>(), c[1].get<double>(), c[2].get<double>());
      const auto [first, last] = truthBoxes.equal_range(instance["frame"].get<std::int64_t>());
      for (auto it = first; it != last; ++it) {
        if ((it->second.second - centre).head<2>().norm() <= 1.0) {
          ++hits[it->second.first];
          break;
        }
      }
    }
    for (const auto& [id, n] : hits) {
      if (2 * n > boxes) {
        ++following;
        break;
      }
    }
  }
  return following;
}

std::optional<nlohmann::json> waitForProposals(const std::filesystem::path& state,
                                               std::int64_t tracks) {
  return waitForJson(
      state, [&](const nlohmann::json& j) { return j["labels"]["proposal_tracks"] == tracks; },
      20s);
}

TEST(GuiProposals, BackspaceRejectsATrackAndOneEnterAcceptsEachOfTheRest) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("proposals");
  const auto made =
      makeSyntheticScene(dir, "--frames 10 --cameras 1 --width 320 --height 240 --seed 3");
  ASSERT_TRUE(made) << made.error().message;
  const std::filesystem::path scene = *made;
  const std::filesystem::path proposals = dir / "proposals.json";
  const CommandResult prelabel =
      runCommand(std::string(FUSELABEL_CLI_BINARY) + " prelabel " + scene.string() + " -o " +
                 proposals.string() + " -q 2>&1");
  ASSERT_EQ(prelabel.exitCode, 0) << prelabel.output;
  const nlohmann::json written = readJson(proposals).value_or(nullptr);
  const auto tracks = static_cast<std::int64_t>(written["objects"].size());
  ASSERT_GE(tracks, 3) << "prelabel proposed too little to walk";

  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({scene.string(), "--labels", proposals.string(), "--debug-state", state.string()},
                 dir,
                 {{"XDG_CONFIG_HOME", (dir / "config").string()},
                  {"XDG_CACHE_HOME", (dir / "cache").string()}});
  const auto opened = waitForJson(
      state,
      [&](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["labels"]["proposal_tracks"] == tracks;
      },
      60s);
  ASSERT_TRUE(opened) << stateDump(state) << app.output();
  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty()) << app.output();

  // Backspace: the first track with proposals goes, in one step.
  ASSERT_TRUE(pressKeys("BackSpace"));
  ASSERT_TRUE(waitForProposals(state, tracks - 1)) << stateDump(state);
  // Then one Enter per track.
  for (std::int64_t left = tracks - 1; left > 0; --left) {
    ASSERT_TRUE(pressKeys("Return"));
    ASSERT_TRUE(waitForProposals(state, left - 1)) << "Enter " << (tracks - left) << ":\n"
                                                   << stateDump(state);
  }
  const auto done = readJson(state);
  ASSERT_TRUE(done);
  EXPECT_EQ((*done)["editing"]["undo_steps"], tracks) << "one step per key";
  EXPECT_EQ((*done)["labels"]["objects"], tracks - 1);
  ASSERT_TRUE(pressKeys("ctrl+s"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); }, 10s))
      << stateDump(state);
  ASSERT_TRUE(pressKeys("ctrl+q"));
  ASSERT_TRUE(app.waitForExit(15s)) << stateDump(state);

  const nlohmann::json saved = readJson(proposals).value_or(nullptr);
  ASSERT_EQ(static_cast<std::int64_t>(saved["objects"].size()), tracks - 1);
  for (const auto& object : saved["objects"]) {
    for (const auto& instance : object["instances"]) {
      EXPECT_EQ(instance["source"], "keyframe") << object["id"];
      EXPECT_EQ(instance["review"], "accepted") << object["id"];
    }
  }
  const std::size_t following =
      tracksFollowingATrueObject(written, readJson(scene / "ground_truth.json").value_or(nullptr));
  std::cout << "proposal tracks following a true object: " << following << " of " << tracks << "\n";
}

}  // namespace
}  // namespace fuselabel::e2e
