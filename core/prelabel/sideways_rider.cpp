#include "core/prelabel/sideways_rider.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace fuselabel {
namespace {

double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace

bool turnSidewaysVehiclesIntoRiders(ProposalTrack& track, std::span<const double> timesS,
                                    std::span<const SweepIndex* const> sweeps,
                                    const LabelSchema& schema, const SidewaysOptions& options) {
  auto& observations = track.observations;
  if (observations.size() < options.minProposals) return false;
  for (const TrackedProposal& o : observations)
    if (o.step >= timesS.size()) return false;
  // Motion: the median over pairs of proposals of the velocity between them
  // (Theil-Sen), since the frames the rider was fitted otherwise (a person,
  // a car turned along its path, one taking in a neighbour) are off by
  // metres and would pull a least-squares line.
  std::vector<double> vx, vy;
  for (std::size_t i = 0; i < observations.size(); ++i)
    for (std::size_t j = i + 1; j < observations.size(); ++j) {
      const double dt = timesS[observations[j].step] - timesS[observations[i].step];
      if (!(dt > 0.0)) continue;
      const Eigen::Vector2d d = observations[j].proposal.box.center.head<2>() -
                                observations[i].proposal.box.center.head<2>();
      vx.push_back(d.x() / dt), vy.push_back(d.y() / dt);
    }
  if (vx.empty()) return false;
  const Eigen::Vector2d velocity(median(vx), median(vy));
  if (velocity.norm() < options.minSpeed) return false;
  const double motion = std::atan2(velocity.y(), velocity.x());
  // A rider keeps its line; a track that jumped between objects (keyframes
  // far apart, a parked car and the one behind it) does not.
  std::vector<double> ox, oy, offLine;
  for (const TrackedProposal& o : observations) {
    const Eigen::Vector2d p = o.proposal.box.center.head<2>() - timesS[o.step] * velocity;
    ox.push_back(p.x()), oy.push_back(p.y());
  }
  const Eigen::Vector2d origin(median(ox), median(oy));
  for (const TrackedProposal& o : observations)
    offLine.push_back(
        (o.proposal.box.center.head<2>() - origin - timesS[o.step] * velocity).norm());
  if (median(offLine) > options.maxOffLine) return false;

  std::size_t sideways = 0;
  double acrossMin = std::numbers::pi, acrossMax = -std::numbers::pi;
  Eigen::Vector2d faceSize = Eigen::Vector2d::Zero();  // summed seen face length and height
  for (const TrackedProposal& o : observations) {
    const ClassSpec* spec = schema.findClass(o.proposal.className);
    // A detector's box (no points) is the detector's call, not a fit's.
    if (spec == nullptr || spec->category != "vehicle" || o.proposal.points == 0) continue;
    // Heading off square to the motion, modulo pi: near 0 for a box turned
    // across its path, whichever way round.
    const double across =
        std::remainder(o.proposal.box.yaw() - motion - 0.5 * std::numbers::pi, std::numbers::pi);
    if (std::abs(across) < 0.5 * std::numbers::pi - options.minAngle) {
      ++sideways;
      faceSize += Eigen::Vector2d(o.proposal.box.size.y(), o.proposal.box.size.z());
      acrossMin = std::min(acrossMin, across), acrossMax = std::max(acrossMax, across);
    }
  }
  if (2 * sideways <= observations.size() || sideways == 0) return false;
  // The same face every frame: the fits agree on its heading.
  if (acrossMax - acrossMin > options.maxHeadingSpread) return false;
  faceSize /= static_cast<double>(sideways);

  // The rider the face fits: a person class on wheels or not, whose size
  // range holds the face's length and height, the nearest to its typical
  // size. Its width is unseen.
  const ClassSpec* rider = nullptr;
  double best = std::numeric_limits<double>::infinity();
  for (const ClassSpec& spec : schema.classes) {
    if (spec.category != "vru" || !spec.size || spec.size->typical.y() > options.maxRiderWidth)
      continue;
    const SizePrior& size = *spec.size;
    if (faceSize.x() < size.min.x() || faceSize.x() > size.max.x() || faceSize.y() < size.min.z() ||
        faceSize.y() > size.max.z())
      continue;
    const double error = std::abs(faceSize.x() / size.typical.x() - 1.0) +
                         std::abs(faceSize.y() / size.typical.z() - 1.0);
    if (error < best) best = error, rider = &spec;
  }
  if (rider == nullptr) return false;
  const double width = rider->size->typical.y();

  for (TrackedProposal& o : observations) {
    const ClassSpec* spec = schema.findClass(o.proposal.className);
    if (spec == nullptr || spec->category != "vehicle" || o.proposal.points == 0) continue;
    Cuboid& box = o.proposal.box;
    if (std::abs(std::remainder(box.yaw() - motion - 0.5 * std::numbers::pi, std::numbers::pi)) >=
        0.5 * std::numbers::pi - options.minAngle)
      continue;
    // The face the sensor saw is the end of the car box nearer to it; the
    // rider's box lies right behind that face.
    const Eigen::Vector3d axis = box.rotation * Eigen::Vector3d::UnitX();
    double side = 1.0;
    if (o.step < sweeps.size() && sweeps[o.step] != nullptr)
      side = (sweeps[o.step]->sensorOrigin() - box.center).dot(axis) >= 0.0 ? 1.0 : -1.0;
    const Eigen::Vector3d center = box.center + side * (0.5 * box.size.x() - 0.5 * width) *
                                                    Eigen::Vector3d(axis.x(), axis.y(), 0.0);
    box = Cuboid::fromYaw(center, Eigen::Vector3d(box.size.y(), width, box.size.z()), motion);
    o.proposal.className = rider->name;
  }
  return true;
}

}  // namespace fuselabel
