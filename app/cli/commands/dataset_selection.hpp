#pragma once
// The dataset argument and options shared by every command that opens one.

#include <CLI/CLI.hpp>

#include <string>

#include "core/util/result.hpp"
#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel::cli {

/// Which dataset a command opens, and how.
struct DatasetSelection {
  std::string path;            ///< dataset folder or scene manifest
  DatasetOpenOptions options;  ///< --format, --allow-outside-paths

  /// Adds the positional dataset argument, --format and --allow-outside-paths to `command`.
  void addOptions(CLI::App& command);
  /// Opens the dataset.
  Result<Sequence> open() const { return openDataset(path, options); }
};

}  // namespace fuselabel::cli
