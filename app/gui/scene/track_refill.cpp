#include "app/gui/scene/track_refill.hpp"

#include <algorithm>
#include <map>

#include "core/annotation/commands/batch_command.hpp"
#include "core/tracks/document_fill.hpp"

namespace fuselabel::gui {
namespace {

bool isKeyBox(const Instance& instance) {
  return instance.source == InstanceSource::Keyframe && instance.frame >= 0 &&
         std::holds_alternative<Cuboid>(instance.geometry);
}

// Only what a fill made may be rewritten: keyframes are ground truth and
// proposals wait for a person's review.
bool isFilled(const Instance& instance) {
  return instance.source == InstanceSource::Interpolated ||
         instance.source == InstanceSource::Predicted || instance.source == InstanceSource::Fitted;
}

// `box` moved as the edit moved the key: the same translation, turn and resize.
Cuboid followEdit(const Cuboid& box, const Cuboid& was, const Cuboid& now) {
  Cuboid out = box;
  out.center += now.center - was.center;
  const Eigen::Quaterniond turn(Eigen::AngleAxisd(now.yaw() - was.yaw(), Eigen::Vector3d::UnitZ()));
  out.rotation = (turn * box.rotation).normalized();
  out.size += now.size - was.size;
  return out;
}

}  // namespace

Result<std::vector<Instance>> refillInstances(const Document& document,
                                              const RefillRequest& request) {
  // By frame: the refill comes out in frame order without sorting variants.
  std::map<FrameIndex, Instance> out;
  const Track* track = document.track(request.id);
  if (track == nullptr) {
    return Error{"refill: the edited object is gone"};
  }
  const Instance* edited = track->at(request.frame);
  if (edited == nullptr || !isKeyBox(*edited)) {
    return std::vector<Instance>{};
  }
  const FrameIndex f = request.frame;
  std::optional<FrameIndex> previous;
  std::optional<FrameIndex> next;
  for (const Instance& instance : track->instances) {
    if (!isKeyBox(instance)) continue;
    if (instance.frame < f) previous = instance.frame;
    if (instance.frame > f && !next) next = instance.frame;
  }
  const auto inLower = [&](FrameIndex frame) { return previous && frame > *previous && frame < f; };
  const auto inUpper = [&](FrameIndex frame) { return next && frame > f && frame < *next; };
  bool lowerHasInstances = false;
  bool upperHasInstances = false;
  for (const Instance& instance : track->instances) {
    lowerHasInstances = lowerHasInstances || inLower(instance.frame);
    upperHasInstances = upperHasInstances || inUpper(instance.frame);
  }
  // Editing a key refills only what is filled; a new key (placed, or a filled
  // box confirmed by the edit) also fills the empty frames up to its neighbours.
  const bool newKey = !request.before || request.before->source != InstanceSource::Keyframe;
  const bool lowerHasFrames = previous && f - *previous > 1;
  const bool upperHasFrames = next && *next - f > 1;

  if (lowerHasFrames || upperHasFrames) {
    DocumentFillOptions options;
    options.method = request.method == FillMethod::KalmanFit && !request.fitterFor
                         ? FillMethod::Kalman
                         : request.method;
    options.fitterFor = request.fitterFor;
    options.track = request.id;
    Result<std::vector<DocumentTrackFill>> fills = fillDocument(document, options);
    if (!fills) {
      return fills.error();
    }
    for (const DocumentTrackFill& fill : *fills) {
      for (const Instance& filled : fill.instances) {
        const bool lower = inLower(filled.frame);
        if (!lower && !inUpper(filled.frame)) continue;
        const Instance* old = track->at(filled.frame);
        if (old == nullptr) {
          // A segment with instances keeps its gaps: a person deleted those frames.
          if (newKey && !(lower ? lowerHasInstances : upperHasInstances))
            out.insert_or_assign(filled.frame, filled);
          continue;
        }
        if (!isFilled(*old)) continue;
        Instance updated = *old;
        updated.geometry = filled.geometry;
        updated.source = filled.source;
        updated.confidence.reset();
        if (!(updated == *old)) out.insert_or_assign(updated.frame, std::move(updated));
      }
    }
  }

  // Past an end key the filled instances (a propagation) follow the edit.
  const Cuboid* was = request.before ? std::get_if<Cuboid>(&request.before->geometry) : nullptr;
  const Cuboid& now = std::get<Cuboid>(edited->geometry);
  if (was != nullptr && (!previous || !next)) {
    for (const Instance& instance : track->instances) {
      const bool beyond =
          (!next && instance.frame > f) || (!previous && instance.frame >= 0 && instance.frame < f);
      const Cuboid* box = std::get_if<Cuboid>(&instance.geometry);
      if (!beyond || !isFilled(instance) || box == nullptr) continue;
      Instance updated = instance;
      updated.geometry = followEdit(*box, *was, now);
      if (!(updated == instance)) out.insert_or_assign(updated.frame, std::move(updated));
    }
  }
  std::vector<Instance> instances;
  instances.reserve(out.size());
  for (auto& [frame, instance] : out)
    instances.push_back(std::move(instance));
  return instances;
}

Result<std::unique_ptr<Command>> makeRefillCommand(const Document& document,
                                                   const RefillRequest& request) {
  Result<std::vector<Instance>> instances = refillInstances(document, request);
  if (!instances) {
    return instances.error();
  }
  if (instances->empty()) {
    return std::unique_ptr<Command>();
  }
  return makeFillTrackCommand(document, request.id, std::move(instances).value());
}

}  // namespace fuselabel::gui
