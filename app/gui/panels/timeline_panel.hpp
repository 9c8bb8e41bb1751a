#pragma once
// The timeline: frame slider with the frame id and timestamp, play/pause at
// the sensor's rate, step and jump buttons (keys: Space, Left/Right or A/D,
// Home/End; see shortcuts.cpp). Under the slider, the selected track's frames
// (keyframes as class-coloured diamonds, filled frames as ticks coloured by
// source, an amber band where the Kalman smoother is unsure of the fill, a
// yellow triangle on the suggested next key: Ctrl+K goes there) and, in red,
// frames where the labels move implausibly (the selected track's, or every
// track's when nothing is selected).

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/track_tools.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class TimelinePanel final : public Panel {
 public:
  TimelinePanel(ViewerSession& session, const LabelSession& labels, TrackTools& tools);

 protected:
  void drawContents() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;

 private:
  /// Track and problem markers over the slider drawn last (item rect `min`..`max`).
  void drawMarkers(const ImVec2& min, const ImVec2& max, std::size_t count);

  ViewerSession& m_session;
  const LabelSession& m_labels;
  TrackTools& m_tools;
};

}  // namespace fuselabel::gui
