// `fuselabel-cli agree A B`: how far two label sets of one sequence agree,
// box by box (core/quality/agreement.hpp): precision and recall of B against A
// per class, IoU and centre/size/yaw errors of the matches, ID switches and
// fragmentations, and the list of disagreements.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "app/cli/commands/quality_json.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/quality/agreement.hpp"

namespace fuselabel::cli {
namespace {

struct AgreeOptions {
  std::string a;
  std::string b;
  std::string format;
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  double iou = 0.5;
  double smallGate = 0.5;
  std::size_t listLimit = 40;
  bool json = false;
};

int runAgree(const AgreeOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli agree: " << message << "\n";
    return kExitFailure;
  };
  auto loadedA = loadLabels(options.a, options.format, options.dataset, options.datasetOptions);
  if (!loadedA) return fail(loadedA.error().message);
  printLabelWarnings("agree", loadedA->labels.warnings);
  auto loadedB = readLabels(options.b, loadedA->context, options.format);
  if (!loadedB) return fail(loadedB.error().message);
  printLabelWarnings("agree", loadedB->warnings);

  AgreementOptions agreement;
  agreement.match.iouThreshold = options.iou;
  agreement.match.smallCentreGate = options.smallGate;
  const AgreementReport report =
      compareLabels(loadedA->labels.document, loadedB->document, defaultLabelSchema(), agreement);
  if (options.json) {
    nlohmann::json out = agreementJson(report);
    out["a"] = options.a;
    out["b"] = options.b;
    out["iou_threshold"] = options.iou;
    out["small_centre_gate_m"] = options.smallGate;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("A: %s\nB: %s\n3D IoU >= %.2f (small boxes also within %.2f m)\n\n",
              options.a.c_str(), options.b.c_str(), options.iou, options.smallGate);
  printAgreementTable(report);
  std::printf("\n%zu disagreements", report.disagreements.size());
  if (report.disagreements.size() > options.listLimit)
    std::printf(" (first %zu; --json lists all)", options.listLimit);
  std::printf("\n");
  std::size_t shown = 0;
  for (const Disagreement& d : report.disagreements) {
    if (shown++ == options.listLimit) break;
    std::printf("  frame %-5d %-20s A %-6s B %-6s %s\n", d.frame, d.className.c_str(),
                d.numberA > 0 ? std::to_string(d.numberA).c_str() : "-",
                d.numberB > 0 ? std::to_string(d.numberB).c_str() : "-", d.what.c_str());
  }
  return kExitOk;
}

}  // namespace

Command addAgreeCommand(CLI::App& parent) {
  auto options = std::make_shared<AgreeOptions>();
  CLI::App* sub = parent.add_subcommand(
      "agree",
      "Agreement of two label sets (annotator A vs B): precision/recall per class, "
      "IoU and errors of matched boxes, ID switches, disagreements");
  sub->add_option("a", options->a, "reference label file or folder (A)")->required();
  sub->add_option("b", options->b, "label file or folder compared with A (B)")->required();
  sub->add_option("--labels-format", options->format,
                  "label format of both (default: detected; " + labelFormatNames() + ")");
  addOptionalDatasetOptions(*sub, options->dataset, options->datasetOptions,
                            "dataset the labels belong to (needed by formats in sensor frames)");
  sub->add_option("--iou", options->iou, "3D IoU a matched pair needs (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--small-gate", options->smallGate,
                  "small boxes (footprint < 2 m²) also match within this centre distance (m; "
                  "default 0.5, 0 disables)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--list", options->listLimit, "disagreements printed in the table (default 40)");
  sub->add_flag("--json", options->json,
                "print JSON: matches, unmatched_a, unmatched_b, per_class, total, disagreements");
  return {sub, [options] { return runAgree(*options); }};
}

}  // namespace fuselabel::cli
