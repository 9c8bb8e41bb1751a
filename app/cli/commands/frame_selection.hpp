#pragma once
// The --frame / --frame-id options shared by every per-frame command.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "core/util/result.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::cli {

/// Which frame a command works on: by position or by the dataset's own name.
struct FrameSelection {
  std::optional<size_t> index;  ///< --frame N: 0-based position in the sequence
  std::string id;               ///< --frame-id ID: the dataset's frame name, e.g. 000008

  /// Adds --frame and --frame-id to `command`.
  void addOptions(CLI::App& command);
  /// Resolves the selection against a sequence (default: frame 0).
  Result<size_t> resolve(const Sequence& sequence) const;
};

}  // namespace fuselabel::cli
