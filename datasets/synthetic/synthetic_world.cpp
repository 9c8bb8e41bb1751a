#include "datasets/synthetic/synthetic_world.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace fuselabel {
namespace {

// Road layout (map frame, lateral offset d left positive): two lanes each way
// (right carriageway d < 0 drives towards +s), solid edge lines at ±7 m,
// dashed dividers at ±3.5 m, a double centre line, parking strips out to the
// curbs at ±9.5 m, sidewalks with a bike path, then poles, trees, buildings.
constexpr double kRoadRadius = 350.0;
constexpr double kSlope = 0.02;  // ground rises 2 cm per metre of map x
constexpr double kCurbHeight = 0.15;
constexpr double kCurbLateral = 9.5;
constexpr double kEdgeLine = 7.0;
constexpr double kDashLine = 3.5;
constexpr double kLineWidth = 0.15;
constexpr double kDashOn = 3.0;
constexpr double kDashPeriod = 9.0;
// The double centre line's paint spans these distances from the centreline.
constexpr double kCentreLineInner = 0.05;
constexpr double kCentreLineOuter = 0.15;
constexpr double kEgoLateral = -1.75;

double smoothstep(double u) {
  u = std::clamp(u, 0.0, 1.0);
  return u * u * (3.0 - 2.0 * u);
}

std::uint64_t cellIndex(double coordinate) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(coordinate)));
}

double smoothstepIntegral(double u) {
  return u * u * u - 0.5 * u * u * u * u;
}

SynthColour colourOf(std::uint64_t hash) {
  static constexpr std::array<SynthColour, 10> kPalette{{{40, 40, 180},
                                                         {180, 60, 30},
                                                         {200, 200, 200},
                                                         {30, 30, 30},
                                                         {60, 140, 60},
                                                         {0, 160, 220},
                                                         {120, 120, 130},
                                                         {150, 40, 110},
                                                         {220, 220, 230},
                                                         {60, 90, 150}}};
  return kPalette[hash % kPalette.size()];
}

struct ClassPrior {
  const char* name;
  double length;
  double width;
  double height;
  SynthMaterial material;
};

constexpr ClassPrior kCar{"car", 4.5, 1.85, 1.5, SynthMaterial::Vehicle};
constexpr ClassPrior kVan{"van", 5.2, 2.0, 2.1, SynthMaterial::Vehicle};
constexpr ClassPrior kTruck{"truck", 8.5, 2.5, 3.4, SynthMaterial::Vehicle};
constexpr ClassPrior kBus{"bus", 12.0, 2.55, 3.2, SynthMaterial::Vehicle};
constexpr ClassPrior kCyclist{"cyclist", 1.8, 0.6, 1.7, SynthMaterial::Person};
constexpr ClassPrior kPedestrian{"pedestrian", 0.6, 0.65, 1.75, SynthMaterial::Person};
constexpr ClassPrior kCone{"traffic_cone", 0.4, 0.4, 0.7, SynthMaterial::Cone};
constexpr ClassPrior kBarrier{"barrier", 2.0, 0.5, 1.0, SynthMaterial::Barrier};

enum class Role { Oncoming, OuterQueue, Parked, Pedestrian, Cyclist, Roadwork };

}  // namespace

