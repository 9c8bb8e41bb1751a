#pragma once
// What the label commands (convert, stats, validate) share: choosing formats
// from file names and reading a label file in a dataset's context.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::cli {

/// The label format a file or folder name asks for when writing ("" when the name does not say):
/// *.json → native (openlabel when the name contains "openlabel"), sample_annotation.json or a
/// folder named nuscenes* → nuscenes, label_2 → kitti, label_02 or *.txt → kitti-tracking, label →
/// sustech.
std::string labelFormatFromName(const std::filesystem::path& path);

/// Comma-separated names of the label formats, for help texts and errors.
std::string labelFormatNames();

/// A dataset opened for labels, with its conversion context.
struct LabelDataset {
  Sequence sequence;     ///< the recording
  LabelContext context;  ///< frames, poses and calibration for the label formats
};

/// Opens `path` and builds its label context.
Result<LabelDataset> openLabelDataset(const std::string& path, const DatasetOpenOptions& options);

/// Reads `labels` (format detected when empty) in the dataset's context, or the
/// dataset's own labels when `labels` is empty.
Result<LabelImport> readLabelsForDataset(const LabelDataset& dataset, const std::string& labels,
                                         const std::string& format);

/// Labels read on their own or, when a dataset is given, in its context.
struct LoadedLabels {
  LabelImport labels;                   ///< the document and what was noticed reading it
  std::optional<LabelDataset> dataset;  ///< the dataset, when one was given
  LabelContext context;                 ///< the dataset's context, or empty
};

/// Reads `labels` (format detected when empty) in the context of `datasetPath`
/// when it is not empty.
Result<LoadedLabels> loadLabels(const std::string& labels, const std::string& format,
                                const std::string& datasetPath, const DatasetOpenOptions& options);

/// Adds --dataset PATH, --dataset-format, --sequence and --scene: an optional
/// dataset that `purpose` says what for.
void addOptionalDatasetOptions(CLI::App& command, std::string& path, DatasetOpenOptions& options,
                               const std::string& purpose);

/// Prints each warning as "fuselabel-cli <command>: warning: …" on stderr.
void printLabelWarnings(const std::string& command, const std::vector<std::string>& warnings);

}  // namespace fuselabel::cli
