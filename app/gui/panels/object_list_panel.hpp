#pragma once
// Every labelled object of the sequence: class colour, class and number,
// frames and keyframes, whether it is in the current frame. Filter by class
// and search by text; clicking a row selects the object in every view and,
// when it is not in the current frame, jumps to the nearest frame it is in.

#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class ObjectListPanel final : public Panel {
 public:
  ObjectListPanel(ViewerSession& session, LabelSession& labels);

 protected:
  void drawContents() override;

 private:
  void drawFilters();
  void select(const Track& track);

  ViewerSession& m_session;
  LabelSession& m_labels;
  std::string m_classFilter;  // empty: all classes
  char m_search[64] = {};
  ObjectId m_scrolledTo;  // the selection the list last scrolled to
};

}  // namespace fuselabel::gui
