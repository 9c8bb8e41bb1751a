// `fuselabel-cli effort`: the effort benchmark. Simulates an annotator on
// ground-truth tracks (key the first instance, fill, key the worst until
// every instance reaches the IoU) and reports, per method and class,
// the fraction of instances keyed and the error of the final fill.

#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/tracks/annotator_effort.hpp"
#include "core/tracks/truth_fitter.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::cli {
namespace {

struct EffortCliOptions {
  std::string truth;
  std::string truthFormat;
  std::string method = "all";
  std::string model = "cv";
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  double iou = 0.7;
  int minPoints = 0;
  std::string start = "ends";
  int oracleFits = -1;
  bool json = false;
};

nlohmann::json tallyJson(const EffortTally& t) {
  return {{"class", t.className},
          {"tracks", t.tracks},
          {"instances", t.instances},
          {"keyed", t.keyed},
          {"keyed_fraction", t.keyedFraction()},
          {"final_fill_instances", t.finalFillCount},
          {"mean_centre_error_m", t.meanCentreError()},
          {"mean_yaw_error_deg", t.meanYawError() * 180.0 / 3.141592653589793},
          {"mean_size_error_m", t.meanSizeError()}};
}

void printTable(const std::vector<EffortReport>& reports, double iou, bool keyLastUpFront) {
  std::printf("keyed fraction at 3D IoU %.2f (%s keyed, then the worst until all pass)\n", iou,
              keyLastUpFront ? "first and last instance" : "first instance");
  std::printf("%-22s %6s %9s", "class", "tracks", "instances");
  for (const EffortReport& r : reports)
    std::printf(" %11s", std::string(toString(r.method)).c_str());
  std::printf("\n");
  const EffortReport& first = reports.front();
  auto row = [&](std::size_t i) {
    const EffortTally& t = i < first.perClass.size() ? first.perClass[i] : first.total;
    std::printf("%-22s %6d %9d", t.className.c_str(), t.tracks, t.instances);
    for (const EffortReport& r : reports) {
      const EffortTally& mine = i < r.perClass.size() ? r.perClass[i] : r.total;
      std::printf(" %10.1f%%", 100.0 * mine.keyedFraction());
    }
    std::printf("\n");
  };
  for (std::size_t i = 0; i <= first.perClass.size(); ++i)
    row(i);
  std::printf("\nerror of the final fill (from every key the annotator set), all classes\n");
  std::printf("%-11s %11s %11s %11s %9s\n", "method", "centre (m)", "yaw (deg)", "size (m)",
              "keyed");
  for (const EffortReport& r : reports) {
    std::printf("%-11s %11.3f %11.2f %11.3f %8.1f%%\n", std::string(toString(r.method)).c_str(),
                r.total.meanCentreError(), r.total.meanYawError() * 180.0 / 3.141592653589793,
                r.total.meanSizeError(), 100.0 * r.total.keyedFraction());
  }
}

int runEffort(const EffortCliOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli effort: " << message << "\n";
    return kExitFailure;
  };
  std::vector<FillMethod> methods;
  if (options.method == "all") {
    methods = {FillMethod::Copy, FillMethod::Linear, FillMethod::Kalman};
    if (!options.dataset.empty() || options.oracleFits >= 0)
      methods.push_back(FillMethod::KalmanFit);
  } else if (auto m = parseFillMethod(options.method)) {
    methods = {*m};
  } else {
    std::cerr << "fuselabel-cli effort: --method is copy, linear, kalman, kalman-fit or all\n";
    return kExitUsage;
  }
  const std::optional<MotionModel> model = parseMotionModel(options.model);
  if (!model) {
    std::cerr << "fuselabel-cli effort: --model is cv or ctrv\n";
    return kExitUsage;
  }
  if (!(options.iou > 0.0 && options.iou < 1.0)) {
    std::cerr << "fuselabel-cli effort: --iou must be in (0, 1)\n";
    return kExitUsage;
  }
  const bool needsPoints =
      std::find(methods.begin(), methods.end(), FillMethod::KalmanFit) != methods.end();
  const bool oracle = options.oracleFits >= 0;
  if (needsPoints && !oracle && options.dataset.empty()) {
    std::cerr
        << "fuselabel-cli effort: kalman-fit fits to the points: give the dataset (--dataset)\n";
    return kExitUsage;
  }
  auto loaded =
      loadLabels(options.truth, options.truthFormat, options.dataset, options.datasetOptions);
  if (!loaded) return fail(loaded.error().message);
  printLabelWarnings("effort", loaded->labels.warnings);
  std::unique_ptr<SweepFitting> fitting;
  if (needsPoints && !oracle)
    fitting = std::make_unique<SweepFitting>(loaded->dataset->sequence, loaded->context);

