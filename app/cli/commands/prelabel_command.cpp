// `fuselabel-cli prelabel`: proposals for a whole sequence, written as labels
// with source `proposal` and a confidence, for a person to accept or fix.
// Proposals come from the geometry of each sweep (core/prelabel: ground
// segmentation, clustering, L-shape fit, class from size) or from a model's
// detections (--from-detections); either way they are linked over time into
// tracks, smoothed and given one size per track. --evaluate measures recall
// and precision against ground truth, so the figures in docs/prelabel.md are
// one command away.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/document_editor.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/prelabel/geometric_proposals.hpp"
#include "core/prelabel/proposal_evaluation.hpp"
#include "core/prelabel/proposal_tracker.hpp"
#include "core/prelabel/track_finish.hpp"
#include "datasets/labels/detections.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel::cli {
namespace {

struct PrelabelOptions {
  DatasetSelection dataset;
  std::string out;
  std::string format;
  std::string detections;
  std::string detectionsFormat;
  std::string frames;
  std::vector<std::string> classes;
  double minScore = -1.0;  // unset: 0.3 for detections, the geometric default otherwise
  std::string evaluate;
  std::string evaluateFormat;
  double evalRange = 50.0;
  double clusterTolerance = -1.0;  // unset: ClusteringOptions' default
  double minTrackConfidence = 0.05;
  std::string report;
  bool noTracking = false;
  bool quiet = false;
};

/// Draws "prelabel [#####.....] 12/30 frames" on stderr, over itself.
class ProgressBar {
 public:
  ProgressBar(std::size_t total, bool enabled) : m_total(total), m_enabled(enabled) {}
  void show(std::size_t done, const char* what) const {
    if (!m_enabled || m_total == 0) return;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / m_total);
    std::fprintf(stderr, "\rprelabel [%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, m_total, what);
    if (done == m_total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  std::size_t m_total;
  bool m_enabled;
};

Result<std::pair<std::size_t, std::size_t>> parseFrames(const std::string& text,
                                                        std::size_t frameCount) {
  if (frameCount == 0) return Error{"the dataset has no frames"};
  if (text.empty()) return std::pair<std::size_t, std::size_t>{0, frameCount - 1};
  const auto colon = text.find(':');
  if (colon == std::string::npos) return Error{"--frames: expected A:B, got '" + text + "'"};
  std::size_t a = 0, b = 0;
  try {
    std::size_t usedA = 0, usedB = 0;
    a = std::stoul(text.substr(0, colon), &usedA);
    b = std::stoul(text.substr(colon + 1), &usedB);
    if (usedA != colon || usedB != text.size() - colon - 1) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    return Error{"--frames: expected whole numbers A:B, got '" + text + "'"};
  }
  if (a > b || b >= frameCount)
    return Error{"--frames: expected 0 <= A <= B < " + std::to_string(frameCount) + ", got '" +
                 text + "'"};
  return std::pair<std::size_t, std::size_t>{a, b};
}

/// Whether the box's centre is inside the evaluated region of `frame`: within
/// `range` of the sensor and, for KITTI labels (made for image_2 only), in
/// front of the camera and inside its image.
bool inRegion(const Cuboid& box, const LabelContext& context, FrameIndex frame,
              const Eigen::Vector3d& sensorWorld, double range) {
  if ((box.center - sensorWorld).head<2>().norm() > range) return false;
  if (!context.kittiCamera) return true;
  auto camera = context.kittiCamera(static_cast<std::size_t>(frame));
  if (!camera) return true;
  const Eigen::Isometry3d T_rect0_world =
      (context.frames[static_cast<std::size_t>(frame)].T_world_ego * camera->T_ego_rect0).inverse();
  const Eigen::Vector3d p = T_rect0_world * box.center;
  if (p.z() <= 0.5) return false;
  const Eigen::Vector3d uv = camera->P2 * p.homogeneous();
  const double u = uv.x() / uv.z(), v = uv.y() / uv.z();
  return u >= 0 && u < camera->width && v >= 0 && v < camera->height;
}

nlohmann::json tallyJson(const Tally& t) {
  return {{"found", t.found}, {"total", t.total}, {"rate", t.rate()}};
}

nlohmann::json rowsJson(const std::map<std::string, ProposalEvaluation::Row>& rows) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, row] : rows) {
    nlohmann::json buckets = nlohmann::json::object();
    for (std::size_t b = 0; b < ProposalEvaluation::kBuckets; ++b) {
      if (row.iou[b].total == 0) continue;
      buckets[ProposalEvaluation::bucketName(b)] = {{"iou", tallyJson(row.iou[b])},
                                                    {"distance", tallyJson(row.distance[b])}};
    }
    out[name] = buckets;
  }
  return out;
}

