#include "app/gui/application.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover: close a frame an exception interrupted

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <exception>
#include <numbers>
#include <thread>
#include <utility>

#include "app/gui/bench/render_bench.hpp"
#include "app/gui/help_overlay.hpp"
#include "app/gui/layout.hpp"
#include "app/gui/panels/history_panel.hpp"
#include "app/gui/panels/inspector_panel.hpp"
#include "app/gui/panels/object_list_panel.hpp"
#include "app/gui/panels/timeline_panel.hpp"
#include "app/gui/panels/track_panel.hpp"
#include "app/gui/panels/view_settings_panel.hpp"
#include "app/gui/platform/config_paths.hpp"
#include "app/gui/render/gl_introspection.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/session_prompts.hpp"
#include "app/gui/shortcuts.hpp"

namespace fuselabel::gui {
namespace {

std::atomic<bool> g_stopRequested{false};

extern "C" void onStopSignal(int /*signal*/) {
  g_stopRequested.store(true);
}

constexpr std::array<float, 4> k_windowClear{0.08F, 0.086F, 0.098F, 1.0F};
// Interactive frames are capped; llvmpipe without vsync would otherwise spin a core.
constexpr std::chrono::microseconds k_minFrameTime{16'000};
// After this many frames without input the loop sleeps until an event arrives.
constexpr int k_framesBeforeIdle = 30;
constexpr double k_idleWaitSeconds = 0.25;
// A screenshot is taken anyway after this long, even if loading never settles.
constexpr std::chrono::seconds k_screenshotTimeout{90};

// Viewing direction of a camera about the ego's z axis (rad, 0 = forward, left positive).
std::optional<double> cameraAzimuth(const SensorRig& rig, const std::string& camera) {
  auto T = rig.transform(SensorRig::kEgoFrame, camera);
  if (!T) {
    return std::nullopt;
  }
  const Eigen::Vector3d axis = T->linear() * Eigen::Vector3d::UnitZ();
  return std::atan2(axis.y(), axis.x());
}

}  // namespace

std::vector<std::string> cameraPanelOrder(const Sequence& sequence) {
  std::vector<std::string> names;
  for (const CameraStream& stream : sequence.cameras) {
    names.push_back(stream.sensor);
  }
  auto rig = sequence.rig(0);
  if (!rig) {
    return names;
  }
  // As a driver sees them: the forward-facing cameras left to right, then the
  // rear-facing ones with each side under its front counterpart (so a
  // nuScenes rig reads FRONT_LEFT FRONT FRONT_RIGHT / BACK_LEFT BACK BACK_RIGHT).
  struct Entry {
    std::string name;
    bool rear;
    double key;
  };
  std::vector<Entry> entries;
  for (const std::string& name : names) {
    const std::optional<double> azimuth = cameraAzimuth(**rig, name);
    if (!azimuth) {
      return names;
    }
    const bool rear = std::abs(*azimuth) > 0.5 * std::numbers::pi + 1e-6;
    const double wrapped = *azimuth < 0.0 ? *azimuth + 2.0 * std::numbers::pi : *azimuth;
    entries.push_back({name, rear, rear ? wrapped : -*azimuth});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.rear != b.rear ? !a.rear : a.key < b.key;
  });
  names.clear();
  for (const Entry& entry : entries) {
    names.push_back(entry.name);
  }
  return names;
}

Result<std::unique_ptr<Application>> Application::create(const GuiOptions& options) {
  WindowOptions windowOptions;
  windowOptions.width = options.width;
  windowOptions.height = options.height;
  // A screenshot must not wait for a vblank that a virtual display never sends.
  windowOptions.vsync = options.screenshotPath.empty();
  auto window = GlfwWindow::create(windowOptions);
  if (!window) {
    return window.error();
  }
  std::unique_ptr<Application> app(new Application(options, std::move(window).value()));

  std::string iniPath;
  if (auto dir = userConfigDir()) {
    iniPath = (dir.value() / "imgui.ini").string();
  } else {
    std::fprintf(stderr, "fuselabel: warning: %s\n", dir.error().message.c_str());
  }
  app->m_imgui = std::make_unique<ImGuiContextScope>(app->m_window.handle(), iniPath);
  if (!app->m_imgui->ok()) {
    return Error{"cannot initialise Dear ImGui's GLFW/OpenGL3 backends"};
  }
  auto renderer = render::SceneRenderer::create();
  if (!renderer) {
    return renderer.error().withContext("cannot build the 3D renderer");
  }
  app->m_renderer.emplace(std::move(renderer).value());

  const bool withDemo = options.datasetPath.empty() && !options.empty;
  const bool withDataset = !options.datasetPath.empty() || withDemo;
  app->m_accumulation.enabled = options.accumulate > 0;
  if (options.accumulate > 0) {
    app->m_accumulation.before = options.accumulate;
  }
  for (const render::PointColorMode mode : render::k_pointColorModes) {
    if (render::toString(mode) == options.colorMode) {
      app->m_style.points.colorMode = mode;
    }
  }
  app->loadKeymap();
  app->m_labels.setAuditUser(app->m_options.user);
  auto viewport = std::make_unique<ViewportPanel>(app->m_camera, *app->m_renderer, app->m_style,
                                                  app->m_session, app->m_labels, app->m_accumulated,
                                                  app->m_budget, app->m_edit);
  viewport->setPlacement(layout::viewport(withDataset));
  app->m_viewport = viewport.get();
  app->m_panels.push_back(std::move(viewport));
  auto settings = std::make_unique<ViewSettingsPanel>(
      app->m_camera, app->m_style, app->m_cameraStyle, app->m_budget, app->m_accumulation,
      app->m_session, render::contextDescription());
  settings->setPlacement(layout::viewSettings(withDataset));
  if (withDataset) {
    app->m_panels.push_back(std::make_unique<ObjectListPanel>(app->m_session, app->m_labels));
    auto inspector = std::make_unique<InspectorPanel>(app->m_session, app->m_labels);
    app->m_inspector = inspector.get();
    app->m_panels.push_back(std::move(inspector));
    auto boxViews = std::make_unique<BoxViewsPanel>(app->m_session, app->m_labels);
    app->m_boxViews = boxViews.get();
    if (!options.predictionsPath.empty()) {
      // Inspecting a model's output: its list takes the box views' place
      // (both stay in the View menu).
      boxViews->setVisible(false);
      auto predictions =
          std::make_unique<PredictionsPanel>(app->m_session, app->m_labels, app->m_predictions);
      app->m_predictionsPanel = predictions.get();
      app->m_panels.push_back(std::move(predictions));
      app->m_viewport->showPredictions(&app->m_predictions);
    }
    app->m_panels.push_back(std::move(boxViews));
    auto review =
        std::make_unique<ReviewPanel>(app->m_review, app->m_labels, app->m_session, app->m_keymap);
    app->m_reviewPanel = review.get();
    app->m_panels.push_back(std::move(review));
    if (const auto filter = parseReviewFilter(options.reviewQueue)) {
      app->m_review.setFilter(*filter);
      app->showReviewPanel();
    }
    app->m_panels.push_back(std::make_unique<HistoryPanel>(app->m_labels));
  }
  app->m_panels.push_back(std::move(settings));
  if (withDataset) {
    app->m_panels.push_back(
        std::make_unique<TimelinePanel>(app->m_session, app->m_labels, app->m_trackTools));
    auto track = std::make_unique<TrackPanel>(app->m_session, app->m_labels, app->m_trackTools);
    app->m_trackPanel = track.get();
    app->m_panels.push_back(std::move(track));
    if (withDemo) {
      app->m_demo = std::make_unique<DemoSceneLoader>();
    } else {
      app->m_session.open(options.datasetPath, options.datasetOptions(), options.startFrame);
    }
  }
  Application* self = app.get();
  app->m_menuBar =
      std::make_unique<MainMenuBar>(app->m_camera, app->m_panels, [self] { self->requestQuit(); });
  app->m_statusBar = std::make_unique<StatusBar>(app->m_camera, app->m_session);
  if (!options.debugStatePath.empty()) {
    app->m_debugState.emplace(options.debugStatePath);
  }
  return app;
}

Application::Application(GuiOptions options, GlfwWindow window)
    : m_options(std::move(options)), m_window(std::move(window)) {}

Application::~Application() {
  // Stop a demo generation first: nothing else waits for it.
  m_demo.reset();
  // Panels and renderer hold GL objects; release them while the context lives.
  m_menuBar.reset();
  m_cameraPanels.clear();
  m_panels.clear();
  m_renderer.reset();
  m_imgui.reset();
}

int Application::run() {
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  const bool screenshotMode = !m_options.screenshotPath.empty();
  while (!m_quit && !g_stopRequested.load()) {
    const bool idle = !screenshotMode && m_idleFrames > k_framesBeforeIdle;
    GlfwWindow::pollEvents(idle ? k_idleWaitSeconds : 0.0);
    if (!screenshotMode || m_demo) {
      const auto next = m_lastFrameStart + k_minFrameTime;
      std::this_thread::sleep_until(next);
    }
    m_lastFrameStart = std::chrono::steady_clock::now();
    try {
      frame();
    } catch (const std::exception& e) {
      recoverFromFailedFrame(e.what());
    } catch (...) {
      recoverFromFailedFrame("unknown exception");
    }
  }
  // Saved or discarded: the journal goes; otherwise (a signal) it stays for
  // the next start to offer.
  m_labels.close(m_discardOnQuit);
  return m_exitCode;
}

void Application::loadKeymap() {
  auto path = keymapPath();
  if (!path) {
    m_keymapFile = "keys.json in the config folder";
    return;
  }
  m_keymapFile = path->string();
  std::error_code missing;
  if (!std::filesystem::exists(*path, missing)) {
    return;
  }
  auto keymap = Keymap::load(*path);
  if (!keymap) {
    m_message = keymap.error().message + " (default keys in use)";
    std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
    return;
  }
  m_keymap = std::move(keymap).value();
  if (!m_keymap.paletteClasses().empty()) {
    auto palette = ClassPalette::fromNames(m_keymap.paletteClasses(), defaultLabelSchema());
    if (palette) {
      m_edit.palette = std::move(palette).value();
    } else {
      m_message = m_keymapFile + ": " + palette.error().message;
      std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
    }
  }
}

void Application::showReviewPanel() {
  if (m_reviewPanel == nullptr || m_reviewPanel->visible()) {
    return;
  }
  // It takes the box views' place (both stay in the View menu).
  m_reviewPanel->setVisible(true);
  if (m_boxViews != nullptr) {
    m_boxViews->setVisible(false);
  }
  if (m_predictionsPanel != nullptr) {
    m_predictionsPanel->setVisible(false);
  }
}

void Application::requestQuit() {
  if (m_labels.modified()) {
    m_quitPrompt = true;
  } else {
    m_quit = true;
  }
}

void Application::handleKeys() {
  std::vector<KeyPress> presses = m_window.takeKeyPresses();
  if (m_labels.recoveryPending() || m_quitPrompt) {
    // The open question takes this frame's keys; it is drawn last (drawPrompts).
    m_promptPresses = std::move(presses);
    return;
  }
  // For the Review panel's comment box, which Dear ImGui alone can miss.
  m_review.setEnterPressed(std::any_of(presses.begin(), presses.end(), [](const KeyPress& p) {
    return p.key == GLFW_KEY_ENTER || p.key == GLFW_KEY_KP_ENTER;
  }));
  if (m_keysGoToComment) {
    // The comment box the reject key asked for takes the keys from this
    // frame's widgets on; until then, what is typed is its text, not shortcuts.
    m_keysGoToComment = false;
    presses.clear();
  }
  if (!presses.empty()) {
    m_edit.message.clear();
  }
  // Review keys first: a reject that asks for a comment makes the presses
  // after it the comment's first letters (the Review panel carries them).
  if (m_reviewPanel != nullptr) {
    const ReviewKeys review = handleReviewShortcuts(presses, m_keymap, m_review, [this] {
      return m_viewport != nullptr ? m_viewport->tools().groundUnderCursor() : std::nullopt;
    });
    if (review.used) {
      showReviewPanel();
      m_message = review.message;
    }
    if (review.commentFrom) {
      presses.resize(*review.commentFrom);
      m_keysGoToComment = true;
    }
  }
  const ShortcutActions actions = handleShortcuts(
      presses, ShortcutTargets{m_camera, m_session, m_labels, m_edit,
                               m_viewport != nullptr ? &m_viewport->tools() : nullptr, m_keymap});
  if (actions.quit) {
    requestQuit();
  }
  if (actions.toggleHelp) {
    m_showHelp = !m_showHelp;
  }
  if (!actions.message.empty()) {
    m_message = actions.message;
  }
  if (std::string tracks = handleTrackShortcuts(presses, m_keymap, m_trackTools); !tracks.empty()) {
    m_message = std::move(tracks);
  }
  if (actions.save) {
    if (auto saved = m_labels.save(); !saved) {
      m_message = "save failed: " + saved.error().message;
      std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
    } else {
      m_message = "saved " + m_labels.savePath().string();
    }
  }
}

void Application::drawPrompts() {
  // Drawn after every other window: Dear ImGui 1.86 asserts when a window
  // appears after a modal that opened in the same frame (ocornut/imgui#4920),
  // and panels come and go as data loads.
  m_menuBar->drawHelpPopups();
  const std::vector<KeyPress> presses = std::exchange(m_promptPresses, {});
  if (m_labels.recoveryPending()) {
    if (std::string answer = drawRecoveryPrompt(m_labels, presses); !answer.empty()) {
      m_message = answer;
    }
    return;
  }
  if (!m_quitPrompt) {
    return;
  }
  switch (drawQuitPrompt(m_labels, presses)) {
    case QuitChoice::SaveAndQuit:
      if (auto saved = m_labels.save(); saved) {
        m_quit = true;
      } else {
        m_message = "save failed, not quitting: " + saved.error().message;
      }
      m_quitPrompt = false;
      break;
    case QuitChoice::QuitWithoutSaving:
      m_discardOnQuit = true;
      m_quit = true;
      m_quitPrompt = false;
      break;
    case QuitChoice::Cancel:
      m_quitPrompt = false;
      break;
    case QuitChoice::Undecided:
      break;
  }
}

void Application::recoverFromFailedFrame(const std::string& what) {
  m_message = "frame failed: " + what;
  std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
  if (m_frameOpen) {
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    ImGui::EndFrame();
    m_frameOpen = false;
  }
}

bool Application::inputActive() const {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0.0F || io.MouseDelta.y != 0.0F || io.MouseWheel != 0.0F ||
      io.MouseWheelH != 0.0F || !io.InputQueueCharacters.empty()) {
    return true;
  }
  for (const bool down : io.MouseDown) {
    if (down) {
      return true;
    }
  }
  for (const bool down : io.KeysDown) {
    if (down) {
      return true;
    }
  }
  return false;
}