std::uint64_t synthHash(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  auto mix = [](std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  return mix(mix(mix(mix(a) ^ b) ^ c) ^ d);
}

double synthUniform(std::uint64_t hash) {
  return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

double SpeedProfile::distance(double t) const {
  if (knots.empty() || t <= 0.0) return 0.0;
  double s = knots.front()[1] * std::min(t, knots.front()[0]);
  for (std::size_t i = 0; i + 1 < knots.size(); ++i) {
    const double a = knots[i][0];
    const double b = knots[i + 1][0];
    if (t <= a) break;
    const double dt = b - a;
    const double u = std::min(1.0, (t - a) / dt);
    s += dt * (knots[i][1] * u + (knots[i + 1][1] - knots[i][1]) * smoothstepIntegral(u));
  }
  if (t > knots.back()[0]) s += knots.back()[1] * (t - knots.back()[0]);
  return s;
}

double SpeedProfile::speed(double t) const {
  if (knots.empty()) return 0.0;
  if (t <= knots.front()[0]) return knots.front()[1];
  for (std::size_t i = 0; i + 1 < knots.size(); ++i) {
    if (t < knots[i + 1][0]) {
      const double u = (t - knots[i][0]) / (knots[i + 1][0] - knots[i][0]);
      return knots[i][1] + (knots[i + 1][1] - knots[i][1]) * smoothstep(u);
    }
  }
  return knots.back()[1];
}

SynthWorld::SynthWorld(const SynthOptions& options) : m_seed(options.seed) {
  m_duration = std::max(1, options.frames) / std::max(1.0, options.lidarRateHz);
  // Ego: a smooth wander between about 8 and 15 m/s, new target every ~3 s.
  for (int k = 0; k * 3.0 <= m_duration + 6.0; ++k) {
    const double v = 8.0 + 7.0 * synthUniform(synthHash(m_seed, 11, static_cast<std::uint64_t>(k)));
    m_egoSpeed.knots.push_back({k * 3.0, v});
  }
  const double egoTravel = m_egoSpeed.distance(m_duration);
  m_sMin = m_egoS0 - 120.0;
  m_sMax = m_egoS0 + egoTravel + 200.0;
  buildActors(options);
  buildClutter(options);
}

double SynthWorld::roadLateral(double x, double y) const {
  return kRoadRadius - std::hypot(x, y - kRoadRadius);
}

bool SynthWorld::beyondCurb(double x, double y) const {
  // |lateral| > kCurbLateral means the distance to the road's centre lies
  // outside [R - C, R + C]. Compared squared with a relative margin far above
  // rounding, that needs no hypot except within a hair of a curb, where the
  // exact test decides; the answer is the exact test's either way.
  constexpr double kInner = (kRoadRadius - kCurbLateral) * (kRoadRadius - kCurbLateral);
  constexpr double kOuter = (kRoadRadius + kCurbLateral) * (kRoadRadius + kCurbLateral);
  constexpr double kMargin = 1e-9;
  const double dy = y - kRoadRadius;
  const double squared = x * x + dy * dy;
  if (squared > kInner * (1.0 + kMargin) && squared < kOuter * (1.0 - kMargin)) return false;
  if (squared < kInner * (1.0 - kMargin) || squared > kOuter * (1.0 + kMargin)) return true;
  return std::abs(roadLateral(x, y)) > kCurbLateral;
}

double SynthWorld::roadLateralForTests(double x, double y) const {
  // sqrt of the squared distance is within ~1e-13 m of hypot's exact
  // answer; only a value that close to a threshold could compare differently,
  // and there the exact one is used, so every decision is the exact one's.
  const double dy = y - kRoadRadius;
  const double approximate = kRoadRadius - std::sqrt(x * x + dy * dy);
  const double a = std::abs(approximate);
  constexpr double kNear = 1e-9;
  constexpr double kHalfLine = 0.5 * kLineWidth;
  for (const double threshold :
       {0.0, kCurbLateral, kEdgeLine - kHalfLine, kEdgeLine + kHalfLine, kDashLine - kHalfLine,
        kDashLine + kHalfLine, kCentreLineInner, kCentreLineOuter}) {
    if (std::abs(a - threshold) <= kNear) return roadLateral(x, y);
  }
  return approximate;
}

double SynthWorld::roadArc(double x, double y) const {
  return kRoadRadius * std::atan2(x, kRoadRadius - y);
}

Eigen::Vector3d SynthWorld::roadPoint(double s, double lateral, double height) const {
  const double phi = s / kRoadRadius;
  const double r = kRoadRadius - lateral;
  const double x = r * std::sin(phi);
  const double y = kRoadRadius - r * std::cos(phi);
  return {x, y, kSlope * x + height};
}

Eigen::Matrix3d SynthWorld::onGround(double yaw) const {
  const Eigen::Vector3d n = Eigen::Vector3d(-kSlope, 0.0, 1.0).normalized();
  const Eigen::Vector3d h(std::cos(yaw), std::sin(yaw), 0.0);
  const Eigen::Vector3d x = (h - h.dot(n) * n).normalized();
  Eigen::Matrix3d r;
  r.col(0) = x;
  r.col(1) = n.cross(x);
  r.col(2) = n;
  return r;
}

bool SynthWorld::isPaint(double x, double y, double lateral) const {
  const double a = std::abs(lateral);
  if (std::abs(a - kEdgeLine) <= 0.5 * kLineWidth) return true;
  if (a >= kCentreLineInner && a <= kCentreLineOuter) return true;  // double centre line
  if (std::abs(a - kDashLine) <= 0.5 * kLineWidth) {
    // Only the dashes need the arc length, and its atan2 is not cheap.
    const double s = roadArc(x, y);
    const double phase = s - kDashPeriod * std::floor(s / kDashPeriod);
    return phase < kDashOn;
  }
  return false;
}

Eigen::Isometry3d SynthWorld::egoPose(double t) const {
  const double s = m_egoS0 + m_egoSpeed.distance(t);
  Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
  pose.linear() = onGround(s / kRoadRadius);
  pose.translation() = roadPoint(s, kEgoLateral, 0.0);
  return pose;
}

Cuboid SynthWorld::actorCuboid(std::size_t index, double t) const {
  const SynthActor& a = m_actors[index];
  const double sdot = a.direction * a.speed.speed(t);
  const double s = a.s0 + a.direction * a.speed.distance(t);
  double lateral = a.lateralStart;
  double lateralRate = 0.0;
  if (a.laneChangeDuration > 0.0) {
    const double u = (t - a.laneChangeStart) / a.laneChangeDuration;
    lateral = a.lateralStart + (a.lateralEnd - a.lateralStart) * smoothstep(u);
    if (u > 0.0 && u < 1.0)
      lateralRate = (a.lateralEnd - a.lateralStart) * 6.0 * u * (1.0 - u) / a.laneChangeDuration;
  }
  const double heading =
      s / kRoadRadius + (a.direction < 0 ? std::numbers::pi : 0.0) +
      std::atan2(a.direction * lateralRate, std::abs(sdot) * (1.0 - lateral / kRoadRadius));
  const Eigen::Matrix3d rotation = onGround(heading);
  Cuboid box;
  box.center = roadPoint(s, lateral, a.baseHeight) + rotation.col(2) * (0.5 * a.size.z());
  box.size = a.size;
  box.rotation = Eigen::Quaterniond(rotation).normalized();
  return box;
}

SynthBox SynthWorld::actorBox(std::size_t index, double t) const {
  const SynthActor& a = m_actors[index];
  const Cuboid c = actorCuboid(index, t);
  SynthBox box;
  box.rotation = c.rotation.toRotationMatrix();
  box.center = c.center;
  box.half = 0.5 * c.size;
  box.radius = box.half.norm();
  box.material = a.material;
  box.actor = static_cast<int>(index);
  box.colour = a.colour;
  box.reflectivity = a.reflectivity;
  return box;
}

void SynthWorld::buildActors(const SynthOptions& options) {
  static constexpr std::array<Role, 20> kPattern{
      Role::Oncoming,   Role::Pedestrian, Role::OuterQueue, Role::Parked,     Role::Oncoming,
      Role::Roadwork,   Role::Pedestrian, Role::Cyclist,    Role::Oncoming,   Role::Parked,
      Role::OuterQueue, Role::Roadwork,   Role::Pedestrian, Role::Oncoming,   Role::Cyclist,
      Role::Parked,     Role::Roadwork,   Role::Oncoming,   Role::Pedestrian, Role::OuterQueue};
  const double d = m_duration;
  const double egoTravel = m_egoSpeed.distance(d);
  auto u = [&](std::uint64_t a, std::uint64_t b) {
    return synthUniform(synthHash(m_seed, 1000 + a, b));
  };
  auto makeActor = [&](const ClassPrior& prior, std::uint64_t key) {
    SynthActor actor;
    actor.className = prior.name;
    const double scale = 0.94 + 0.12 * u(1, key);
    actor.size = Eigen::Vector3d(prior.length * scale, prior.width * (0.96 + 0.08 * u(2, key)),
                                 prior.height * (0.95 + 0.1 * u(3, key)));
    actor.material = prior.material;
    actor.colour = colourOf(synthHash(m_seed, 4, key));
    actor.reflectivity = 0.25 + 0.2 * u(5, key);
    if (prior.material == SynthMaterial::Cone) {
      actor.colour = {0, 110, 255};
      actor.reflectivity = 0.95;
    } else if (prior.material == SynthMaterial::Barrier) {
      actor.colour = {240, 240, 250};
      actor.reflectivity = 0.7;
    } else if (prior.material == SynthMaterial::Person) {
      actor.reflectivity = 0.2;
    }
    return actor;
  };
  auto vehicleClass = [&](std::uint64_t key, bool parked) -> const ClassPrior& {
    const double r = u(6, key);
    if (parked) return r < 0.8 ? kCar : kVan;
    if (r < 0.6) return kCar;
    if (r < 0.75) return kVan;
    if (r < 0.9) return kTruck;
    return kBus;
  };

  const int total = std::max(0, options.actors);
  std::array<int, 6> roleCount{};
  std::vector<Role> roles;
  for (int i = 2; i < total; ++i) {
    roles.push_back(kPattern[static_cast<std::size_t>(i - 2) % kPattern.size()]);
    ++roleCount[static_cast<std::size_t>(roles.back())];
  }
  const SpeedProfile oncoming{{{0.0, 12.0}, {0.5 * d, 13.5}, {d, 11.0}}};
  const SpeedProfile queue{{{0.25 * d, 10.0}, {0.45 * d, 0.0}, {0.65 * d, 0.0}, {0.9 * d, 11.0}}};
  const double oncomingSpan = egoTravel + 12.5 * d + 60.0;
  const int oncomingPerLane = std::max(1, (roleCount[0] + 1) / 2);
  const double oncomingSpacing = std::max(36.0, oncomingSpan / oncomingPerLane);
  const double queueSpacing = 30.0;

  // The ego's own lane: a lead car and a follower sharing its speed profile.
  for (int i = 0; i < std::min(total, 2); ++i) {
    SynthActor a = makeActor(kCar, static_cast<std::uint64_t>(i));
    a.s0 = m_egoS0 + (i == 0 ? 26.0 : -20.0);
    a.speed = m_egoSpeed;
    a.lateralStart = a.lateralEnd = kEgoLateral;
    m_actors.push_back(a);
  }
  std::array<int, 6> seen{};
  double parkedS = m_egoS0 + 6.0;
  double roadworkS = m_egoS0 + 15.0;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Role role = roles[i];
    const int k = seen[static_cast<std::size_t>(role)]++;
    const std::uint64_t key = 100 + i;
    SynthActor a;
    switch (role) {
      case Role::Oncoming: {
        a = makeActor(vehicleClass(key, false), key);
        const bool outer = (k % 2) == 1;
        a.s0 = m_egoS0 + 25.0 + (k / 2) * oncomingSpacing + (outer ? 0.5 * oncomingSpacing : 0.0);
        a.direction = -1;
        a.speed = oncoming;
        a.lateralStart = a.lateralEnd = outer ? 5.25 : 1.75;
        if (k == 1) {  // moves into the gap midway between two inner-lane vehicles
          a.lateralEnd = 1.75;
          a.laneChangeStart = 0.3 * d;
          a.laneChangeDuration = std::min(4.0, 0.5 * d);
        }
        break;
      }
      case Role::OuterQueue:
        a = makeActor(vehicleClass(key, false), key);
        a.s0 = m_egoS0 + 12.0 + k * queueSpacing;
        a.speed = queue;
        a.lateralStart = a.lateralEnd = -5.25;
        break;
      case Role::Parked:
        a = makeActor(vehicleClass(key, true), key);
        parkedS += 0.5 * a.size.x() + 1.5 + 5.0 * u(7, key);
        a.s0 = parkedS;
        parkedS += 0.5 * a.size.x();
        a.speed = SpeedProfile{{{0.0, 0.0}}};
        a.lateralStart = a.lateralEnd = -8.35;
        a.parked = true;
        break;
      case Role::Pedestrian: {
        a = makeActor(kPedestrian, key);
        const int lane =
            k % 8;  // four walking lanes per sidewalk; one direction and profile per lane
        const double side = lane < 4 ? -1.0 : 1.0;
        a.direction = (lane % 2 == 0) ? 1 : -1;
        const double v = 1.1 + 0.1 * (lane % 4);
        const double stop = (0.2 + 0.05 * (lane % 4)) * d;
        a.speed = SpeedProfile{
            {{stop, v}, {stop + 1.0, 0.0}, {stop + 0.2 * d, 0.0}, {stop + 0.2 * d + 1.5, v}}};
        a.s0 = m_egoS0 + 10.0 + (k / 8) * 9.0 + 2.0 * (lane % 4);
        a.lateralStart = a.lateralEnd = side * (10.3 + 0.8 * (lane % 4));
        a.baseHeight = kCurbHeight;
        break;
      }
      case Role::Cyclist: {
        a = makeActor(kCyclist, key);
        const bool left = (k % 2) == 1;
        a.direction = left ? -1 : 1;
        a.speed = SpeedProfile{{{0.0, 5.0}, {d, 6.0}}};
        a.s0 = m_egoS0 + 5.0 + (k / 2) * 25.0 + (left ? 30.0 : 0.0);
        a.lateralStart = a.lateralEnd = left ? 14.0 : -14.0;
        a.baseHeight = kCurbHeight;
        break;
      }
      case Role::Roadwork: {
        const bool barrier = (k % 3) == 2;
        a = makeActor(barrier ? kBarrier : kCone, key);
        roadworkS += barrier ? 3.0 : 2.5;
        a.s0 = roadworkS;
        roadworkS += barrier ? 1.0 : 0.0;
        a.speed = SpeedProfile{{{0.0, 0.0}}};
        a.lateralStart = a.lateralEnd = 8.35;
        a.parked = true;
        break;
      }
    }
    m_actors.push_back(a);
  }
}

void SynthWorld::buildClutter(const SynthOptions& /*options*/) {
  auto u = [&](std::uint64_t a, std::uint64_t b) {
    return synthUniform(synthHash(m_seed, 2000 + a, b));
  };
  auto addBox = [&](double s, double lateral, double base, Eigen::Vector3d size,
                    SynthMaterial material, SynthColour colour, double reflectivity) {
    SynthBox box;
    box.rotation = onGround(s / kRoadRadius);
    box.half = 0.5 * size;
    box.center = roadPoint(s, lateral, base) + box.rotation.col(2) * box.half.z();
    box.radius = box.half.norm();
    box.material = material;
    box.colour = colour;
    box.reflectivity = reflectivity;
    m_static.push_back(box);
  };
  std::uint64_t n = 0;
  for (double side : {-1.0, 1.0}) {
    // Street lights.
    for (double s = m_sMin; s < m_sMax; s += 25.0) {
      addBox(s + 3.0 * u(1, n++), side * 15.2, kCurbHeight, {0.25, 0.25, 6.0}, SynthMaterial::Pole,
             {90, 90, 95}, 0.45);
    }
    // Trees: a trunk and a canopy.
    for (double s = m_sMin + 12.0; s < m_sMax; s += 25.0 + 10.0 * u(2, n)) {
      const double offset = side * (15.6 + 0.4 * u(3, n));
      addBox(s, offset, kCurbHeight, {0.3, 0.3, 2.6}, SynthMaterial::Pole, {40, 60, 90}, 0.3);
      const double canopy = 2.0 + 1.2 * u(4, n++);
      addBox(s, offset, kCurbHeight + 2.5, {canopy, canopy, canopy}, SynthMaterial::Vegetation,
             {40, 120, 50}, 0.15);
    }
    // Buildings, with gaps.
    for (double s = m_sMin; s < m_sMax;) {
      const double length = 12.0 + 20.0 * u(5, n);
      const double depth = 8.0 + 6.0 * u(6, n);
      const double height = 5.0 + 12.0 * u(7, n);
      const std::uint8_t shade = static_cast<std::uint8_t>(120 + 80 * u(8, n));
      addBox(
          s + 0.5 * length, side * (18.0 + 0.5 * depth), kCurbHeight, {length, depth, height},
          SynthMaterial::Wall,
          {static_cast<std::uint8_t>(shade * 0.8), static_cast<std::uint8_t>(shade * 0.9), shade},
          0.3);
      s += length + 4.0 + 10.0 * u(9, n++);
    }
  }
}

std::vector<SynthLaneLine> SynthWorld::laneLines() const {
  struct Line {
    const char* className;
    double lateral;
    double height;
  };
  static constexpr std::array<Line, 7> kLines{{{"lane_solid", -kEdgeLine, 0.0},
                                               {"lane_dashed", -kDashLine, 0.0},
                                               {"lane_double", 0.0, 0.0},
                                               {"lane_dashed", kDashLine, 0.0},
                                               {"lane_solid", kEdgeLine, 0.0},
                                               {"road_edge", -kCurbLateral, 0.0},
                                               {"road_edge", kCurbLateral, 0.0}}};
  std::vector<SynthLaneLine> out;
  for (const Line& line : kLines) {
    SynthLaneLine l;
    l.className = line.className;
    for (double s = m_sMin; s <= m_sMax; s += 2.0)
      l.points.push_back(roadPoint(s, line.lateral, line.height));
    out.push_back(std::move(l));
  }
  return out;
}

bool SynthWorld::castGround(const Eigen::Vector3d& o, const Eigen::Vector3d& dir,
                            double maxDistance, SynthHit& hit) const {
  const double denom = dir.z() - kSlope * dir.x();
  if (denom >= -1e-9) return false;
  const double tHigh = (kCurbHeight + kSlope * o.x() - o.z()) / denom;
  const double tLow = (kSlope * o.x() - o.z()) / denom;
  const Eigen::Vector3d up = Eigen::Vector3d(-kSlope, 0.0, 1.0).normalized();
  if (tHigh > 0.0) {
    const Eigen::Vector3d p = o + tHigh * dir;
    if (beyondCurb(p.x(), p.y())) {
      if (tHigh > maxDistance) return false;
      hit.distance = tHigh;
      hit.material = SynthMaterial::Sidewalk;
      hit.normal = up;
      // Paving slabs: a little variation per 1.5 m square.
      const auto cell = synthHash(m_seed, 77, cellIndex(p.x() / 1.5), cellIndex(p.y() / 1.5));
      const auto g = static_cast<std::uint8_t>(140 + (cell % 24));
      hit.colour = {static_cast<std::uint8_t>(g - 8), g, g};
      hit.reflectivity = 0.25;
      hit.actor = -1;
      return true;
    }
  }
  if (tLow <= 0.0) return false;
  const Eigen::Vector3d q = o + tLow * dir;
  const double lateralLow = roadLateralForTests(q.x(), q.y());
  if (std::abs(lateralLow) <= kCurbLateral) {
    if (tLow > maxDistance) return false;
    hit.distance = tLow;
    hit.normal = up;
    hit.actor = -1;
    if (isPaint(q.x(), q.y(), lateralLow)) {
      hit.material = SynthMaterial::Paint;
      hit.colour = {235, 240, 240};
      hit.reflectivity = 0.85;
    } else {
      hit.material = SynthMaterial::Asphalt;
      const auto cell = synthHash(m_seed, 78, cellIndex(q.x() / 0.7), cellIndex(q.y() / 0.7));
      const auto g = static_cast<std::uint8_t>(70 + (cell % 12));
      hit.colour = {g, g, g};
      hit.reflectivity = 0.1;
    }
    return true;
  }
  // The ray passes below the sidewalk level over the road and meets the
  // sidewalk beyond: it hit the curb's vertical face in between.
  double a = std::max(tHigh, 0.0);
  double b = tLow;
  for (int i = 0; i < 40; ++i) {
    const double m = 0.5 * (a + b);
    const Eigen::Vector3d p = o + m * dir;
    if (beyondCurb(p.x(), p.y())) {
      b = m;
    } else {
      a = m;
    }
  }
  if (b > maxDistance) return false;
  const Eigen::Vector3d p = o + b * dir;
  Eigen::Vector3d radial(p.x(), p.y() - kRoadRadius, 0.0);
  radial.normalize();
  hit.distance = b;
  hit.material = SynthMaterial::Curb;
  hit.normal = lateralLow > 0.0 ? radial : Eigen::Vector3d(-radial);
  hit.colour = {175, 180, 180};
  hit.reflectivity = 0.35;
  hit.actor = -1;
  return true;
}

double SynthWorld::intersectBox(const SynthBox& box, const Eigen::Vector3d& origin,
                                const Eigen::Vector3d& direction, double maxDistance,
                                Eigen::Vector3d& normal) {
  const Eigen::Vector3d ol = box.rotation.transpose() * (origin - box.center);
  return intersectBoxLocal(box, ol, direction, maxDistance, normal);
}

double SynthWorld::intersectBoxLocal(const SynthBox& box, const Eigen::Vector3d& ol,
                                     const Eigen::Vector3d& direction, double maxDistance,
                                     Eigen::Vector3d& normal) {
  const Eigen::Vector3d dl = box.rotation.transpose() * direction;
  double t0 = -std::numeric_limits<double>::infinity();
  double t1 = std::numeric_limits<double>::infinity();
  int axis = -1;
  double sign = 0.0;
  for (int i = 0; i < 3; ++i) {
    if (std::abs(dl[i]) < 1e-12) {
      if (std::abs(ol[i]) > box.half[i]) return -1.0;
      continue;
    }
    const double inv = 1.0 / dl[i];
    double ta = (-box.half[i] - ol[i]) * inv;
    double tb = (box.half[i] - ol[i]) * inv;
    double faceSign = -1.0;
    if (ta > tb) {
      std::swap(ta, tb);
      faceSign = 1.0;
    }
    if (ta > t0) {
      t0 = ta;
      axis = i;
      sign = faceSign;
    }
    t1 = std::min(t1, tb);
    if (t0 > t1) return -1.0;
  }
  if (axis < 0 || t0 <= 1e-9 || t0 > maxDistance) return -1.0;
  normal = box.rotation.col(axis) * sign;
  return t0;
}

std::vector<SynthCameraOptions> defaultSynthCameras(int count, int width, int height,
                                                    double lidarRateHz) {
  struct Mount {
    const char* name;
    double yawDeg;
    double y;
  };
  static constexpr std::array<Mount, 6> kMounts{{{"cam_front", 0.0, 0.0},
                                                 {"cam_front_left", 55.0, 0.4},
                                                 {"cam_front_right", -55.0, -0.4},
                                                 {"cam_back", 180.0, 0.0},
                                                 {"cam_back_left", 110.0, 0.5},
                                                 {"cam_back_right", -110.0, -0.5}}};
  std::vector<SynthCameraOptions> cameras;
  const double periodNs = 1e9 / std::max(0.1, lidarRateHz);
  for (int i = 0; i < std::clamp(count, 0, 6); ++i) {
    const Mount& m = kMounts[static_cast<std::size_t>(i)];
    SynthCameraOptions c;
    c.name = m.name;
    c.yaw = m.yawDeg * std::numbers::pi / 180.0;
    c.position = {m.yawDeg > 90.0 || m.yawDeg < -90.0 ? 0.0 : 1.5, m.y, 1.6};
    c.width = width;
    c.height = height;
    // The LiDAR starts each turn facing backwards and turns counter-clockwise:
    // fire each camera when the LiDAR sweeps across its optical axis.
    double phase = (c.yaw - std::numbers::pi) / (2.0 * std::numbers::pi);
    phase -= std::floor(phase);
    c.timeOffsetNs = static_cast<std::int64_t>(std::llround(phase * periodNs));
    cameras.push_back(c);
  }
  return cameras;
}

}  // namespace fuselabel
