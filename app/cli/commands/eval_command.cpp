// `fuselabel-cli eval --gt GT --pred PRED`: detection and tracking metrics of
// scored predictions against ground truth: AP per class at 3D and BEV IoU
// thresholds and at centre distances (core/quality/detection_ap.hpp, all-points
// interpolation), and MOTA/MOTP/ID switches (core/quality/agreement.hpp).

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/box_evidence.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "app/cli/commands/quality_json.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/quality/agreement.hpp"
#include "core/quality/detection_ap.hpp"

namespace fuselabel::cli {
namespace {

struct EvalOptions {
  std::string gt;
  std::string pred;
  std::string format;
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  std::vector<std::string> classIou;  // CLASS=IOU
  std::vector<double> distances{0.5, 1.0, 2.0, 4.0};
  double rangeMin = 0.0;
  double rangeMax = std::numeric_limits<double>::infinity();
  std::size_t minPoints = 0;
  double trackMinScore = 0.0;
  bool json = false;
};

nlohmann::json optionalNumber(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string distanceKey(double d) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", d);
  return text;
}

int runEval(const EvalOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli eval: " << message << "\n";
    return kExitFailure;
  };
  if (options.minPoints > 0 && options.dataset.empty()) {
    std::cerr << "fuselabel-cli eval: --min-points counts LiDAR points and needs --dataset\n";
    return kExitUsage;
  }
  if (!(options.rangeMin <= options.rangeMax)) {
    std::cerr << "fuselabel-cli eval: --range-min must not exceed --range-max\n";
    return kExitUsage;
  }
  const LabelSchema& schema = defaultLabelSchema();
  std::map<std::string, double, std::less<>> iouOverride;
  for (const std::string& assignment : options.classIou) {
    const auto equals = assignment.find('=');
    char* end = nullptr;
    const double value =
        equals == std::string::npos ? -1.0 : std::strtod(assignment.c_str() + equals + 1, &end);
    if (equals == std::string::npos || end == nullptr || *end != '\0' || !(value > 0.0) ||
        value > 1.0) {
      std::cerr << "fuselabel-cli eval: --class-iou " << assignment
                << ": expected CLASS=IOU with IOU in (0, 1]\n";
      return kExitUsage;
    }
    iouOverride[assignment.substr(0, equals)] = value;
  }
  auto loadedGt = loadLabels(options.gt, options.format, options.dataset, options.datasetOptions);
  if (!loadedGt) return fail(loadedGt.error().message);
  printLabelWarnings("eval", loadedGt->labels.warnings);
  auto loadedPred = readLabels(options.pred, loadedGt->context, options.format);
  if (!loadedPred) return fail(loadedPred.error().message);
  printLabelWarnings("eval", loadedPred->warnings);

  // Range band: bird's-eye distance from the ego position of the frame (world
  // origin when no dataset gives the poses).
  const LabelContext& context = loadedGt->context;
  const auto inBand = [&](const LabeledBox& box) {
    Eigen::Vector2d ego = Eigen::Vector2d::Zero();
    if (box.frame >= 0 && static_cast<std::size_t>(box.frame) < context.frames.size())
      ego = context.frames[static_cast<std::size_t>(box.frame)].T_world_ego.translation().head<2>();
    const double range = (box.box.center.head<2>() - ego).norm();
    return range >= options.rangeMin && range <= options.rangeMax;
  };
  std::optional<SweepEvidence> sweeps;
  if (options.minPoints > 0) sweeps.emplace(*loadedGt->dataset);

