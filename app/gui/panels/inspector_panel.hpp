#pragma once
// The selected object: class, number and attributes; in the current frame its
// box (centre, size, heading in the ego frame), source, review state,
// confidence and the LiDAR points inside it; over the sequence its frames and
// keyframes. Class, number, centre, size and heading are editable, and so are
// the attributes the schema gives the class (object-scope ones on the object,
// per-frame ones on this frame's instance): each typed value, choice or drag
// of a field is one undo step.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class InspectorPanel final : public Panel {
 public:
  InspectorPanel(const ViewerSession& session, LabelSession& labels);

  /// Points of the shown sweep inside the selected box (nullopt: no box in this frame).
  [[nodiscard]] std::optional<std::size_t> pointsInside() const noexcept { return m_pointsInside; }

  /// An editable field as drawn this UI frame ("centre_x", "size_l", "yaw", "class", "number").
  struct Field {
    std::string name;
    ScreenRect rect;  ///< window coordinates
  };
  /// The editable fields drawn this UI frame (for --debug-state).
  [[nodiscard]] std::vector<Field> fields() const;

 protected:
  void drawContents() override;

 private:
  void updatePointsInside(const FrameBox* box);
  void drawSelection();
  /// Class combo and track number rows.
  void objectRows(const Object& object, bool polyline);
  /// Centre, size and heading rows of `box` (ego frame) at `frame`.
  void boxRows(const FrameBox& box, std::size_t frame);
  /// Editable rows of the schema's `scope` attributes of `object` (per-frame:
  /// of its instance at `frame`, whose attributes are `attributes`), then
  /// read-only rows of any the schema does not declare.
  void attributeEditRows(const Object& object, AttributeScope scope, const Attributes& attributes,
                         FrameIndex frame);
  /// One numeric drag field; opens an undo group when it becomes active.
  bool dragField(const char* id, double& value, double speed, double min, double max,
                 const char* format, const std::string& what);
  /// Closes the field's undo group once it is let go (after its last apply).
  void closeEditIfDone();

  const ViewerSession& m_session;
  LabelSession& m_labels;
  std::optional<std::size_t> m_pointsInside;
  std::uint64_t m_countedFrame = 0;
  std::uint64_t m_countedLabels = 0;
  bool m_editOpen = false;  // an undo group opened by a field is open
  bool m_editDone = false;  // the field was let go this frame
  std::string m_message;    // why the last edit failed
  std::vector<Field> m_fields;
  int m_drawnFrame = -1;  // ImGui frame count of the last drawContents()
  /// Records the last item as field `name`.
  void recordField(const char* name);
};

/// Points of `batch` inside `box` (ego frame; the batch carries its sensor → ego transform).
[[nodiscard]] std::size_t countBatchPointsInBox(const render::PointBatch& batch, const Cuboid& box);

}  // namespace fuselabel::gui
