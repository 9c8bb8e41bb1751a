#pragma once
// The built-in demo that `fuselabel` without a dataset opens: the synthetic
// scene is prepared (generated once, then taken from the user's cache) on a
// worker thread while the window shows its progress; then the application
// opens the folder like any dataset.

#include <atomic>
#include <filesystem>
#include <future>
#include <optional>
#include <string>

#include "core/util/result.hpp"

namespace fuselabel::gui {

class DemoSceneLoader {
 public:
  /// Starts preparing the demo under the user's cache folder.
  DemoSceneLoader();
  DemoSceneLoader(const DemoSceneLoader&) = delete;
  DemoSceneLoader& operator=(const DemoSceneLoader&) = delete;
  DemoSceneLoader(DemoSceneLoader&&) = delete;
  DemoSceneLoader& operator=(DemoSceneLoader&&) = delete;
  /// Aborts a generation in progress (its partial folder is removed) and waits for it.
  ~DemoSceneLoader();

  /// Once per UI frame: the scene folder (or why there is none) once ready,
  /// exactly once; empty while it is still being prepared or after it was taken.
  [[nodiscard]] std::optional<Result<std::filesystem::path>> poll();
  /// Whether the worker is still preparing the scene.
  [[nodiscard]] bool busy() const noexcept { return m_future.valid(); }
  /// Draws a centred progress window while busy().
  void drawProgress() const;

 private:
  std::atomic<int> m_done{0};
  std::atomic<int> m_total{0};
  std::atomic<bool> m_cancel{false};
  std::future<Result<std::filesystem::path>> m_future;
};

}  // namespace fuselabel::gui
