#include "app/gui/panels/predictions_panel.hpp"

#include <imgui.h>

#include <string>

#include "app/gui/layout.hpp"

namespace fuselabel::gui {
namespace {

ImVec4 toImGui(const Rgb& c) {
  return ImVec4(static_cast<float>(c.r) / 255.0F, static_cast<float>(c.g) / 255.0F,
                static_cast<float>(c.b) / 255.0F, 1.0F);
}

Rgb colourOf(PredictionFinding::Kind kind) {
  switch (kind) {
    case PredictionFinding::Kind::FalsePositive:
      return predictionColour(PredictionStatus::FalsePositive);
    case PredictionFinding::Kind::Miss:
      return missColour();
    case PredictionFinding::Kind::IdSwitch:
      return predictionColour(PredictionStatus::IdSwitch);
  }
  return {};
}

}  // namespace

PredictionsPanel::PredictionsPanel(ViewerSession& session, LabelSession& labels,
                                   PredictionLayer& predictions)
    : Panel("Predictions", layout::boxViews()),
      m_session(session),
      m_labels(labels),
      m_predictions(predictions) {}

void PredictionsPanel::drawContents() {
  switch (m_predictions.state()) {
    case PredictionState::None:
      ImGui::TextWrapped(
          "No predictions. Start with --predictions FILE (any label format) to "
          "see a model's output matched against these labels.");
      return;
    case PredictionState::Loading:
      ImGui::TextDisabled("%s", m_predictions.message().c_str());
      return;
    case PredictionState::Failed:
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0F, 0.45F, 0.4F, 1.0F));
      ImGui::TextWrapped("%s", m_predictions.message().c_str());
      ImGui::PopStyleColor();
      return;
    case PredictionState::Loaded:
      break;
  }
  drawTotals();
  ImGui::Separator();
  drawList();
}

void PredictionsPanel::drawTotals() {
  ImGui::TextDisabled("%s", m_predictions.file().filename().string().c_str());
  bool shown = m_predictions.shown();
  ImGui::SameLine();
  if (ImGui::Checkbox("Show", &shown)) m_predictions.setShown(shown);
  const ClassAgreement& t = m_predictions.totals();
  ImGui::Text("precision %.3f  recall %.3f  MOTA %.3f", t.precision(), t.recall(), t.mota());
  ImGui::Text("%zu matched, %zu false positives, %zu misses, %zu ID switches", t.matches,
              t.unmatchedB, t.unmatchedA, t.idSwitches);
  // The legend doubles as the filter of the list.
  ImGui::ColorButton("##matched", toImGui(predictionColour(PredictionStatus::Matched)),
                     ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
  ImGui::SameLine();
  ImGui::TextUnformatted("matched");
  const auto legend = [](const char* label, const Rgb& colour, bool* on, bool sameLine) {
    if (sameLine) ImGui::SameLine();
    ImGui::ColorButton((std::string("##") + label).c_str(), toImGui(colour),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Checkbox(label, on);
  };
  legend("false positive", predictionColour(PredictionStatus::FalsePositive), &m_showFalsePositives,
         true);
  legend("miss", missColour(), &m_showMisses, false);
  legend("ID switch", predictionColour(PredictionStatus::IdSwitch), &m_showIdSwitches, true);
}

void PredictionsPanel::drawList() {
  const std::vector<PredictionFinding>& findings = m_predictions.findings();
  const auto listed = [&](const PredictionFinding& f) {
    switch (f.kind) {
      case PredictionFinding::Kind::FalsePositive:
        return m_showFalsePositives;
      case PredictionFinding::Kind::Miss:
        return m_showMisses;
      case PredictionFinding::Kind::IdSwitch:
        return m_showIdSwitches;
    }
    return false;
  };
  // Previous / next listed finding relative to the current frame.
  const auto here = static_cast<FrameIndex>(m_session.currentFrame());
  if (ImGui::Button("< Previous")) {
    for (std::size_t i = findings.size(); i-- > 0;) {
      if (listed(findings[i]) && (findings[i].frame < here ||
                                  (findings[i].frame == here && m_current && i < *m_current))) {
        jumpTo(i);
        break;
      }
    }
  }
  ImGui::SameLine();
  const bool next = ImGui::Button("Next >");
  m_drawnFrame = ImGui::GetFrameCount();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  m_nextButton = {min.x, min.y, max.x - min.x, max.y - min.y};
  if (next) {
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (listed(findings[i]) && (findings[i].frame > here ||
                                  (findings[i].frame == here && (!m_current || i > *m_current)))) {
        jumpTo(i);
        break;
      }
    }
  }
  if (!ImGui::BeginChild("##findings")) {
    ImGui::EndChild();
    return;
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const PredictionFinding& f = findings[i];
    if (!listed(f)) continue;
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, toImGui(colourOf(f.kind)));
    const std::string frame = m_session.frameId(static_cast<std::size_t>(f.frame));
    const std::string row = frame + "  " + toString(f.kind) + "  " + f.what;
    if (ImGui::Selectable(row.c_str(), m_current == i)) jumpTo(i);
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

ScreenRect PredictionsPanel::nextButton() const {
  return m_drawnFrame == ImGui::GetFrameCount() ? m_nextButton : ScreenRect{};
}

void PredictionsPanel::jumpTo(std::size_t index) {
  const std::vector<PredictionFinding>& findings = m_predictions.findings();
  if (index >= findings.size()) return;
  m_current = index;
  const PredictionFinding& f = findings[index];
  if (f.frame >= 0) m_session.setFrame(static_cast<std::size_t>(f.frame));
  if (f.truthId.value != 0) m_labels.select(f.truthId);
}

}  // namespace fuselabel::gui
