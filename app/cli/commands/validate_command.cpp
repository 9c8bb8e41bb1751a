// `fuselabel-cli validate`: the quality rules of a label file
// (core/quality/quality_rules.hpp): schema checks (unknown class, missing
// required attribute, size outside the class prior, …), motion checks, and the
// point, ground, overlap, gap and lane rules; exit code 1 when any error is found.

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/box_evidence.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/io/text_file.hpp"
#include "core/quality/quality_rules.hpp"

namespace fuselabel::cli {
namespace {

struct ValidateOptions {
  DatasetSelection dataset;
  std::string labels;
  std::string labelsFormat;
  std::string schema;
  std::string rules;
  std::vector<std::string> ruleOverrides;
  bool points = false;
  bool json = false;
};

int runValidate(const ValidateOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli validate: " << message << "\n";
    return kExitFailure;
  };
  auto dataset = openLabelDataset(options.dataset.path, options.dataset.options);
  if (!dataset) return fail(dataset.error().message);
  auto imported = readLabelsForDataset(*dataset, options.labels, options.labelsFormat);
  if (!imported) return fail(imported.error().message);
  printLabelWarnings("validate", imported->warnings);
  LabelSchema schema = defaultLabelSchema();
  if (!options.schema.empty()) {
    auto loaded = loadLabelSchema(options.schema);
    if (!loaded) return fail(loaded.error().message);
    schema = std::move(*loaded);
  }
  QualityRuleConfig config;
  if (!options.rules.empty()) {
    auto text = readTextFile(options.rules);
    if (!text) return fail(text.error().message);
    auto applied = applyRuleOverrides(std::move(config), *text, options.rules);
    if (!applied) return fail(applied.error().message);
    config = std::move(*applied);
  }
  for (const std::string& assignment : options.ruleOverrides) {
    auto applied = applyRuleOverride(std::move(config), assignment);
    if (!applied) {
      std::cerr << "fuselabel-cli validate: " << applied.error().message << "\n";
      return kExitUsage;
    }
    config = std::move(*applied);
  }
  // The point and ground rules read every sweep, so they run when asked
  // (--points); a sweep that cannot be read is an error of the run, not a
  // finding about a box.
  SweepEvidence sweeps(*dataset);
  BoxEvidenceFunction evidence;
  if (options.points) {
    evidence = [&sweeps](const Track&, const Instance& instance) -> std::optional<BoxEvidence> {
      return sweeps.evidence(std::get<Cuboid>(instance.geometry), instance.frame);
    };
  }
  const std::vector<QualityFinding> findings =
      runQualityRules(imported->document, schema, config, evidence);
  printLabelWarnings("validate", sweeps.warnings());
  if (!sweeps.error().empty()) return fail(sweeps.error());
  std::size_t errors = 0;
  for (const QualityFinding& f : findings)
    errors += f.severity == FindingSeverity::Error ? 1 : 0;
  if (options.json) {
    nlohmann::json out;
    out["objects"] = imported->document.objectCount();
    out["instances"] = imported->document.instanceCount();
    out["errors"] = errors;
    out["warnings"] = findings.size() - errors;
    nlohmann::json list = nlohmann::json::array();
    for (const QualityFinding& f : findings) {
      const Object* object = imported->document.object(f.object);
      nlohmann::json j{{"severity", f.severity == FindingSeverity::Error ? "error" : "warning"},
                       {"kind", f.kind},
                       {"rule", f.rule},
                       {"object", object != nullptr ? object->number : 0},
                       {"message", f.message}};
      j["frame"] = f.frame ? nlohmann::json(*f.frame) : nlohmann::json(nullptr);
      list.push_back(std::move(j));
    }
    out["findings"] = std::move(list);
    std::cout << out.dump(2) << "\n";
  } else {
    std::map<std::string, std::pair<std::size_t, std::size_t>> perRule;  // errors, warnings
    for (const QualityFinding& f : findings) {
      const bool error = f.severity == FindingSeverity::Error;
      std::cout << (error ? "error" : "warning") << " [" << f.kind << "] " << f.message << "\n";
      auto& counts = perRule[f.rule];
      (error ? counts.first : counts.second) += 1;
    }
    if (!perRule.empty()) {
      std::printf("\n%-26s %8s %8s\n", "rule", "errors", "warnings");
      for (const auto& [rule, counts] : perRule)
        std::printf("%-26s %8zu %8zu\n", rule.c_str(), counts.first, counts.second);
      std::cout << std::flush;
    }
    std::cout << imported->document.objectCount() << " objects, "
              << imported->document.instanceCount() << " instances: " << errors << " errors, "
              << findings.size() - errors << " warnings\n";
  }
  return errors > 0 ? kExitFailure : kExitOk;
}

}  // namespace

Command addValidateCommand(CLI::App& parent) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* sub = parent.add_subcommand(
      "validate",
      "Check labels against the schema and the quality rules (points, ground, overlap, motion, "
      "gaps, lanes); exit 1 on errors");
  options->dataset.addOptions(*sub);
  sub->add_option("--labels", options->labels,
                  "label file or folder (default: the labels shipped with the dataset)");
  sub->add_option("--labels-format", options->labelsFormat,
                  "label format (default: detected; " + labelFormatNames() + ")");
  sub->add_option("--schema", options->schema,
                  "label schema JSON (default: the built-in driving schema)");
  sub->add_option("--rules", options->rules,
                  "JSON file overriding rule levels and thresholds (see docs/quality.md)");
  sub->add_option("--rule", options->ruleOverrides,
                  "RULE=off|warning|error, repeatable; applied after --rules");
  sub->add_flag("--points", options->points,
                "also run the rules that read the sweeps: empty_box, few_points, below_ground, "
                "floating");
  sub->add_flag("--json", options->json, "print the findings as JSON");
  return {sub, [options] { return runValidate(*options); }};
}

}  // namespace fuselabel::cli
