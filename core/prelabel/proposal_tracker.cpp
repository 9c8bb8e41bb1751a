#include "core/prelabel/proposal_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <Eigen/Core>

#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"
#include "core/matching/assignment.hpp"

namespace fuselabel {
namespace {

// One live track: a constant-velocity filter over the centre in the ground
// plane, state [x, y, vx, vy]. Height, heading and size are not filtered
// here; the smoother that finishes each track does that over all its frames.
struct LiveTrack {
  Eigen::Vector4d x = Eigen::Vector4d::Zero();
  Eigen::Matrix4d P = Eigen::Matrix4d::Identity();
  double timeS = 0.0;
  int misses = 0;
  Cuboid lastBox;
  ProposalTrack track;
};

void predict(LiveTrack& t, double timeS, const TrackerOptions& options) {
  const double dt = timeS - t.timeS;
  if (dt <= 0.0) return;
  Eigen::Matrix4d F = Eigen::Matrix4d::Identity();
  F(0, 2) = F(1, 3) = dt;
  const double q = options.accelerationSigma * options.accelerationSigma;
  Eigen::Matrix4d Q = Eigen::Matrix4d::Zero();
  for (int i = 0; i < 2; ++i) {
    Q(i, i) = q * dt * dt * dt * dt / 4.0;
    Q(i, i + 2) = Q(i + 2, i) = q * dt * dt * dt / 2.0;
    Q(i + 2, i + 2) = q * dt * dt;
  }
  t.x = F * t.x;
  t.P = F * t.P * F.transpose() + Q;
  t.timeS = timeS;
}

void update(LiveTrack& t, const Eigen::Vector2d& z, const TrackerOptions& options) {
  Eigen::Matrix<double, 2, 4> H = Eigen::Matrix<double, 2, 4>::Zero();
  H(0, 0) = H(1, 1) = 1.0;
  const Eigen::Matrix2d R =
      Eigen::Matrix2d::Identity() * options.positionSigma * options.positionSigma;
  const Eigen::Matrix2d S = H * t.P * H.transpose() + R;
  const Eigen::Matrix<double, 4, 2> K = t.P * H.transpose() * S.inverse();
  t.x += K * (z - H * t.x);
  t.P = (Eigen::Matrix4d::Identity() - K * H) * t.P;
}

Cuboid predictedBox(const LiveTrack& t) {
  Cuboid box = t.lastBox;
  box.center.x() = t.x(0);
  box.center.y() = t.x(1);
  return box;
}

// How many proposals a track born at each step needs (see
// TrackerOptions::confirmWindowS).
std::vector<std::size_t> hitsNeeded(std::span<const FrameProposals> frames,
                                    const TrackerOptions& options) {
  const auto minHits = static_cast<std::size_t>(std::max(1, options.minHits));
  std::vector<std::size_t> needed(frames.size(), minHits);
  if (frames.empty()) return needed;
  std::vector<double> intervals;
  for (std::size_t k = 1; k < frames.size(); ++k)
    intervals.push_back(frames[k].timeS - frames[k - 1].timeS);
  double interval = 0.0;
  if (!intervals.empty()) {
    const auto mid = intervals.begin() + static_cast<std::ptrdiff_t>(intervals.size() / 2);
    std::nth_element(intervals.begin(), mid, intervals.end());
    interval = *mid;
  }
  const double lastS = frames.back().timeS;
  for (std::size_t step = 0; step < frames.size(); ++step) {
    const double endS = frames[step].timeS + options.confirmWindowS;
    std::size_t inWindow = 0;
    for (std::size_t k = step; k < frames.size() && frames[k].timeS <= endS + 1e-9; ++k)
      ++inWindow;
    // Frames the sequence would have had past its end; none known: the
    // old rule, as many as the sequence has.
    if (endS > lastS)
      inWindow = interval > 0.0
                     ? inWindow + static_cast<std::size_t>((endS - lastS) / interval + 1e-9)
                     : std::max(inWindow, frames.size());
    needed[step] = std::clamp<std::size_t>(std::min(inWindow, frames.size()), 1, minHits);
  }
  return needed;
}

double footprint(const Cuboid& box) {
  return std::max(box.size.x() * box.size.y(), 1e-6);
}

}  // namespace

std::vector<ProposalTrack> associateProposals(std::span<const FrameProposals> frames,
                                              const TrackerOptions& options) {
  std::vector<LiveTrack> live;
  std::vector<ProposalTrack> ended;
  const std::vector<std::size_t> needed = hitsNeeded(frames, options);
  const auto retire = [&](LiveTrack& t) {
    if (t.track.observations.size() >= needed[t.track.observations.front().step])
      ended.push_back(std::move(t.track));
  };

  for (std::size_t step = 0; step < frames.size(); ++step) {
    const FrameProposals& frame = frames[step];
    for (LiveTrack& t : live)
      predict(t, frame.timeS, options);
    const auto rows = static_cast<Eigen::Index>(live.size());
    const auto cols = static_cast<Eigen::Index>(frame.proposals.size());
    Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(rows, cols, kForbidden);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const Cuboid predicted = predictedBox(live[static_cast<std::size_t>(r)]);
      const LiveTrack& t = live[static_cast<std::size_t>(r)];
      const double spread = std::sqrt(0.5 * (t.P(0, 0) + t.P(1, 1)));
      for (Eigen::Index c = 0; c < cols; ++c) {
        const Cuboid& box = frame.proposals[static_cast<std::size_t>(c)].box;
        const double areaRatio = footprint(box) / footprint(predicted);
        const bool alike =
            areaRatio <= options.maxAreaRatio && areaRatio * options.maxAreaRatio >= 1.0;
        if (!alike && (predicted.center - box.center).head<2>().norm() > options.maxDistance)
          continue;
        if (options.metric == AssociationMetric::CentreDistance) {
          // The gate widens with the prediction's uncertainty: a new track's
          // unknown speed, or a long gap between frames.
          const double d = (predicted.center - box.center).head<2>().norm();
          if (d <= options.maxDistance + 3.0 * spread) cost(r, c) = d;
        } else {
          const double iou = bevIou(predicted, box);
          if (iou >= options.minIou) cost(r, c) = 1.0 - iou;
        }
      }
    }
    const Assignment assignment = solveAssignment(cost);
    for (Eigen::Index r = 0; r < rows; ++r) {
      LiveTrack& t = live[static_cast<std::size_t>(r)];
      const int c = assignment.columnOfRow[static_cast<std::size_t>(r)];
      if (c < 0) {
        ++t.misses;
        continue;
      }
      Proposal proposal = frame.proposals[static_cast<std::size_t>(c)];
      // A box's heading is ambiguous by π to a fit; keep the track's.
      if (std::abs(angleDifference(proposal.box.yaw(), t.lastBox.yaw())) > 0.5 * std::numbers::pi)
        proposal.box = Cuboid::fromYaw(proposal.box.center, proposal.box.size,
                                       normalizeAngle(proposal.box.yaw() + std::numbers::pi));
      update(t, proposal.box.center.head<2>(), options);
      t.misses = 0;
      t.lastBox = proposal.box;
      t.track.observations.push_back({step, std::move(proposal)});
    }
    // Deaths, then births from the proposals no track took.
    for (LiveTrack& t : live)
      if (t.misses > options.maxAge) retire(t);
    std::erase_if(live, [&](const LiveTrack& t) { return t.misses > options.maxAge; });
    for (Eigen::Index c = 0; c < cols; ++c) {
      if (assignment.rowOfColumn[static_cast<std::size_t>(c)] >= 0) continue;
      LiveTrack t;
      const Proposal& proposal = frame.proposals[static_cast<std::size_t>(c)];
      t.x << proposal.box.center.x(), proposal.box.center.y(), 0.0, 0.0;
      const double p = options.positionSigma * options.positionSigma;
      const double v = options.initialSpeedSigma * options.initialSpeedSigma;
      t.P = Eigen::Vector4d(p, p, v, v).asDiagonal();
      t.timeS = frame.timeS;
      t.lastBox = proposal.box;
      t.track.observations.push_back({step, proposal});
      live.push_back(std::move(t));
    }
  }
  // Tracks the sequence's end cut short: seen in every frame since their
  // birth, too few frames left to confirm them, kept when their proposals
  // are confident (a car that drives into view in the last keyframe).
  for (LiveTrack& t : live) {
    const auto& seen = t.track.observations;
    const bool unbroken = seen.size() == frames.size() - seen.front().step;
    double confidence = 0.0;
    for (const TrackedProposal& o : seen)
      confidence += o.proposal.confidence;
    confidence /= static_cast<double>(seen.size());
    if (unbroken && seen.size() < needed[seen.front().step] && confidence >= options.endConfidence)
      ended.push_back(std::move(t.track));
    else
      retire(t);
  }
  // Order of birth: the first observation's step, then its position.
  std::stable_sort(ended.begin(), ended.end(), [](const ProposalTrack& a, const ProposalTrack& b) {
    return a.observations.front().step < b.observations.front().step;
  });
  return ended;
}

}  // namespace fuselabel
