// Review mode, driven with real X input: a reviewer walks a synthetic
// scene's labels with the review keys, accepts one box, pins and rejects the
// next with a typed comment, and saves; the file holds both verdicts with
// who and when, the comment and the pin, and an audit log naming the
// reviewer. The annotator then opens the rejected queue, sees the comment,
// marks the box fixed and saves: the log keeps both people's lines.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/e2e/gui_driver.hpp"
#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;

/// The instance of object `id` at `frame` in a native label file, or null.
nlohmann::json instanceAt(const nlohmann::json& labels, std::int64_t id, std::int64_t frame) {
  for (const auto& object : labels["objects"]) {
    if (object["id"] != id) continue;
    for (const auto& instance : object["instances"])
      if (instance["frame"] == frame) return instance;
  }
  return nullptr;
}

struct Item {
  std::int64_t object = 0;
  std::int64_t frame = 0;
};

/// Waits for the review walk to stand on an item other than `not`; returns it.
std::optional<Item> waitForItem(const std::filesystem::path& state, std::optional<Item> other) {
  const auto j = waitForJson(
      state,
      [&](const nlohmann::json& s) {
        const auto& r = s["review"];
        if (r["current_object"].is_null()) return false;
        if (!other) return true;
        return r["current_object"] != other->object || r["current_frame"] != other->frame;
      },
      20s);
  if (!j) return std::nullopt;
  return Item{(*j)["review"]["current_object"].get<std::int64_t>(),
              (*j)["review"]["current_frame"].get<std::int64_t>()};
}

/// Ctrl+S, then (once the state says saved) Ctrl+Q; true when the app ended.
bool saveAndQuit(GuiProcess& app, const std::filesystem::path& state) {
  if (!pressKeys("ctrl+s") ||
      !waitForJson(
          state, [](const nlohmann::json& j) { return !j["editing"]["modified"].get<bool>(); },
          10s) ||
      !pressKeys("ctrl+q")) {
    return false;
  }
  return app.waitForExit(15s).has_value();
}

