#include "core/matching/assignment.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <utility>

namespace fuselabel {
namespace {

// Best (most pairs, then least cost) over every partial assignment, by
// recursion over rows: each row takes a free allowed column or none.
void bruteForce(const Eigen::MatrixXd& cost, int row, std::vector<char>& usedCol, int pairs,
                double sum, std::pair<int, double>& best) {
  if (row == cost.rows()) {
    if (pairs > best.first || (pairs == best.first && sum < best.second)) best = {pairs, sum};
    return;
  }
  bruteForce(cost, row + 1, usedCol, pairs, sum, best);
  for (int c = 0; c < cost.cols(); ++c) {
    if (usedCol[c] || !std::isfinite(cost(row, c))) continue;
    usedCol[c] = 1;
    bruteForce(cost, row + 1, usedCol, pairs + 1, sum + cost(row, c), best);
    usedCol[c] = 0;
  }
}

void expectConsistent(const Eigen::MatrixXd& cost, const Assignment& a) {
  ASSERT_EQ(a.columnOfRow.size(), static_cast<size_t>(cost.rows()));
  ASSERT_EQ(a.rowOfColumn.size(), static_cast<size_t>(cost.cols()));
  int pairs = 0;
  double sum = 0.0;
  for (int r = 0; r < cost.rows(); ++r) {
    const int c = a.columnOfRow[r];
    if (c < 0) continue;
    ASSERT_LT(c, cost.cols());
    EXPECT_EQ(a.rowOfColumn[c], r);
    EXPECT_TRUE(std::isfinite(cost(r, c))) << "forbidden pair " << r << "," << c << " made";
    ++pairs;
    sum += cost(r, c);
  }
  EXPECT_EQ(pairs, a.pairs);
  EXPECT_NEAR(sum, a.totalCost, 1e-9);
}

TEST(Assignment, EmptyMatrices) {
  EXPECT_EQ(solveAssignment(Eigen::MatrixXd(0, 0)).pairs, 0);
  const Assignment rowsOnly = solveAssignment(Eigen::MatrixXd(3, 0));
  EXPECT_EQ(rowsOnly.columnOfRow, (std::vector<int>{-1, -1, -1}));
  const Assignment colsOnly = solveAssignment(Eigen::MatrixXd(0, 2));
  EXPECT_EQ(colsOnly.rowOfColumn, (std::vector<int>{-1, -1}));
}

TEST(Assignment, PicksTheGlobalOptimumNotTheGreedyOne) {
  // Greedy takes (0,0)=1 and is left with (1,1)=10; optimal is 2 + 2.
  Eigen::MatrixXd cost(2, 2);
  cost << 1, 2, 2, 10;
  const Assignment a = solveAssignment(cost);
  EXPECT_EQ(a.columnOfRow, (std::vector<int>{1, 0}));
  EXPECT_DOUBLE_EQ(a.totalCost, 4.0);
}

TEST(Assignment, PrefersMorePairsOverLowerCost) {
  // Row 0 alone would take column 0 (cost 0), but then row 1 has nothing.
  Eigen::MatrixXd cost(2, 2);
  cost << 0, 5, 1, kForbidden;
  const Assignment a = solveAssignment(cost);
  EXPECT_EQ(a.pairs, 2);
  EXPECT_EQ(a.columnOfRow, (std::vector<int>{1, 0}));
}

TEST(Assignment, AllForbiddenMakesNoPair) {
  Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(3, 2, kForbidden);
  cost(1, 1) = std::nan("");
  const Assignment a = solveAssignment(cost);
  EXPECT_EQ(a.pairs, 0);
  EXPECT_EQ(a.columnOfRow, (std::vector<int>{-1, -1, -1}));
}

TEST(Assignment, MatchesBruteForceOnRandomMatrices) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> sizeDist(1, 6);
  std::uniform_real_distribution<double> costDist(-3.0, 50.0);
  std::bernoulli_distribution forbid(0.3);
  for (int trial = 0; trial < 600; ++trial) {
    const int rows = sizeDist(rng);
    const int cols = sizeDist(rng);
    Eigen::MatrixXd cost(rows, cols);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c)
        cost(r, c) = forbid(rng) ? kForbidden : costDist(rng);
    }
    const Assignment a = solveAssignment(cost);
    expectConsistent(cost, a);
    std::vector<char> used(cols, 0);
    std::pair<int, double> best{-1, 0.0};
    bruteForce(cost, 0, used, 0, 0.0, best);
    ASSERT_EQ(a.pairs, best.first) << "trial " << trial;
    ASSERT_NEAR(a.totalCost, best.second, 1e-9) << "trial " << trial;
  }
}

}  // namespace
}  // namespace fuselabel
