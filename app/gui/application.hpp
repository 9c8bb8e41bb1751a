#pragma once
// The GUI application: owns the window, the UI context, the renderer, the
// camera and the panels, and runs the frame loop. Nothing throws out of a
// frame; a failed frame is reported in the status bar and the loop goes on.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/debug_state_writer.hpp"
#include "app/gui/demo_scene_loader.hpp"
#include "app/gui/gui_options.hpp"
#include "app/gui/keymap.hpp"
#include "app/gui/main_menu_bar.hpp"
#include "app/gui/panels/box_views_panel.hpp"
#include "app/gui/panels/camera_panel.hpp"
#include "app/gui/panels/inspector_panel.hpp"
#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/predictions_panel.hpp"
#include "app/gui/panels/review_panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/platform/glfw_window.hpp"
#include "app/gui/platform/imgui_context.hpp"
#include "app/gui/render/camera_view_renderer.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/scene/edit_state.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/prediction_layer.hpp"
#include "app/gui/scene/review_session.hpp"
#include "app/gui/scene/track_tools.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/status_bar.hpp"
#include "app/gui/view/orbit_camera.hpp"
#include "core/util/result.hpp"

namespace fuselabel::gui {

class Application {
 public:
  /// Opens the window and builds everything; the error explains what failed.
  [[nodiscard]] static Result<std::unique_ptr<Application>> create(const GuiOptions& options);

  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;
  Application(Application&&) = delete;
  Application& operator=(Application&&) = delete;
  ~Application();

  /// Runs until the window closes, Ctrl+Q, SIGINT/SIGTERM or the screenshot is saved.
  /// Returns the process exit code.
  [[nodiscard]] int run();

 private:
  Application(GuiOptions options, GlfwWindow window);

  void frame();
  void recoverFromFailedFrame(const std::string& what);
  [[nodiscard]] bool inputActive() const;
  void writeDebugState();
  /// The predictions layer's part of the debug state.
  void writePredictionsState(PredictionsDebug& out);
  /// Review mode's part of the debug state.
  void writeReviewState(ReviewDebug& out);
  /// Shows the Review panel in the box views' place.
  void showReviewPanel();
  void saveScreenshot(int framebufferWidth, int framebufferHeight);
  void buildCameraPanels();
  /// Opens the demo scene once its loader has it ready.
  void pollDemo();
  /// Reads keys.json when there is one (errors go to the status bar).
  void loadKeymap();
  /// Quits at once when everything is saved, else asks first.
  void requestQuit();
  /// The keys of this frame to the shortcuts, or kept for the open question.
  void handleKeys();
  /// The modal questions (recovery, quit, help), after every other window.
  void drawPrompts();
  /// Nothing is loading or refining: what is on screen is final.
  [[nodiscard]] bool settled() const;

  GuiOptions m_options;
  // Declaration order is destruction order reversed: GL objects (renderer,
  // panels) go before the UI context, which goes before the window/context.
  GlfwWindow m_window;
  std::unique_ptr<ImGuiContextScope> m_imgui;
  OrbitCamera m_camera;
  render::SceneStyle m_style;
  render::CameraOverlayStyle m_cameraStyle;
  PointBudgetSettings m_budget;
  // Before the panels: they hold references to it, and its worker threads
  // must outlive nothing that is GL.
  ViewerSession m_session;
  LabelSession m_labels;
  PredictionLayer m_predictions;  // --predictions, matched against m_labels
  ReviewSession m_review{m_labels, m_session, m_options.user};
  Keymap m_keymap;
  std::string m_keymapFile;  // where keys.json is (or would be)
  EditState m_edit;
  bool m_showHelp = false;
  bool m_keysGoToComment = false;         // next frame's keys are the review comment's text
  bool m_quitPrompt = false;              // the unsaved-changes question is open
  std::vector<KeyPress> m_promptPresses;  // this frame's keys, for the open question
  bool m_discardOnQuit = false;           // the user chose to quit without saving
  // After the labels: its worker fills a snapshot of them and is joined first.
  TrackTools m_trackTools{m_labels, m_session};
  AccumulationSettings m_accumulation;
  AccumulatedLayer m_accumulated;
  std::optional<render::SceneRenderer> m_renderer;
  std::vector<std::unique_ptr<Panel>> m_panels;
  ViewportPanel* m_viewport = nullptr;             // owned by m_panels
  std::vector<CameraPanel*> m_cameraPanels;        // owned by m_panels
  InspectorPanel* m_inspector = nullptr;           // owned by m_panels
  BoxViewsPanel* m_boxViews = nullptr;             // owned by m_panels
  Panel* m_trackPanel = nullptr;                   // owned by m_panels
  PredictionsPanel* m_predictionsPanel = nullptr;  // owned by m_panels; only with --predictions
  ReviewPanel* m_reviewPanel = nullptr;            // owned by m_panels; with a dataset
  bool m_cameraPanelsBuilt = false;
  std::unique_ptr<MainMenuBar> m_menuBar;
  std::unique_ptr<StatusBar> m_statusBar;
  std::optional<DebugStateWriter> m_debugState;
  // Set while the demo scene is prepared; its destructor aborts the generation.
  std::unique_ptr<DemoSceneLoader> m_demo;

  long long m_frame = 0;
  long long m_settledFrames = 0;
  std::chrono::steady_clock::time_point m_startTime = std::chrono::steady_clock::now();
  // The screenshot timeout runs from here: the start, or when the demo became ready.
  std::chrono::steady_clock::time_point m_loadStartTime = m_startTime;
  int m_idleFrames = 0;
  bool m_quit = false;
  bool m_frameOpen = false;
  int m_exitCode = 0;
  std::string m_message;
  std::chrono::steady_clock::time_point m_lastFrameStart;
};

/// The dataset's cameras in the order the panels show them: forward-facing
/// ones left to right, then rear-facing ones with each side under its front
/// counterpart (the dataset's order when the rig cannot say).
[[nodiscard]] std::vector<std::string> cameraPanelOrder(const Sequence& sequence);

/// main() of the GUI: parses arguments, runs the application, maps failures to exit codes.
[[nodiscard]] int runGui(int argc, const char* const* argv);

}  // namespace fuselabel::gui
