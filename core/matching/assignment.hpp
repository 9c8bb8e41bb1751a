#pragma once
// Optimal one-to-one assignment (the Hungarian method) between the rows and
// columns of a cost matrix: how label sets are matched frame by frame
// (agreement, evaluation) and detections are linked to tracks (pre-labeling).
//
// Pairs whose cost is not finite (kForbidden, NaN) are never made; callers gate
// with it (IoU below the threshold, centres too far apart). Among all
// assignments of allowed pairs, the result has the most pairs and, among
// those, the least total cost: the semantics of the usual
// "linear_sum_assignment with forbidden pairs" recipe in MOT and detection
// metrics.
//
// (dlib's max_cost_assignment solves square integer matrices; float costs with
// forbidden pairs would need scaling and padding around it, so the shortest
// augmenting path method is written here, O(n² m) for n ≤ m.)

#include <limits>
#include <vector>

#include <Eigen/Core>

namespace fuselabel {

/// Cost of a pair that must never be made.
inline constexpr double kForbidden = std::numeric_limits<double>::infinity();

struct Assignment {
  /// For each row, its column, or -1 when the row is unassigned.
  std::vector<int> columnOfRow;
  /// For each column, its row, or -1 when the column is unassigned.
  std::vector<int> rowOfColumn;
  /// Sum of the costs of the pairs made.
  double totalCost = 0.0;
  /// Number of pairs made.
  int pairs = 0;
};

/// Maximum-cardinality, minimum-cost assignment; empty and rectangular
/// matrices are fine.
[[nodiscard]] Assignment solveAssignment(const Eigen::MatrixXd& cost);

}  // namespace fuselabel