  const auto gtFrames = boxesByFrame(loadedGt->labels.document, schema);
  const auto predFrames = boxesByFrame(loadedPred->document, schema);
  std::map<std::string, ClassDetections> classes;
  std::map<FrameIndex, std::vector<LabeledBox>> trackGt;
  std::map<FrameIndex, std::vector<LabeledBox>> ignoredGt;
  std::size_t missingScores = 0;
  for (const auto& [frame, boxes] : gtFrames) {
    for (const LabeledBox& box : boxes) {
      bool ignored = !inBand(box);
      // A sequence-wide box has no sweep of its own: the point filter skips it.
      if (!ignored && sweeps && box.frame != kStaticFrame) {
        const auto evidence = sweeps->evidence(box.box, box.frame);
        if (!evidence) return fail(sweeps->error());
        ignored = evidence->pointsInside < options.minPoints;
      }
      classes[box.className].groundTruth.push_back({box, ignored});
      (ignored ? ignoredGt : trackGt)[frame].push_back(box);
    }
  }
  if (sweeps) printLabelWarnings("eval", sweeps->warnings());
  MatchOptions trackMatch;
  trackMatch.smallCentreGate = 0.0;  // evaluation: IoU only, as the AP
  std::set<std::string> classNames;
  for (const auto& [name, detections] : classes)
    classNames.insert(name);
  for (const auto& [frame, boxes] : predFrames)
    for (const LabeledBox& box : boxes)
      classNames.insert(box.className);
  for (const std::string& name : classNames) {
    const auto it = iouOverride.find(name);
    trackMatch.classIouThreshold[name] =
        it != iouOverride.end() ? it->second : defaultEvalIou(name, schema);
  }
  std::map<FrameIndex, std::vector<LabeledBox>> trackPred;
  for (const auto& [frame, boxes] : predFrames) {
    for (const LabeledBox& box : boxes) {
      if (!inBand(box)) continue;
      missingScores += box.confidence ? 0 : 1;
      classes[box.className].predictions.push_back(box);
      if (box.confidence.value_or(1.0) < options.trackMinScore) continue;
      // A prediction on an ignored ground-truth box counts neither way (as in the AP).
      bool onIgnored = false;
      const auto ignoredHere = ignoredGt.find(frame);
      if (ignoredHere != ignoredGt.end()) {
        for (const LabeledBox& g : ignoredHere->second) {
          BoxPair measures;
          onIgnored = onIgnored || gatePair(g, box, trackMatch, measures);
        }
      }
      if (!onIgnored) trackPred[frame].push_back(box);
    }
  }
  if (missingScores > 0)
    std::cerr << "fuselabel-cli eval: warning: " << missingScores
              << " predictions have no confidence; scored 1\n";

  AgreementOptions tracking;
  tracking.match = trackMatch;
  const AgreementReport mot = compareBoxes(trackGt, trackPred, tracking);

