#include "core/tracks/document_fill.hpp"

#include <algorithm>

#include "core/annotation/commands/batch_command.hpp"

namespace fuselabel {

std::string trackName(const Object& object) {
  return object.className + " " + std::to_string(object.number);
}

Result<std::vector<double>> frameTimesS(const Document& document) {
  const std::vector<std::int64_t>& ns = document.info().frameTimestampsNs;
  if (ns.empty()) {
    return Error{
        "the labels do not say when their frames were captured; give the dataset "
        "(--dataset) so the fill can use real timestamps"};
  }
  std::vector<double> times(ns.size());
  for (std::size_t i = 0; i < ns.size(); ++i)
    times[i] = 1e-9 * static_cast<double>(ns[i] - ns.front());
  return times;
}

std::vector<TrackKey> keysOf(const Track& track, std::span<const double> timesS, FrameIndex first,
                             FrameIndex last) {
  std::vector<TrackKey> keys;
  for (const Instance& instance : track.instances) {
    if (instance.source != InstanceSource::Keyframe || instance.frame < first ||
        instance.frame > last || instance.frame < 0 ||
        static_cast<std::size_t>(instance.frame) >= timesS.size())
      continue;
    const Cuboid* box = std::get_if<Cuboid>(&instance.geometry);
    if (box == nullptr) continue;
    keys.push_back({instance.frame, timesS[static_cast<std::size_t>(instance.frame)], *box});
  }
  // Frames are captured in order, but a dataset may repeat a timestamp.
  std::stable_sort(keys.begin(), keys.end(),
                   [](const TrackKey& a, const TrackKey& b) { return a.timeS < b.timeS; });
  return keys;
}

Result<std::vector<DocumentTrackFill>> fillDocument(const Document& document,
                                                    const DocumentFillOptions& options) {
  Result<std::vector<double>> times = frameTimesS(document);
  if (!times) return times.error();
  const LabelSchema& schema = options.schema != nullptr ? *options.schema : defaultLabelSchema();
  const FrameIndex frameCount = static_cast<FrameIndex>(times->size());
  const FrameIndex first = std::max<FrameIndex>(0, options.firstFrame);
  const FrameIndex last = std::min<FrameIndex>(frameCount - 1, options.lastFrame);
  std::vector<FillTarget> targets;
  for (FrameIndex f = first; f <= last; ++f)
    targets.push_back({f, (*times)[static_cast<std::size_t>(f)]});
  std::stable_sort(targets.begin(), targets.end(),
                   [](const FillTarget& a, const FillTarget& b) { return a.timeS < b.timeS; });

  std::vector<DocumentTrackFill> fills;
  for (const Track& track : document.tracks()) {
    if (options.track && track.object.id != *options.track) continue;
    std::vector<TrackKey> keys = keysOf(track, *times, first, last);
    if (keys.empty()) continue;
    FillOptions fillOptions;
    fillOptions.method = options.method;
    fillOptions.model = options.model;
    fillOptions.limits = motionLimitsOf(schema.findClass(track.object.className));
    fillOptions.maxMissedFits = options.maxMissedFits;
    if (options.method == FillMethod::KalmanFit) {
      if (!options.fitterFor) return Error{"kalman-fit needs the dataset's points (--dataset)"};
      fillOptions.fitter = options.fitterFor(track.object);
    }
    Result<TrackFill> fill = fillTrack(keys, targets, fillOptions);
    if (!fill) return fill.error().withContext(trackName(track.object));
    DocumentTrackFill out{track.object.id, {}, std::move(*fill)};
    for (const FilledBox& box : out.fill.boxes) {
      Instance instance;
      instance.frame = box.frame;
      instance.geometry = box.box;
      instance.source = box.source;
      // Per-frame attributes a person set on an earlier fill survive a refill.
      if (const Instance* old = track.at(box.frame)) instance.attributes = old->attributes;
      out.instances.push_back(std::move(instance));
    }
    fills.push_back(std::move(out));
  }
  return fills;
}

std::unique_ptr<Command> makeDocumentFillCommand(const Document& document,
                                                 const std::vector<DocumentTrackFill>& fills) {
  std::vector<std::unique_ptr<Command>> children;
  for (const DocumentTrackFill& fill : fills) {
    if (fill.instances.empty()) continue;
    children.push_back(makeFillTrackCommand(document, fill.id, fill.instances));
  }
  if (children.empty()) return nullptr;
  return std::make_unique<BatchCommand>(
      "Fill " + std::to_string(children.size()) + " track" + (children.size() == 1 ? "" : "s"),
      std::move(children));
}

}  // namespace fuselabel
