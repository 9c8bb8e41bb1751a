#include "app/gui/demo_scene_loader.hpp"

#include <imgui.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>

#include "datasets/synthetic/synthetic_demo.hpp"

namespace fuselabel::gui {
namespace {

// Thrown from the progress callback to stop a generation the user no longer waits for.
struct DemoCancelled : std::runtime_error {
  DemoCancelled() : std::runtime_error("the window was closed") {}
};

}  // namespace

DemoSceneLoader::DemoSceneLoader() {
  m_future = std::async(std::launch::async, [this]() -> Result<std::filesystem::path> {
    auto root = userCacheRoot();
    if (!root) return root.error();
    const SynthOptions options = demoSynthOptions();
    m_total.store(options.frames);
    const std::filesystem::path folder = cachedScenePath(options, *root);
    std::error_code ec;
    if (!std::filesystem::exists(folder / "scene.json", ec)) {
      // The log line matters when the window is hidden or the run is scripted.
      std::fprintf(stderr, "fuselabel: generating the demo scene (%d frames) into %s\n",
                   options.frames, folder.string().c_str());
    }
    const auto progress = [this](int done, int total) {
      if (m_cancel.load()) throw DemoCancelled();
      m_done.store(done);
      if (done % 10 == 0 || done == total) {
        std::fprintf(stderr, "fuselabel: demo scene %d/%d frames\n", done, total);
      }
    };
    auto scene = ensureCachedScene(options, *root, progress);
    if (!scene) return scene.error().withContext("cannot prepare the demo scene");
    return scene->folder;
  });
}

DemoSceneLoader::~DemoSceneLoader() {
  m_cancel.store(true);
  if (m_future.valid()) m_future.wait();
}

std::optional<Result<std::filesystem::path>> DemoSceneLoader::poll() {
  if (!m_future.valid() ||
      m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return std::nullopt;
  }
  try {
    return m_future.get();
  } catch (const std::exception& e) {
    // Nothing may throw through the frame loop; the worker should not either.
    return Error{std::string("cannot prepare the demo scene: ") + e.what()};
  }
}

void DemoSceneLoader::drawProgress() const {
  if (!busy()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5F,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.5F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(420.0F, 0.0F), ImGuiCond_Always);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoFocusOnAppearing;
  if (ImGui::Begin("##demo_progress", nullptr, flags)) {
    const int total = m_total.load();
    const int done = m_done.load();
    ImGui::TextUnformatted("Preparing the demo scene (first start only)");
    const float fraction = total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0F;
    std::array<char, 48> overlay{};
    std::snprintf(overlay.data(), overlay.size(), "%d / %d frames", done, total);
    ImGui::ProgressBar(fraction, ImVec2(-1.0F, 0.0F), overlay.data());
  }
  ImGui::End();
}

}  // namespace fuselabel::gui
