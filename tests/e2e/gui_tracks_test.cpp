// Tracks in the viewer, driven with real X input: on a small synthetic scene
// whose tracks are keyed every ten frames and linearly filled between, a
// nudge of a middle key refills the frames up to its neighbouring keys in the
// same undo step (the filled boxes lie on the new straight line, keys stay
// put), and one Ctrl+Z restores every box bit for bit.

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

// A small scene: 20 frames, one small camera, six actors.
const std::string kSceneOptions =
    "--frames 20 --cameras 1 --width 320 --height 240 --actors 6 --seed 7";

using namespace std::chrono_literals;

const nlohmann::json* instanceOf(const nlohmann::json& labels, std::int64_t id, int frame) {
  for (const auto& object : labels["objects"]) {
    if (object["id"] != id) continue;
    for (const auto& instance : object["instances"]) {
      if (instance["frame"] == frame) return &instance;
    }
  }
  return nullptr;
}

Eigen::Vector3d centreOf(const nlohmann::json& instance) {
  const auto c = instance["cuboid"].get<std::vector<double>>();
  return {c[0], c[1], c[2]};
}

// Keeps the boxes of frames 0, 10 and 19 (and each track's first and last)
// as keys and marks the rest filled, as if an annotator had keyed those.
nlohmann::json keyEveryTenFrames(nlohmann::json labels) {
  for (auto& object : labels["objects"]) {
    auto& instances = object["instances"];
    for (std::size_t i = 0; i < instances.size(); ++i) {
      const int frame = instances[i]["frame"].get<int>();
      const bool key = frame % 10 == 0 || frame == 19 || i == 0 || i + 1 == instances.size();
      instances[i]["source"] = key ? "keyframe" : "interpolated";
    }
  }
  return labels;
}

// The state's selected track has keys at frames 0 or before, 10, and filled
// frames on both sides of 10.
bool goodTrack(const nlohmann::json& j) {
  const auto& sources = j["selection"]["track_sources"];
  return sources.size() == 20 && sources[10] == "keyframe" && sources[5] == "interpolated" &&
         sources[15] == "interpolated" && sources[0] == "keyframe" && sources[19] == "keyframe";
}

