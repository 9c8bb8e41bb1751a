#include "core/pointcloud/point_cloud.hpp"

#include <algorithm>
#include <cmath>

namespace fuselabel {

void PointCloud::reserve(std::size_t count) {
  m_x.reserve(count);
  m_y.reserve(count);
  m_z.reserve(count);
  m_intensity.reserve(count);
  if (m_hasRing) {
    m_ring.reserve(count);
  }
  if (m_hasTime) {
    m_timeOffsetNs.reserve(count);
  }
  if (m_hasRgb) {
    m_rgb.reserve(count);
  }
}

void PointCloud::resizeForOverwrite(std::size_t count) {
  m_x.resize(count);
  m_y.resize(count);
  m_z.resize(count);
  m_intensity.resize(count);
  if (m_hasRing) {
    m_ring.resize(count);
  }
  if (m_hasTime) {
    m_timeOffsetNs.resize(count);
  }
  if (m_hasRgb) {
    m_rgb.resize(count);
  }
}

void PointCloud::resize(std::size_t count) {
  const std::size_t old = size();
  resizeForOverwrite(count);
  // The channels default-initialise (see DefaultInitAllocator); zero what is new.
  if (count > old) {
    std::fill(m_x.begin() + static_cast<std::ptrdiff_t>(old), m_x.end(), 0.0f);
    std::fill(m_y.begin() + static_cast<std::ptrdiff_t>(old), m_y.end(), 0.0f);
    std::fill(m_z.begin() + static_cast<std::ptrdiff_t>(old), m_z.end(), 0.0f);
    std::fill(m_intensity.begin() + static_cast<std::ptrdiff_t>(old), m_intensity.end(), 0.0f);
    std::fill(m_ring.begin() + static_cast<std::ptrdiff_t>(std::min(old, m_ring.size())),
              m_ring.end(), std::uint16_t{0});
    std::fill(
        m_timeOffsetNs.begin() + static_cast<std::ptrdiff_t>(std::min(old, m_timeOffsetNs.size())),
        m_timeOffsetNs.end(), 0);
    std::fill(m_rgb.begin() + static_cast<std::ptrdiff_t>(std::min(old, m_rgb.size())), m_rgb.end(),
              Rgb8{});
  }
}

void PointCloud::clear() noexcept {
  m_x.clear();
  m_y.clear();
  m_z.clear();
  m_intensity.clear();
  m_ring.clear();
  m_timeOffsetNs.clear();
  m_rgb.clear();
}

void PointCloud::resetKeepingCapacity() noexcept {
  clear();
  m_hasRing = false;
  m_hasTime = false;
  m_hasRgb = false;
  m_timestampNs = 0;
}

std::size_t PointCloud::append(float x, float y, float z, float intensity) {
  const std::size_t index = m_x.size();
  m_x.push_back(x);
  m_y.push_back(y);
  m_z.push_back(z);
  m_intensity.push_back(intensity);
  if (m_hasRing) {
    m_ring.push_back(0);
  }
  if (m_hasTime) {
    m_timeOffsetNs.push_back(0);
  }
  if (m_hasRgb) {
    m_rgb.push_back(Rgb8{});
  }
  return index;
}

void PointCloud::enableRing() {
  if (!m_hasRing) m_ring.assign(size(), 0);
  m_hasRing = true;
}

void PointCloud::enableTime() {
  if (!m_hasTime) m_timeOffsetNs.assign(size(), 0);
  m_hasTime = true;
}

void PointCloud::enableRgb() {
  if (!m_hasRgb) m_rgb.assign(size(), Rgb8{});
  m_hasRgb = true;
}

bool PointCloud::isFinite(std::size_t index) const noexcept {
  return std::isfinite(m_x[index]) && std::isfinite(m_y[index]) && std::isfinite(m_z[index]);
}

std::size_t PointCloud::finiteCount() const noexcept {
  std::size_t count = 0;
  for (std::size_t i = 0; i < size(); ++i) {
    count += isFinite(i) ? 1U : 0U;
  }
  return count;
}

Aabb PointCloud::bounds() const noexcept {
  // Float min/max per axis, widened once at the end: keeps the loop in float.
  float lo[3] = {INFINITY, INFINITY, INFINITY};
  float hi[3] = {-INFINITY, -INFINITY, -INFINITY};
  for (std::size_t i = 0; i < size(); ++i) {
    if (!isFinite(i)) {
      continue;
    }
    lo[0] = std::fmin(lo[0], m_x[i]);
    lo[1] = std::fmin(lo[1], m_y[i]);
    lo[2] = std::fmin(lo[2], m_z[i]);
    hi[0] = std::fmax(hi[0], m_x[i]);
    hi[1] = std::fmax(hi[1], m_y[i]);
    hi[2] = std::fmax(hi[2], m_z[i]);
  }
  Aabb box;
  if (lo[0] <= hi[0]) {
    box.min = Eigen::Vector3d(static_cast<double>(lo[0]), static_cast<double>(lo[1]),
                              static_cast<double>(lo[2]));
    box.max = Eigen::Vector3d(static_cast<double>(hi[0]), static_cast<double>(hi[1]),
                              static_cast<double>(hi[2]));
  }
  return box;
}

std::size_t PointCloud::removeNonFinite() {
  const std::size_t count = size();
  std::size_t kept = 0;
  // Stable in-place compaction of every channel with one read index.
  for (std::size_t i = 0; i < count; ++i) {
    if (!isFinite(i)) {
      continue;
    }
    if (kept != i) {
      m_x[kept] = m_x[i];
      m_y[kept] = m_y[i];
      m_z[kept] = m_z[i];
      m_intensity[kept] = m_intensity[i];
      if (m_hasRing) {
        m_ring[kept] = m_ring[i];
      }
      if (m_hasTime) {
        m_timeOffsetNs[kept] = m_timeOffsetNs[i];
      }
      if (m_hasRgb) {
        m_rgb[kept] = m_rgb[i];
      }
    }
    ++kept;
  }
  resize(kept);
  return count - kept;
}

}  // namespace fuselabel
