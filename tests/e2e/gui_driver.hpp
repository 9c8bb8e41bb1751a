#pragma once
// Driving a running fuselabel like a user: find and focus its window, press
// keys, click at a pixel with modifiers, and aim at a world point in the 3D
// view through the view matrices the --debug-state JSON publishes.

#include <filesystem>
#include <optional>
#include <string>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "core/util/result.hpp"

namespace fuselabel::e2e {

/// The X window of process `pid` whose title starts with "fuselabel",
/// raised and focused; empty when none appeared within 20 s.
[[nodiscard]] std::string focusWindowOf(int pid);

/// xdotool key `keys` ("ctrl+z", "Return", "shift+c"); true when sent.
bool pressKeys(const std::string& keys);

/// xdotool type `text` into the focused window (letters, digits, spaces and
/// simple punctuation; no quotes); true when sent.
bool typeText(const std::string& text);

/// Moves the pointer to window pixel (x, y) of `window` and clicks button 1
/// with `modifiers` held ("", "ctrl", "alt"); true when sent.
bool clickAt(const std::string& window, const Eigen::Vector2d& pixel,
             const std::string& modifiers = "");

/// Moves the pointer to window pixel (x, y) of `window` (no click).
bool moveTo(const std::string& window, const Eigen::Vector2d& pixel);

/// The window pixel where the 3D view shows `world` (the labels' world
/// frame) in the state's shown frame, or nothing (behind the eye, outside
/// the view, or no view yet).
[[nodiscard]] std::optional<Eigen::Vector2d> viewPixelOf(const nlohmann::json& state,
                                                         const Eigen::Vector3d& world,
                                                         bool insideOnly = true);

/// Pans the 3D view (right drags, as a user would) until `world` is near its
/// centre; the state after, or nothing when the view would not follow.
[[nodiscard]] std::optional<nlohmann::json> centreViewOn(const std::string& window,
                                                         const std::filesystem::path& state,
                                                         const Eigen::Vector3d& world);

/// Writes the SUSTech example's labels as a native file (`fuselabel-cli
/// convert`, calibration from the recording) to compare a saved file with;
/// an error message on failure, empty on success.
[[nodiscard]] std::string convertSustechLabels(const std::filesystem::path& sustech,
                                               const std::filesystem::path& out);

/// Generates a synthetic scene with `fuselabel-cli synth -q -o <dir>/scene
/// <options>`; the scene folder, or the CLI's output as the error.
[[nodiscard]] Result<std::filesystem::path> makeSyntheticScene(const std::filesystem::path& dir,
                                                               const std::string& options);

/// Waits until the state shows the frame loaded with labelled boxes in it.
[[nodiscard]] std::optional<nlohmann::json> waitForLabelledFrame(
    const std::filesystem::path& state);

}  // namespace fuselabel::e2e