TEST(GuiTracks, NudgingAMiddleKeyRefillsItsNeighboursAndOneUndoRestoresAll) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("tracks_refill");
  const auto made = makeSyntheticScene(dir, kSceneOptions);
  ASSERT_TRUE(made) << made.error().message;
  const std::filesystem::path scene = *made;
  std::ifstream truthStream(scene / "ground_truth.json");
  const nlohmann::json keyed = keyEveryTenFrames(nlohmann::json::parse(truthStream));
  const std::filesystem::path labels = dir / "keyed.json";
  std::ofstream(labels) << keyed.dump();
  const std::filesystem::path saved = dir / "saved.json";
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({scene.string(), "--labels", labels.string(), "--save-to", saved.string(),
                  "--debug-state", state.string()},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  const auto loaded = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["sequence"]["loaded"].get<bool>();
      },
      60s);
  ASSERT_TRUE(loaded) << "labels never loaded:\n" << stateDump(state) << app.output();
  const CommandResult found =
      runCommand("timeout 20 xdotool search --sync --all --onlyvisible --pid " +
                 std::to_string(app.pid()) + " --name '^fuselabel'");
  const std::string window = found.output.substr(0, found.output.find('\n'));
  ASSERT_FALSE(window.empty()) << found.output;
  (void)runCommand("xdotool windowfocus " + window);
  sleepMs(200);
  const auto key = [&](const std::string& keys) {
    ASSERT_EQ(runCommand("timeout 20 xdotool key " + keys).exitCode, 0) << keys;
    sleepMs(150);
  };
  // Ctrl+S writes the labels as read: the baseline undo must restore.
  const auto saveAs = [&](const std::filesystem::path& copy) {
    std::filesystem::remove(saved);
    key("ctrl+s");
    const auto written = waitForJson(
        saved, [](const nlohmann::json& j) { return j.contains("objects"); }, 20s);
    ASSERT_TRUE(written) << "Ctrl+S wrote nothing; output:\n" << app.output();
    std::filesystem::copy_file(saved, copy);
  };
  saveAs(dir / "baseline.json");

  for (int i = 0; i < 10; ++i)
    key("Right");
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["sequence"]["frame_index"] == 10; }, 20s))
      << stateDump(state);
  // Tab through the frame's boxes to a track filled on both sides of frame 10.
  std::optional<nlohmann::json> selected;
  for (int i = 0; i < 8 && !selected; ++i) {
    key("Tab");
    const auto now = waitForJson(
        state, [](const nlohmann::json& j) { return j["selection"]["id"] != 0; }, 10s);
    if (now && goodTrack(*now)) selected = now;
  }
  ASSERT_TRUE(selected) << "no track keyed at 0, 10 and 19:\n" << stateDump(state);
  const std::int64_t id = (*selected)["selection"]["id"].get<std::int64_t>();

  key("shift+i");  // 0.5 m forward: the key at frame 10 moves, the fill follows
  const auto edited = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["selection"]["undo"].get<std::string>().rfind("Edit", 0) == 0;
      },
      20s);
  ASSERT_TRUE(edited) << stateDump(state);
  std::printf("edit + linear refill of a 20-frame track in the viewer: %.3f ms\n",
              (*edited)["selection"]["last_refill_ms"].get<double>());
  EXPECT_EQ((*edited)["selection"]["track_sources"][10], "keyframe");
  EXPECT_EQ((*edited)["selection"]["track_sources"][11], "interpolated");
  key("Right");
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["sequence"]["frame_index"] == 11; }, 20s));
  saveAs(dir / "edited.json");
  key("ctrl+z");
  saveAs(dir / "undone.json");
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  ASSERT_TRUE(app.waitForExit(15s));

  const auto read = [](const std::filesystem::path& path) {
    std::ifstream stream(path);
    return nlohmann::json::parse(stream);
  };
  const nlohmann::json baseline = read(dir / "baseline.json");
  const nlohmann::json after = read(dir / "edited.json");
  const nlohmann::json undone = read(dir / "undone.json");
  const auto times = baseline["frame_timestamps_ns"].get<std::vector<std::int64_t>>();
  ASSERT_EQ(times.size(), 20u);

  // The key moved half a metre along its heading.
  const nlohmann::json* was = instanceOf(baseline, id, 10);
  const nlohmann::json* now = instanceOf(after, id, 10);
  ASSERT_TRUE(was != nullptr && now != nullptr);
  const auto q = (*was)["cuboid"].get<std::vector<double>>();
  const Eigen::Vector3d heading =
      Eigen::Quaterniond(q[6], q[3], q[4], q[5]).toRotationMatrix().col(0);
  EXPECT_NEAR((centreOf(*now) - centreOf(*was)).dot(heading), 0.5, 1e-9);
  EXPECT_EQ((*now)["source"], "keyframe");

  // Every filled frame between the neighbouring keys (0 and 19) lies on the
  // straight line, in time, from its earlier key to its later one.
  const auto t = [&](int frame) {
    return static_cast<double>(times[static_cast<std::size_t>(frame)]);
  };
  for (int frame = 1; frame < 19; ++frame) {
    if (frame == 10) continue;
    const int a = frame < 10 ? 0 : 10;
    const int b = frame < 10 ? 10 : 19;
    const nlohmann::json* filled = instanceOf(after, id, frame);
    ASSERT_NE(filled, nullptr) << frame;
    EXPECT_EQ((*filled)["source"], "interpolated") << frame;
    const double w = (t(frame) - t(a)) / (t(b) - t(a));
    const Eigen::Vector3d expected =
        centreOf(*instanceOf(after, id, a)) +
        w * (centreOf(*instanceOf(after, id, b)) - centreOf(*instanceOf(after, id, a)));
    EXPECT_LT((centreOf(*filled) - expected).norm(), 1e-6) << "frame " << frame;
  }
  // Keys never move, and nothing of other objects changed.
  for (const int frame : {0, 19}) {
    EXPECT_EQ((*instanceOf(after, id, frame))["cuboid"],
              (*instanceOf(baseline, id, frame))["cuboid"]);
  }
  ASSERT_EQ(after["objects"].size(), baseline["objects"].size());
  for (std::size_t o = 0; o < baseline["objects"].size(); ++o) {
    if (baseline["objects"][o]["id"] == id) continue;
    EXPECT_EQ(after["objects"][o], baseline["objects"][o]) << baseline["objects"][o]["id"];
  }
  // One Ctrl+Z undid the edit and its refill together, bit for bit.
  EXPECT_EQ(undone["objects"], baseline["objects"]);
}

// Only the boxes of frames 0, 10 and 19 (each track's first and last too):
// what an annotator keyed before filling.
nlohmann::json onlyKeys(nlohmann::json labels) {
  for (auto& object : labels["objects"]) {
    nlohmann::json kept = nlohmann::json::array();
    const auto& instances = object["instances"];
    for (std::size_t i = 0; i < instances.size(); ++i) {
      const int frame = instances[i]["frame"].get<int>();
      if (frame % 10 == 0 || frame == 19 || i == 0 || i + 1 == instances.size()) {
        kept.push_back(instances[i]);
      }
    }
    object["instances"] = kept;
  }
  return labels;
}