int runPrelabel(const PrelabelOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli prelabel: " << message << "\n";
    return kExitFailure;
  };
  const std::string to = options.format.empty() ? labelFormatFromName(options.out) : options.format;
  if (to.empty() || findLabelFormat(to) == nullptr) {
    std::cerr << "fuselabel-cli prelabel: cannot tell the output format from '" << options.out
              << "'; pass --to (" << labelFormatNames() << ")\n";
    return kExitUsage;
  }
  const LabelSchema& schema = defaultLabelSchema();
  for (const std::string& name : options.classes) {
    const bool known =
        std::any_of(schema.classes.begin(), schema.classes.end(),
                    [&](const ClassSpec& c) { return c.name == name || c.category == name; });
    if (!known) {
      std::cerr << "fuselabel-cli prelabel: --classes: '" << name
                << "' is neither a class nor a category of the schema\n";
      return kExitUsage;
    }
  }

  auto dataset = openLabelDataset(options.dataset.path, options.dataset.options);
  if (!dataset) return fail(dataset.error().message);
  const Sequence& sequence = dataset->sequence;
  const LabelContext& context = dataset->context;
  const std::size_t frameCount = std::min(sequence.frameCount(), context.frames.size());
  auto range = parseFrames(options.frames, frameCount);
  if (!range) return fail(range.error().message);
  const auto [firstFrame, lastFrame] = *range;
  const std::size_t steps = lastFrame - firstFrame + 1;
  const bool fromDetections = !options.detections.empty();

  // Detections first: a bad file is reported before any sweep is read.
  std::vector<FrameProposals> frames(steps);
  std::size_t detectionsRead = 0, detectionsKept = 0;
  if (fromDetections) {
    auto detections = readDetections(options.detections, context, options.detectionsFormat);
    if (!detections) return fail(detections.error().message);
    printLabelWarnings("prelabel", detections->warnings);
    const double minScore = options.minScore >= 0.0 ? options.minScore : 0.3;
    for (const Track& track : detections->document.tracks()) {
      const ClassSpec* spec = schema.findClass(track.object.className);
      const bool wanted = options.classes.empty()
                              ? spec == nullptr || spec->category != "ignore"
                              : spec != nullptr && isProposedClass(*spec, options.classes);
      for (const Instance& instance : track.instances) {
        const auto* box = std::get_if<Cuboid>(&instance.geometry);
        if (box == nullptr) continue;
        ++detectionsRead;
        const double score = instance.confidence.value_or(1.0);
        if (!wanted || score < minScore || instance.frame < static_cast<FrameIndex>(firstFrame) ||
            instance.frame > static_cast<FrameIndex>(lastFrame))
          continue;
        ++detectionsKept;
        frames[static_cast<std::size_t>(instance.frame) - firstFrame].proposals.push_back(
            Proposal{*box, track.object.className, score, 0});
      }
    }
  }

  // Sweeps: for geometric proposals, for the track sizes, and for the points
  // inside each true box when evaluating.
  const bool needSweeps = !fromDetections || !options.evaluate.empty();
  std::vector<std::unique_ptr<IndexedSweep>> sweeps(steps);
  GeometricProposalOptions geometric;
  geometric.classes = options.classes;
  if (options.minScore >= 0.0) geometric.minConfidence = options.minScore;
  if (options.clusterTolerance > 0.0) geometric.clustering.tolerance = options.clusterTolerance;
  ProposalStats totals;
  double proposeSeconds = 0.0;
  const ProgressBar progress(steps, !options.quiet);
  const double t0 = 1e-9 * static_cast<double>(context.frames[firstFrame].timestampNs);
  for (std::size_t k = 0; k < steps; ++k) {
    const auto frame = static_cast<FrameIndex>(firstFrame + k);
    frames[k].frame = frame;
    frames[k].timeS =
        1e-9 * static_cast<double>(context.frames[static_cast<std::size_t>(frame)].timestampNs) -
        t0;
    if (needSweeps) {
      auto indexed = indexFrameSweep(sequence, context, frame);
      if (!indexed) return fail(indexed.error().message);
      printLabelWarnings("prelabel", indexed->warnings);
      sweeps[k] = std::make_unique<IndexedSweep>(std::move(*indexed));
    }
    if (!fromDetections) {
      const auto start = std::chrono::steady_clock::now();
      SweepProposals found = proposeFromSweep(sweeps[k]->index, schema, geometric);
      proposeSeconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      frames[k].proposals = std::move(found.proposals);
      const ProposalStats& s = found.stats;
      totals.points += s.points;
      totals.groundPoints += s.groundPoints;
      totals.groundResidual += s.groundResidual * static_cast<double>(s.groundPoints);
      totals.clusters += s.clusters;
      totals.tooBig += s.tooBig;
      totals.tooLow += s.tooLow;
      totals.tooTall += s.tooTall;
      totals.noClass += s.noClass;
      totals.otherClass += s.otherClass;
      totals.lowConfidence += s.lowConfidence;
      totals.failedFits += s.failedFits;
      totals.splitCars += s.splitCars;
    }
    progress.show(k + 1, "frames");
  }

  // Tracks. KITTI object frames are unrelated snapshots: nothing to link.
  const bool track = !options.noTracking && sequence.format != "kitti-object";
  DocumentInfo info{SchemaReference{schema.name, schema.version, {}}, context.dataset, {}};
  for (const LabelFrame& f : context.frames)
    info.frameTimestampsNs.push_back(f.timestampNs);
  Document document(std::move(info));
  DocumentEditor editor(document);
  std::int64_t nextId = 1;
  const auto addTrack = [&](const std::string& className, std::vector<Instance> instances) {
    Track t;
    t.object.id = ObjectId{nextId};
    t.object.number = static_cast<std::int32_t>(nextId);
    t.object.className = className;
    t.instances = std::move(instances);
    ++nextId;
    editor.appendTrackInOrder(std::move(t));
  };
  const auto proposalInstance = [](FrameIndex frame, const Cuboid& box, double confidence) {
    Instance instance;
    instance.frame = frame;
    instance.geometry = box;
    instance.source = InstanceSource::Proposal;
    instance.confidence = std::clamp(confidence, 0.0, 1.0);
    return instance;
  };
  std::size_t trackCount = 0, tracksDropped = 0;
  if (track) {
    const std::vector<ProposalTrack> linked = associateProposals(frames);
    std::vector<double> times;
    std::vector<const SweepIndex*> sweepOf;
    for (std::size_t k = 0; k < steps; ++k) {
      times.push_back(frames[k].timeS);
      // Sizes from points only for geometric tracks: a detector's size already
      // covers the parts the sensor does not see.
      sweepOf.push_back(!fromDetections && sweeps[k] ? &sweeps[k]->index : nullptr);
    }
    for (const ProposalTrack& linkedTrack : linked) {
      const FinishedTrack finished = finishTrack(linkedTrack, times, sweepOf, schema);
      // A detector's boxes are its own sizes and scores (--min-score); only
      // geometric tracks are judged as a whole.
      if (!fromDetections && trackConfidence(finished) < options.minTrackConfidence) {
        ++tracksDropped;
        continue;
      }
      std::vector<Instance> instances;
      for (const FinishedBox& b : finished.boxes)
        instances.push_back(proposalInstance(frames[b.step].frame, b.box, b.confidence));
      addTrack(finished.className, std::move(instances));
      ++trackCount;
    }
  } else {
    for (const FrameProposals& f : frames)
      for (const Proposal& p : f.proposals)
        addTrack(p.className, {proposalInstance(f.frame, p.box, p.confidence)});
  }

  LabelContext writeContext = context;
  if (writeContext.dataset.format.empty()) writeContext.dataset = document.info().dataset;
  auto written = writeLabels(document, options.out, writeContext, to);
  if (!written) return fail(written.error().message);
  printLabelWarnings("prelabel", written->warnings);

  std::size_t proposalCount = 0;
  for (const FrameProposals& f : frames)
    proposalCount += f.proposals.size();
  if (fromDetections) {
    std::cerr << "detections: " << detectionsKept << " of " << detectionsRead
              << " kept (score, classes, frames)\n";
  } else {
    std::fprintf(
        stderr,
        "geometry: %zu points, %zu ground (mean residual %.3f m), %zu clusters: %zu "
        "proposed (%zu of them cars cut out of a larger cluster at bumper height), rejected "
        "%zu walls/buildings, %zu low, %zu tall, %zu no class, %zu other class, %zu low "
        "confidence, %zu failed fits; %.1f ms per sweep\n",
        totals.points, totals.groundPoints,
        totals.groundPoints > 0 ? totals.groundResidual / static_cast<double>(totals.groundPoints)
                                : 0.0,
        totals.clusters, proposalCount, totals.splitCars, totals.tooBig, totals.tooLow,
        totals.tooTall, totals.noClass, totals.otherClass, totals.lowConfidence, totals.failedFits,
        1e3 * proposeSeconds / static_cast<double>(steps));
  }
  std::cerr << "frames " << firstFrame << ".." << lastFrame << ": " << proposalCount
            << " proposals, "
            << (track ? std::to_string(trackCount) + " tracks (" + std::to_string(tracksDropped) +
                            " less confident than --min-track-confidence dropped)"
                      : std::string("not tracked"))
            << ", " << document.instanceCount() << " instances; wrote " << options.out << " (" << to
            << ")\n";

  if (options.evaluate.empty()) return kExitOk;
  // Ground truth: the dataset's own labels, or a file (a nuScenes detection
  // results file of the truth works too, with every score 1).
  Result<LabelImport> truth =
      options.evaluate == "dataset" ? readLabelsForDataset(*dataset, "", "")
      : options.evaluateFormat == "nuscenes-detection" ||
              (options.evaluateFormat.empty() && looksLikeNuscenesDetections(options.evaluate))
          ? readNuscenesDetections(options.evaluate, context)
          : readLabelsForDataset(*dataset, options.evaluate, options.evaluateFormat);
  if (!truth) return fail(truth.error().message);
  printLabelWarnings("prelabel", truth->warnings);
  ProposalEvaluation evaluation;
  for (std::size_t k = 0; k < steps; ++k) {
    const FrameIndex frame = frames[k].frame;
    const SweepIndex& index = sweeps[k]->index;
    const Eigen::Vector3d sensor = index.sensorOrigin();
    std::vector<TruthBox> truthBoxes;
    for (const Track& t : truth->document.tracks()) {
      const Instance* instance = t.at(frame);
      const auto* box = instance != nullptr ? std::get_if<Cuboid>(&instance->geometry) : nullptr;
      if (box == nullptr || !inRegion(*box, context, frame, sensor, options.evalRange)) continue;
      const ClassSpec* spec = schema.findClass(t.object.className);
      truthBoxes.push_back({*box, t.object.className, spec != nullptr ? spec->category : "other",
                            index.pointsInBox(*box).size(), t.object.id.value});
    }
    std::vector<Cuboid> proposed;
    std::vector<std::int64_t> proposedTrack;
    for (const Track& t : document.tracks()) {
      const Instance* instance = t.at(frame);
      const auto* box = instance != nullptr ? std::get_if<Cuboid>(&instance->geometry) : nullptr;
      if (box != nullptr && inRegion(*box, context, frame, sensor, options.evalRange)) {
        proposed.push_back(*box);
        proposedTrack.push_back(t.object.id.value);
      }
    }
    evaluation.addFrame(truthBoxes, proposed, proposedTrack);
  }
  std::printf("%s", evaluation.table().c_str());
  if (!options.report.empty()) {
    nlohmann::json report;
    report["frames"] = evaluation.frames();
    report["by_class"] = rowsJson(evaluation.byClass());
    report["by_category"] = rowsJson(evaluation.byCategory());
    report["precision"] = {{"iou", tallyJson(evaluation.precisionIou())},
                           {"distance", tallyJson(evaluation.precisionDistance())}};
    const TrackTally trackTally = evaluation.tracks();
    report["track_level"] = {{"proposal_tracks", trackTally.proposalTracks},
                             {"acceptable", trackTally.acceptable},
                             {"acceptable_rate", trackTally.acceptableRate()},
                             {"truth_tracks_100", trackTally.truthTracks},
                             {"truth_tracks_followed", trackTally.truthTracksFollowed},
                             {"followed_rate", trackTally.followedRate()}};
    report["proposals"] = proposalCount;
    report["tracks"] = trackCount;
    report["tracks_dropped"] = tracksDropped;
    report["instances"] = document.instanceCount();
    if (!fromDetections) {
      report["ground_residual_m"] =
          totals.groundPoints > 0 ? totals.groundResidual / static_cast<double>(totals.groundPoints)
                                  : 0.0;
      report["ms_per_sweep"] = 1e3 * proposeSeconds / static_cast<double>(steps);
    }
    std::ofstream stream(options.report);
    stream << report.dump(2) << "\n";
    if (!stream) return fail(options.report + ": cannot write the report");
  }
  return kExitOk;
}

}  // namespace

