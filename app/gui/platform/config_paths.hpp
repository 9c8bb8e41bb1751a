#pragma once
// Where per-user settings live: $XDG_CONFIG_HOME/fuselabel, else
// ~/.config/fuselabel. Never the current directory, so running the tool from a
// dataset folder leaves no files behind.

#include <filesystem>

#include "core/util/result.hpp"

namespace fuselabel::gui {

/// The folder (created if missing); an error when neither variable is usable.
[[nodiscard]] Result<std::filesystem::path> userConfigDir();

}  // namespace fuselabel::gui
