// `fuselabel` without a dataset prepares the built-in demo in the user cache.
// Generating the full demo takes too long for this tier, so these tests cover
// the two ways it can end early: an unwritable cache (an error in the window,
// not a crash) and closing the window mid-generation (a prompt, clean exit
// that leaves no partial scene to be reused). The cache logic itself is tested
// on a tiny scene in tests/synthetic/synthetic_demo_test.cpp.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/e2e/gui_process.hpp"

namespace fuselabel::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool waitForOutput(const GuiProcess& app, const std::string& text,
                   std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (app.output().find(text) != std::string::npos) return true;
    sleepMs(100);
  }
  return false;
}

// Hidden ".demo-<hash>.partial-<pid>" folders under `cache`, and finished ones.
int countEntries(const fs::path& cache, const std::string& marker) {
  int count = 0;
  std::error_code ec;
  for (fs::directory_iterator it(cache, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().find(marker) != std::string::npos) ++count;
  }
  return count;
}

TEST(GuiDemo, UnwritableCacheIsShownAsAnErrorNotACrash) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const fs::path dir = freshWorkDir("demo_unwritable");
  // A file where the cache folder should be: unwritable even for root.
  std::ofstream(dir / "not_a_folder") << "x";
  GuiProcess app({}, dir,
                 {{"XDG_CONFIG_HOME", (dir / "config").string()},
                  {"XDG_CACHE_HOME", (dir / "not_a_folder").string()}});
  ASSERT_TRUE(waitForOutput(app, "cannot prepare the demo scene", 30s)) << app.output();
  EXPECT_NE(app.output().find("cannot create the cache folder"), std::string::npos) << app.output();
  sleepMs(300);
  EXPECT_FALSE(app.waitForExit(0ms)) << "the app must keep running without its demo:\n"
                                     << app.output();
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
}

TEST(GuiDemo, QuittingDuringGenerationLeavesNoPartialScene) {
  const std::string problem = displayProblem();
  ASSERT_TRUE(problem.empty()) << problem;
  const fs::path dir = freshWorkDir("demo_interrupted");
  const fs::path cache = dir / "cache";
  GuiProcess app(
      {}, dir,
      {{"XDG_CONFIG_HOME", (dir / "config").string()}, {"XDG_CACHE_HOME", cache.string()}});
  ASSERT_TRUE(waitForOutput(app, "generating the demo scene", 30s)) << app.output();
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (countEntries(cache / "fuselabel", ".partial-") == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    sleepMs(50);
  }
  ASSERT_EQ(countEntries(cache / "fuselabel", ".partial-"), 1) << app.output();
  (void)runCommand("kill -TERM " + std::to_string(app.pid()));
  // The generator stops at the next frame boundary, well under a second.
  const auto exitCode = app.waitForExit(15s);
  ASSERT_TRUE(exitCode) << app.output();
  EXPECT_EQ(*exitCode, 0) << app.output();
  EXPECT_EQ(countEntries(cache / "fuselabel", ".partial-"), 0) << app.output();
  EXPECT_EQ(countEntries(cache / "fuselabel", "demo-"), 0)
      << "an interrupted generation must not look finished:\n"
      << app.output();
}

}  // namespace
}  // namespace fuselabel::e2e
