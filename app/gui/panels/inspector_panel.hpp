#pragma once
// The selected object: class, number and attributes; in the current frame its
// box (centre, size, heading in the ego frame), source, review state,
// confidence and the LiDAR points inside it; over the sequence its frames and
// keyframes.

#include <cstdint>
#include <optional>

#include "app/gui/panels/panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class InspectorPanel final : public Panel {
 public:
  InspectorPanel(const ViewerSession& session, LabelSession& labels);

  /// Points of the shown sweep inside the selected box (nullopt: no box in this frame).
  [[nodiscard]] std::optional<std::size_t> pointsInside() const noexcept { return m_pointsInside; }

 protected:
  void drawContents() override;

 private:
  void updatePointsInside(const FrameBox* box);

  const ViewerSession& m_session;
  LabelSession& m_labels;
  std::optional<std::size_t> m_pointsInside;
  std::uint64_t m_countedFrame = 0;
  std::uint64_t m_countedLabels = 0;
};

/// Points of `batch` inside `box` (ego frame; the batch carries its sensor → ego transform).
[[nodiscard]] std::size_t countBatchPointsInBox(const render::PointBatch& batch, const Cuboid& box);

}  // namespace fuselabel::gui
