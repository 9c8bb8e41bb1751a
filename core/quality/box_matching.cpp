#include "core/quality/box_matching.hpp"

#include <cmath>

#include <Eigen/Core>

#include "core/geometry/iou.hpp"
#include "core/matching/assignment.hpp"

namespace fuselabel {

double MatchOptions::thresholdOf(const std::string& className) const {
  const auto it = classIouThreshold.find(className);
  return it != classIouThreshold.end() ? it->second : iouThreshold;
}

bool gatePair(const LabeledBox& a, const LabeledBox& b, const MatchOptions& options,
              BoxPair& measures) {
  if (options.sameClassOnly && a.className != b.className) return false;
  measures.iou3d = iou3d(a.box, b.box);
  measures.iouBev = bevIou(a.box, b.box);
  measures.centreDistance = (a.box.center - b.box.center).norm();
  if (!std::isfinite(measures.centreDistance)) return false;
  if (measures.iou3d > 0.0 && measures.iou3d >= options.thresholdOf(a.className)) return true;
  const bool small = a.box.size.x() * a.box.size.y() < options.smallFootprint;
  return small && options.smallCentreGate > 0.0 &&
         measures.centreDistance <= options.smallCentreGate;
}

FrameMatching matchBoxes(std::span<const LabeledBox> a, std::span<const LabeledBox> b,
                         const MatchOptions& options) {
  const auto rows = static_cast<Eigen::Index>(a.size());
  const auto cols = static_cast<Eigen::Index>(b.size());
  Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(rows, cols, kForbidden);
  std::vector<BoxPair> measures(a.size() * b.size());
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      BoxPair& m = measures[static_cast<std::size_t>(i * cols + j)];
      m.a = static_cast<int>(i);
      m.b = static_cast<int>(j);
      if (gatePair(a[static_cast<std::size_t>(i)], b[static_cast<std::size_t>(j)], options, m))
        cost(i, j) = (1.0 - m.iou3d) + 1e-3 * m.centreDistance;
    }
  }
  const Assignment assignment = solveAssignment(cost);
  FrameMatching out;
  for (Eigen::Index i = 0; i < rows; ++i) {
    const int j = assignment.columnOfRow[static_cast<std::size_t>(i)];
    if (j >= 0)
      out.pairs.push_back(measures[static_cast<std::size_t>(i * cols + j)]);
    else
      out.unmatchedA.push_back(static_cast<int>(i));
  }
  for (Eigen::Index j = 0; j < cols; ++j)
    if (assignment.rowOfColumn[static_cast<std::size_t>(j)] < 0)
      out.unmatchedB.push_back(static_cast<int>(j));
  return out;
}

}  // namespace fuselabel