Command addPrelabelCommand(CLI::App& parent) {
  auto options = std::make_shared<PrelabelOptions>();
  CLI::App* sub = parent.add_subcommand(
      "prelabel",
      "Propose boxes for a sequence (from its LiDAR geometry or a model's detections), linked "
      "into tracks; written with source `proposal` and a confidence");
  options->dataset.addOptions(*sub);
  sub->add_option("-o,--out", options->out, "label file or folder to write")->required();
  sub->add_option(
      "--to", options->format,
      "output label format (default: from the output name; " + labelFormatNames() + ")");
  sub->add_option("--from-detections", options->detections,
                  "a model's detections instead of geometry: KITTI results (label + score), "
                  "OpenLABEL with confidence, or nuScenes detection results JSON");
  sub->add_option("--detections-format", options->detectionsFormat,
                  "format of --from-detections (default: detected; nuscenes-detection, " +
                      labelFormatNames() + ")");
  sub->add_option("--frames", options->frames, "only frames A:B (inclusive, 0-based)");
  sub->add_option("--classes", options->classes,
                  "classes or categories to propose (default: vehicle and vru)")
      ->delimiter(',');
  sub->add_option("--min-score", options->minScore,
                  "drop proposals less confident than this (default: 0.3 for detections, 0.05 "
                  "for geometry)");
  sub->add_option("--evaluate", options->evaluate,
                  "ground truth to measure recall and precision against: a label file, or "
                  "'dataset' for the dataset's own labels");
  sub->add_option("--evaluate-format", options->evaluateFormat,
                  "format of --evaluate (default: detected)");
  sub->add_option("--eval-range", options->evalRange,
                  "evaluate boxes within this distance of the sensor (m, default 50)");
  sub->add_option("--cluster-tolerance", options->clusterTolerance,
                  "geometry: points this close (m) join one object near the sensor (default 0.3; "
                  "lower splits parked cars, higher joins sparse far objects)");
  sub->add_option("--min-track-confidence", options->minTrackConfidence,
                  "geometry: drop tracks less confident than this (mean proposal confidence; 0 "
                  "for a track taller than its class or whose clusters look like a canopy, a "
                  "building front or a post in most frames; default 0.05, 0 keeps all)");
  sub->add_option("--report", options->report, "write the evaluation as JSON to this file");
  sub->add_flag("--no-tracking", options->noTracking,
                "write each frame's proposals as they are, without linking them over time");
  sub->add_flag("-q,--quiet", options->quiet, "no progress bar");
  return {sub, [options] { return runPrelabel(*options); }};
}

}  // namespace fuselabel::cli
