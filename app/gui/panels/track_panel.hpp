#pragma once
// The selected track: fill method and refill on edit, the track commands
// (fill, fill all with progress and Cancel, propagate with fit, copy to the
// next frame, delete from here, split, merge; keys in shortcuts.cpp), what
// the last one did or why it failed, and plots that make jitter visible: the
// trajectory from above (keyframes as diamonds, filled frames by source, the
// shown frame ringed) and speed and yaw over the frames.

#include <cstdint>
#include <vector>

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/track_tools.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

/// Where the Track panel goes the first time: the right of the camera strip
/// that starts at `stripTop` (layout.hpp), down to the timeline.
[[nodiscard]] PanelPlacement trackPanelPlacement(float stripTop);

class TrackPanel final : public Panel {
 public:
  TrackPanel(ViewerSession& session, LabelSession& labels, TrackTools& tools);

 protected:
  void drawContents() override;

 private:
  /// One instance of the selected track, as the plots need it.
  struct Sample {
    FrameIndex frame = 0;
    double x = 0.0;
    double y = 0.0;
    double yawDeg = 0.0;    ///< unwrapped along the track
    double speed = 0.0;     ///< m/s from the previous sample (0 for the first)
    bool hasSpeed = false;  ///< a previous sample with a later time exists
    InstanceSource source = InstanceSource::Keyframe;
  };

  void drawPanel();
  void drawCommands(const Track* track);
  void drawMerge(const Track& track);
  void drawJob();
  void drawTrajectory(const Track& track);
  /// A value over the frames: line, keyframes as dots, the shown frame as a bar.
  void drawSeries(const char* label, const char* unit, bool speed, const Track& track);
  void refreshSamples(const Track& track);

  ViewerSession& m_session;
  LabelSession& m_labels;
  TrackTools& m_tools;
  int m_mergeNumber = 0;
  ObjectId m_lastSelected;
  std::vector<Sample> m_samples;
  std::uint64_t m_samplesVersion = 0;
};

}  // namespace fuselabel::gui
