#pragma once
// The two questions that keep work from being lost: on start, whether to
// recover the edits an earlier session journalled but never saved; on quit,
// what to do with unsaved edits. Both answer to the mouse and to keys (R/D,
// S/Q/Esc) so they can be driven without looking.

#include <span>
#include <string>

#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::gui {

class LabelSession;

enum class QuitChoice { Undecided, SaveAndQuit, QuitWithoutSaving, Cancel };

/// Draws the recovery question while the labels have a journal pending and
/// applies the answer; `presses` are this frame's keys (R recovers, D
/// discards). Returns a status message after an answer.
[[nodiscard]] std::string drawRecoveryPrompt(LabelSession& labels,
                                             std::span<const KeyPress> presses);

/// Draws the unsaved-changes question; returns the answer once given
/// (S / Enter save and quit, Q quit without saving, Esc cancel).
[[nodiscard]] QuitChoice drawQuitPrompt(const LabelSession& labels,
                                        std::span<const KeyPress> presses);

}  // namespace fuselabel::gui
