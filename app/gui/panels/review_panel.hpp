#pragma once
// Review mode's panel: who is reviewing, the queue (to review, rejected,
// all) with counts, the current item and why it is there, the verdict
// buttons with their keys, and the comment box a rejection fills.

#include <string>
#include <vector>

#include "app/gui/keymap.hpp"
#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/review_session.hpp"

namespace fuselabel::gui {

class ReviewPanel final : public Panel {
 public:
  ReviewPanel(ReviewSession& review, LabelSession& labels, const ViewerSession& session,
              const Keymap& keymap);

 protected:
  void drawContents() override;

 private:
  void drawCurrent();
  void drawVerdicts();
  void drawQueue();
  [[nodiscard]] std::string button(const char* label, Action action) const;

  ReviewSession& m_review;
  LabelSession& m_labels;
  const ViewerSession& m_session;
  const Keymap& m_keymap;
  /// Letters typed before the comment box had the keys, handed to it once
  /// it has them (see carryTypedCharacters).
  std::vector<unsigned int> m_carried;
  /// Frames left for the asked-for focus to arrive while letters are carried.
  int m_framesToFocus = 0;
  /// The reject key's own letter may still arrive: drop it once.
  bool m_dropKeyLetter = false;
};

}  // namespace fuselabel::gui
