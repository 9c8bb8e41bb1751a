#include "app/gui/scene/prediction_layer.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <utility>

#include "core/annotation/label_schema.hpp"
#include "datasets/labels/label_io.hpp"

namespace fuselabel::gui {

const char* toString(PredictionFinding::Kind kind) noexcept {
  switch (kind) {
    case PredictionFinding::Kind::FalsePositive:
      return "false positive";
    case PredictionFinding::Kind::Miss:
      return "miss";
    case PredictionFinding::Kind::IdSwitch:
      return "ID switch";
  }
  return "?";
}

const char* toString(PredictionState state) noexcept {
  switch (state) {
    case PredictionState::None:
      return "none";
    case PredictionState::Loading:
      return "loading";
    case PredictionState::Loaded:
      return "loaded";
    case PredictionState::Failed:
      return "failed";
  }
  return "?";
}

Rgb predictionColour(PredictionStatus status) noexcept {
  switch (status) {
    case PredictionStatus::Matched:
      return {80, 220, 235};  // cyan: never a class colour
    case PredictionStatus::FalsePositive:
      return {255, 60, 60};
    case PredictionStatus::IdSwitch:
      return {235, 80, 235};
  }
  return {255, 255, 255};
}

Rgb missColour() noexcept {
  return {255, 160, 30};
}

PredictionLayer::~PredictionLayer() {
  if (m_loading.valid()) m_loading.wait();
}

void PredictionLayer::load(std::shared_ptr<const Sequence> sequence, std::filesystem::path file,
                           std::string format) {
  m_file = file;
  m_state = PredictionState::Loading;
  m_message = "reading " + file.string();
  ++m_version;
  m_loading = std::async(std::launch::async,
                         [sequence = std::move(sequence), file = std::move(file),
                          format = std::move(format)]() -> Result<Document> {
                           try {
                             auto context = labelContextFromSequence(*sequence);
                             if (!context) return context.error();
                             auto labels = readLabels(file, *context, format);
                             if (!labels) return labels.error();
                             return std::move(labels->document);
                           } catch (const std::exception& e) {
                             return Error{"reading predictions " + file.string() + ": " + e.what()};
                           }
                         });
}

void PredictionLayer::setShown(bool shown) noexcept {
  if (shown != m_shown) ++m_version;
  m_shown = shown;
}

void PredictionLayer::update(const LabelSession& truth) {
  if (m_loading.valid() &&
      m_loading.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Result<Document> loaded = m_loading.get();
    ++m_version;
    if (!loaded) {
      m_state = PredictionState::Failed;
      m_message = loaded.error().message;
      return;
    }
    m_predictions = std::move(loaded).value();
    m_state = PredictionState::Loaded;
    m_message = m_file.string();
    m_matchedTruthVersion = 0;  // match now
  }
  if (m_state == PredictionState::Loaded && truth.state() == LabelState::Loaded &&
      truth.version() != m_matchedTruthVersion) {
    rematch(truth);
  }
}

void PredictionLayer::rematch(const LabelSession& truth) {
  m_matchedTruthVersion = truth.version();
  ++m_version;
  m_report = compareLabels(truth.document(), m_predictions, defaultLabelSchema());
  m_findings.clear();
  for (const LabeledBox& box : m_report.unmatchedB) {
    m_findings.push_back(
        {PredictionFinding::Kind::FalsePositive, box.frame, box.className, 0, box.number,
         ObjectId{},
         "predicted " + box.className + " " + std::to_string(box.number) + " matches no true box"});
  }
  for (const LabeledBox& box : m_report.unmatchedA) {
    m_findings.push_back({PredictionFinding::Kind::Miss, box.frame, box.className, box.number, 0,
                          box.object,
                          box.className + " " + std::to_string(box.number) + " was not predicted"});
  }
  for (const Disagreement& d : m_report.disagreements) {
    if (d.what.rfind("ID switch", 0) != 0) continue;
    const Object* object = truth.document().objectByNumber(d.numberA);
    m_findings.push_back({PredictionFinding::Kind::IdSwitch, d.frame, d.className, d.numberA,
                          d.numberB, object != nullptr ? object->id : ObjectId{},
                          d.className + " " + std::to_string(d.numberA) + ": " + d.what});
  }
  std::stable_sort(m_findings.begin(), m_findings.end(),
                   [](const PredictionFinding& a, const PredictionFinding& b) {
                     return a.frame != b.frame ? a.frame < b.frame : a.kind < b.kind;
                   });
}

std::vector<PredictionBox> PredictionLayer::boxesAt(std::size_t frame,
                                                    const LabelSession& truth) const {
  std::vector<PredictionBox> out;
  if (m_state != PredictionState::Loaded) return out;
  const auto at = static_cast<FrameIndex>(frame);
  std::set<ObjectId> falsePositives;
  for (const LabeledBox& box : m_report.unmatchedB)
    if (box.frame == at) falsePositives.insert(box.object);
  std::set<std::int32_t> switched;  // prediction numbers
  for (const PredictionFinding& f : m_findings)
    if (f.frame == at && f.kind == PredictionFinding::Kind::IdSwitch)
      switched.insert(f.predictionNumber);
  const Eigen::Isometry3d egoFromWorld = truth.worldFromEgo(frame).inverse();
  for (const Track& track : m_predictions.tracks()) {
    const Instance* instance = track.at(at);
    const auto* cuboid = instance != nullptr ? std::get_if<Cuboid>(&instance->geometry) : nullptr;
    if (cuboid == nullptr) continue;
    PredictionBox box;
    box.status = falsePositives.count(track.object.id) != 0 ? PredictionStatus::FalsePositive
                 : switched.count(track.object.number) != 0 ? PredictionStatus::IdSwitch
                                                            : PredictionStatus::Matched;
    box.box.id = track.object.id;
    box.box.number = track.object.number;
    box.box.className = track.object.className;
    box.box.colour = predictionColour(box.status);
    box.box.box = egoFromWorld * *cuboid;
    box.box.source = instance->source;
    out.push_back(std::move(box));
  }
  return out;
}

std::vector<ObjectId> PredictionLayer::missesAt(std::size_t frame) const {
  std::vector<ObjectId> out;
  for (const LabeledBox& box : m_report.unmatchedA)
    if (box.frame == static_cast<FrameIndex>(frame)) out.push_back(box.object);
  return out;
}

std::vector<FrameBox> predictedOverlayBoxes(const PredictionLayer& layer, LabelSession& truth,
                                            std::size_t frame) {
  std::vector<FrameBox> boxes;
  for (PredictionBox& box : layer.boxesAt(frame, truth))
    boxes.push_back(std::move(box.box));
  return boxes;
}

std::vector<FrameBox> missOutlineBoxes(const PredictionLayer& layer, LabelSession& truth,
                                       std::size_t frame) {
  std::vector<FrameBox> outlines;
  const std::vector<ObjectId> missed = layer.missesAt(frame);
  if (missed.empty()) return outlines;
  for (const FrameBox& box : truth.boxesAt(frame)) {
    if (std::find(missed.begin(), missed.end(), box.id) == missed.end()) continue;
    FrameBox outline = box;
    outline.colour = missColour();
    outline.box.size *= 1.08;  // around the label's own wireframe, not on it
    outlines.push_back(std::move(outline));
  }
  return outlines;
}

OverlayStyle predictionStyle() {
  OverlayStyle thin;
  thin.edgeWidthPx = 1.5F;
  return thin;
}

OverlayStyle missOutlineStyle() {
  OverlayStyle wide;
  wide.edgeWidthPx = 3.0F;
  return wide;
}

void appendPredictionSegments(const PredictionLayer& layer, LabelSession& truth, std::size_t frame,
                              std::vector<render::LineSegment>& out) {
  auto lines = overlaySegments3d(predictedOverlayBoxes(layer, truth, frame), {}, ObjectId{},
                                 predictionStyle());
  out.insert(out.end(), lines.begin(), lines.end());
  lines =
      overlaySegments3d(missOutlineBoxes(layer, truth, frame), {}, ObjectId{}, missOutlineStyle());
  out.insert(out.end(), lines.begin(), lines.end());
}

}  // namespace fuselabel::gui
