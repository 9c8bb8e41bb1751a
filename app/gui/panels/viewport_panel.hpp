#pragma once
// The 3D view: the scene rendered off-screen and shown as an image, with the
// mouse driving the orbit camera (left drag orbit, right/middle drag pan,
// wheel zoom) and a small toolbar for the view mode.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_tools.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/scene/accumulated_layer.hpp"
#include "app/gui/scene/label_overlay.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/prediction_layer.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

/// The point budget: how many points a frame may draw while the view changes.
struct PointBudgetSettings {
  bool enabled = true;     ///< false: always draw every point in one frame
  float targetMs = 30.0F;  ///< time a frame may spend on points
  std::size_t minPoints = 50'000;
};

/// Rectangle in window coordinates (pixels from the top-left of the window).
struct ScreenRect {
  float x = 0.0F;
  float y = 0.0F;
  float width = 0.0F;
  float height = 0.0F;
};

/// A LiDAR point the user clicked on in the 3D view.
struct PickedPoint {
  std::uint64_t pointsVersion = 0;  ///< the batch it belongs to
  std::uint32_t sweepIndex = 0;     ///< index in the sweep (or the accumulated cloud)
  Eigen::Vector3f position;         ///< in the view's (ego) frame
  float intensity = 0.0F;           ///< as shown (scaled)
};

/// The point of `batch` nearest to `pixel` on screen within `radiusPx`
/// (window coordinates through `toWindow`), the nearer to the eye on ties.
[[nodiscard]] std::optional<PickedPoint> pickPoint(const render::PointBatch& batch,
                                                   std::uint64_t version,
                                                   const render::ViewParams& view,
                                                   const ImVec2& origin, const ImVec2& size,
                                                   const ImVec2& pixel, float radiusPx);

class ViewportPanel final : public Panel {
 public:
  ViewportPanel(OrbitCamera& camera, render::SceneRenderer& renderer,
                const render::SceneStyle& style, const ViewerSession& session, LabelSession& labels,
                const AccumulatedLayer& accumulated, const PointBudgetSettings& budget,
                EditState& edit);

  /// Draws `predictions` (a model's output matched to the labels) over the
  /// labels: matched, false positive and ID switch colours, misses outlined.
  void showPredictions(const PredictionLayer* predictions) noexcept { m_predictions = predictions; }

  /// The editing tools (the shortcuts call them: C, Enter, Backspace, Esc).
  [[nodiscard]] ViewportTools& tools() noexcept { return m_tools; }

  /// Where the 3D image was drawn last frame (empty before the first frame).
  [[nodiscard]] const ScreenRect& viewRect() const noexcept { return m_viewRect; }
  /// Why the 3D view could not be drawn, or empty.
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }
  /// What the last frame drew (points shown of total, whether refinement is done).
  [[nodiscard]] const render::SceneRenderStats& renderStats() const noexcept { return m_stats; }
  /// Points the view would draw per frame now (the budget).
  [[nodiscard]] std::size_t currentBudget() const noexcept { return m_budgetPoints; }
  /// The point last clicked on (cleared by a click elsewhere or a frame change).
  [[nodiscard]] const std::optional<PickedPoint>& pickedPoint() const noexcept {
    return m_pickedPoint;
  }

 protected:
  void drawContents() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;
  [[nodiscard]] float windowPadding() const override { return 0.0F; }

 private:
  void drawToolbar();
  void handleMouse(bool hovered, bool active, float viewHeight);
  void drawOverlay(const ImVec2& origin, const ImVec2& size, const render::ViewParams& view) const;
  /// Metre labels along the ego's forward and left axes on the ground grid.
  void drawGridLabels(const ImVec2& origin, const ImVec2& size,
                      const render::ViewParams& view) const;
  void drawDatasetMessages(const ImVec2& origin, const ImVec2& size) const;
  void updateBudget(double renderMs);
  /// Hands the renderer this frame's boxes when the frame, labels or selection changed.
  void syncBoxes();
  /// Selects the box under a click at window position `mouse` (none: clears).
  void pickAt(const ImVec2& mouse, const ImVec2& origin, const ImVec2& size,
              const render::ViewParams& view);
  /// Class and number over the selected box.
  void drawSelectedTag(const ImVec2& origin, const ImVec2& size, const render::ViewParams& view);

  OrbitCamera& m_camera;
  render::SceneRenderer& m_renderer;
  const render::SceneStyle& m_style;
  const ViewerSession& m_session;
  LabelSession& m_labels;
  const AccumulatedLayer& m_accumulated;
  const PointBudgetSettings& m_budget;
  ViewportTools m_tools;
  std::uint64_t m_boxesFrameVersion = 0;
  std::uint64_t m_boxesLabelVersion = 0;
  std::uint64_t m_boxesVersion = 0;
  const PredictionLayer* m_predictions = nullptr;
  std::uint64_t m_boxesPredictionVersion = 0;
  std::optional<PickedPoint> m_pickedPoint;
  /// The marker and the values of the picked point.
  void drawPickedPoint(const ImVec2& origin, const ImVec2& size,
                       const render::ViewParams& view) const;
  render::SceneRenderStats m_stats;
  double m_msPerPoint = 250e-6;  // software rendering: ~250 ms per million points until measured
  std::size_t m_budgetPoints = 0;
  // Single-sampled: grid and lines antialias in their shaders, and 4x MSAA
  // costs a software renderer more than the points themselves.
  render::RenderTarget m_target{0};
  ScreenRect m_viewRect;
  std::string m_error;
};

}  // namespace fuselabel::gui
