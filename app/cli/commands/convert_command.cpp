// `fuselabel-cli convert`: label files from one format to another, with the
// coordinate conversions a dataset's calibration and poses make possible.

#include <iostream>
#include <memory>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"

namespace fuselabel::cli {
namespace {

struct ConvertOptions {
  std::string in;
  std::string out;
  std::string from;
  std::string to;
  std::string dataset;
  DatasetOpenOptions datasetOptions;
};

int runConvert(const ConvertOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli convert: " << message << "\n";
    return kExitFailure;
  };
  LabelContext context;
  std::optional<LabelDataset> dataset;
  if (!options.dataset.empty()) {
    auto opened = openLabelDataset(options.dataset, options.datasetOptions);
    if (!opened) return fail(opened.error().message);
    context = opened->context;
    dataset.emplace(std::move(*opened));
  }
  std::string to = options.to.empty() ? labelFormatFromName(options.out) : options.to;
  if (to.empty()) {
    std::cerr << "fuselabel-cli convert: cannot tell the output format from '" << options.out
              << "'; pass --to (" << labelFormatNames() << ")\n";
    return kExitUsage;
  }
  if (findLabelFormat(to) == nullptr ||
      (!options.from.empty() && findLabelFormat(options.from) == nullptr)) {
    std::cerr << "fuselabel-cli convert: unknown format; known: " << labelFormatNames() << "\n";
    return kExitUsage;
  }
  std::string from = options.from;
  if (from.empty()) {
    auto detected = detectLabelFormat(options.in);
    if (!detected) return fail(detected.error().message + " (pass --from)");
    from = (*detected)->name;
  }
  auto imported = readLabels(options.in, context, from);
  if (!imported) return fail(imported.error().message);
  printLabelWarnings("convert", imported->warnings);
  if (context.dataset.format.empty()) context.dataset = imported->document.info().dataset;
  auto written = writeLabels(imported->document, options.out, context, to);
  if (!written) return fail(written.error().message);
  printLabelWarnings("convert", written->warnings);
  std::cerr << "read " << imported->document.objectCount() << " objects, "
            << imported->document.instanceCount() << " instances from " << options.in << " ("
            << from << "); wrote " << written->files.size() << " file"
            << (written->files.size() == 1 ? "" : "s") << " to " << options.out << " (" << to
            << ")\n";
  return kExitOk;
}

}  // namespace

Command addConvertCommand(CLI::App& parent) {
  auto options = std::make_shared<ConvertOptions>();
  CLI::App* sub = parent.add_subcommand(
      "convert", "Convert labels between formats (" + labelFormatNames() + ")");
  sub->add_option("in", options->in, "label file or folder to read")->required();
  sub->add_option("out", options->out, "label file or folder to write")->required();
  sub->add_option("--from", options->from, "input format (default: detected from the file)");
  sub->add_option("--to", options->to, "output format (default: from the output name)");
  addOptionalDatasetOptions(
      *sub, options->dataset, options->datasetOptions,
      "dataset whose calibration and poses the conversion uses (KITTI formats need it)");
  return {sub, [options] { return runConvert(*options); }};
}

}  // namespace fuselabel::cli