TEST(GuiTracks, KeysFillTheTrackJumpToTheSuggestedKeyFillAllAndCopyToTheNextFrame) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("tracks_keys");
  const auto made = makeSyntheticScene(dir, kSceneOptions);
  ASSERT_TRUE(made) << made.error().message;
  const std::filesystem::path scene = *made;
  std::ifstream truthStream(scene / "ground_truth.json");
  const std::filesystem::path labels = dir / "keys.json";
  std::ofstream(labels) << onlyKeys(nlohmann::json::parse(truthStream)).dump();
  const std::filesystem::path state = dir / "state.json";
  GuiProcess app({scene.string(), "--labels", labels.string(), "--save-to",
                  (dir / "saved.json").string(), "--debug-state", state.string()},
                 dir, {{"XDG_CONFIG_HOME", (dir / "config").string()}});
  ASSERT_TRUE(waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["sequence"]["loaded"].get<bool>();
      },
      60s))
      << "labels never loaded:\n"
      << stateDump(state) << app.output();
  const CommandResult found =
      runCommand("timeout 20 xdotool search --sync --all --onlyvisible --pid " +
                 std::to_string(app.pid()) + " --name '^fuselabel'");
  const std::string window = found.output.substr(0, found.output.find('\n'));
  ASSERT_FALSE(window.empty()) << found.output;
  (void)runCommand("xdotool windowfocus " + window);
  sleepMs(200);
  const auto key = [&](const std::string& keys) {
    ASSERT_EQ(runCommand("timeout 20 xdotool key " + keys).exitCode, 0) << keys;
    sleepMs(150);
  };
  const auto waitState = [&](auto ready) { return waitForJson(state, ready, 20s); };

  key("Tab");
  const auto selected = waitState([](const nlohmann::json& j) {
    const auto& sources = j["selection"]["track_sources"];
    return sources.size() == 20 && sources[0] == "keyframe" && sources[10] == "keyframe" &&
           sources[5].is_null();
  });
  ASSERT_TRUE(selected) << stateDump(state);

  key("ctrl+f");  // fill the selected track between its keys
  const auto filled = waitState([](const nlohmann::json& j) {
    return j["selection"]["track_sources"][5] == "interpolated" &&
           j["selection"]["undo"].get<std::string>().rfind("Fill ", 0) == 0 &&
           j["selection"]["suggested_frame"].is_number();
  });
  ASSERT_TRUE(filled) << stateDump(state);
  for (int frame = 1; frame < 19; ++frame) {
    if (frame == 10) continue;
    EXPECT_EQ((*filled)["selection"]["track_sources"][frame], "interpolated") << frame;
  }

  key("ctrl+k");  // go to the frame the smoother is least sure of
  const int suggested = (*filled)["selection"]["suggested_frame"].get<int>();
  EXPECT_TRUE(waitState([&](const nlohmann::json& j) {
    return j["sequence"]["frame_index"] == suggested;
  })) << "Ctrl+K should go to frame "
      << suggested << "\n"
      << stateDump(state);

  key("ctrl+z");  // the fill was one step
  EXPECT_TRUE(waitState([](const nlohmann::json& j) {
    return j["selection"]["track_sources"][5].is_null();
  })) << stateDump(state);

  key("ctrl+shift+f");  // every track, in the background
  const auto all = waitState([](const nlohmann::json& j) {
    const std::string undo = j["selection"]["undo"].get<std::string>();
    return undo.rfind("Fill ", 0) == 0 && undo.find(" tracks ") != std::string::npos;
  });
  ASSERT_TRUE(all) << stateDump(state);
  EXPECT_EQ((*all)["selection"]["track_sources"][5], "interpolated");

  key("Home");
  key("ctrl+n");  // this box, as a key, in the next frame; the view follows
  const auto copied = waitState([](const nlohmann::json& j) {
    return j["sequence"]["frame_index"] == 1 && j["selection"]["track_sources"][1] == "keyframe";
  });
  ASSERT_TRUE(copied) << stateDump(state);
  EXPECT_EQ((*copied)["selection"]["undo"].get<std::string>().rfind("Copy ", 0), 0u);

  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  ASSERT_TRUE(app.waitForExit(15s));
}

}  // namespace
}  // namespace fuselabel::e2e
