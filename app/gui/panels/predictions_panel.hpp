#pragma once
// Predictions over the ground truth (--predictions): the totals of the
// match (precision, recall, MOTA, ID switches), the colours the 3D view uses,
// and every false positive, miss and ID switch in a list; a click, or
// Previous/Next, goes to its frame and selects the true object involved.

#include <optional>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/prediction_layer.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class PredictionsPanel final : public Panel {
 public:
  PredictionsPanel(ViewerSession& session, LabelSession& labels, PredictionLayer& predictions);

  /// Where the Next button was drawn this frame (empty when it was not), for tests.
  [[nodiscard]] ScreenRect nextButton() const;
  /// The finding last jumped to.
  [[nodiscard]] std::optional<std::size_t> current() const noexcept { return m_current; }

 protected:
  void drawContents() override;

 private:
  void drawTotals();
  void drawList();
  /// Goes to finding `index` of the list: its frame, and its true object selected.
  void jumpTo(std::size_t index);

  ViewerSession& m_session;
  LabelSession& m_labels;
  PredictionLayer& m_predictions;
  bool m_showFalsePositives = true;
  bool m_showMisses = true;
  bool m_showIdSwitches = true;
  std::optional<std::size_t> m_current;  ///< the finding last jumped to
  ScreenRect m_nextButton;
  int m_drawnFrame = -1;
};

}  // namespace fuselabel::gui