  std::vector<EffortReport> reports;
  for (FillMethod method : methods) {
    EffortOptions effort;
    effort.method = method;
    effort.model = *model;
    effort.iouThreshold = options.iou;
    effort.minPoints = options.minPoints;
    effort.keyLastUpFront = options.start == "ends";
    if (method == FillMethod::KalmanFit)
      effort.fitterFor = oracle ? truthFitterFactory(loaded->labels.document, options.oracleFits)
                                : fitting->fitterFactory();
    auto report = simulateAnnotator(loaded->labels.document, effort);
    if (!report) return fail(report.error().message);
    reports.push_back(std::move(*report));
  }
  if (fitting) printLabelWarnings("effort", fitting->problems());
  if (reports.front().total.instances == 0) return fail("the labels hold no cuboid track");
  if (options.json) {
    nlohmann::json out{
        {"iou", options.iou}, {"model", toString(*model)}, {"methods", nlohmann::json::object()}};
    for (const EffortReport& r : reports) {
      nlohmann::json perClass = nlohmann::json::array();
      for (const EffortTally& t : r.perClass)
        perClass.push_back(tallyJson(t));
      out["methods"][std::string(toString(r.method))] = {{"total", tallyJson(r.total)},
                                                         {"per_class", perClass}};
    }
    std::cout << out.dump(2) << "\n";
  } else {
    printTable(reports, options.iou, options.start == "ends");
  }
  return kExitOk;
}

}  // namespace

Command addEffortCommand(CLI::App& parent) {
  auto options = std::make_shared<EffortCliOptions>();
  CLI::App* sub = parent.add_subcommand(
      "effort",
      "Simulate an annotator on ground-truth tracks: how much each fill method leaves to key");
  sub->add_option("truth", options->truth, "ground-truth label file or folder")->required();
  sub->add_option("--method", options->method,
                  "copy, linear, kalman, kalman-fit or all (default all)");
  sub->add_option("--model", options->model,
                  "motion model of the Kalman methods: cv or ctrv (default cv)");
  sub->add_option("--iou", options->iou, "3D IoU every instance must reach (default 0.7)");
  sub->add_option(
      "--min-points", options->minPoints,
      "leave out truth boxes whose num_points attribute is below this (default 0: keep all)");
  sub->add_option("--start", options->start,
                  "what the annotator keys before the first fill: ends (the first and last "
                  "instance of each track, issue 7's protocol; default) or first (the first "
                  "alone: the end is keyed only where the fill did not reach it)")
      ->check(CLI::IsMember({"ends", "first"}));
  sub->add_option("--oracle-fits", options->oracleFits,
                  "diagnostic: kalman-fit's fit of each frame is the true box wherever the truth "
                  "has at least this many points (num_points), none elsewhere: the keys no "
                  "better fitting can save")
      ->check(CLI::NonNegativeNumber);
  addOptionalDatasetOptions(*sub, options->dataset, options->datasetOptions,
                            "dataset of the labels (kalman-fit fits to its points)");
  sub->add_option("--from", options->truthFormat, "label format (default: detected)");
  sub->add_flag("--json", options->json, "print JSON instead of the table");
  return {sub, [options] { return runEffort(*options); }};
}

}  // namespace fuselabel::cli
