#pragma once
// The undo history: every step with its description, the applied ones
// above the line and the undone ones (redo-able) greyed below it. A click on
// a step undoes or redoes up to and including it, so an annotator can go back
// ten edits in one move and forward again. A second tab shows the document's
// audit log: who changed or reviewed what, and when, across sessions.

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/label_session.hpp"

namespace fuselabel::gui {

class HistoryPanel final : public Panel {
 public:
  explicit HistoryPanel(LabelSession& labels);

 protected:
  void drawContents() override;

 private:
  void drawSteps(const CommandStack& stack);
  void drawAudit();

  LabelSession& m_labels;
  std::size_t m_lastCount = 0;  // scroll to the newest step when one is added
};

}  // namespace fuselabel::gui
