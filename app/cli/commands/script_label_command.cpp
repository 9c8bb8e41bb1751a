// `fuselabel-cli script-label`: the scripted labeling run of issue 9. A
// simulated annotator labels the best-seen truth objects of a scene with the
// GUI's own operations (one-click, Shift+C, nudges, T, G, frame steps) and
// the run prints the clicks and key presses it took, per object and in total,
// for each fill method.

#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "app/gui/scene/scripted_annotator.hpp"

namespace fuselabel::cli {
namespace {

struct ScriptLabelOptions {
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  std::string truth;
  std::string truthFormat;
  std::string method = "kalman-fit";
  gui::ScriptOptions script;
  bool json = false;
};

nlohmann::json inputsJson(const gui::InputTally& t) {
  return {{"clicks", t.clicks()},
          {"keys", t.keys()},
          {"object_clicks", t.objectClicks},
          {"timeline_clicks", t.timelineClicks},
          {"inspector_clicks", t.inspectorClicks},
          {"palette_keys", t.paletteKeys},
          {"undo_keys", t.undoKeys},
          {"frame_step_keys", t.frameStepKeys},
          {"box_for_selected_keys", t.boxForSelectedKeys},
          {"fine_nudge_keys", t.fineNudgeKeys},
          {"coarse_nudge_keys", t.coarseNudgeKeys},
          {"fit_to_points_keys", t.fitToPointsKeys},
          {"snap_to_ground_keys", t.snapToGroundKeys},
          {"save_keys", t.saveKeys}};
}

void printReport(const gui::ScriptReport& report, double iou) {
  std::printf("method %s: every instance to 3D IoU %.2f\n",
              std::string(toString(report.method)).c_str(), iou);
  std::printf("%-18s %5s %5s %6s %6s %6s  %4s %4s %4s %4s %4s %4s %4s %4s %4s  %s\n", "object",
              "inst", "kf", "worst", "mean", "clicks", "keys", "pal", "undo", "A/D", "S+C", "nud",
              "Snud", "T", "G", "");
  for (const gui::ScriptedObject& o : report.objects) {
    const gui::InputTally& t = o.inputs;
    std::printf("%-18s %5d %5d %6.3f %6.3f %6d  %4d %4d %4d %4d %4d %4d %4d %4d %4d  %s\n",
                o.name.c_str(), o.instances, o.keyframes, o.worstIou, o.meanIou, t.clicks(),
                t.keys(), t.paletteKeys, t.undoKeys, t.frameStepKeys, t.boxForSelectedKeys,
                t.fineNudgeKeys, t.coarseNudgeKeys, t.fitToPointsKeys, t.snapToGroundKeys,
                o.done ? "" : o.problem.c_str());
  }
  const gui::InputTally& t = report.total;
  std::printf(
      "total %zu objects (%s): %d clicks (%d on objects, %d on the timeline, %d in the "
      "inspector), %d key presses (%d palette, %d Ctrl+Z, %d A/D, %d Shift+C, %d nudges, %d "
      "Shift+nudges, "
      "%d T, %d G, %d Ctrl+S)\n\n",
      report.objects.size(), report.allDone() ? "all done" : "NOT all done", t.clicks(),
      t.objectClicks, t.timelineClicks, t.inspectorClicks, t.keys(), t.paletteKeys, t.undoKeys,
      t.frameStepKeys, t.boxForSelectedKeys, t.fineNudgeKeys, t.coarseNudgeKeys, t.fitToPointsKeys,
      t.snapToGroundKeys, t.saveKeys);
}

int runScriptLabel(const ScriptLabelOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli script-label: " << message << "\n";
    return kExitFailure;
  };
  std::vector<FillMethod> methods;
  if (options.method == "all") {
    methods = {FillMethod::Linear, FillMethod::Kalman, FillMethod::KalmanFit};
  } else if (auto m = parseFillMethod(options.method)) {
    methods = {*m};
  } else {
    std::cerr
        << "fuselabel-cli script-label: --method is copy, linear, kalman, kalman-fit or all\n";
    return kExitUsage;
  }
  if (!(options.script.iouThreshold > 0.0 && options.script.iouThreshold < 1.0) ||
      options.script.objects < 1) {
    std::cerr << "fuselabel-cli script-label: --iou must be in (0, 1) and --objects at least 1\n";
    return kExitUsage;
  }
  auto dataset = openLabelDataset(options.dataset, options.datasetOptions);
  if (!dataset) return fail(dataset.error().message);
  auto truth = readLabelsForDataset(*dataset, options.truth, options.truthFormat);
  if (!truth) return fail(truth.error().message);
  printLabelWarnings("script-label", truth->warnings);

  nlohmann::json out{{"iou", options.script.iouThreshold}, {"methods", nlohmann::json::object()}};
  bool allDone = true;
  for (FillMethod method : methods) {
    gui::ScriptOptions script = options.script;
    script.method = method;
    auto report =
        gui::runScriptedAnnotator(dataset->sequence, dataset->context, truth->document, script);
    if (!report) return fail(report.error().message);
    allDone = allDone && report->allDone();
    if (options.json) {
      nlohmann::json objects = nlohmann::json::array();
      for (const gui::ScriptedObject& o : report->objects) {
        objects.push_back({{"object", o.name},
                           {"instances", o.instances},
                           {"keyframes", o.keyframes},
                           {"worst_iou", o.worstIou},
                           {"mean_iou", o.meanIou},
                           {"done", o.done},
                           {"problem", o.problem},
                           {"inputs", inputsJson(o.inputs)}});
      }
      out["methods"][std::string(toString(method))] = {{"all_done", report->allDone()},
                                                       {"total", inputsJson(report->total)},
                                                       {"objects", objects}};
    } else {
      printReport(*report, options.script.iouThreshold);
      std::fflush(stdout);
    }
  }
  if (options.json) std::cout << out.dump(2) << "\n";
  return allDone ? kExitOk : kExitFailure;
}

}  // namespace

Command addScriptLabelCommand(CLI::App& parent) {
  auto options = std::make_shared<ScriptLabelOptions>();
  CLI::App* sub = parent.add_subcommand(
      "script-label",
      "Label a scene's best-seen truth objects with the GUI's operations, scripted, and count "
      "the clicks and key presses (exit 1 when an object hits the cap)");
  sub->add_option("dataset", options->dataset, "scene or dataset folder")->required();
  sub->add_option("--dataset-format", options->datasetOptions.format,
                  "dataset layout (default: detected)");
  sub->add_option("--sequence", options->datasetOptions.sequence, "KITTI tracking sequence");
  sub->add_option("--scene", options->datasetOptions.scene, "nuScenes scene");
  sub->add_option("--truth", options->truth,
                  "ground-truth label file (default: the dataset's own labels)");
  sub->add_option("--from", options->truthFormat, "truth label format (default: detected)");
  sub->add_option("--objects", options->script.objects, "truth objects to label (default 20)");
  sub->add_option("--method", options->method,
                  "fill after each edit: linear, kalman, kalman-fit or all (default kalman-fit)");
  sub->add_option("--iou", options->script.iouThreshold,
                  "3D IoU every instance must reach (default 0.7)");
  sub->add_flag("--json", options->json, "print JSON instead of the table");
  return {sub, [options] { return runScriptLabel(*options); }};
}

}  // namespace fuselabel::cli