TEST(GuiReview, ReviewerAcceptsRejectsWithACommentAndPinThenTheAnnotatorMarksItFixed) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const std::filesystem::path dir = freshWorkDir("review");
  const auto made = makeSyntheticScene(
      dir, "--frames 6 --cameras 1 --width 320 --height 240 --actors 4 --seed 5");
  ASSERT_TRUE(made) << made.error().message;
  const std::filesystem::path scene = *made;
  // The generator's truth comes accepted; the reviewer gets it unreviewed.
  nlohmann::json labels = readJson(scene / "ground_truth.json").value_or(nullptr);
  for (auto& object : labels["objects"])
    for (auto& instance : object["instances"])
      instance["review"] = "unreviewed";
  const std::filesystem::path mine = dir / "mine.json";
  std::ofstream(mine) << labels.dump();

  const std::filesystem::path state = dir / "state.json";
  const std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (dir / "config").string()},
                                               {"XDG_CACHE_HOME", (dir / "cache").string()}};
  Item accepted;
  Item rejected;
  {
    GuiProcess app({scene.string(), "--labels", mine.string(), "--review", "to-review", "--user",
                    "rita", "--debug-state", state.string()},
                   dir, env);
    const auto ready = waitForJson(
        state,
        [](const nlohmann::json& j) {
          return j["labels"]["state"] == "loaded" && j["review"]["panel_open"].get<bool>() &&
                 j["review"]["queue"] > 0 && j["sequence"]["loaded"].get<bool>();
        },
        60s);
    ASSERT_TRUE(ready) << stateDump(state) << app.output();
    const int queued = (*ready)["review"]["queue"].get<int>();
    const std::string window = focusWindowOf(app.pid());
    ASSERT_FALSE(window.empty()) << app.output();

    // "." starts the walk: the first item's frame, its object selected.
    ASSERT_TRUE(pressKeys("period"));
    const auto first = waitForItem(state, std::nullopt);
    ASSERT_TRUE(first) << stateDump(state);
    auto now = waitForJson(
        state,
        [&](const nlohmann::json& j) {
          return j["selection"]["id"] == first->object &&
                 j["sequence"]["frame_index"] == first->frame;
        },
        20s);
    ASSERT_TRUE(now) << "the walk did not go to its item:\n" << stateDump(state);
    accepted = *first;

    // Y accepts and moves on.
    ASSERT_TRUE(pressKeys("y"));
    const auto second = waitForItem(state, accepted);
    ASSERT_TRUE(second) << stateDump(state);
    rejected = *second;
    ASSERT_TRUE(waitForJson(
        state, [&](const nlohmann::json& j) { return j["review"]["queue"] == queued - 1; }, 10s))
        << stateDump(state);

    // M over the middle of the 3D view pins the spot; X asks for a comment,
    // typed and sent with Enter.
    now = readJson(state);
    ASSERT_TRUE(now);
    const auto& view = (*now)["view_rect"];
    ASSERT_TRUE(moveTo(
        window, Eigen::Vector2d(view["x"].get<double>() + 0.5 * view["width"].get<double>(),
                                view["y"].get<double>() + 0.6 * view["height"].get<double>())));
    ASSERT_TRUE(pressKeys("m"));
    ASSERT_TRUE(waitForJson(
        state,
        [](const nlohmann::json& j) {
          return j["review"]["last_audit"].get<std::string>().find("rita edit Pin") == 0;
        },
        10s))
        << "no pin:\n"
        << stateDump(state);
    ASSERT_TRUE(pressKeys("x"));
    ASSERT_TRUE(typeText("rear face too short"));
    ASSERT_TRUE(pressKeys("Return"));
    ASSERT_TRUE(waitForJson(
        state, [&](const nlohmann::json& j) { return j["review"]["queue"] == queued - 2; }, 10s))
        << stateDump(state);
    ASSERT_TRUE(saveAndQuit(app, state)) << stateDump(state);
  }

  const nlohmann::json saved = readJson(mine).value_or(nullptr);
  const nlohmann::json yes = instanceAt(saved, accepted.object, accepted.frame);
  ASSERT_FALSE(yes.is_null());
  EXPECT_EQ(yes["review"], "accepted");
  EXPECT_EQ(yes["review_by"], "rita");
  EXPECT_EQ(yes["review_time"].get<std::string>().size(), 20U) << yes.dump();
  const nlohmann::json no = instanceAt(saved, rejected.object, rejected.frame);
  ASSERT_FALSE(no.is_null());
  EXPECT_EQ(no["review"], "rejected");
  EXPECT_EQ(no["review_by"], "rita");
  EXPECT_EQ(no["review_comment"], "rear face too short");
  ASSERT_TRUE(no["review_pin"].is_array()) << no.dump();
  EXPECT_EQ(no["review_pin"].size(), 3U);
  ASSERT_EQ(saved["audit"].size(), 3U) << saved["audit"].dump(1);  // accept, pin, reject
  for (const auto& line : saved["audit"]) {
    EXPECT_EQ(line["user"], "rita");
    EXPECT_EQ(line["event"], "edit");
  }
  EXPECT_EQ(saved["audit"][0]["action"].get<std::string>().rfind("Review accepted", 0), 0U)
      << saved["audit"][0].dump();
  EXPECT_EQ(saved["audit"][2]["objects"][0], rejected.object);

  // The annotator: the rejected queue holds the one box, with its comment.
  GuiProcess app({scene.string(), "--labels", mine.string(), "--review", "rejected", "--user",
                  "annie", "--debug-state", state.string()},
                 dir, env);
  const auto opened = waitForJson(
      state,
      [](const nlohmann::json& j) {
        return j["labels"]["state"] == "loaded" && j["review"]["filter"] == "rejected" &&
               j["review"]["panel_open"].get<bool>() && j["review"]["audit_lines"] == 3;
      },
      60s);
  ASSERT_TRUE(opened) << stateDump(state) << app.output();
  EXPECT_EQ((*opened)["review"]["queue"], 1);
  const std::string window = focusWindowOf(app.pid());
  ASSERT_FALSE(window.empty());
  ASSERT_TRUE(pressKeys("period"));
  const auto item = waitForItem(state, std::nullopt);
  ASSERT_TRUE(item) << stateDump(state);
  EXPECT_EQ(item->object, rejected.object);
  EXPECT_EQ(item->frame, rejected.frame);
  ASSERT_TRUE(pressKeys("e"));
  ASSERT_TRUE(waitForJson(
      state, [](const nlohmann::json& j) { return j["review"]["queue"] == 0; }, 10s))
      << stateDump(state);
  ASSERT_TRUE(saveAndQuit(app, state)) << stateDump(state);
  const nlohmann::json fixed = readJson(mine).value_or(nullptr);
  const nlohmann::json mended = instanceAt(fixed, rejected.object, rejected.frame);
  EXPECT_EQ(mended["review"], "fixed");
  EXPECT_EQ(mended["review_by"], "annie");
  EXPECT_EQ(mended["review_comment"], "rear face too short") << "the reviewer's words stay";
  ASSERT_EQ(fixed["audit"].size(), 4U);
  EXPECT_EQ(fixed["audit"][0]["user"], "rita");
  EXPECT_EQ(fixed["audit"][3]["user"], "annie");
}

}  // namespace
}  // namespace fuselabel::e2e
