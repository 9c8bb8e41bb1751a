#pragma once
// The timeline: frame slider with the frame id and timestamp, play/pause at
// the sensor's rate, step and jump buttons (keys: Space, Left/Right or A/D,
// Home/End; see shortcuts.cpp).

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class TimelinePanel final : public Panel {
 public:
  explicit TimelinePanel(ViewerSession& session);

 protected:
  void drawContents() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;

 private:
  ViewerSession& m_session;
};

}  // namespace fuselabel::gui