void Application::buildCameraPanels() {
  m_cameraPanelsBuilt = true;
  const Sequence* sequence = m_session.sequence();
  if (sequence == nullptr) {
    return;
  }
  const std::vector<std::string> cameras = cameraPanelOrder(*sequence);
  const std::size_t count = cameras.size();
  // The strip is sized to the cameras' images unless the ini file remembers
  // these panels (the user arranged them before).
  float aspect = 0.0F;
  if (count > 0) {
    if (auto rig = sequence->rig(0)) {
      if (const Sensor* sensor = (*rig)->find(cameras[0]);
          sensor != nullptr && sensor->camera && sensor->camera->intrinsics().height > 0) {
        aspect = static_cast<float>(sensor->camera->intrinsics().width) /
                 static_cast<float>(sensor->camera->intrinsics().height);
      }
    }
  }
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  const float bar = ImGui::GetFrameHeight();
  const float stripTop = layout::cameraStripTop(count, aspect, screen->Size.x,
                                                screen->Size.y - 2.0F * bar, 2.6F * bar);
  bool remembered = count > 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto panel = CameraPanel::create(cameras[i], i, count, m_session, m_labels, m_cameraStyle);
    if (!panel) {
      m_message = panel.error().message;
      std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
      continue;
    }
    remembered = remembered && (*panel)->placementRemembered();
    (*panel)->setPlacement(layout::camera(i, count, stripTop));
    if (m_viewport != nullptr) {
      // With the lane tool, a click in an image puts a vertex on the ground there.
      (*panel)->setClickRayHandler(
          [tools = &m_viewport->tools()](const Eigen::Vector3d& origin,
                                         const Eigen::Vector3d& direction) {
            return tools->addLaneVertexOnEgoRay(origin, direction);
          });
    }
    if (!m_options.predictionsPath.empty()) {
      (*panel)->showPredictions(&m_predictions);
    }
    m_cameraPanels.push_back(panel->get());
    m_panels.push_back(std::move(panel).value());
  }
  if (count > 0 && !remembered) {
    for (std::size_t i = 0; i < m_cameraPanels.size(); ++i) {
      m_cameraPanels[i]->placeNow(layout::camera(i, count, stripTop));
    }
    if (m_viewport != nullptr) {
      m_viewport->placeNow(layout::viewport(true, stripTop));
    }
    // The box views, the predictions and the review share the place above
    // the Track panel.
    for (Panel* panel :
         std::initializer_list<Panel*>{m_boxViews, m_predictionsPanel, m_reviewPanel}) {
      if (panel != nullptr) {
        panel->placeNow(layout::boxViews(stripTop));
      }
    }
    if (m_trackPanel != nullptr && !m_trackPanel->placementRemembered()) {
      m_trackPanel->placeNow(trackPanelPlacement(stripTop));
    }
  }
}

