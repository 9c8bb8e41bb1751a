#pragma once
// A vehicle does not move sideways. A rider seen side-on shows one face
// about 1.8 m long and 1.6 m tall, the size of a car's rear seen end-on, and
// the size prior calls it a car (cars are forty times more common): the fit
// then lays a 4.5 m car behind that face, 1.9 m off the rider and turned
// across its path. A single frame cannot tell them apart; the track's motion
// can: a "car" that moves along its own rear face is a rider.

#include <span>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/prelabel/proposal_tracker.hpp"

namespace fuselabel {

/// When a track is judged to move sideways.
struct SidewaysOptions {
  /// Speed over the track (least squares over its proposals' centres) at
  /// least this (m/s): parked objects' centres wander as they are seen
  /// from other sides.
  double minSpeed = 1.5;
  /// Proposals needed to measure the motion.
  std::size_t minProposals = 3;
  /// A vehicle proposal moves sideways when its heading is more than this
  /// (rad) off the motion, modulo pi.
  double minAngle = 1.0471975511965976;  // 60 degrees
  /// Half the proposals' centres lie within this (m) of one line at one
  /// speed: a rider keeps its line.
  double maxOffLine = 0.3;
  /// The sideways proposals' headings agree within this (rad): the same face.
  double maxHeadingSpread = 0.3;
  /// Riders are no wider than this (m, the class's typical width).
  double maxRiderWidth = 1.3;
};

/// When most vehicle proposals of `track` fitted to points (a detector's
/// boxes are left as they are) move sideways, turns each of them
/// into a box of the rider class (category vru) whose size range holds the
/// seen face's length and height and whose typical size is nearest, turned
/// along the motion and placed against the face the sensor saw (`sweeps[k]`
/// gives the sensor of step k). Returns whether it did.
bool turnSidewaysVehiclesIntoRiders(ProposalTrack& track, std::span<const double> timesS,
                                    std::span<const SweepIndex* const> sweeps,
                                    const LabelSchema& schema, const SidewaysOptions& options = {});

}  // namespace fuselabel
