#include "app/cli/commands/dataset_selection.hpp"

namespace fuselabel::cli {

void DatasetSelection::addOptions(CLI::App& command) {
  command.add_option("dataset", path, "dataset folder or scene manifest (scene.json)")->required();
  std::string formats;
  for (const DatasetAdapter& adapter : datasetAdapters())
    formats += (formats.empty() ? "" : ", ") + std::string(adapter.name);
  command.add_option("--format", options.format, "dataset layout (default: detected): " + formats);
  command.add_flag("--allow-outside-paths", options.allowOutsidePaths,
                   "let a scene manifest name files outside its own folder");
}

}  // namespace fuselabel::cli
