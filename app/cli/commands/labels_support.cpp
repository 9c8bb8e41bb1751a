#include "app/cli/commands/labels_support.hpp"

#include <iostream>

#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel::cli {

std::string labelFormatFromName(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  if (name == "sample_annotation.json" || name.starts_with("nuscenes")) return "nuscenes";
  if (path.extension() == ".json")
    return name.find("openlabel") != std::string::npos ? "openlabel" : "native";
  if (name == "label_2") return "kitti";
  if (name == "label_02" || path.extension() == ".txt") return "kitti-tracking";
  if (name == "label") return "sustech";
  return {};
}

std::string labelFormatNames() {
  std::string names;
  for (const LabelFormat& format : labelFormats())
    names += (names.empty() ? "" : ", ") + std::string(format.name);
  return names;
}

Result<LabelDataset> openLabelDataset(const std::string& path, const DatasetOpenOptions& options) {
  auto sequence = openDataset(path, options);
  if (!sequence) return sequence.error();
  auto context = labelContextFromSequence(*sequence);
  if (!context) return context.error();
  return LabelDataset{std::move(*sequence), std::move(*context)};
}

Result<LabelImport> readLabelsForDataset(const LabelDataset& dataset, const std::string& labels,
                                         const std::string& format) {
  if (labels.empty()) return readDatasetLabels(dataset.sequence, dataset.context);
  return readLabels(labels, dataset.context, format);
}

Result<LoadedLabels> loadLabels(const std::string& labels, const std::string& format,
                                const std::string& datasetPath, const DatasetOpenOptions& options) {
  LoadedLabels out;
  if (!datasetPath.empty()) {
    auto dataset = openLabelDataset(datasetPath, options);
    if (!dataset) return dataset.error();
    out.context = dataset->context;
    out.dataset.emplace(std::move(*dataset));
  }
  auto imported = readLabels(labels, out.context, format);
  if (!imported) return imported.error();
  out.labels = std::move(*imported);
  return out;
}

void addOptionalDatasetOptions(CLI::App& command, std::string& path, DatasetOpenOptions& options,
                               const std::string& purpose) {
  command.add_option("--dataset", path, purpose);
  command.add_option("--dataset-format", options.format, "dataset layout (default: detected)");
  command.add_option("--sequence", options.sequence, "KITTI tracking sequence of the dataset");
  command.add_option("--scene", options.scene, "nuScenes scene of the dataset");
}

void printLabelWarnings(const std::string& command, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings)
    std::cerr << "fuselabel-cli " << command << ": warning: " << warning << "\n";
}

}  // namespace fuselabel::cli
