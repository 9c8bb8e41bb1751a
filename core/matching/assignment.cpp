#include "core/matching/assignment.hpp"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

// Shortest augmenting paths with potentials (Kuhn–Munkres as usually written
// for rectangular matrices), rows ≤ columns, every entry finite. Returns the
// column of each row.
std::vector<int> solveDense(const Eigen::MatrixXd& a) {
  const int n = static_cast<int>(a.rows());
  const int m = static_cast<int>(a.cols());
  const double inf = std::numeric_limits<double>::infinity();
  // 1-based arrays; index 0 is the virtual start column.
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0);
  std::vector<int> rowOfCol(m + 1, 0), way(m + 1, 0);
  std::vector<double> minv(m + 1);
  std::vector<char> used(m + 1);
  for (int i = 1; i <= n; ++i) {
    rowOfCol[0] = i;
    int j0 = 0;
    std::fill(minv.begin(), minv.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const int i0 = rowOfCol[j0];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = a(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        if (used[j]) {
          u[rowOfCol[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] != 0);
    do {
      const int j1 = way[j0];
      rowOfCol[j0] = rowOfCol[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> colOfRow(n, -1);
  for (int j = 1; j <= m; ++j) {
    if (rowOfCol[j] != 0) colOfRow[rowOfCol[j] - 1] = j - 1;
  }
  return colOfRow;
}

}  // namespace

Assignment solveAssignment(const Eigen::MatrixXd& cost) {
  const int rows = static_cast<int>(cost.rows());
  const int cols = static_cast<int>(cost.cols());
  Assignment result;
  result.columnOfRow.assign(rows, -1);
  result.rowOfColumn.assign(cols, -1);
  if (rows == 0 || cols == 0) return result;

  // Forbidden pairs become one large cost, larger than any difference the
  // finite costs can make over a whole assignment, so the solver first makes
  // as few forbidden pairs as possible (most allowed pairs), then the cheapest.
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  bool anyAllowed = false;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const double x = cost(r, c);
      if (!std::isfinite(x)) continue;
      anyAllowed = true;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  if (!anyAllowed) return result;
  const int n = std::max(rows, cols);
  // Shift so allowed costs lie in [0, range]; forbidden sits above n × range.
  const double range = hi - lo;
  const double forbidden = (range + 1.0) * (n + 1);
  const bool transpose = rows > cols;
  Eigen::MatrixXd dense(transpose ? cols : rows, transpose ? rows : cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const double x = cost(r, c);
      const double shifted = std::isfinite(x) ? x - lo : forbidden;
      if (transpose) {
        dense(c, r) = shifted;
      } else {
        dense(r, c) = shifted;
      }
    }
  }
  const std::vector<int> match = solveDense(dense);
  for (int k = 0; k < static_cast<int>(match.size()); ++k) {
    const int other = match[k];
    if (other < 0) continue;
    const int r = transpose ? other : k;
    const int c = transpose ? k : other;
    if (!std::isfinite(cost(r, c))) continue;
    result.columnOfRow[r] = c;
    result.rowOfColumn[c] = r;
    result.totalCost += cost(r, c);
    ++result.pairs;
  }
  return result;
}

}  // namespace fuselabel
