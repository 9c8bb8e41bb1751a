#include "core/prelabel/ground_segmentation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include <Eigen/Cholesky>

namespace fuselabel {
namespace {

// Least squares z = a·x + b·y + c on the points of `ids` that `use` accepts,
// centred on their mean. The slope terms are pulled toward flat (ridge):
// a bin near the sensor is often crossed by one beam only, an arc that says
// nothing about the radial slope, and flat is the right guess there.
template <class Use>
bool fitBinPlane(const SweepIndex& sweep, const std::vector<std::uint32_t>& ids, Use&& use,
                 GroundPlane& plane) {
  double sx = 0, sy = 0, sz = 0;
  std::size_t n = 0;
  for (std::uint32_t i : ids) {
    if (!use(i)) continue;
    sx += sweep.point(i).x();
    sy += sweep.point(i).y();
    sz += sweep.point(i).z();
    ++n;
  }
  if (n < 3) return false;
  const double inv = 1.0 / static_cast<double>(n);
  const double mx = sx * inv, my = sy * inv, mz = sz * inv;
  double xx = 0, xy = 0, yy = 0, xz = 0, yz = 0;
  for (std::uint32_t i : ids) {
    if (!use(i)) continue;
    const double dx = sweep.point(i).x() - mx, dy = sweep.point(i).y() - my,
                 dz = sweep.point(i).z() - mz;
    xx += dx * dx;
    xy += dx * dy;
    yy += dy * dy;
    xz += dx * dz;
    yz += dy * dz;
  }
  // As if every point were also spread ±0.2 m around the mean on flat ground.
  const double ridge = 0.04 * static_cast<double>(n);
  xx += ridge;
  yy += ridge;
  const double det = xx * yy - xy * xy;
  if (!(det > 0.0)) return false;
  plane.a = (yy * xz - xy * yz) / det;
  plane.b = (xx * yz - xy * xz) / det;
  plane.c = mz - plane.a * mx - plane.b * my;
  return true;
}

// The plane the ground starts on, from the lowest-points heights of the near
// bins (x, y of the bin centre, height): a least-squares plane refitted on
// the bins near it, so the bins that cars and walls fill (too high) drop
// out. Its tilt is the sensor's mounting tilt plus the road's grade. With
// too few bins, or a fit steeper than maxSlope, the median height, flat;
// with none, 1.7 m under the sensor (a car roof mount).
GroundPlane startPlane(const std::vector<Eigen::Vector3d>& bins, const Eigen::Vector3d& sensor,
                       double maxSlope) {
  if (bins.empty()) return GroundPlane{0.0, 0.0, sensor.z() - 1.7};
  std::vector<double> z;
  for (const Eigen::Vector3d& b : bins)
    z.push_back(b.z());
  const auto mid = z.begin() + static_cast<std::ptrdiff_t>(z.size() / 2);
  std::nth_element(z.begin(), mid, z.end());
  const GroundPlane flat{0.0, 0.0, *mid};
  GroundPlane plane = flat;
  // The band narrows as the plane settles: a tilt of a few degrees puts the
  // far near-field bins half a metre off the flat median.
  for (const double band : {0.6, 0.3, 0.2}) {
    Eigen::Matrix3d A = Eigen::Matrix3d::Zero();
    Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
    std::size_t used = 0;
    for (const Eigen::Vector3d& b : bins) {
      if (std::abs(b.z() - plane.heightAt(b.x(), b.y())) > band) continue;
      const Eigen::Vector3d row(b.x() - sensor.x(), b.y() - sensor.y(), 1.0);
      A += row * row.transpose();
      rhs += row * b.z();
      ++used;
    }
    if (used < 12) return flat;
    const Eigen::Vector3d abc = A.ldlt().solve(rhs);
    if (!abc.allFinite() || std::hypot(abc.x(), abc.y()) > maxSlope) return flat;
    plane = GroundPlane{abc.x(), abc.y(), abc.z() - abc.x() * sensor.x() - abc.y() * sensor.y()};
  }
  return plane;
}

}  // namespace

int GroundSegmentation::binOf(double x, double y) const {
  const double dx = x - m_origin.x(), dy = y - m_origin.y();
  const double r = std::hypot(dx, dy);
  if (!(r < m_ringStart.back())) return -1;
  const auto ring = static_cast<int>(std::upper_bound(m_ringStart.begin(), m_ringStart.end(), r) -
                                     m_ringStart.begin()) -
                    1;
  const double turn = (std::atan2(dy, dx) + std::numbers::pi) / (2.0 * std::numbers::pi);
  const int sector = std::clamp(static_cast<int>(turn * m_sectors), 0, m_sectors - 1);
  return ring * m_sectors + sector;
}

GroundPlane GroundSegmentation::planeAt(double x, double y) const {
  if (m_planes.empty()) return {};
  int bin = binOf(x, y);
  if (bin < 0) {
    // Beyond the grid: the outermost ring's plane in that direction, made flat.
    const double dx = x - m_origin.x(), dy = y - m_origin.y();
    const double turn = (std::atan2(dy, dx) + std::numbers::pi) / (2.0 * std::numbers::pi);
    const int sector = std::clamp(static_cast<int>(turn * m_sectors), 0, m_sectors - 1);
    const int rings = static_cast<int>(m_ringStart.size()) - 1;
    const GroundPlane& outer = m_planes[static_cast<std::size_t>((rings - 1) * m_sectors + sector)];
    return GroundPlane{0.0, 0.0, outer.heightAt(x, y)};
  }
  return m_planes[static_cast<std::size_t>(bin)];
}

GroundSegmentation segmentGround(const SweepIndex& sweep,
                                 const GroundSegmentationOptions& options) {
  GroundSegmentation out;
  out.m_origin = sweep.sensorOrigin().head<2>();
  out.m_sectors = std::max(1, options.sectors);
  for (double r = 0.0; r < options.maxRange;)
    out.m_ringStart.push_back(
        std::exchange(r, r + std::max(options.ringWidth, options.ringGrowth * r)));
  out.m_ringStart.push_back(options.maxRange);
  const int rings = static_cast<int>(out.m_ringStart.size()) - 1;
  const auto bins = static_cast<std::size_t>(rings * out.m_sectors);
  const std::size_t n = sweep.size();
  out.m_ground.assign(n, 0);
  out.m_height.assign(n, std::numeric_limits<float>::quiet_NaN());
  out.m_planes.assign(bins, GroundPlane{});
  if (n == 0) return out;

  // Points grouped by bin (a counting sort), so each bin is one slice.
  std::vector<int> binOfPoint(n);
  std::vector<std::uint32_t> start(bins + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    binOfPoint[i] = out.binOf(sweep.point(i).x(), sweep.point(i).y());
    if (binOfPoint[i] >= 0) ++start[static_cast<std::size_t>(binOfPoint[i]) + 1];
  }
  for (std::size_t b = 0; b < bins; ++b)
    start[b + 1] += start[b];
  std::vector<std::uint32_t> order(start.back());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t i = 0; i < n; ++i)
      if (binOfPoint[i] >= 0) order[fill[static_cast<std::size_t>(binOfPoint[i])]++] = i;
  }

  // Each bin's lowest-points height, and from the near bins the plane the
  // ground starts on (see startPlane).
  std::vector<double> lowest(bins, std::numeric_limits<double>::quiet_NaN());
  std::vector<float> heights;
  std::vector<Eigen::Vector3d> nearLowest;
  const auto k = static_cast<std::size_t>(std::max(1, options.lowestPoints));
  for (std::size_t b = 0; b < bins; ++b) {
    const std::uint32_t s = start[b], e = start[b + 1];
    if (e - s < 3) continue;
    heights.clear();
    for (std::uint32_t j = s; j < e; ++j)
      heights.push_back(sweep.z()[order[j]]);
    // The mean of the lowest points after skipping the lowest few percent:
    // multipath and rain put a scatter of returns under the road, and a plane
    // seeded on them sits below the ground.
    const std::size_t skip = heights.size() / 50;
    const std::size_t take = std::min(k, heights.size() - skip);
    std::sort(heights.begin(), heights.end());
    double sum = 0.0;
    for (std::size_t j = skip; j < skip + take; ++j)
      sum += static_cast<double>(heights[j]);
    lowest[b] = sum / static_cast<double>(take);
    const auto ring = static_cast<int>(b / static_cast<std::size_t>(out.m_sectors));
    const double r0 = out.m_ringStart[static_cast<std::size_t>(ring)];
    if (r0 >= 2.0 && r0 <= 20.0) {
      const double rc = 0.5 * (r0 + out.m_ringStart[static_cast<std::size_t>(ring) + 1]);
      const int sector = static_cast<int>(b % static_cast<std::size_t>(out.m_sectors));
      const double angle =
          (sector + 0.5) / out.m_sectors * 2.0 * std::numbers::pi - std::numbers::pi;
      nearLowest.emplace_back(out.m_origin.x() + rc * std::cos(angle),
                              out.m_origin.y() + rc * std::sin(angle), lowest[b]);
    }
  }
  const GroundPlane startGround = startPlane(nearLowest, sweep.sensorOrigin(), options.maxSlope);

  // Ring by ring outward, so each bin's inner neighbour is already settled.
  // Until a sector has a fitted bin, its bins carry the start plane itself,
  // tilt and all: a sensor mounted a few degrees off level puts the ground a
  // few decimetres higher on one side than the other by 10 m, and a flat
  // carry would then reject the first bins that see the road there.
  std::vector<std::uint8_t> sectorFitted(static_cast<std::size_t>(out.m_sectors), 0);
  // Past a sector's last fitted bin, a plane carried flat across bins with
  // no points at all (the shadow behind a parked car, a sparse far stretch)
  // is a guess whose error grows with the distance, as a road's grade does:
  // the step allowed grows with it. Bins whose fit was rejected do not add to
  // it: they showed something that is not ground, and letting that pile up
  // would let a long truck's side through as ground.
  std::vector<double> unseenDrift(static_cast<std::size_t>(out.m_sectors), 0.0);
  std::vector<std::uint32_t> ids;
  for (int ring = 0; ring < rings; ++ring) {
    const double r0 = out.m_ringStart[static_cast<std::size_t>(ring)];
    const double r1 = out.m_ringStart[static_cast<std::size_t>(ring) + 1];
    const double rc = 0.5 * (r0 + r1);
    const double drInner =
        ring > 0 ? rc - 0.5 * (out.m_ringStart[static_cast<std::size_t>(ring) - 1] + r0) : rc;
    for (int sector = 0; sector < out.m_sectors; ++sector) {
      const auto b = static_cast<std::size_t>(ring * out.m_sectors + sector);
      const double angle =
          (sector + 0.5) / out.m_sectors * 2.0 * std::numbers::pi - std::numbers::pi;
      const double cx = out.m_origin.x() + rc * std::cos(angle);
      const double cy = out.m_origin.y() + rc * std::sin(angle);
      std::uint8_t& fittedYet = sectorFitted[static_cast<std::size_t>(sector)];
      const double reference =
          fittedYet != 0
              ? out.m_planes[b - static_cast<std::size_t>(out.m_sectors)].heightAt(cx, cy)
              : startGround.heightAt(cx, cy);
      // Carried planes are flat: extrapolating one bin's slope far out is how
      // a small tilt becomes a metre of error. The start plane's slope is
      // measured over the whole near field, so it is kept.
      GroundPlane plane = fittedYet != 0 ? GroundPlane{0.0, 0.0, reference} : startGround;
      const double grade = 0.1;  // roads climb less than 1 in 10
      double& drift = unseenDrift[static_cast<std::size_t>(sector)];
      bool seen = false;
      if (!std::isnan(lowest[b])) {
        ids.assign(order.begin() + start[b], order.begin() + start[b + 1]);
        const double seedTop = lowest[b] + options.seedMargin;
        GroundPlane fitted;
        bool ok = fitBinPlane(
            sweep, ids, [&](std::uint32_t i) { return sweep.point(i).z() < seedTop; }, fitted);
        for (int pass = 0; ok && pass < 2; ++pass) {
          const GroundPlane previous = fitted;
          ok = fitBinPlane(
              sweep, ids,
              [&](std::uint32_t i) {
                return std::abs(sweep.point(i).z() -
                                previous.heightAt(sweep.point(i).x(), sweep.point(i).y())) <
                       options.inlierDistance;
              },
              fitted);
          if (!ok) {
            fitted = previous;
            ok = true;
          }
        }
        seen = ok;
        if (ok && std::hypot(fitted.a, fitted.b) <= options.maxSlope &&
            std::abs(fitted.heightAt(cx, cy) - reference) <=
                options.maxStep + grade * drInner + drift) {
          plane = fitted;
          ++out.m_fittedBins;
          fittedYet = 1;
          drift = 0.0;
        }
      }
      if (!seen && fittedYet != 0) drift += grade * drInner;
      out.m_planes[b] = plane;
    }
  }

  double residualSum = 0.0;
  std::size_t residualCount = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (binOfPoint[i] < 0) continue;
    const GroundPlane& plane = out.m_planes[static_cast<std::size_t>(binOfPoint[i])];
    const double h = sweep.point(i).z() - plane.heightAt(sweep.point(i).x(), sweep.point(i).y());
    out.m_height[i] = static_cast<float>(h);
    if (h < options.groundClearance) {
      out.m_ground[i] = 1;
      ++out.m_groundCount;
      // Returns far under the road (multipath, noise) are not the ground's
      // shape; they are labelled ground but kept out of the residual.
      if (h >= -options.belowGround) {
        residualSum += std::abs(h);
        ++residualCount;
      }
    }
  }
  out.m_meanResidual = residualCount > 0 ? residualSum / static_cast<double>(residualCount) : 0.0;
  return out;
}

}  // namespace fuselabel