void Application::pollDemo() {
  if (!m_demo) {
    return;
  }
  auto ready = m_demo->poll();
  if (!ready) {
    return;
  }
  m_demo.reset();
  m_loadStartTime = std::chrono::steady_clock::now();
  if (!*ready) {
    m_message = ready->error().message;
    std::fprintf(stderr, "fuselabel: %s\n", m_message.c_str());
    return;
  }
  m_session.open(ready->value(), m_options.datasetOptions(), m_options.startFrame);
}

bool Application::settled() const {
  if (m_demo) {
    return false;
  }
  const bool viewDone = m_viewport == nullptr || m_viewport->renderStats().complete();
  switch (m_session.state()) {
    case DatasetState::None:
    case DatasetState::Failed:
      return viewDone;
    case DatasetState::Opening:
      return false;
    case DatasetState::Open:
      break;
  }
  if (m_session.currentError()) {
    return true;
  }
  if (m_accumulation.enabled) {
    // The merged sweeps replace the frame's own points once built.
    return m_accumulated.current() && !m_accumulated.building() && viewDone &&
           m_viewport->renderStats().pointsTotal == m_accumulated.batch()->size();
  }
  return m_session.currentLoaded() && viewDone &&
         m_viewport->renderStats().pointsTotal == m_session.shown()->pointCount;
}

