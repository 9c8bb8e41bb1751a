// `fuselabel-cli fit`: snaps every cuboid of one frame to that frame's LiDAR
// points (core/fitting) and writes the labels back with those instances marked
// `fitted`, printing how far each box moved, so auto-fit can be run and
// judged in batch before anyone opens the GUI.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/geometry/angle.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::cli {
namespace {

struct FitCommandOptions {
  DatasetSelection dataset;
  std::string labels;
  std::string labelsFormat;
  long long frame = -1;
  std::string out;
  std::string format;
  bool keepSize = false;
};

int runFit(const FitCommandOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli fit: " << message << "\n";
    return kExitFailure;
  };
  const std::string to = options.format.empty() ? labelFormatFromName(options.out) : options.format;
  if (to.empty() || findLabelFormat(to) == nullptr) {
    std::cerr << "fuselabel-cli fit: cannot tell the output format from '" << options.out
              << "'; pass --to (" << labelFormatNames() << ")\n";
    return kExitUsage;
  }
  auto dataset = openLabelDataset(options.dataset.path, options.dataset.options);
  if (!dataset) return fail(dataset.error().message);
  auto imported = readLabelsForDataset(*dataset, options.labels, options.labelsFormat);
  if (!imported) return fail(imported.error().message);
  printLabelWarnings("fit", imported->warnings);
  const Sequence& sequence = dataset->sequence;
  const LabelContext& context = dataset->context;
  if (options.frame < 0 || static_cast<std::size_t>(options.frame) >= sequence.frameCount() ||
      static_cast<std::size_t>(options.frame) >= context.frames.size()) {
    return fail("--frame " + std::to_string(options.frame) + " is not in the dataset (" +
                std::to_string(sequence.frameCount()) + " frames)");
  }
  // De-skewed like kalman-fit's sweeps, so a static object's points sit still.
  auto indexed = indexFrameSweep(sequence, context, static_cast<FrameIndex>(options.frame));
  if (!indexed) return fail(indexed.error().message);
  printLabelWarnings("fit", indexed->warnings);

  Document document = imported->document;
  CommandStack stack(document);
  const auto frame = static_cast<FrameIndex>(options.frame);
  std::size_t fitted = 0;
  std::size_t failed = 0;
  // seen_ms: when the object's points were captured relative to the frame's
  // time; a moving object's fit is where it was then.
  std::printf("%-8s %-16s %9s %9s %8s %8s %8s\n", "object", "class", "shift_m", "dyaw_deg",
              "points", "quality", "seen_ms");
  // Tracks are copied first: pushing a command changes the document's tracks.
  const std::vector<Track> tracks(imported->document.tracks().begin(),
                                  imported->document.tracks().end());
  for (const Track& track : tracks) {
    const Instance* instance = track.at(frame);
    if (instance == nullptr || instance->frame != frame) continue;
    const auto* box = std::get_if<Cuboid>(&instance->geometry);
    if (box == nullptr) continue;
    const ClassSpec* spec = defaultLabelSchema().findClass(track.object.className);
    if (spec != nullptr && spec->category == "ignore") continue;
    FitOptions fitOptions;
    if (options.keepSize) fitOptions.knownSize = box->size;
    if (spec != nullptr && spec->size) fitOptions.sizePrior = spec->size;
    auto timed = indexed->fit(*box, fitOptions);
    if (!timed) {
      ++failed;
      std::printf("%-8d %-16s not fitted: %s\n", track.object.number,
                  track.object.className.c_str(), timed.error().message.c_str());
      continue;
    }
    const CuboidFit& fit = timed->fit;
    Instance changed = *instance;
    changed.geometry = fit.box;
    changed.source = InstanceSource::Fitted;
    if (auto pushed = stack.push(std::make_unique<PutInstanceCommand>(track.object.id, changed));
        !pushed) {
      return fail(pushed.error().message);
    }
    ++fitted;
    std::printf("%-8d %-16s %9.3f %9.2f %8zu %8.2f %8.1f\n", track.object.number,
                track.object.className.c_str(), (fit.box.center - box->center).norm(),
                angleDifference(fit.box.yaw(), box->yaw()) * 180.0 / std::numbers::pi, fit.points,
                fit.quality, 1e3 * timed->timeOffsetS);
  }
  LabelContext writeContext = context;
  if (writeContext.dataset.format.empty()) writeContext.dataset = document.info().dataset;
  auto written = writeLabels(document, options.out, writeContext, to);
  if (!written) return fail(written.error().message);
  printLabelWarnings("fit", written->warnings);
  std::cerr << "frame " << options.frame << ": fitted " << fitted << " boxes, " << failed
            << " not fitted; wrote " << options.out << " (" << to << ")\n";
  return kExitOk;
}

}  // namespace

Command addFitCommand(CLI::App& parent) {
  auto options = std::make_shared<FitCommandOptions>();
  CLI::App* sub = parent.add_subcommand(
      "fit", "Auto-fit every cuboid of one frame to its LiDAR points; writes them as `fitted`");
  options->dataset.addOptions(*sub);
  sub->add_option("--labels", options->labels, "label file or folder to fit")->required();
  sub->add_option("--labels-format", options->labelsFormat,
                  "format of --labels (default: detected; " + labelFormatNames() + ")");
  sub->add_option("--frame", options->frame, "frame index (0-based) whose boxes are fitted")
      ->required();
  sub->add_option("-o,--out", options->out, "label file or folder to write")->required();
  // --format already names the dataset layout (DatasetSelection), as in
  // every command; the output label format is --to, as in convert.
  sub->add_option(
      "--to", options->format,
      "output label format (default: from the output name; " + labelFormatNames() + ")");
  sub->add_flag("--keep-size", options->keepSize,
                "keep each box's size and move it onto the faces the sensor sees");
  return {sub, [options] { return runFit(*options); }};
}

}  // namespace fuselabel::cli
