#pragma once
// How good proposals are against ground truth: recall by class and by the
// number of LiDAR points inside the true box (a 20-point car is a different
// problem from a 2000-point one), and precision. Boxes are paired one to one
// per frame by the Hungarian method (solveAssignment), once at bird's-eye
// IoU ≥ 0.5 and once at centre distance ≤ 1 m; the pairing ignores classes
// (a car proposed as a van is found, the class is a separate question).
// Proposals on a "don't care" region count neither way.
//
// Tracks are measured too, because an annotator accepts or rejects a whole
// proposal track with one key: a proposal track *follows* a true object when
// more than half of its evaluated boxes are paired (at IoU ≥ 0.5, or failing
// that at centre ≤ 1 m) with boxes of that one truth track; such a track is
// accepted as it is, any other is junk to reject.

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/geometry/cuboid.hpp"

namespace fuselabel {

/// A ground-truth box of one frame.
struct TruthBox {
  Cuboid box;
  /// Schema class name.
  std::string className;
  /// Category of the class ("vehicle", "vru", ...; "ignore" for don't-care regions).
  std::string category;
  /// LiDAR points inside the box.
  std::size_t points = 0;
  /// The truth track it belongs to (-1: none, not counted by the track measure).
  std::int64_t track = -1;
};

/// The two pairings.
enum class MatchCriterion { BevIou, CentreDistance };

/// One-to-one pairs of truth and proposals: for each truth, its proposal or -1.
struct FrameMatch {
  std::vector<int> proposalOfTruth;
  std::vector<int> truthOfProposal;
};

/// Pairs `truth` and `proposals` under `criterion`: IoU at least
/// `threshold`, or centre distance (bird's-eye view) at most `threshold` m.
[[nodiscard]] FrameMatch matchBoxes(std::span<const Cuboid> truth,
                                    std::span<const Cuboid> proposals, MatchCriterion criterion,
                                    double threshold);

/// Found / total counts.
struct Tally {
  std::size_t total = 0;
  std::size_t found = 0;
  /// found / total, or 0 without any.
  [[nodiscard]] double rate() const {
    return total > 0 ? static_cast<double>(found) / static_cast<double>(total) : 0.0;
  }
};

/// The track-level measure: what an annotator accepting or rejecting whole tracks sees.
struct TrackTally {
  /// Proposal tracks with at least one evaluated box.
  std::size_t proposalTracks = 0;
  /// Those following one true object (more than half their boxes on it).
  std::size_t acceptable = 0;
  /// Truth tracks (not "ignore") with 100+ points inside in some frame.
  std::size_t truthTracks = 0;
  /// Those followed by at least one acceptable proposal track.
  std::size_t truthTracksFollowed = 0;
  /// acceptable / proposalTracks, or 0.
  [[nodiscard]] double acceptableRate() const {
    return proposalTracks > 0
               ? static_cast<double>(acceptable) / static_cast<double>(proposalTracks)
               : 0.0;
  }
  /// truthTracksFollowed / truthTracks, or 0.
  [[nodiscard]] double followedRate() const {
    return truthTracks > 0
               ? static_cast<double>(truthTracksFollowed) / static_cast<double>(truthTracks)
               : 0.0;
  }
};

/// Recall and precision accumulated over frames.
class ProposalEvaluation {
 public:
  /// Point-count buckets of the recall table: [0, 10), [10, 100), [100, ∞).
  static constexpr std::size_t kBuckets = 3;
  /// Name of bucket `b` ("0-9", "10-99", "100+").
  [[nodiscard]] static const char* bucketName(std::size_t b);
  /// Bucket of a point count.
  [[nodiscard]] static std::size_t bucketOf(std::size_t points);

  /// One recall row: a class or a category, per bucket and criterion.
  struct Row {
    Tally iou[kBuckets];
    Tally distance[kBuckets];
  };

  /// Adds one frame. Truth of category "ignore" are don't-care regions.
  void addFrame(std::span<const TruthBox> truth, std::span<const Cuboid> proposals);
  /// Adds one frame and, for the track measure, the proposal track of each
  /// proposal (`proposalTracks[i]` for `proposals[i]`) and TruthBox::track.
  void addFrame(std::span<const TruthBox> truth, std::span<const Cuboid> proposals,
                std::span<const std::int64_t> proposalTracks);

  /// Recall rows by class name.
  [[nodiscard]] const std::map<std::string, Row>& byClass() const { return m_byClass; }
  /// Recall rows by category.
  [[nodiscard]] const std::map<std::string, Row>& byCategory() const { return m_byCategory; }
  /// Proposals that found a truth box (found) out of those counted (total), per criterion.
  [[nodiscard]] const Tally& precisionIou() const { return m_precisionIou; }
  [[nodiscard]] const Tally& precisionDistance() const { return m_precisionDistance; }
  /// Frames added.
  [[nodiscard]] std::size_t frames() const { return m_frames; }

  /// The track-level measure over the frames added with track ids.
  [[nodiscard]] TrackTally tracks() const;

  /// The tables as text, one line per row.
  [[nodiscard]] std::string table() const;

 private:
  std::map<std::string, Row> m_byClass, m_byCategory;
  Tally m_precisionIou, m_precisionDistance;
  std::size_t m_frames = 0;
  /// Per proposal track: its evaluated boxes, and how many were paired with each truth track.
  struct ProposalTrackCounts {
    std::size_t boxes = 0;
    std::map<std::int64_t, std::size_t> pairedWith;
  };
  std::map<std::int64_t, ProposalTrackCounts> m_proposalTracks;
  /// Per truth track: the most points inside it in any frame.
  std::map<std::int64_t, std::size_t> m_truthTrackPoints;
  bool m_tracked = false;
};

}  // namespace fuselabel