void Application::frame() {
  m_imgui->beginFrame();
  m_frameOpen = true;
  const OrbitState before = m_camera.state();
  const std::size_t frameBefore = m_session.currentFrame();
  const DatasetState datasetBefore = m_session.state();
  const bool loadedBefore = m_session.currentLoaded();

  const double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_startTime).count();
  pollDemo();
  m_session.update(now);
  if (m_session.state() == DatasetState::Open && !m_cameraPanelsBuilt) {
    buildCameraPanels();
    m_labels.load(m_session.sharedSequence(),
                  LabelRequest{m_options.labelsPath, m_options.labelsFormat, m_options.savePath});
    if (!m_options.predictionsPath.empty()) {
      m_predictions.load(m_session.sharedSequence(), m_options.predictionsPath,
                         m_options.predictionsFormat);
    }
  }
  m_labels.update();
  m_predictions.update(m_labels);
  const bool trackJobBefore = m_trackTools.busy();
  m_trackTools.update();
  if (trackJobBefore && !m_trackTools.busy()) {
    m_message = m_trackTools.message();  // the background fill ended
  }
  m_accumulated.update(m_session.sharedSequence(), m_session.currentFrame(), m_accumulation);
  if (m_session.state() == DatasetState::Failed && datasetBefore != DatasetState::Failed) {
    std::fprintf(stderr, "fuselabel: cannot open dataset: %s\n", m_session.openError().c_str());
  }
  if (m_labels.state() == LabelState::Loaded && m_session.shown() && !m_session.playing()) {
    // Index the sweep the annotator stops at, so a click makes a box at once.
    m_edit.sweep.request(m_labels.sequence(), m_labels.context(), m_session.shown()->index);
  }
  if (m_window.shouldClose()) {
    m_window.cancelClose();
    requestQuit();
  }
  handleKeys();
  std::string title = "fuselabel";
  if (m_labels.state() == LabelState::Loaded) {
    title += " - " + m_labels.savePath().filename().string() + (m_labels.modified() ? " *" : "");
  }
  m_window.setTitle(title);
  m_menuBar->draw();
  drawHelpOverlay(m_showHelp, m_keymap, m_keymapFile);
  std::string message = m_message;
  if (!m_edit.message.empty()) {
    message = m_edit.message;
  }
  if (message.empty()) {
    message = m_labels.journalError();
  }
  if (message.empty() && m_viewport != nullptr) {
    message = m_viewport->error();
  }
  if (message.empty() && m_session.state() == DatasetState::Failed) {
    message = m_session.openError();
  }
  m_statusBar->draw(message,
                    m_viewport != nullptr ? m_viewport->renderStats() : render::SceneRenderStats{});
  for (const auto& panel : m_panels) {
    panel->show();
  }
  if (m_demo) {
    m_demo->drawProgress();
  }
  drawPrompts();

  int fbWidth = 0;
  int fbHeight = 0;
  m_window.framebufferSize(fbWidth, fbHeight);
  render::beginWindowFrame(fbWidth, fbHeight, k_windowClear);
  m_imgui->endFrame();
  m_frameOpen = false;
  ++m_frame;

  const bool changed = !(before == m_camera.state()) || frameBefore != m_session.currentFrame() ||
                       datasetBefore != m_session.state() ||
                       loadedBefore != m_session.currentLoaded();
  // Loading, playing and progressive refinement need frames without input.
  // A demo being generated is not busy: the idle loop's 4 Hz redraw moves its
  // progress bar and leaves the cores to the generator.
  const bool busy = m_session.state() == DatasetState::Opening || m_session.playing() ||
                    m_accumulated.building() ||
                    (m_session.state() == DatasetState::Open && !m_session.currentLoaded() &&
                     !m_session.currentError()) ||
                    (m_viewport != nullptr && !m_viewport->renderStats().complete());
  m_idleFrames = (changed || busy || inputActive()) ? 0 : m_idleFrames + 1;
  if (!m_options.screenshotPath.empty()) {
    // --frames counts frames once the data is loaded and fully drawn, so a
    // screenshot never catches a half-loaded frame.
    m_settledFrames = settled() ? m_settledFrames + 1 : 0;
    // Generating the demo takes as long as it takes; the timeout is for loading.
    const bool timedOut =
        !m_demo && std::chrono::steady_clock::now() - m_loadStartTime > k_screenshotTimeout;
    if (m_settledFrames >= m_options.frames || timedOut) {
      if (timedOut) {
        std::fprintf(stderr, "fuselabel: warning: screenshot taken before loading finished\n");
      }
      saveScreenshot(fbWidth, fbHeight);
      m_quit = true;
    }
  }
  m_window.swapBuffers();
  writeDebugState();
}

void Application::saveScreenshot(int framebufferWidth, int framebufferHeight) {
  const render::ImageRgba8 image = render::readWindowPixels(framebufferWidth, framebufferHeight);
  if (Result<void> written = render::writePng(m_options.screenshotPath, image); !written) {
    std::fprintf(stderr, "fuselabel: %s\n", written.error().message.c_str());
    m_exitCode = 1;
  }
}

int runGui(int argc, const char* const* argv) {
  const ParsedOptions parsed = parseGuiOptions(argc, argv);
  if (!parsed.options) {
    return parsed.exitCode;
  }
  try {
    if (parsed.options->benchRender) {
      return runRenderBench(*parsed.options);
    }
    auto app = Application::create(*parsed.options);
    if (!app) {
      std::fprintf(stderr, "fuselabel: %s\n", app.error().message.c_str());
      return 1;
    }
    return app.value()->run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuselabel: fatal: %s\n", e.what());
    return 1;
  }
}

}  // namespace fuselabel::gui
