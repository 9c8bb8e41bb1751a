// `fuselabel-cli fill`: fills every track's non-key frames from its keyframes
// (copy, linear, kalman, or kalman with per-frame fits to the dataset's
// points) and writes the labels with each filled instance's source.

#include <iostream>
#include <memory>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/tracks/document_fill.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::cli {
namespace {

struct FillCliOptions {
  std::string labels;
  std::string labelsFormat;
  std::string out;
  std::string outFormat;
  std::string method = "kalman";
  std::string model = "cv";
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  std::string frames;
  std::int64_t track = 0;
};

// "A:B" (either side may be empty) into an inclusive frame range.
Result<std::pair<FrameIndex, FrameIndex>> parseFrameRange(const std::string& text) {
  std::pair<FrameIndex, FrameIndex> range{0, std::numeric_limits<FrameIndex>::max()};
  if (text.empty()) return range;
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) return Error{"--frames: expected A:B, got '" + text + "'"};
  try {
    if (colon > 0) range.first = std::stoi(text.substr(0, colon));
    if (colon + 1 < text.size()) range.second = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    return Error{"--frames: expected whole numbers A:B, got '" + text + "'"};
  }
  if (range.first < 0 || range.second < range.first)
    return Error{"--frames: expected 0 <= A <= B, got '" + text + "'"};
  return range;
}

int runFill(const FillCliOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli fill: " << message << "\n";
    return kExitFailure;
  };
  const std::optional<FillMethod> method = parseFillMethod(options.method);
  const std::optional<MotionModel> model = parseMotionModel(options.model);
  if (!method || !model) {
    std::cerr << "fuselabel-cli fill: --method is copy, linear, kalman or kalman-fit; --model cv "
                 "or ctrv\n";
    return kExitUsage;
  }
  auto range = parseFrameRange(options.frames);
  if (!range) {
    std::cerr << "fuselabel-cli fill: " << range.error().message << "\n";
    return kExitUsage;
  }
  if (*method == FillMethod::KalmanFit && options.dataset.empty()) {
    std::cerr
        << "fuselabel-cli fill: kalman-fit fits to the points: give the dataset (--dataset)\n";
    return kExitUsage;
  }
  auto loaded =
      loadLabels(options.labels, options.labelsFormat, options.dataset, options.datasetOptions);
  if (!loaded) return fail(loaded.error().message);
  printLabelWarnings("fill", loaded->labels.warnings);
  Document& document = loaded->labels.document;

  DocumentFillOptions fillOptions;
  fillOptions.method = *method;
  fillOptions.model = *model;
  fillOptions.firstFrame = range->first;
  fillOptions.lastFrame = range->second;
  if (options.track > 0) {
    const Object* object = document.objectByNumber(static_cast<std::int32_t>(options.track));
    if (object == nullptr) return fail("no track number " + std::to_string(options.track));
    fillOptions.track = object->id;
  }
  std::unique_ptr<SweepFitting> fitting;
  if (*method == FillMethod::KalmanFit) {
    fitting = std::make_unique<SweepFitting>(loaded->dataset->sequence, loaded->context);
    fillOptions.fitterFor = fitting->fitterFactory();
  }
  auto fills = fillDocument(document, fillOptions);
  if (!fills) return fail(fills.error().message);
  if (fitting) printLabelWarnings("fill", fitting->problems());

  std::size_t filled = 0;
  for (const DocumentTrackFill& fill : *fills) {
    const Object* object = document.object(fill.id);
    for (const std::string& warning : fill.fill.warnings)
      std::cerr << "fuselabel-cli fill: warning: " << trackName(*object) << ": " << warning << "\n";
    filled += fill.instances.size();
  }
  if (std::unique_ptr<fuselabel::Command> command = makeDocumentFillCommand(document, *fills)) {
    if (auto applied = command->apply(document); !applied) return fail(applied.error().message);
  }
  std::string outFormat =
      options.outFormat.empty() ? labelFormatFromName(options.out) : options.outFormat;
  if (outFormat.empty()) outFormat = "native";
  LabelContext context = loaded->context;
  if (context.dataset.format.empty()) context.dataset = document.info().dataset;
  auto written = writeLabels(document, options.out, context, outFormat);
  if (!written) return fail(written.error().message);
  printLabelWarnings("fill", written->warnings);
  std::cout << "filled " << filled << " instances of " << fills->size() << " track"
            << (fills->size() == 1 ? "" : "s") << " with " << toString(*method);
  if (*method == FillMethod::Kalman || *method == FillMethod::KalmanFit)
    std::cout << " (" << toString(*model) << ")";
  std::cout << "; wrote " << options.out << " (" << outFormat << ")\n";
  // The frames worth keying next: where each smoothed track is least sure.
  for (const DocumentTrackFill& fill : *fills) {
    if (!fill.fill.suggestedKey) continue;
    const Object* object = document.object(fill.id);
    double std = 0.0;
    for (const FilledBox& box : fill.fill.boxes)
      if (box.frame == *fill.fill.suggestedKey && box.positionStd) std = *box.positionStd;
    std::cout << "  " << trackName(*object) << ": least sure at frame " << *fill.fill.suggestedKey
              << " (+-" << std << " m); key it next\n";
  }
  return kExitOk;
}

}  // namespace

Command addFillCommand(CLI::App& parent) {
  auto options = std::make_shared<FillCliOptions>();
  CLI::App* sub = parent.add_subcommand(
      "fill", "Fill every track's frames between (and with kalman-fit, after) its keyframes");
  sub->add_option("labels", options->labels, "label file or folder with the keyframes")->required();
  sub->add_option("-o,--output", options->out, "label file or folder to write")->required();
  sub->add_option("--method", options->method,
                  "copy, linear, kalman or kalman-fit (default kalman)");
  sub->add_option("--model", options->model,
                  "motion model of the Kalman methods: cv or ctrv (default cv)");
  addOptionalDatasetOptions(
      *sub, options->dataset, options->datasetOptions,
      "dataset of the labels: frame times, poses, and the points kalman-fit fits to");
  sub->add_option("--frames", options->frames, "only keys and frames in A:B (inclusive)");
  sub->add_option("--track", options->track, "only the track with this number");
  sub->add_option("--from", options->labelsFormat, "label format (default: detected)");
  sub->add_option("--to", options->outFormat, "output format (default: from the output name)");
  return {sub, [options] { return runFill(*options); }};
}

}  // namespace fuselabel::cli
