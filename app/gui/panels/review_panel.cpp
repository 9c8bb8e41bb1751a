#include "app/gui/panels/review_panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: leave the comment box once sent
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "app/gui/layout.hpp"

namespace fuselabel::gui {

namespace {

/// Moves the characters typed this frame to `carried`. While
/// `dropKeyLetter` is set, the first character is dropped when it is the
/// letter of one of `rejectKeys` (the key that asked for the comment types
/// its own letter, in that frame or the next), and the flag is cleared.
void carryTypedCharacters(ImVector<ImWchar>& typed, const std::vector<KeyChord>& rejectKeys,
                          bool& dropKeyLetter, std::vector<unsigned int>& carried) {
  for (const ImWchar c : typed) {
    const bool isKeyLetter =
        dropKeyLetter &&
        std::any_of(rejectKeys.begin(), rejectKeys.end(), [&](const KeyChord& chord) {
          return chord.key >= 'A' && chord.key <= 'Z' &&
                 (c == static_cast<ImWchar>(chord.key) ||
                  c == static_cast<ImWchar>(chord.key - 'A' + 'a'));
        });
    dropKeyLetter = false;
    if (!isKeyLetter) carried.push_back(c);
  }
  typed.resize(0);
}

/// Puts `carried` in front of this frame's typed characters, for the box.
void handBack(std::vector<unsigned int>& carried) {
  ImVector<ImWchar>& typed = ImGui::GetIO().InputQueueCharacters;
  ImVector<ImWchar> all;
  all.reserve(static_cast<int>(carried.size()) + typed.Size);
  for (const unsigned int c : carried)
    all.push_back(static_cast<ImWchar>(c));
  for (const ImWchar c : typed)
    all.push_back(c);
  typed.swap(all);
  carried.clear();
}

ImVec4 colourOf(ReviewState state) {
  switch (state) {
    case ReviewState::Accepted:
      return {0.45F, 0.85F, 0.45F, 1.0F};
    case ReviewState::Rejected:
      return {1.0F, 0.45F, 0.4F, 1.0F};
    case ReviewState::NeedsFix:
      return {1.0F, 0.75F, 0.3F, 1.0F};
    case ReviewState::Fixed:
      return {0.45F, 0.75F, 1.0F, 1.0F};
    case ReviewState::Unreviewed:
      break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

ReviewPanel::ReviewPanel(ReviewSession& review, LabelSession& labels, const ViewerSession& session,
                         const Keymap& keymap)
    : Panel("Review", layout::boxViews()),
      m_review(review),
      m_labels(labels),
      m_session(session),
      m_keymap(keymap) {
  setVisible(false);  // View > Review, --review, or any review key
}

std::string ReviewPanel::button(const char* label, Action action) const {
  const std::string keys = m_keymap.keysText(action);
  return keys.empty() ? std::string(label) : std::string(label) + " (" + keys + ")";
}

void ReviewPanel::drawContents() {
  if (m_labels.state() != LabelState::Loaded) {
    ImGui::TextDisabled("No labels loaded.");
    return;
  }
  ImGui::Text("Reviewer: %s", m_review.reviewer().c_str());
  const std::vector<std::size_t>& counts = m_review.stateCounts();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%zu unreviewed, %zu accepted, %zu rejected, %zu flagged, %zu fixed",
                     counts[static_cast<std::size_t>(ReviewState::Unreviewed)],
                     counts[static_cast<std::size_t>(ReviewState::Accepted)],
                     counts[static_cast<std::size_t>(ReviewState::Rejected)],
                     counts[static_cast<std::size_t>(ReviewState::NeedsFix)],
                     counts[static_cast<std::size_t>(ReviewState::Fixed)]);
  ImGui::PopStyleColor();
  constexpr std::array<ReviewFilter, 3> filters = {ReviewFilter::ToReview, ReviewFilter::Rejected,
                                                   ReviewFilter::All};
  for (std::size_t i = 0; i < filters.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::RadioButton(toString(filters[i]), m_review.filter() == filters[i])) {
      m_review.setFilter(filters[i]);
    }
  }
  ImGui::Separator();
  drawCurrent();
  drawVerdicts();
  ImGui::Separator();
  drawQueue();
}

void ReviewPanel::drawCurrent() {
  if (ImGui::Button(button("< Previous", Action::ReviewPrevious).c_str())) m_review.previous();
  ImGui::SameLine();
  if (ImGui::Button(button("Next >", Action::ReviewNext).c_str())) m_review.next();
  const std::optional<ReviewItem>& item = m_review.current();
  if (!item) {
    ImGui::TextDisabled("%zu in the queue; Next starts the walk.", m_review.queue().size());
    return;
  }
  const Instance* instance = m_labels.document().instance(item->id, item->frame);
  const Object* object = m_labels.document().object(item->id);
  if (instance == nullptr || object == nullptr) {
    ImGui::TextDisabled("The item's box is gone (deleted or undone).");
    return;
  }
  const auto at = m_review.currentIndex();
  const std::string where =
      item->frame >= 0 ? "frame " + m_session.frameId(static_cast<std::size_t>(item->frame))
                       : std::string("all frames");
  ImGui::Text("%s #%d, %s", object->className.c_str(), object->number, where.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled(
      "%s",
      at ? (std::to_string(*at + 1) + " of " + std::to_string(m_review.queue().size())).c_str()
         : "(judged)");
  ImGui::PushStyleColor(ImGuiCol_Text, colourOf(instance->review.state));
  ImGui::Text("%s", std::string(toString(instance->review.state)).c_str());
  ImGui::PopStyleColor();
  if (!instance->review.reviewer.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("by %s, %s", instance->review.reviewer.c_str(),
                        instance->review.time.c_str());
  }
  if (!instance->review.comment.empty()) {
    ImGui::TextWrapped("\"%s\"", instance->review.comment.c_str());
  } else if (!item->reason.empty()) {
    ImGui::TextWrapped("%s", item->reason.c_str());
  }
  if (instance->review.pin) {
    ImGui::TextDisabled("pinned at %.1f, %.1f, %.1f", instance->review.pin->x(),
                        instance->review.pin->y(), instance->review.pin->z());
  }
}

void ReviewPanel::drawVerdicts() {
  if (ImGui::Button(button("Accept", Action::ReviewAccept).c_str())) (void)m_review.accept();
  ImGui::SameLine();
  if (ImGui::Button(button("Reject", Action::ReviewReject).c_str())) {
    (void)m_review.rejectWithDraft();  // with no comment yet: the box below gets the keys
  }
  ImGui::SameLine();
  if (ImGui::Button(button("Fixed", Action::ReviewFixed).c_str())) (void)m_review.markFixed();
  ImGui::SameLine();
  ImGui::TextDisabled("Pin: %s", m_keymap.keysText(Action::ReviewPin).c_str());
  // The box takes the keys a frame or two after it is asked for (the focus
  // request, then its first active frame reads no characters), and on a slow
  // frame a quick typist's first letters arrive meanwhile: they are carried
  // over and handed to the box once it has the keys.
  if (m_review.takeCommentRequest()) {
    ImGui::SetKeyboardFocusHere();
    m_framesToFocus = 4;
    m_dropKeyLetter = true;
  }
  const bool hadKeys = ImGui::GetActiveID() == ImGui::GetID("##comment");
  if (hadKeys && !m_carried.empty()) handBack(m_carried);
  ImGui::SetNextItemWidth(-1.0F);
  const bool entered =
      ImGui::InputTextWithHint("##comment", "why it is rejected; Enter rejects",
                               &m_review.commentDraft(), ImGuiInputTextFlags_EnterReturnsTrue);
  if (!hadKeys && m_framesToFocus > 0) {
    --m_framesToFocus;
    carryTypedCharacters(ImGui::GetIO().InputQueueCharacters, m_keymap.keysOf(Action::ReviewReject),
                         m_dropKeyLetter, m_carried);
  } else if (!hadKeys && !ImGui::IsItemActive()) {
    m_carried.clear();  // never focused (the panel went away): nothing to hand
  }
  // Dear ImGui 1.86 samples keys once a frame and misses an Enter tapped
  // within one slow frame; the window's own key events never miss it.
  const bool enterSeen = m_review.takeEnterPressed();
  const bool active = ImGui::IsItemActive();
  if ((entered || (active && enterSeen)) && !m_review.commentDraft().empty()) {
    if (active) ImGui::ClearActiveID();
    (void)m_review.rejectWithDraft();
  }
  if (!m_review.message().empty()) ImGui::TextDisabled("%s", m_review.message().c_str());
}

void ReviewPanel::drawQueue() {
  const std::optional<std::size_t> at = m_review.currentIndex();
  const std::vector<ReviewItem>& items = m_review.queue();
  std::optional<std::size_t> clicked;  // applied after the loop: it may rebuild the queue
  if (!ImGui::BeginChild("##queue")) {
    ImGui::EndChild();
    return;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(items.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto i = static_cast<std::size_t>(row);
      const ReviewItem& item = items[i];
      const Object* object = m_labels.document().object(item.id);
      std::string text = item.frame >= 0 ? m_session.frameId(static_cast<std::size_t>(item.frame))
                                         : std::string("all");
      text += "  ";
      text += object != nullptr ? object->className + " #" + std::to_string(object->number)
                                : std::string("?");
      text += "  ";
      text += toString(item.state);
      if (!item.reason.empty()) text += "  " + item.reason;
      ImGui::PushID(row);
      ImGui::PushStyleColor(ImGuiCol_Text, colourOf(item.state));
      if (ImGui::Selectable(text.c_str(), at == i)) clicked = i;
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  if (clicked) m_review.goTo(*clicked);
}

}  // namespace fuselabel::gui
