#include "app/gui/scene/box_creation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/ground_plane.hpp"
#include "core/fitting/one_click.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

FrameSweepIndex::~FrameSweepIndex() {
  if (m_building.valid()) {
    m_building.wait();
  }
}

void FrameSweepIndex::request(std::shared_ptr<const Sequence> sequence, const LabelContext& context,
                              std::size_t frame) {
  if (sequence == nullptr || (m_wanted == frame && m_sequence == sequence)) {
    return;
  }
  if (m_sequence != sequence) {
    m_indexFrame.reset();  // another recording: nothing held is valid
    m_index.reset();
    m_context = context;
  } else if (m_context.frames.size() != context.frames.size()) {
    m_context = context;
  }
  m_sequence = std::move(sequence);
  m_wanted = frame;
  pump(false);
}

void FrameSweepIndex::pump(bool block) {
  if (m_building.valid() &&
      (block || m_building.wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
    Result<IndexedSweep> built = m_building.get();
    m_building = {};
    m_indexFrame = m_buildingFrame;
    m_index.reset();
    m_error.clear();
    if (built) {
      m_index = std::make_unique<IndexedSweep>(std::move(built).value());
    } else {
      m_error = built.error().message;
    }
  }
  if (!m_building.valid() && m_wanted && m_indexFrame != m_wanted && m_sequence) {
    const std::size_t frame = *m_wanted;
    m_buildingFrame = frame;
    m_building =
        std::async(std::launch::async,
                   [sequence = m_sequence, context = m_context, frame]() -> Result<IndexedSweep> {
                     try {
                       return indexFrameSweep(*sequence, context, static_cast<FrameIndex>(frame));
                     } catch (const std::exception& e) {
                       return Error{std::string("indexing the sweep: ") + e.what()};
                     }
                   });
  }
}

const IndexedSweep* FrameSweepIndex::get(std::size_t frame) {
  pump(false);
  return m_indexFrame == frame ? m_index.get() : nullptr;
}

const IndexedSweep* FrameSweepIndex::wait(std::size_t frame) {
  if (m_wanted != frame) {
    return nullptr;
  }
  // At most two rounds: the build in flight (maybe another frame), then this one.
  for (int round = 0; round < 2 && m_indexFrame != frame; ++round) {
    pump(true);
  }
  return m_indexFrame == frame ? m_index.get() : nullptr;
}

namespace {

std::optional<SizePrior> priorOf(const std::string& className, const LabelSchema& schema) {
  const ClassSpec* spec = schema.findClass(className);
  return spec != nullptr ? spec->size : std::nullopt;
}

}  // namespace

Result<NewBox> oneClickBox(const IndexedSweep& sweep, const Eigen::Vector3d& clickedWorld,
                           const std::string& className, const LabelSchema& schema,
                           double seedRadius) {
  FitOptions options;
  options.seedRadius = seedRadius;
  auto clicked = oneClickCuboid(sweep.index, clickedWorld, schema, options);
  constexpr std::size_t kSparse = 40;  // points: a part of an object, not all of it
  if (!clicked || clicked->fit.points < kSparse) {
    // A vehicle seen end-on is scanned as a near face and, metres behind it,
    // a roof edge, with nothing between: grow from every point around the
    // click and keep that when it explains more of the object.
    FitOptions wide = options;
    wide.seedRadius = std::max(seedRadius, kWideSeedRadius);
    wide.seedFromAllNear = true;
    auto widened = oneClickCuboid(sweep.index, clickedWorld, schema, wide);
    if (widened && (!clicked || widened->fit.points > clicked->fit.points)) {
      clicked = std::move(widened);
    }
  }
  if (!clicked) {
    return clicked.error();
  }
  NewBox out;
  out.box = clicked->fit.box;
  out.className = clicked->guess.className;
  out.confidence = clicked->guess.confidence;
  out.points = clicked->fit.points;
  if (!className.empty() && className != out.className) {
    // The annotator said what it is: refit with that class's size prior,
    // starting from the guessed fit (position and heading are good already).
    FitOptions refitOptions;
    refitOptions.sizePrior = priorOf(className, schema);
    auto refit = fitCuboid(sweep.index, out.box, refitOptions);
    if (refit) {
      out.box = refit->box;
      out.points = refit->points;
    }
    out.className = className;
    out.confidence = 1.0;
  }
  if (out.className.empty()) {
    return Error{"the clicked object's size fits no class; choose one with the number keys"};
  }
  return out;
}

Result<NewBox> boxFromGroundRectangle(const IndexedSweep& sweep, const Eigen::Vector2d& cornerA,
                                      const Eigen::Vector2d& cornerB, double yaw,
                                      const std::string& className, const LabelSchema& schema) {
  const Eigen::Vector2d along(std::cos(yaw), std::sin(yaw));
  const Eigen::Vector2d across(-along.y(), along.x());
  const Eigen::Vector2d diagonal = cornerB - cornerA;
  const double length = std::abs(diagonal.dot(along));
  const double width = std::abs(diagonal.dot(across));
  constexpr double kSmallest = 0.2;  // m: a click that slipped, not a drag
  if (length < kSmallest || width < kSmallest) {
    return Error{"the dragged rectangle is smaller than 20 cm; drag across the object"};
  }
  const Eigen::Vector2d centre = 0.5 * (cornerA + cornerB);

  // Points in a tall column over the rectangle plus a ring around it: the
  // ring gives the ground, the inside above the ground gives the height.
  constexpr double kRing = 2.0;
  constexpr double kReach = 50.0;  // m up and down: any terrain
  const Cuboid column =
      Cuboid::fromYaw(Eigen::Vector3d(centre.x(), centre.y(), sweep.index.sensorOrigin().z()),
                      Eigen::Vector3d(length + 2 * kRing, width + 2 * kRing, 2 * kReach), yaw);
  std::vector<Eigen::Vector3d> all;
  std::vector<Eigen::Vector3d> ring;
  std::vector<Eigen::Vector3d> inside;
  for (std::uint32_t i : sweep.index.pointsInBox(column)) {
    const Eigen::Vector3d p = sweep.index.point(i);
    const Eigen::Vector2d d = p.head<2>() - centre;
    all.push_back(p);
    if (std::abs(d.dot(along)) <= length / 2 && std::abs(d.dot(across)) <= width / 2) {
      inside.push_back(p);
    } else {
      ring.push_back(p);
    }
  }
  if (all.empty()) {
    return Error{"no LiDAR points near the dragged rectangle to find the ground"};
  }
  const GroundPlane ground = groundAround(all, ring);
  const double groundZ = ground.heightAt(centre.x(), centre.y());
  constexpr double kClearance = 0.25;  // m above the ground: kerbs and road noise
  double top = groundZ;
  std::size_t above = 0;
  for (const Eigen::Vector3d& p : inside) {
    if (ground.heightAbove(p) > kClearance) {
      top = std::max(top, p.z());
      ++above;
    }
  }
  NewBox out;
  out.className = className;
  out.points = above;
  double height = top - groundZ;
  if (above == 0) {
    const std::optional<SizePrior> prior = priorOf(className.empty() ? "car" : className, schema);
    height = prior ? prior->typical.z() : 1.5;
  }
  out.box = Cuboid::fromYaw(Eigen::Vector3d(centre.x(), centre.y(), groundZ + height / 2),
                            Eigen::Vector3d(length, width, height), yaw);
  if (out.className.empty()) {
    const ClassGuess guess = guessClassFromSize(out.box.size, schema);
    out.className = guess.className;
    out.confidence = guess.confidence;
  }
  if (out.className.empty()) {
    return Error{"the rectangle's size fits no class; choose one with the number keys"};
  }
  return out;
}

double groundHeightNear(const IndexedSweep& sweep, const Eigen::Vector2d& xy) {
  constexpr double kHalf = 8.0;    // m: a patch of road around the spot
  constexpr double kReach = 50.0;  // m up and down: any terrain
  const Cuboid column =
      Cuboid::fromYaw(Eigen::Vector3d(xy.x(), xy.y(), sweep.index.sensorOrigin().z()),
                      Eigen::Vector3d(2 * kHalf, 2 * kHalf, 2 * kReach), 0.0);
  std::vector<Eigen::Vector3d> points;
  for (std::uint32_t i : sweep.index.pointsInBox(column)) {
    points.push_back(sweep.index.point(i));
  }
  if (points.size() < 3) {
    return sweep.index.sensorOrigin().z() - kAssumedSensorHeight;
  }
  if (Result<GroundPlane> plane = fitGroundPlane(points)) {
    return plane->heightAt(xy.x(), xy.y());
  }
  return lowPercentilePlane(points).heightAt(xy.x(), xy.y());
}

Result<Cuboid> fittedToPoints(const IndexedSweep& sweep, const Cuboid& box,
                              const std::string& className, const LabelSchema& schema) {
  FitOptions options;
  options.sizePrior = priorOf(className, schema);
  auto fit = fitCuboid(sweep.index, box, options);
  if (!fit) {
    return fit.error();
  }
  return fit->box;
}

Cuboid snappedToGround(const IndexedSweep& sweep, const Cuboid& box) {
  Cuboid snapped = box;
  snapped.center.z() = groundHeightNear(sweep, box.center.head<2>()) + 0.5 * box.size.z();
  return snapped;
}

Track newBoxTrack(const Document& document, const NewBox& box, FrameIndex frame) {
  Track track;
  track.object.id = document.unusedObjectId();
  track.object.number = document.unusedNumber();
  track.object.className = box.className;
  Instance instance;
  instance.frame = frame;
  instance.geometry = box.box;
  instance.source = InstanceSource::Keyframe;
  track.instances.push_back(std::move(instance));
  return track;
}

}  // namespace fuselabel::gui
