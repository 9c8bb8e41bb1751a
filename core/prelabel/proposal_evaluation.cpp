#include "core/prelabel/proposal_evaluation.hpp"

#include <algorithm>
#include <cstdio>

#include <Eigen/Core>

#include "core/geometry/iou.hpp"
#include "core/matching/assignment.hpp"

namespace fuselabel {

FrameMatch matchBoxes(std::span<const Cuboid> truth, std::span<const Cuboid> proposals,
                      MatchCriterion criterion, double threshold) {
  const auto rows = static_cast<Eigen::Index>(truth.size());
  const auto cols = static_cast<Eigen::Index>(proposals.size());
  Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(rows, cols, kForbidden);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const Cuboid& t = truth[static_cast<std::size_t>(r)];
    for (Eigen::Index c = 0; c < cols; ++c) {
      const Cuboid& p = proposals[static_cast<std::size_t>(c)];
      if (criterion == MatchCriterion::BevIou) {
        const double iou = bevIou(t, p);
        if (iou >= threshold) cost(r, c) = 1.0 - iou;
      } else {
        const double d = (t.center - p.center).head<2>().norm();
        if (d <= threshold) cost(r, c) = d;
      }
    }
  }
  const Assignment assignment = solveAssignment(cost);
  return {assignment.columnOfRow, assignment.rowOfColumn};
}

const char* ProposalEvaluation::bucketName(std::size_t b) {
  static const char* const kNames[kBuckets] = {"0-9", "10-99", "100+"};
  return b < kBuckets ? kNames[b] : "?";
}

std::size_t ProposalEvaluation::bucketOf(std::size_t points) {
  return points < 10 ? 0 : points < 100 ? 1 : 2;
}

void ProposalEvaluation::addFrame(std::span<const TruthBox> truth,
                                  std::span<const Cuboid> proposals) {
  addFrame(truth, proposals, {});
}

void ProposalEvaluation::addFrame(std::span<const TruthBox> truth,
                                  std::span<const Cuboid> proposals,
                                  std::span<const std::int64_t> proposalTracks) {
  const bool tracked = proposalTracks.size() == proposals.size() && !proposals.empty();
  m_tracked = m_tracked || tracked;
  ++m_frames;
  std::vector<Cuboid> counted, ignored;
  std::vector<const TruthBox*> countedTruth;
  for (const TruthBox& t : truth) {
    if (t.category == "ignore") {
      ignored.push_back(t.box);
    } else {
      counted.push_back(t.box);
      countedTruth.push_back(&t);
    }
  }
  const FrameMatch byIou = matchBoxes(counted, proposals, MatchCriterion::BevIou, 0.5);
  const FrameMatch byDistance = matchBoxes(counted, proposals, MatchCriterion::CentreDistance, 1.0);
  for (std::size_t i = 0; i < countedTruth.size(); ++i) {
    const std::size_t b = bucketOf(countedTruth[i]->points);
    for (Row* row :
         {&m_byClass[countedTruth[i]->className], &m_byCategory[countedTruth[i]->category]}) {
      ++row->iou[b].total;
      ++row->distance[b].total;
      if (byIou.proposalOfTruth[i] >= 0) ++row->iou[b].found;
      if (byDistance.proposalOfTruth[i] >= 0) ++row->distance[b].found;
    }
    if (countedTruth[i]->track >= 0) {
      std::size_t& most = m_truthTrackPoints[countedTruth[i]->track];
      most = std::max(most, countedTruth[i]->points);
    }
  }
  for (std::size_t p = 0; p < proposals.size(); ++p) {
    const bool hitIou = byIou.truthOfProposal[p] >= 0;
    const bool hitDistance = byDistance.truthOfProposal[p] >= 0;
    // Unmatched proposals on a don't-care region are neither right nor wrong.
    bool onIgnored = false;
    for (const Cuboid& region : ignored)
      onIgnored = onIgnored || bevIntersectionArea(region, proposals[p]) > 0.0;
    if (!hitIou && !hitDistance && onIgnored) continue;
    if (tracked) {
      ProposalTrackCounts& counts = m_proposalTracks[proposalTracks[p]];
      ++counts.boxes;
      // The IoU pair first: at 1 m two close truths may swap.
      const int t = hitIou ? byIou.truthOfProposal[p] : byDistance.truthOfProposal[p];
      if (t >= 0 && countedTruth[static_cast<std::size_t>(t)]->track >= 0)
        ++counts.pairedWith[countedTruth[static_cast<std::size_t>(t)]->track];
    }
    ++m_precisionIou.total;
    ++m_precisionDistance.total;
    if (hitIou) ++m_precisionIou.found;
    if (hitDistance) ++m_precisionDistance.found;
  }
}

TrackTally ProposalEvaluation::tracks() const {
  TrackTally tally;
  std::map<std::int64_t, bool> followed;
  for (const auto& [track, points] : m_truthTrackPoints)
    if (points >= 100) followed[track] = false;
  tally.truthTracks = followed.size();
  for (const auto& [id, counts] : m_proposalTracks) {
    ++tally.proposalTracks;
    for (const auto& [truthTrack, paired] : counts.pairedWith) {
      if (2 * paired <= counts.boxes) continue;
      ++tally.acceptable;
      if (auto it = followed.find(truthTrack); it != followed.end()) it->second = true;
      break;  // more than half: at most one truth track
    }
  }
  for (const auto& [track, isFollowed] : followed)
    if (isFollowed) ++tally.truthTracksFollowed;
  return tally;
}

std::string ProposalEvaluation::table() const {
  std::string text;
  char line[256];
  const auto rows = [&](const char* title, const std::map<std::string, Row>& table) {
    std::snprintf(line, sizeof line, "%-22s %-6s %16s %16s\n", title, "points", "recall@IoU0.5",
                  "recall@1m");
    text += line;
    for (const auto& [name, row] : table) {
      for (std::size_t b = 0; b < kBuckets; ++b) {
        if (row.iou[b].total == 0) continue;
        std::snprintf(line, sizeof line, "%-22s %-6s %5.3f (%3zu/%3zu) %5.3f (%3zu/%3zu)\n",
                      name.c_str(), bucketName(b), row.iou[b].rate(), row.iou[b].found,
                      row.iou[b].total, row.distance[b].rate(), row.distance[b].found,
                      row.distance[b].total);
        text += line;
      }
    }
  };
  rows("class", m_byClass);
  rows("category", m_byCategory);
  std::snprintf(line, sizeof line,
                "precision: %5.3f (%zu/%zu) at IoU 0.5, %5.3f (%zu/%zu) at 1 m, over %zu frames\n",
                m_precisionIou.rate(), m_precisionIou.found, m_precisionIou.total,
                m_precisionDistance.rate(), m_precisionDistance.found, m_precisionDistance.total,
                m_frames);
  text += line;
  if (m_tracked) {
    const TrackTally t = tracks();
    std::snprintf(line, sizeof line,
                  "tracks: %5.3f (%zu/%zu) follow one true object; %5.3f (%zu/%zu) true tracks "
                  "with 100+ points followed\n",
                  t.acceptableRate(), t.acceptable, t.proposalTracks, t.followedRate(),
                  t.truthTracksFollowed, t.truthTracks);
    text += line;
  }
  return text;
}

}  // namespace fuselabel
