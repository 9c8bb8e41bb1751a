#include "datasets/synthetic/synthetic_sensors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <span>
#include <thread>

namespace fuselabel {
namespace {

struct SlotPoint {
  float x = 0.0F;
  float y = 0.0F;
  float z = 0.0F;
  float intensity = 0.0F;
  std::int32_t timeNs = 0;
  bool valid = false;
};

// A box made ready for many rays from one origin: the origin in the box
// frame, computed once instead of per ray, and what a bounding-sphere test
// needs to reject the box in a few multiplications.
struct PreparedBox {
  const SynthBox* box = nullptr;
  Eigen::Vector3d originInBox = Eigen::Vector3d::Zero();
  Eigen::Vector3d toCentre = Eigen::Vector3d::Zero();
  // The bounding radius with room for rounding and for directions that are
  // unit only to float precision (camera rays): the test must never reject
  // a box the exact slab test would hit.
  double reach = 0.0;
};

PreparedBox prepare(const SynthBox& box, const Eigen::Vector3d& origin) {
  PreparedBox p;
  p.box = &box;
  // Exactly intersectBox's expression, so hits are bit-identical to it.
  p.originInBox = box.rotation.transpose() * (origin - box.center);
  p.toCentre = box.center - origin;
  p.reach = box.radius * 1.01 + 0.01;
  return p;
}

// Nearest hit among the ground and `boxes`; counts, per actor, the boxes the
// ray would enter within range when `potential` is given.
bool castScene(const SynthWorld& world, std::span<const PreparedBox> boxes,
               const Eigen::Vector3d& origin, const Eigen::Vector3d& direction, double maxDistance,
               double minDistance, SynthHit& hit, std::vector<std::uint32_t>* potential) {
  bool found = world.castGround(origin, direction, maxDistance, hit);
  double best = found ? hit.distance : maxDistance;
  const double inverseLengthSquared = 1.0 / direction.squaredNorm();
  Eigen::Vector3d normal;
  for (const PreparedBox& prepared : boxes) {
    const SynthBox& box = *prepared.box;
    // Every point of the box is within its radius of the centre, so the ray
    // can enter it only between along - reach and along + reach, and only if
    // it passes the centre closer than reach.
    const double along = prepared.toCentre.dot(direction) * inverseLengthSquared;
    if (along < -prepared.reach || along - prepared.reach > maxDistance) continue;
    const bool counted = potential != nullptr && box.actor >= 0;
    if (!counted && along - prepared.reach > best) continue;
    const double offAxisSquared =
        prepared.toCentre.squaredNorm() - along * along / inverseLengthSquared;
    if (offAxisSquared > prepared.reach * prepared.reach) continue;
    const double t =
        SynthWorld::intersectBoxLocal(box, prepared.originInBox, direction, maxDistance, normal);
    if (t < 0.0) continue;
    if (counted && t >= minDistance) ++(*potential)[static_cast<std::size_t>(box.actor)];
    if (found && t >= best) continue;
    {
      found = true;
      best = t;
      hit.distance = t;
      hit.material = box.material;
      hit.actor = box.actor;
      hit.normal = normal;
      hit.colour = box.colour;
      hit.reflectivity = box.reflectivity;
    }
  }
  return found;
}

double gaussian(std::uint64_t hash) {
  const double u1 = std::max(synthUniform(hash), 1e-300);
  const double u2 = synthUniform(synthHash(hash, 0x5eed));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

void synthParallelFor(int count, int threads, const std::function<void(int, int, int)>& fn) {
  const int workers = std::clamp(threads, 1, std::max(1, count));
  if (workers == 1) {
    fn(0, count, 0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) {
    const int begin = static_cast<int>(static_cast<std::int64_t>(count) * w / workers);
    const int end = static_cast<int>(static_cast<std::int64_t>(count) * (w + 1) / workers);
    pool.emplace_back([&fn, begin, end, w] { fn(begin, end, w); });
  }
  for (std::thread& t : pool)
    t.join();
}

std::vector<double> synthBeamElevations(int beams, double lowestDeg, double highestDeg) {
  if (lowestDeg == 0.0 && highestDeg == 0.0) {
    if (beams <= 32) {
      lowestDeg = -30.0;
      highestDeg = 10.0;
    } else if (beams <= 64) {
      lowestDeg = -25.0;
      highestDeg = 3.0;
    } else {
      lowestDeg = -25.0;
      highestDeg = 15.0;
    }
  }
  std::vector<double> out;
  for (int b = 0; b < beams; ++b) {
    const double f = beams > 1 ? static_cast<double>(b) / (beams - 1) : 0.5;
    out.push_back((lowestDeg + f * (highestDeg - lowestDeg)) * std::numbers::pi / 180.0);
  }
  return out;
}

SynthSweep simulateSweep(const SynthWorld& world, const SynthLidarConfig& config, double startTime,
                         std::uint64_t frameKey, int threads) {
  const int beams = static_cast<int>(config.elevations.size());
  const int columns = config.columns;
  const std::size_t actorCount = world.actors().size();
  const double period = static_cast<double>(config.periodNs) * 1e-9;
  const double midTime = startTime + 0.5 * period;
  const Eigen::Vector3d midOrigin = (world.egoPose(midTime) * config.T_ego_lidar).translation();

  // Per sweep: what can be in range at all. Ego and actors move under ~2.5 m
  // in half a turn, hence the margins.
  std::vector<const SynthBox*> statics;
  for (const SynthBox& box : world.staticBoxes()) {
    if ((box.center - midOrigin).norm() <= config.maxRange + box.radius + 3.0)
      statics.push_back(&box);
  }
  std::vector<std::size_t> movers;
  std::vector<SynthBox> moverMid;
  for (std::size_t a = 0; a < actorCount; ++a) {
    SynthBox box = world.actorBox(a, midTime);
    if ((box.center - midOrigin).norm() <= config.maxRange + box.radius + 6.0) {
      movers.push_back(a);
      moverMid.push_back(box);
    }
  }

  std::vector<double> cosEl(static_cast<std::size_t>(beams));
  std::vector<double> sinEl(static_cast<std::size_t>(beams));
  for (int b = 0; b < beams; ++b) {
    cosEl[static_cast<std::size_t>(b)] = std::cos(config.elevations[static_cast<std::size_t>(b)]);
    sinEl[static_cast<std::size_t>(b)] = std::sin(config.elevations[static_cast<std::size_t>(b)]);
  }
  std::vector<SlotPoint> slots(static_cast<std::size_t>(beams) * static_cast<std::size_t>(columns));
  const int workers = std::max(1, threads);
  std::vector<std::vector<std::uint32_t>> visible(static_cast<std::size_t>(workers),
                                                  std::vector<std::uint32_t>(actorCount, 0));
  std::vector<std::vector<std::uint32_t>> potential = visible;

  synthParallelFor(columns, workers, [&](int begin, int end, int worker) {
    std::vector<SynthBox> moving;
    std::vector<PreparedBox> boxes;
    std::vector<std::uint32_t>& visibleCount = visible[static_cast<std::size_t>(worker)];
    std::vector<std::uint32_t>& potentialCount = potential[static_cast<std::size_t>(worker)];
    for (int c = begin; c < end; ++c) {
      const std::int64_t offsetNs = config.periodNs * c / columns;
      const double t = startTime + static_cast<double>(offsetNs) * 1e-9;
      const Eigen::Isometry3d T_map_lidar = world.egoPose(t) * config.T_ego_lidar;
      const Eigen::Vector3d origin = T_map_lidar.translation();
      const Eigen::Matrix3d rotation = T_map_lidar.linear();
      const double azimuth = std::numbers::pi + 2.0 * std::numbers::pi * c / columns;
      const double ca = std::cos(azimuth);
      const double sa = std::sin(azimuth);
      const Eigen::Vector3d planeNormal = rotation * Eigen::Vector3d(-sa, ca, 0.0);
      const Eigen::Vector3d forward = rotation * Eigen::Vector3d(ca, sa, 0.0);
      // Every ray of a column lies in one vertical half-plane: keep the boxes
      // whose bounding sphere touches it.
      auto touches = [&](const Eigen::Vector3d& center, double radius) {
        const Eigen::Vector3d v = center - origin;
        return std::abs(v.dot(planeNormal)) <= radius && v.dot(forward) >= -radius;
      };
      // Statics first, then actors: castScene breaks exact ties by order.
      boxes.clear();
      for (const SynthBox* box : statics) {
        if (touches(box->center, box->radius)) boxes.push_back(prepare(*box, origin));
      }
      moving.clear();
      for (std::size_t m = 0; m < movers.size(); ++m) {
        if (!touches(moverMid[m].center, moverMid[m].radius + 3.0)) continue;
        SynthBox box = world.actorBox(movers[m], t);
        if (touches(box.center, box.radius)) moving.push_back(box);
      }
      for (const SynthBox& box : moving)
        boxes.push_back(prepare(box, origin));
      for (int b = 0; b < beams; ++b) {
        const std::size_t bi = static_cast<std::size_t>(b);
        const Eigen::Vector3d dirLidar(cosEl[bi] * ca, cosEl[bi] * sa, sinEl[bi]);
        const Eigen::Vector3d dirMap = rotation * dirLidar;
        SynthHit hit;
        if (!castScene(world, boxes, origin, dirMap, config.maxRange, config.minRange, hit,
                       &potentialCount))
          continue;
        if (hit.distance < config.minRange) continue;
        if (hit.actor >= 0) ++visibleCount[static_cast<std::size_t>(hit.actor)];
        const std::uint64_t key =
            synthHash(frameKey, static_cast<std::uint64_t>(c), static_cast<std::uint64_t>(b));
        const double rangeFraction = hit.distance / config.maxRange;
        if (synthUniform(key) < config.dropout + 0.1 * rangeFraction * rangeFraction) continue;
        const double range = hit.distance + config.rangeNoise * gaussian(synthHash(key, 1));
        const Eigen::Vector3d p = dirLidar * range;
        const double incidence = std::abs(hit.normal.dot(dirMap));
        double intensity = 255.0 * hit.reflectivity * (0.35 + 0.65 * incidence);
        intensity *= 0.95 + 0.1 * synthUniform(synthHash(key, 2));
        SlotPoint& slot = slots[static_cast<std::size_t>(c) * static_cast<std::size_t>(beams) + bi];
        slot.x = static_cast<float>(p.x());
        slot.y = static_cast<float>(p.y());
        slot.z = static_cast<float>(p.z());
        slot.intensity = static_cast<float>(std::clamp(std::round(intensity), 0.0, 255.0));
        slot.timeNs = static_cast<std::int32_t>(offsetNs);
        slot.valid = true;
      }
    }
  });

  SynthSweep sweep;
  sweep.visibleRays.assign(actorCount, 0);
  sweep.potentialRays.assign(actorCount, 0);
  for (int w = 0; w < workers; ++w) {
    for (std::size_t a = 0; a < actorCount; ++a) {
      sweep.visibleRays[a] += visible[static_cast<std::size_t>(w)][a];
      sweep.potentialRays[a] += potential[static_cast<std::size_t>(w)][a];
    }
  }
  std::size_t count = 0;
  for (const SlotPoint& s : slots)
    count += s.valid ? 1 : 0;
  PointCloud& cloud = sweep.cloud;
  cloud.enableRing();
  cloud.enableTime();
  cloud.reserve(count);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const SlotPoint& s = slots[i];
    if (!s.valid) continue;
    const std::size_t index = cloud.append(s.x, s.y, s.z, s.intensity);
    cloud.ring()[index] = static_cast<std::uint16_t>(i % static_cast<std::size_t>(beams));
    cloud.timeOffsetNs()[index] = s.timeNs;
  }
  return sweep;
}

SynthCamera::SynthCamera(CameraModel model, const Eigen::Isometry3d& T_ego_camera, int threads)
    : m_model(std::move(model)), m_T_ego_camera(T_ego_camera) {
  const int width = m_model.intrinsics().width;
  const int height = m_model.intrinsics().height;
  m_rays.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height),
                Eigen::Vector3f::Zero());
  // Undistortion is iterative and runs once per pixel: worth the workers.
  synthParallelFor(height, threads, [&](int begin, int end, int) {
    for (int v = begin; v < end; ++v) {
      for (int u = 0; u < width; ++u) {
        const auto ray = m_model.unproject(Eigen::Vector2d(u + 0.5, v + 0.5));
        if (ray)
          m_rays[static_cast<std::size_t>(v) * static_cast<std::size_t>(width) +
                 static_cast<std::size_t>(u)] = ray->cast<float>();
      }
    }
  });
  m_tilesX = (width + kTile - 1) / kTile;
  m_tilesY = (height + kTile - 1) / kTile;
  for (int ty = 0; ty < m_tilesY; ++ty) {
    for (int tx = 0; tx < m_tilesX; ++tx) {
      Eigen::Vector3d sum = Eigen::Vector3d::Zero();
      const int u1 = std::min(width, (tx + 1) * kTile);
      const int v1 = std::min(height, (ty + 1) * kTile);
      for (int v = ty * kTile; v < v1; ++v) {
        for (int u = tx * kTile; u < u1; ++u) {
          sum += m_rays[static_cast<std::size_t>(v) * static_cast<std::size_t>(width) +
                        static_cast<std::size_t>(u)]
                     .cast<double>();
        }
      }
      const Eigen::Vector3d axis =
          sum.norm() > 0.0 ? Eigen::Vector3d(sum.normalized()) : Eigen::Vector3d::UnitZ();
      double half = 0.0;
      for (int v = ty * kTile; v < v1; ++v) {
        for (int u = tx * kTile; u < u1; ++u) {
          const Eigen::Vector3d r =
              m_rays[static_cast<std::size_t>(v) * static_cast<std::size_t>(width) +
                     static_cast<std::size_t>(u)]
                  .cast<double>();
          if (r.squaredNorm() == 0.0) continue;
          half = std::max(half, std::acos(std::clamp(axis.dot(r.normalized()), -1.0, 1.0)));
        }
      }
      m_tileAxis.push_back(axis);
      m_tileHalfAngle.push_back(half + 2e-3);
      m_tileCosHalf.push_back(std::cos(m_tileHalfAngle.back()));
      m_tileSinHalf.push_back(std::sin(m_tileHalfAngle.back()));
    }
  }
}

cv::Mat SynthCamera::render(const SynthWorld& world, double t, int threads) const {
  const int width = m_model.intrinsics().width;
  const int height = m_model.intrinsics().height;
  const Eigen::Isometry3d T_map_camera = world.egoPose(t) * m_T_ego_camera;
  const Eigen::Vector3d origin = T_map_camera.translation();
  const Eigen::Matrix3d rotation = T_map_camera.linear();
  constexpr double kFar = 600.0;

  std::vector<SynthBox> boxes;
  for (const SynthBox& box : world.staticBoxes()) {
    if ((box.center - origin).norm() <= kFar + box.radius) boxes.push_back(box);
  }
  for (std::size_t a = 0; a < world.actors().size(); ++a) {
    SynthBox box = world.actorBox(a, t);
    if ((box.center - origin).norm() <= kFar + box.radius) boxes.push_back(box);
  }
  std::vector<PreparedBox> prepared;
  prepared.reserve(boxes.size());
  for (const SynthBox& box : boxes)
    prepared.push_back(prepare(box, origin));
  // Per tile, the boxes whose bounding sphere overlaps the tile's cone of
  // rays: angle(axis, centre) <= half + spread, compared as cosines (angles
  // within [0, pi] order like their cosines reversed) to spare an acos per pair.
  std::vector<std::vector<int>> tileBoxes(m_tileAxis.size());
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const Eigen::Vector3d centre = rotation.transpose() * (boxes[i].center - origin);
    const double distance = centre.norm();
    const bool inside = distance <= boxes[i].radius;
    const double spread = inside ? std::numbers::pi : std::asin(boxes[i].radius / distance);
    const Eigen::Vector3d dir =
        inside ? Eigen::Vector3d::UnitZ() : Eigen::Vector3d(centre / distance);
    const double cosSpread = std::cos(spread);
    const double sinSpread = std::sin(spread);
    for (std::size_t tile = 0; tile < m_tileAxis.size(); ++tile) {
      const double limit = m_tileHalfAngle[tile] + spread;
      if (inside || limit >= std::numbers::pi ||
          m_tileAxis[tile].dot(dir) >=
              m_tileCosHalf[tile] * cosSpread - m_tileSinHalf[tile] * sinSpread) {
        tileBoxes[tile].push_back(static_cast<int>(i));
      }
    }
  }
  // Each tile's boxes side by side, copied once per frame rather than once
  // per pixel row of the tile.
  std::vector<std::size_t> tileStart(tileBoxes.size() + 1, 0);
  for (std::size_t tile = 0; tile < tileBoxes.size(); ++tile)
    tileStart[tile + 1] = tileStart[tile] + tileBoxes[tile].size();
  std::vector<PreparedBox> tilePrepared;
  tilePrepared.reserve(tileStart.back());
  for (const std::vector<int>& list : tileBoxes) {
    for (const int b : list)
      tilePrepared.push_back(prepared[static_cast<std::size_t>(b)]);
  }
  const Eigen::Vector3d sun = Eigen::Vector3d(0.4, 0.3, 0.85).normalized();
  cv::Mat image(height, width, CV_8UC3);
  synthParallelFor(height, threads, [&](int begin, int end, int) {
    std::span<const PreparedBox> local;
    for (int v = begin; v < end; ++v) {
      auto* row = image.ptr<cv::Vec3b>(v);
      int lastTile = -1;
      for (int u = 0; u < width; ++u) {
        const Eigen::Vector3f& rayCamera =
            m_rays[static_cast<std::size_t>(v) * static_cast<std::size_t>(width) +
                   static_cast<std::size_t>(u)];
        if (rayCamera.squaredNorm() == 0.0F) {
          row[u] = cv::Vec3b(0, 0, 0);
          continue;
        }
        const int tile = (v / kTile) * m_tilesX + u / kTile;
        if (tile != lastTile) {
          const auto index = static_cast<std::size_t>(tile);
          local = std::span<const PreparedBox>(tilePrepared.data() + tileStart[index],
                                               tileStart[index + 1] - tileStart[index]);
          lastTile = tile;
        }
        const Eigen::Vector3d dir = rotation * rayCamera.cast<double>();
        SynthHit hit;
        Eigen::Vector3d colour;
        const Eigen::Vector3d horizon(225.0, 215.0, 200.0);
        if (castScene(world, local, origin, dir, kFar, 0.0, hit, nullptr)) {
          colour = Eigen::Vector3d(hit.colour[0], hit.colour[1], hit.colour[2]);
          const bool ground = hit.material == SynthMaterial::Asphalt ||
                              hit.material == SynthMaterial::Paint ||
                              hit.material == SynthMaterial::Sidewalk;
          if (!ground) colour *= 0.45 + 0.55 * std::max(0.0, hit.normal.dot(sun));
          const double haze = std::clamp(hit.distance / 900.0, 0.0, 0.6);
          colour = (1.0 - haze) * colour + haze * horizon;
        } else {
          const double up = std::clamp(dir.z(), 0.0, 1.0);
          colour = (1.0 - up) * horizon + up * Eigen::Vector3d(210.0, 150.0, 100.0);
        }
        row[u] = cv::Vec3b(static_cast<std::uint8_t>(std::clamp(colour.x(), 0.0, 255.0)),
                           static_cast<std::uint8_t>(std::clamp(colour.y(), 0.0, 255.0)),
                           static_cast<std::uint8_t>(std::clamp(colour.z(), 0.0, 255.0)));
      }
    }
  });
  return image;
}

}  // namespace fuselabel
