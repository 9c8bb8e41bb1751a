#pragma once
// One camera: the synced image with the LiDAR points projected into it,
// aspect ratio kept (letterboxed, never cropped), in a strip under the 3D
// view. The enlarge button (or a double click) lays the panel over the 3D
// view; again restores it. A frame without a synced image says so.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/render/camera_view_renderer.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/scene/label_overlay.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/prediction_layer.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

/// A label box as drawn in a camera panel, for --debug-state.
struct CameraBoxState {
  std::int64_t id = 0;
  std::string name;  ///< "car 3"
  ScreenRect rect;   ///< bounds of its drawn edges, window coordinates
};

/// What the panel shows now, for the status line and --debug-state.
struct CameraPanelState {
  std::string name;
  std::string status;   ///< "image", "no_image", "error", "loading"
  std::string message;  ///< e.g. "no image for frame 000950"
  std::string frameId;  ///< frame of the data on screen
  int imageWidth = 0;
  int imageHeight = 0;
  std::size_t projectedPoints = 0;
  std::size_t boxesShown = 0;        ///< label boxes with a visible part in this camera
  std::size_t cuboidsShown = 0;      ///< of boxesShown, the cuboids (the rest are lanes)
  std::size_t predictionsShown = 0;  ///< predicted boxes (--predictions) with a visible part
  std::vector<CameraBoxState> boxes;
  /// The projected LiDAR point last clicked (u, v, depth), when a click hit no label.
  std::optional<Eigen::Vector3f> pickedPoint;
  bool textureShown = false;  ///< an image texture is on screen
  bool enlarged = false;
  ScreenRect imageRect;  ///< where the picture is, window coordinates
};

class CameraPanel final : public Panel {
 public:
  /// Needs a current GL context; the error names a shader that failed.
  [[nodiscard]] static Result<std::unique_ptr<CameraPanel>> create(
      std::string camera, std::size_t index, std::size_t count, const ViewerSession& session,
      LabelSession& labels, render::CameraOverlayStyle& style);

  /// Draws `predictions` over the labels in this camera too (see ViewportPanel).
  void showPredictions(const PredictionLayer* predictions) noexcept { m_predictions = predictions; }

  [[nodiscard]] const CameraPanelState& state() const noexcept { return m_state; }

  /// Called with the ray (ego frame) through a clicked pixel before the
  /// click selects; returning true takes the click (the lane tool puts a
  /// vertex where the ray meets the ground).
  using RayHandler =
      std::function<bool(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction)>;
  void setClickRayHandler(RayHandler handler) { m_rayHandler = std::move(handler); }
  void toggleEnlarged();

 protected:
  void drawContents() override;
  void placeWindow() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;
  [[nodiscard]] float windowPadding() const override { return 4.0F; }

 private:
  CameraPanel(std::string camera, PanelPlacement placement, const ViewerSession& session,
              LabelSession& labels, render::CameraOverlayStyle& style,
              render::CameraViewRenderer renderer);
  void syncWithFrame();
  /// Re-projects the labels when the frame, the labels or the selection changed.
  void syncLabels();
  /// Hands the ray through image `pixel` to the ray handler; true when it took the click.
  bool takeClickAsRay(const Eigen::Vector2f& pixel);
  /// Selects the box under a click at window position `mouse`.
  void pickAt(const ImVec2& mouse);
  /// Class and number over the selected box.
  void drawSelectedTag(const ImVec2& min, const ImVec2& max) const;
  /// The marker and depth of the picked point.
  void drawPickedPoint(const ImVec2& min, const ImVec2& max) const;
  /// Where each drawn box is on screen (for --debug-state).
  void updateBoxRects();
  void drawToolbar();
  void drawPlaceholder(const ImVec2& min, const ImVec2& max, const std::string& text,
                       bool error) const;

  std::string m_camera;
  const ViewerSession& m_session;
  LabelSession& m_labels;
  render::CameraOverlayStyle& m_style;
  render::CameraViewRenderer m_renderer;
  render::RenderTarget m_target{0};
  std::uint64_t m_frameVersion = 0;
  std::uint64_t m_boxesFrameVersion = 0;
  std::uint64_t m_boxesLabelVersion = 0;
  std::vector<ProjectedLabel> m_projectedLabels;  // for picking, image pixels
  const PredictionLayer* m_predictions = nullptr;
  std::uint64_t m_boxesPredictionVersion = 0;
  CameraPanelState m_state;
  RayHandler m_rayHandler;
  bool m_enlarged = false;
  bool m_applyPlacement = false;
  ImVec2 m_restorePos;
  ImVec2 m_restoreSize;
};

}  // namespace fuselabel::gui
