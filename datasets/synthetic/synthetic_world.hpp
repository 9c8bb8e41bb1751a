#pragma once
// The synthetic world: a gently curving road on sloped ground, its markings,
// curbs and roadside clutter, the ego trajectory and every actor's motion,
// plus the ray caster the simulated LiDAR and cameras share.
//
// Internally everything lives in a "map" frame: the road's centreline is a
// circle of radius kRoadRadius through the origin, heading +x and curving
// left. The written scene re-anchors it at the first ego pose (`world`).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "core/geometry/cuboid.hpp"
#include "datasets/synthetic/synthetic_options.hpp"

namespace fuselabel {

/// What a ray hit; drives LiDAR intensity and camera colour.
enum class SynthMaterial : std::uint8_t {
  None,
  Asphalt,
  Paint,
  Sidewalk,
  Curb,
  Vehicle,
  Person,
  Cone,
  Barrier,
  Pole,
  Wall,
  Vegetation
};

/// A colour in OpenCV's BGR order.
using SynthColour = std::array<std::uint8_t, 3>;

/// An oriented box the rays are cast against (map frame).
struct SynthBox {
  /// Box axes → map.
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  /// Centre (m).
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  /// Half extents (m).
  Eigen::Vector3d half = Eigen::Vector3d::Zero();
  /// Bounding-sphere radius (m).
  double radius = 0.0;
  /// Surface material.
  SynthMaterial material = SynthMaterial::Wall;
  /// Index into SynthWorld::actors(), or -1 for static clutter.
  int actor = -1;
  /// Camera colour (BGR).
  SynthColour colour{128, 128, 128};
  /// LiDAR reflectivity in [0, 1].
  double reflectivity = 0.3;
};

/// The nearest surface along a ray.
struct SynthHit {
  /// Ray parameter (m along a unit direction); infinity when nothing was hit.
  double distance = 0.0;
  /// Surface material; None when nothing was hit.
  SynthMaterial material = SynthMaterial::None;
  /// Actor index or -1.
  int actor = -1;
  /// Unit surface normal (map frame).
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
  /// Camera colour (BGR).
  SynthColour colour{0, 0, 0};
  /// LiDAR reflectivity in [0, 1].
  double reflectivity = 0.0;
};

/// Smooth speed over time: knots (t s, v m/s) joined by smoothstep ramps,
/// constant before the first and after the last knot; distance is exact.
struct SpeedProfile {
  /// (time s, speed m/s), increasing in time, first time >= 0.
  std::vector<std::array<double, 2>> knots;
  /// Distance travelled from t = 0 to `t` (m).
  [[nodiscard]] double distance(double t) const;
  /// Speed at `t` (m/s).
  [[nodiscard]] double speed(double t) const;
};

/// One actor: its class, size, look and motion along the road.
struct SynthActor {
  /// Schema class name ("car", "pedestrian", ...).
  std::string className;
  /// length, width, height (m).
  Eigen::Vector3d size = Eigen::Vector3d::Ones();
  /// Surface material.
  SynthMaterial material = SynthMaterial::Vehicle;
  /// Camera colour (BGR).
  SynthColour colour{128, 128, 128};
  /// LiDAR reflectivity.
  double reflectivity = 0.3;
  /// Arc length along the road at t = 0 (m).
  double s0 = 0.0;
  /// +1 drives towards increasing arc length, -1 against.
  int direction = 1;
  /// Speed over time.
  SpeedProfile speed;
  /// Lateral offset from the centreline (m, left positive) before and after a lane change.
  double lateralStart = 0.0;
  /// Lateral offset after the lane change.
  double lateralEnd = 0.0;
  /// Lane change start (s) and duration (s); duration 0 = none.
  double laneChangeStart = 0.0;
  /// Lane change duration (s).
  double laneChangeDuration = 0.0;
  /// Height of the surface it stands on above the road (m): 0 or the curb height.
  double baseHeight = 0.0;
  /// True for parked vehicles and static objects.
  bool parked = false;
};

/// A lane marking or road edge as a polyline (map frame) with its schema class.
struct SynthLaneLine {
  /// "lane_solid", "lane_dashed", "lane_double" or "road_edge".
  std::string className;
  /// Vertices (map frame).
  std::vector<Eigen::Vector3d> points;
};

/// The generated world.
class SynthWorld {
 public:
  /// Builds the road, clutter, ego motion and actors from `options`.
  explicit SynthWorld(const SynthOptions& options);

