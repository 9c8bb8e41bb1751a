#pragma once
// Model output over the ground truth. A second label set (a detector's or
// tracker's output) is read beside the labels being edited and matched to
// them frame by frame the way `fuselabel-cli agree` does (Hungarian on 3D IoU
// per class), so a perception engineer sees which predictions are false
// positives, which true boxes were missed and where a true track switched
// to another predicted identity, and can walk through them one by one. The
// match follows edits to the truth.

#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/render/line_renderer.hpp"
#include "app/gui/scene/label_overlay.hpp"
#include "app/gui/scene/label_session.hpp"
#include "core/annotation/document.hpp"
#include "core/quality/agreement.hpp"

namespace fuselabel::gui {

/// What a predicted box is, measured against the truth.
enum class PredictionStatus : std::uint8_t {
  Matched,        ///< paired with a true box
  FalsePositive,  ///< paired with nothing
  IdSwitch,       ///< paired, but its true track was paired with another prediction before
};

/// One predicted box of a frame, ready to draw.
struct PredictionBox {
  FrameBox box;  ///< in the frame's ego frame; id and number are the prediction's own
  PredictionStatus status = PredictionStatus::Matched;
};

/// One thing to look at, for the list a reviewer walks.
struct PredictionFinding {
  enum class Kind : std::uint8_t { FalsePositive, Miss, IdSwitch };
  Kind kind = Kind::FalsePositive;
  FrameIndex frame = 0;
  std::string className;
  std::int32_t truthNumber = 0;       ///< 0 for a false positive
  std::int32_t predictionNumber = 0;  ///< 0 for a miss
  ObjectId truthId;                   ///< the true object, to select (none for a false positive)
  std::string what;                   ///< one line for the list
};

/// Name of a finding kind: "false positive", "miss", "ID switch".
[[nodiscard]] const char* toString(PredictionFinding::Kind kind) noexcept;

/// Loading state of the predictions.
enum class PredictionState : std::uint8_t { None, Loading, Loaded, Failed };

/// Name of a state: "none", "loading", "loaded", "failed".
[[nodiscard]] const char* toString(PredictionState state) noexcept;

class PredictionLayer {
 public:
  PredictionLayer() = default;
  PredictionLayer(const PredictionLayer&) = delete;
  PredictionLayer& operator=(const PredictionLayer&) = delete;
  ~PredictionLayer();

  /// Starts reading `file` (any label format; `format` empty: detected) on a
  /// worker thread, in `sequence`'s frames and calibration.
  void load(std::shared_ptr<const Sequence> sequence, std::filesystem::path file,
            std::string format);
  /// Once per UI frame: takes a finished read, and re-matches when the truth
  /// changed since the last match.
  void update(const LabelSession& truth);

  [[nodiscard]] PredictionState state() const noexcept { return m_state; }
  /// The file, or why it could not be read.
  [[nodiscard]] const std::string& message() const noexcept { return m_message; }
  [[nodiscard]] const std::filesystem::path& file() const noexcept { return m_file; }
  /// Bumped whenever what is drawn changes.
  [[nodiscard]] std::uint64_t version() const noexcept { return m_version; }
  /// Whether the layer is drawn (the panel's switch).
  [[nodiscard]] bool shown() const noexcept { return m_shown; }
  void setShown(bool shown) noexcept;

  /// The predicted boxes of `frame`, in that frame's ego frame.
  [[nodiscard]] std::vector<PredictionBox> boxesAt(std::size_t frame,
                                                   const LabelSession& truth) const;
  /// The true objects missed in `frame`.
  [[nodiscard]] std::vector<ObjectId> missesAt(std::size_t frame) const;
  /// Every false positive, miss and ID switch, by frame.
  [[nodiscard]] const std::vector<PredictionFinding>& findings() const noexcept {
    return m_findings;
  }
  /// Totals of the last match.
  [[nodiscard]] const ClassAgreement& totals() const noexcept { return m_report.total; }

 private:
  void rematch(const LabelSession& truth);

  std::future<Result<Document>> m_loading;
  PredictionState m_state = PredictionState::None;
  std::string m_message;
  std::filesystem::path m_file;
  Document m_predictions;
  AgreementReport m_report;
  std::vector<PredictionFinding> m_findings;
  std::uint64_t m_matchedTruthVersion = 0;
  std::uint64_t m_version = 0;
  bool m_shown = true;
};

/// The predicted boxes of `frame` as the overlay draws them (status colours).
[[nodiscard]] std::vector<FrameBox> predictedOverlayBoxes(const PredictionLayer& layer,
                                                          LabelSession& truth, std::size_t frame);
/// Each true box of `frame` no prediction matched, a little larger than its
/// label and in the miss colour, to outline it.
[[nodiscard]] std::vector<FrameBox> missOutlineBoxes(const PredictionLayer& layer,
                                                     LabelSession& truth, std::size_t frame);
/// Line widths: predictions thin, miss outlines wide.
[[nodiscard]] OverlayStyle predictionStyle();
[[nodiscard]] OverlayStyle missOutlineStyle();

/// The layer's 3D-view lines for `frame` (in its ego frame), appended to
/// `out`: predicted boxes thin in their status colours, and each missed true
/// box outlined a little outside its label.
void appendPredictionSegments(const PredictionLayer& layer, LabelSession& truth, std::size_t frame,
                              std::vector<render::LineSegment>& out);

/// The colour a status is drawn in (matched: the class colour is not used,
/// so predictions never pass for labels).
[[nodiscard]] Rgb predictionColour(PredictionStatus status) noexcept;
/// The colour a missed true box is outlined in.
[[nodiscard]] Rgb missColour() noexcept;

}  // namespace fuselabel::gui
