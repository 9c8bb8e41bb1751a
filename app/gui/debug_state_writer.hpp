#pragma once
// --debug-state: after each frame in which the view, the window or the shown
// data changed, writes a small JSON snapshot so end-to-end tests can assert on
// the effect of real input events. Written atomically (temporary file +
// rename) so a reader never sees half a file.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/panels/box_views_panel.hpp"
#include "app/gui/panels/camera_panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

/// The predictions layer (--predictions) as tests see it.
struct PredictionsDebug {
  std::string state = "none";  ///< none, loading, loaded, failed
  std::string message;
  std::size_t matched = 0;
  std::size_t falsePositives = 0;
  std::size_t misses = 0;
  std::size_t idSwitches = 0;
  std::size_t boxesInFrame = 0;   ///< predicted boxes drawn in the shown frame
  std::size_t missesInFrame = 0;  ///< true boxes outlined as missed there
  /// Every finding: frame and kind ("false positive", "miss", "ID switch").
  std::vector<std::pair<long long, std::string>> findings;
  std::optional<std::size_t> current;  ///< the finding last jumped to
  ScreenRect nextButton;               ///< the panel's Next button
};

/// Review mode as tests see it.
struct ReviewDebug {
  bool panelOpen = false;
  std::string filter;
  std::size_t queue = 0;               ///< items in the queue
  std::optional<std::size_t> current;  ///< the current item's place in it
  std::optional<long long> currentObject;
  std::optional<long long> currentFrame;
  std::size_t auditLines = 0;  ///< lines in the document's audit log
  std::string lastAudit;       ///< "user event action" of the newest
};

struct DebugState {
  OrbitState camera;
  long long frame = 0;  ///< UI frames rendered (not part of the change check)
  int windowWidth = 0;
  int windowHeight = 0;
  int framebufferWidth = 0;
  int framebufferHeight = 0;
  ScreenRect viewRect;  ///< the 3D image inside the window, window coordinates

  // The dataset and where the viewer is in it.
  std::string datasetState = "none";  ///< none, opening, open, failed
  std::string datasetPath;
  std::string datasetFormat;
  std::string datasetError;
  long long frameIndex = -1;  ///< -1 without a dataset
  std::string frameId;
  std::size_t frameCount = 0;
  std::int64_t timestampNs = 0;
  bool frameLoaded = false;  ///< the shown data is the current frame's
  std::string frameError;
  bool playing = false;
  std::size_t pointsTotal = 0;
  std::size_t pointsShown = 0;
  std::string colorMode;
  std::vector<CameraPanelState> cameras;

  // Labels and the selection.
  std::string labelsState = "none";  ///< none, loading, loaded, failed
  std::string labelsMessage;
  std::size_t labelObjects = 0;
  std::size_t proposalTracks = 0;  ///< objects with proposal instances left to accept or reject
  std::size_t boxesInFrame = 0;
  std::int64_t selectedId = 0;  ///< 0: nothing selected
  std::string selectedName;     ///< "car 3"
  std::optional<std::size_t> selectedPointsInside;
  std::string selectedSourceHere;  ///< the selected object's instance source in the shown frame;
                                   ///< empty: none
  std::optional<PickedPoint> pickedPoint;  ///< the LiDAR point last clicked in the 3D view
  // Where the 3D view maps things, so a test can aim a click at a world point:
  // window pixel = toWindow(viewProjection · egoFromWorld · p) in viewRect.
  std::vector<float>
      viewProjection;  ///< 4x4 column-major, window units; empty before the first frame
  std::vector<double> worldFromEgo;  ///< 4x4 column-major, the shown frame's pose
  // Editing.
  std::string tool;         ///< select, box, lane
  std::string newBoxClass;  ///< empty: guessed from the size
  std::string newLaneClass;
  std::size_t laneVerticesDrawn = 0;
  bool modified = false;
  bool recoveryPending = false;
  bool quitPrompt = false;
  bool helpOpen = false;
  std::size_t undoSteps = 0;
  std::string statusMessage;
  std::string savePath;
  PredictionsDebug predictions;
  ReviewDebug review;
  /// The box views panel: its canvases and the midpoints of the draggable edges.
  BoxViewsState boxViews;
  /// The inspector's editable fields: name and rectangle.
  std::vector<std::pair<std::string, ScreenRect>> inspectorFields;
  /// The selected track's source per frame (index = frame; empty: no box there).
  std::vector<std::string> selectedTrackSources;
  /// The selected track's suggested next key.
  std::optional<long long> suggestedFrame;
  /// What Ctrl+Z would undo.
  std::string undoDescription;
  /// How long the last box edit with its refill took (ms; 0 before one).
  double lastRefillMs = 0.0;
};

/// The JSON text written for `state` (exposed for tests).
[[nodiscard]] std::string toJson(const DebugState& state);

class DebugStateWriter {
 public:
  explicit DebugStateWriter(std::string path) : m_path(std::move(path)) {}

  /// Writes when `state` differs (apart from the frame counter) from the last
  /// written one; returns the error message of a failed write (reported once,
  /// then retried silently).
  [[nodiscard]] std::optional<std::string> update(const DebugState& state);

 private:
  std::string m_path;
  std::string m_written;  // toJson of the last written state with frame = 0
  bool m_reportedFailure = false;
};

}  // namespace fuselabel::gui
