// `fuselabel-cli validate`: the schema checks of a label file (unknown class,
// missing required attribute, invalid size, …); exit code 1 when any fails.

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/annotation/schema_validation.hpp"
#include "core/tracks/motion_check.hpp"

namespace fuselabel::cli {
namespace {

struct ValidateOptions {
  DatasetSelection dataset;
  std::string labels;
  std::string labelsFormat;
  std::string schema;
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
  std::vector<Finding> findings = validateDocument(imported->document, schema);
  // Motion sanity of every track (core/tracks/motion_check.hpp): warnings,
  // since a real emergency stop can look like a label error.
  MotionCheckOptions motion;
  motion.schema = &schema;
  for (const MotionFinding& m : checkTrackMotion(imported->document, motion))
    findings.push_back(
        {FindingSeverity::Warning, FindingKind::ImplausibleMotion, m.id, m.frame, m.message});
  std::size_t errors = 0;
  for (const Finding& f : findings)
    errors += f.severity == FindingSeverity::Error ? 1 : 0;
  if (options.json) {
    nlohmann::json out;
    out["objects"] = imported->document.objectCount();
    out["instances"] = imported->document.instanceCount();
    out["errors"] = errors;
    out["warnings"] = findings.size() - errors;
    nlohmann::json list = nlohmann::json::array();
    for (const Finding& f : findings) {
      const Object* object = imported->document.object(f.object);
      nlohmann::json j{{"severity", f.severity == FindingSeverity::Error ? "error" : "warning"},
                       {"kind", toString(f.kind)},
                       {"object", object != nullptr ? object->number : 0},
                       {"message", f.message}};
      j["frame"] = f.frame ? nlohmann::json(*f.frame) : nlohmann::json(nullptr);
      list.push_back(std::move(j));
    }
    out["findings"] = std::move(list);
    std::cout << out.dump(2) << "\n";
  } else {
    for (const Finding& f : findings) {
      std::cout << (f.severity == FindingSeverity::Error ? "error" : "warning") << " ["
                << toString(f.kind) << "] " << f.message << "\n";
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
      "Check labels against the label schema (exit 1 on errors) and tracks for implausible motion");
  options->dataset.addOptions(*sub);
  sub->add_option("--labels", options->labels,
                  "label file or folder (default: the labels shipped with the dataset)");
  sub->add_option("--labels-format", options->labelsFormat,
                  "label format (default: detected; " + labelFormatNames() + ")");
  sub->add_option("--schema", options->schema,
                  "label schema JSON (default: the built-in driving schema)");
  sub->add_flag("--json", options->json, "print the findings as JSON");
  return {sub, [options] { return runValidate(*options); }};
}

}  // namespace fuselabel::cli
