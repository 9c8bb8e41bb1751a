#include "core/fitting/sweep_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel {

SweepIndex SweepIndex::build(const PointCloud& cloud_sensor,
                             const Eigen::Isometry3d& T_world_sensor,
                             const SweepIndexOptions& options) {
  SweepIndex index;
  index.m_T_world_sensor = T_world_sensor;
  const std::size_t n = cloud_sensor.size();
  const auto xs = cloud_sensor.x();
  const auto ys = cloud_sensor.y();
  const auto zs = cloud_sensor.z();
  const Eigen::Matrix3d R = T_world_sensor.linear();
  const Eigen::Vector3d t = T_world_sensor.translation();

  // Transform once into scratch arrays; the sorted copy is written below.
  std::vector<float> wx, wy, wz;
  std::vector<std::uint32_t> source;
  wx.reserve(n);
  wy.reserve(n);
  wz.reserve(n);
  source.reserve(n);
  double minX = std::numeric_limits<double>::infinity(), minY = minX;
  double maxX = -minX, maxY = -minX;
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d p(static_cast<double>(xs[i]), static_cast<double>(ys[i]),
                            static_cast<double>(zs[i]));
    if (!p.allFinite()) continue;
    const Eigen::Vector3d w = R * p + t;
    wx.push_back(static_cast<float>(w.x()));
    wy.push_back(static_cast<float>(w.y()));
    wz.push_back(static_cast<float>(w.z()));
    source.push_back(static_cast<std::uint32_t>(i));
    minX = std::min(minX, w.x());
    minY = std::min(minY, w.y());
    maxX = std::max(maxX, w.x());
    maxY = std::max(maxY, w.y());
  }
  const std::size_t m = wx.size();
  if (m == 0) {
    index.m_cellStart.assign(1, 0);
    return index;
  }

  double cell = options.cellSize > 0.0 ? options.cellSize : 0.5;
  const auto cellsFor = [&](double c) {
    return (std::floor((maxX - minX) / c) + 1.0) * (std::floor((maxY - minY) / c) + 1.0);
  };
  while (cellsFor(cell) > static_cast<double>(std::max<std::size_t>(options.maxCells, 1))) {
    cell *= 2.0;
  }
  index.m_cell = cell;
  index.m_originX = minX;
  index.m_originY = minY;
  index.m_nx = static_cast<std::int64_t>(std::floor((maxX - minX) / cell)) + 1;
  index.m_ny = static_cast<std::int64_t>(std::floor((maxY - minY) / cell)) + 1;
  const std::size_t cells = static_cast<std::size_t>(index.m_nx * index.m_ny);

  std::vector<std::uint32_t> cellOf(m);
  std::vector<std::uint32_t>& start = index.m_cellStart;
  start.assign(cells + 1, 0);
  for (std::size_t i = 0; i < m; ++i) {
    const auto cx = std::min<std::int64_t>(
        static_cast<std::int64_t>((static_cast<double>(wx[i]) - minX) / cell), index.m_nx - 1);
    const auto cy = std::min<std::int64_t>(
        static_cast<std::int64_t>((static_cast<double>(wy[i]) - minY) / cell), index.m_ny - 1);
    cellOf[i] = static_cast<std::uint32_t>(cy * index.m_nx + cx);
    ++start[cellOf[i] + 1];
  }
  for (std::size_t c = 0; c < cells; ++c)
    start[c + 1] += start[c];

  index.m_x.resize(m);
  index.m_y.resize(m);
  index.m_z.resize(m);
  index.m_source.resize(m);
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t slot = next[cellOf[i]]++;
    index.m_x[slot] = wx[i];
    index.m_y[slot] = wy[i];
    index.m_z[slot] = wz[i];
    index.m_source[slot] = source[i];
  }
  return index;
}

template <class Visit>
void SweepIndex::forEachInRect(double minX, double minY, double maxX, double maxY,
                               Visit&& visit) const {
  if (m_x.empty() || !(minX <= maxX) || !(minY <= maxY)) return;
  const auto clampCell = [](double v, std::int64_t count) {
    if (!(v > 0.0)) return std::int64_t{0};
    if (v >= static_cast<double>(count - 1)) return count - 1;
    return static_cast<std::int64_t>(v);
  };
  const double fx0 = (minX - m_originX) / m_cell, fx1 = (maxX - m_originX) / m_cell;
  const double fy0 = (minY - m_originY) / m_cell, fy1 = (maxY - m_originY) / m_cell;
  // Entirely outside the grid: nothing to visit.
  if (fx1 < 0.0 || fy1 < 0.0 || fx0 >= static_cast<double>(m_nx) ||
      fy0 >= static_cast<double>(m_ny))
    return;
  const std::int64_t x0 = clampCell(fx0, m_nx), x1 = clampCell(fx1, m_nx);
  const std::int64_t y0 = clampCell(fy0, m_ny), y1 = clampCell(fy1, m_ny);
  for (std::int64_t cy = y0; cy <= y1; ++cy) {
    // Cells of one row are adjacent in the sorted order: one slice per row.
    const std::uint32_t begin = m_cellStart[static_cast<std::size_t>(cy * m_nx + x0)];
    const std::uint32_t end = m_cellStart[static_cast<std::size_t>(cy * m_nx + x1 + 1)];
    for (std::uint32_t i = begin; i < end; ++i)
      visit(i);
  }
}

std::vector<std::uint32_t> SweepIndex::pointsInBox(const Cuboid& box_world,
                                                   const Eigen::Vector3d& margin) const {
  std::vector<std::uint32_t> out;
  if (!box_world.center.allFinite() || !box_world.size.allFinite()) return out;
  const Eigen::Matrix3d R_box_world =
      box_world.rotation.normalized().toRotationMatrix().transpose();
  const Eigen::Vector3d half = box_world.halfSize() + margin;
  // xy extent of the grown box: |R| * half bounds the rotated half extents.
  const Eigen::Vector3d reach = R_box_world.transpose().cwiseAbs() * half;
  const Eigen::Vector3d c = box_world.center;
  forEachInRect(c.x() - reach.x(), c.y() - reach.y(), c.x() + reach.x(), c.y() + reach.y(),
                [&](std::uint32_t i) {
                  const Eigen::Vector3d local = R_box_world * (point(i) - c);
                  if (std::abs(local.x()) <= half.x() && std::abs(local.y()) <= half.y() &&
                      std::abs(local.z()) <= half.z())
                    out.push_back(i);
                });
  return out;
}

std::vector<std::uint32_t> SweepIndex::pointsInBox(const Cuboid& box_world, double margin) const {
  return pointsInBox(box_world, Eigen::Vector3d::Constant(margin));
}

void SweepIndex::pointsInRadius(const Eigen::Vector3d& center, double radius,
                                std::vector<std::uint32_t>& out) const {
  if (!center.allFinite() || !(radius >= 0.0)) return;
  const double r2 = radius * radius;
  forEachInRect(center.x() - radius, center.y() - radius, center.x() + radius, center.y() + radius,
                [&](std::uint32_t i) {
                  if ((point(i) - center).squaredNorm() <= r2) out.push_back(i);
                });
}

std::vector<std::uint32_t> SweepIndex::pointsInRadius(const Eigen::Vector3d& center,
                                                      double radius) const {
  std::vector<std::uint32_t> out;
  pointsInRadius(center, radius, out);
  return out;
}

}  // namespace fuselabel
