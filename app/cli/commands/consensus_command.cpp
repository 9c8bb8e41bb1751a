// `fuselabel-cli consensus A B C … -o OUT`: several annotators' labels merged
// box by box (core/quality/consensus.hpp); each merged instance carries its
// agreement score as its confidence, and weakly agreed ones are marked
// needs_fix for review instead of being silently averaged.

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/quality/consensus.hpp"

namespace fuselabel::cli {
namespace {

struct ConsensusCommandOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  std::string outputFormat;
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  double iou = 0.3;
  double minAgreement = 0.5;
  bool json = false;
};

int runConsensus(const ConsensusCommandOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli consensus: " << message << "\n";
    return kExitFailure;
  };
  if (options.inputs.size() < 2) {
    std::cerr << "fuselabel-cli consensus: give at least two label sets\n";
    return kExitUsage;
  }
  auto first =
      loadLabels(options.inputs.front(), options.format, options.dataset, options.datasetOptions);
  if (!first) return fail(first.error().message);
  printLabelWarnings("consensus", first->labels.warnings);
  std::vector<Document> documents;
  documents.push_back(std::move(first->labels.document));
  for (std::size_t i = 1; i < options.inputs.size(); ++i) {
    auto loaded = readLabels(options.inputs[i], first->context, options.format);
    if (!loaded) return fail(loaded.error().message);
    printLabelWarnings("consensus", loaded->warnings);
    documents.push_back(std::move(loaded->document));
  }
  std::vector<const Document*> pointers;
  for (const Document& document : documents)
    pointers.push_back(&document);
  ConsensusOptions consensus;
  consensus.match.iouThreshold = options.iou;
  consensus.minAgreement = options.minAgreement;
  const ConsensusResult result = buildConsensus(pointers, defaultLabelSchema(), consensus);
  const std::string format =
      options.outputFormat.empty() ? labelFormatFromName(options.output) : options.outputFormat;
  if (format.empty())
    return fail(options.output +
                ": cannot tell the label format from the name; use --output-format");
  auto written = writeLabels(result.document, options.output, first->context, format);
  if (!written) return fail(written.error().message);
  printLabelWarnings("consensus", written->warnings);
  if (options.json) {
    std::cout << nlohmann::json{{"annotators", options.inputs.size()},
                                {"objects", result.document.objectCount()},
                                {"instances", result.instances},
                                {"needs_fix", result.flagged},
                                {"copied_from_first", result.copied},
                                {"output", options.output}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << options.inputs.size() << " annotators merged into "
              << result.document.objectCount() << " objects, " << result.instances << " instances; "
              << result.flagged << " marked needs_fix (agreement below " << options.minAgreement
              << ", class tie, flipped heading or ambiguous track); " << result.copied
              << " lanes and ignore regions copied from the first -> " << options.output << "\n";
  }
  return kExitOk;
}

}  // namespace

Command addConsensusCommand(CLI::App& parent) {
  auto options = std::make_shared<ConsensusCommandOptions>();
  CLI::App* sub = parent.add_subcommand(
      "consensus",
      "Merge several annotators' labels box by box (median box, majority class); "
      "weak agreement is marked needs_fix");
  sub->add_option("inputs", options->inputs, "label files or folders, one per annotator")
      ->required();
  sub->add_option("-o,--output", options->output, "merged label file")->required();
  sub->add_option("--labels-format", options->format,
                  "label format of the inputs (default: detected; " + labelFormatNames() + ")");
  sub->add_option("--output-format", options->outputFormat,
                  "label format of the output (default: from its name)");
  addOptionalDatasetOptions(*sub, options->dataset, options->datasetOptions,
                            "dataset the labels belong to (needed by formats in sensor frames)");
  sub->add_option("--iou", options->iou,
                  "3D IoU that makes two annotators' boxes one (default 0.3)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option(
         "--min-agreement", options->minAgreement,
         "instances whose agreement score is below this are marked needs_fix (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--json", options->json, "print a JSON summary");
  return {sub, [options] { return runConsensus(*options); }};
}

}  // namespace fuselabel::cli