  nlohmann::json perClass = nlohmann::json::object();
  double sum3d = 0.0, sumBev = 0.0, sumDist = 0.0;
  int count3d = 0, countBev = 0, countDist = 0;
  for (const std::string& name : classNames) {
    const ClassDetections& detections = classes[name];
    const double threshold = trackMatch.thresholdOf(name);
    const ApResult ap3d = averagePrecision(detections, ApCriterion::Iou3d, threshold);
    const ApResult apBev = averagePrecision(detections, ApCriterion::IouBev, threshold);
    nlohmann::json distances = nlohmann::json::object();
    double distanceSum = 0.0;
    int distanceCount = 0;
    for (const double d : options.distances) {
      const ApResult r = averagePrecision(detections, ApCriterion::CentreDistance, d);
      distances[distanceKey(d)] = optionalNumber(r.ap);
      if (r.ap) {
        distanceSum += *r.ap;
        ++distanceCount;
      }
    }
    // A plain double and a flag: GCC 12 warns on std::optional<double> here.
    const bool hasDistanceMean = distanceCount > 0;
    const double distanceMean = hasDistanceMean ? distanceSum / distanceCount : 0.0;
    if (ap3d.ap) sum3d += *ap3d.ap, ++count3d;
    if (apBev.ap) sumBev += *apBev.ap, ++countBev;
    if (hasDistanceMean) sumDist += distanceMean, ++countDist;
    nlohmann::json curve = nlohmann::json::array();
    for (const PrPoint& p : ap3d.curve)
      curve.push_back({p.score, p.recall, p.precision});
    const auto motClass = mot.perClass.find(name);
    perClass[name] = {
        {"gt", ap3d.groundTruth},
        {"gt_ignored", detections.groundTruth.size() - ap3d.groundTruth},
        {"predictions", detections.predictions.size()},
        {"iou_threshold", threshold},
        {"ap3d", optionalNumber(ap3d.ap)},
        {"ap_bev", optionalNumber(apBev.ap)},
        {"ap_distance", std::move(distances)},
        {"ap_distance_mean",
         hasDistanceMean ? nlohmann::json(distanceMean) : nlohmann::json(nullptr)},
        {"pr_curve_3d", std::move(curve)},
        {"tracking", motClass != mot.perClass.end() ? classAgreementJson(motClass->second)
                                                    : classAgreementJson(ClassAgreement{})}};
  }
  const auto mean = [](double sum, int n) {
    return n > 0 ? nlohmann::json(sum / n) : nlohmann::json(nullptr);
  };
  if (options.json) {
    nlohmann::json out;
    out["gt"] = options.gt;
    out["pred"] = options.pred;
    out["interpolation"] = "all-points (PASCAL VOC 2010+); equal scores form one curve step";
    out["filters"] = {
        {"range_min_m", options.rangeMin},
        {"range_max_m", std::isfinite(options.rangeMax) ? nlohmann::json(options.rangeMax)
                                                        : nlohmann::json(nullptr)},
        {"min_points", options.minPoints}};
    out["classes"] = std::move(perClass);
    out["mean"] = {{"ap3d", mean(sum3d, count3d)},
                   {"ap_bev", mean(sumBev, countBev)},
                   {"ap_distance", mean(sumDist, countDist)}};
    nlohmann::json total = classAgreementJson(mot.total);
    total["motp_iou3d"] = mot.total.meanIou3d();
    total["motp_centre_m"] = mot.total.meanCentreError();
    out["tracking"] = std::move(total);
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  const auto show = [](const nlohmann::json& v) {
    char text[16];
    if (v.is_null()) return std::string("-");
    std::snprintf(text, sizeof text, "%.4f", v.get<double>());
    return std::string(text);
  };
  std::printf("%-20s %6s %6s %5s %8s %8s %8s %8s %5s\n", "class", "GT", "pred", "IoU", "AP3D",
              "APBEV", "APdist", "MOTA", "IDsw");
  for (const auto& [name, c] : perClass.items()) {
    std::printf(
        "%-20s %6zu %6zu %5.2f %8s %8s %8s %8s %5zu\n", name.c_str(), c["gt"].get<std::size_t>(),
        c["predictions"].get<std::size_t>(), c["iou_threshold"].get<double>(),
        show(c["ap3d"]).c_str(), show(c["ap_bev"]).c_str(), show(c["ap_distance_mean"]).c_str(),
        show(c["tracking"]["mota"]).c_str(), c["tracking"]["id_switches"].get<std::size_t>());
  }
  std::printf("%-20s %6s %6s %5s %8s %8s %8s %8s %5zu\n", "mean / total", "", "", "",
              show(mean(sum3d, count3d)).c_str(), show(mean(sumBev, countBev)).c_str(),
              show(mean(sumDist, countDist)).c_str(),
              show(classAgreementJson(mot.total)["mota"]).c_str(), mot.total.idSwitches);
  std::printf("MOTP: mean 3D IoU %.4f, mean centre error %.3f m over %zu matches\n",
              mot.total.meanIou3d(), mot.total.meanCentreError(), mot.total.matches);
  std::printf("AP: all-points interpolation; APdist: mean over centre distances");
  for (const double d : options.distances)
    std::printf(" %g", d);
  std::printf(" m\n");
  return kExitOk;
}

}  // namespace

Command addEvalCommand(CLI::App& parent) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* sub = parent.add_subcommand(
      "eval",
      "Detection AP (3D, BEV, centre distance) and tracking MOTA/MOTP of scored "
      "predictions against ground truth");
  sub->add_option("--gt", options->gt, "ground-truth label file or folder")->required();
  sub->add_option("--pred", options->pred, "predicted label file or folder (confidence = score)")
      ->required();
  sub->add_option("--labels-format", options->format,
                  "label format of both (default: detected; " + labelFormatNames() + ")");
  addOptionalDatasetOptions(*sub, options->dataset, options->datasetOptions,
                            "dataset of the labels (ego poses for --range-*, points for "
                            "--min-points)");
  sub->add_option("--class-iou", options->classIou,
                  "CLASS=IOU: IoU threshold of a class (default 0.7 motor vehicles, 0.5 others)");
  sub->add_option("--distances", options->distances,
                  "centre distances of the distance AP (m; default 0.5 1 2 4)")
      ->delimiter(',');
  sub->add_option("--range-min", options->rangeMin,
                  "evaluate boxes at least this far from the ego (m, bird's-eye)");
  sub->add_option("--range-max", options->rangeMax,
                  "evaluate boxes at most this far from the ego (m, bird's-eye)");
  sub->add_option("--min-points", options->minPoints,
                  "ignore ground-truth boxes with fewer LiDAR points (needs --dataset)");
  sub->add_option("--track-min-score", options->trackMinScore,
                  "predictions below this score are left out of the tracking metrics");
  sub->add_flag("--json", options->json, "print JSON: classes, mean, tracking, filters");
  return {sub, [options] { return runEval(*options); }};
}

}  // namespace fuselabel::cli
