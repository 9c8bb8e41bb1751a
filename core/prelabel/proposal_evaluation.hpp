#pragma once
// How good proposals are against ground truth: recall by class and by the
// number of LiDAR points inside the true box (a 20-point car is a different
// problem from a 2000-point one), and precision. Boxes are paired one to one
// per frame by the Hungarian method (solveAssignment), once at bird's-eye
// IoU ≥ 0.5 and once at centre distance ≤ 1 m; the pairing ignores classes
// (a car proposed as a van is found, the class is a separate question).
// Proposals on a "don't care" region count neither way.

#include <cstddef>
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

  /// Recall rows by class name.
  [[nodiscard]] const std::map<std::string, Row>& byClass() const { return m_byClass; }
  /// Recall rows by category.
  [[nodiscard]] const std::map<std::string, Row>& byCategory() const { return m_byCategory; }
  /// Proposals that found a truth box (found) out of those counted (total), per criterion.
  [[nodiscard]] const Tally& precisionIou() const { return m_precisionIou; }
  [[nodiscard]] const Tally& precisionDistance() const { return m_precisionDistance; }
  /// Frames added.
  [[nodiscard]] std::size_t frames() const { return m_frames; }

  /// The tables as text, one line per row.
  [[nodiscard]] std::string table() const;

 private:
  std::map<std::string, Row> m_byClass, m_byCategory;
  Tally m_precisionIou, m_precisionDistance;
  std::size_t m_frames = 0;
};

}  // namespace fuselabel
