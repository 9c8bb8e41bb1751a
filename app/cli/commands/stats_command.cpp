// `fuselabel-cli stats`: per object and frame, how many LiDAR points of the
// reference sweep lie inside its cuboid, with totals per class — the first
// check that labels and point clouds line up.

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/geometry/points_in_cuboid.hpp"

namespace fuselabel::cli {
namespace {

struct StatsOptions {
  DatasetSelection dataset;
  std::string labels;
  std::string labelsFormat;
  bool json = false;
};

struct BoxCount {
  FrameIndex frame = 0;
  std::size_t points = 0;
};

bool isIgnoreRegion(const std::string& className) {
  const ClassSpec* spec = defaultLabelSchema().findClass(className);
  return spec != nullptr && spec->category == "ignore";
}

int runStats(const StatsOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli stats: " << message << "\n";
    return kExitFailure;
  };
  auto dataset = openLabelDataset(options.dataset.path, options.dataset.options);
  if (!dataset) return fail(dataset.error().message);
  auto imported = readLabelsForDataset(*dataset, options.labels, options.labelsFormat);
  if (!imported) return fail(imported.error().message);
  printLabelWarnings("stats", imported->warnings);
  const Document& document = imported->document;
  const Sequence& sequence = dataset->sequence;
  const LabelContext& context = dataset->context;

  // Which boxes each frame needs, so every sweep is read once.
  std::map<FrameIndex, std::vector<std::pair<const Track*, const Cuboid*>>> boxesOfFrame;
  std::size_t ignored = 0;
  std::size_t polylines = 0;
  for (const Track& track : document.tracks()) {
    if (isIgnoreRegion(track.object.className)) {
      ++ignored;
      continue;
    }
    for (const Instance& instance : track.instances) {
      const auto* box = std::get_if<Cuboid>(&instance.geometry);
      if (box == nullptr) {
        ++polylines;
        continue;
      }
      if (instance.frame == kStaticFrame) {
        for (std::size_t f = 0; f < sequence.frameCount(); ++f) {
          if (track.at(static_cast<FrameIndex>(f)) == nullptr)
            boxesOfFrame[static_cast<FrameIndex>(f)].emplace_back(&track, box);
        }
      } else if (static_cast<std::size_t>(instance.frame) < sequence.frameCount()) {
        boxesOfFrame[instance.frame].emplace_back(&track, box);
      } else {
        return fail(track.object.className + " #" + std::to_string(track.object.number) +
                    ": frame " + std::to_string(instance.frame) + " is not in the dataset");
      }
    }
  }
  const Eigen::Isometry3d T_ego_lidar = context.T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
  std::map<std::int64_t, std::vector<BoxCount>> countsOfObject;
  for (const auto& [frame, boxes] : boxesOfFrame) {
    auto sweep = sequence.loadSweep(static_cast<std::size_t>(frame));
    if (!sweep) return fail(sweep.error().message);
    printLabelWarnings("stats", sweep->warnings);
    const Eigen::Isometry3d T_lidar_world =
        (context.frames[static_cast<std::size_t>(frame)].T_world_ego * T_ego_lidar).inverse();
    for (const auto& [track, box] : boxes) {
      const std::size_t inside = countPointsInCuboid(sweep->cloud, T_lidar_world * *box);
      countsOfObject[track->object.id.value].push_back({frame, inside});
    }
  }

  struct ClassTotal {
    std::size_t objects = 0, boxes = 0, points = 0;
  };
  std::map<std::string, ClassTotal> totals;
  nlohmann::json objects = nlohmann::json::array();
  for (const Track& track : document.tracks()) {
    const auto it = countsOfObject.find(track.object.id.value);
    if (it == countsOfObject.end()) continue;
    std::vector<BoxCount> counts = it->second;
    std::sort(counts.begin(), counts.end(),
              [](const BoxCount& a, const BoxCount& b) { return a.frame < b.frame; });
    ClassTotal& total = totals[track.object.className];
    ++total.objects;
    nlohmann::json frames = nlohmann::json::array();
    for (const BoxCount& c : counts) {
      ++total.boxes;
      total.points += c.points;
      frames.push_back({{"frame", c.frame},
                        {"frame_id", sequence.frames[static_cast<std::size_t>(c.frame)].id},
                        {"points", c.points}});
    }
    objects.push_back({{"id", track.object.number},
                       {"class", track.object.className},
                       {"frames", std::move(frames)}});
  }
  if (options.json) {
    nlohmann::json out;
    out["dataset"] = sequence.root.string();
    out["labels"] = options.labels.empty() ? std::string("(dataset)") : options.labels;
    out["objects"] = std::move(objects);
    nlohmann::json classes = nlohmann::json::object();
    for (const auto& [name, t] : totals)
      classes[name] = {{"objects", t.objects}, {"boxes", t.boxes}, {"points", t.points}};
    out["classes"] = std::move(classes);
    out["ignore_regions"] = ignored;
    out["polylines"] = polylines;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-8s %-20s %-12s %10s\n", "object", "class", "frame", "points");
  for (const auto& object : objects) {
    for (const auto& f : object["frames"]) {
      std::printf("%-8d %-20s %-12s %10zu\n", object["id"].get<int>(),
                  object["class"].get<std::string>().c_str(),
                  f["frame_id"].get<std::string>().c_str(), f["points"].get<std::size_t>());
    }
  }
  std::printf("\n%-20s %8s %8s %12s\n", "class", "objects", "boxes", "points");
  for (const auto& [name, t] : totals)
    std::printf("%-20s %8zu %8zu %12zu\n", name.c_str(), t.objects, t.boxes, t.points);
  if (ignored > 0) std::printf("(%zu ignore regions without a 3D box not counted)\n", ignored);
  if (polylines > 0) std::printf("(%zu polylines not counted)\n", polylines);
  return kExitOk;
}

}  // namespace

Command addStatsCommand(CLI::App& parent) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* sub = parent.add_subcommand(
      "stats", "LiDAR points inside each labelled cuboid, per object and frame");
  options->dataset.addOptions(*sub);
  sub->add_option("--labels", options->labels,
                  "label file or folder (default: the labels shipped with the dataset)");
  sub->add_option("--labels-format", options->labelsFormat,
                  "label format (default: detected; " + labelFormatNames() + ")");
  sub->add_flag("--json", options->json,
                "print JSON: objects[{id, class, frames[{frame, frame_id, points}]}], classes");
  return {sub, [options] { return runStats(*options); }};
}

}  // namespace fuselabel::cli
