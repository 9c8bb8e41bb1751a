#pragma once
// Resident memory of this process, for the status bar.

#include <cstdint>
#include <optional>

namespace fuselabel::gui {

/// Resident set size in bytes from /proc/self/statm; nothing where unavailable.
[[nodiscard]] std::optional<std::uint64_t> residentBytes();

}  // namespace fuselabel::gui