  /// T_map_ego at scene time `t` (s).
  [[nodiscard]] Eigen::Isometry3d egoPose(double t) const;
  /// The actor's box at scene time `t` (map frame).
  [[nodiscard]] Cuboid actorCuboid(std::size_t actor, double t) const;
  /// The actor's box for ray casting at scene time `t`.
  [[nodiscard]] SynthBox actorBox(std::size_t actor, double t) const;
  /// Every actor.
  [[nodiscard]] const std::vector<SynthActor>& actors() const noexcept { return m_actors; }
  /// Static clutter: poles, trees, buildings.
  [[nodiscard]] const std::vector<SynthBox>& staticBoxes() const noexcept { return m_static; }
  /// Lane markings and road edges over the scene's extent.
  [[nodiscard]] std::vector<SynthLaneLine> laneLines() const;

  /// Nearest hit of the ground (road, markings, curbs, sidewalks) along
  /// o + t·d, t in (0, maxDistance]; false when none.
  bool castGround(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction,
                  double maxDistance, SynthHit& hit) const;
  /// Ray parameter where o + t·d enters `box`, or a negative value when it
  /// misses within (0, maxDistance]; `normal` receives the entry face normal.
  static double intersectBox(const SynthBox& box, const Eigen::Vector3d& origin,
                             const Eigen::Vector3d& direction, double maxDistance,
                             Eigen::Vector3d& normal);
  /// intersectBox with the origin already in the box frame
  /// (`box.rotation.transpose() * (origin - box.center)`), for many rays from one origin.
  static double intersectBoxLocal(const SynthBox& box, const Eigen::Vector3d& originInBox,
                                  const Eigen::Vector3d& direction, double maxDistance,
                                  Eigen::Vector3d& normal);

  /// Scene duration (s).
  [[nodiscard]] double duration() const noexcept { return m_duration; }

 private:
  [[nodiscard]] double roadLateral(double x, double y) const;
  [[nodiscard]] double roadArc(double x, double y) const;
  /// roadLateral for comparisons with the road's thresholds (curb, paint):
  /// the same decisions, mostly without hypot.
  [[nodiscard]] double roadLateralForTests(double x, double y) const;
  /// std::abs(roadLateral(x, y)) > kCurbLateral, mostly without its hypot.
  [[nodiscard]] bool beyondCurb(double x, double y) const;
  [[nodiscard]] Eigen::Vector3d roadPoint(double s, double lateral, double height) const;
  [[nodiscard]] Eigen::Matrix3d onGround(double yaw) const;
  [[nodiscard]] bool isPaint(double x, double y, double lateral) const;
  void buildActors(const SynthOptions& options);
  void buildClutter(const SynthOptions& options);

  std::uint64_t m_seed = 1;
  double m_duration = 10.0;
  double m_egoS0 = 0.0;
  double m_sMin = -100.0;
  double m_sMax = 400.0;
  SpeedProfile m_egoSpeed;
  std::vector<SynthActor> m_actors;
  std::vector<SynthBox> m_static;
};

/// Deterministic hash of a key sequence (SplitMix64 finaliser chain).
[[nodiscard]] std::uint64_t synthHash(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0,
                                      std::uint64_t d = 0);
/// Uniform [0, 1) from a hash.
[[nodiscard]] double synthUniform(std::uint64_t hash);

}  // namespace fuselabel
