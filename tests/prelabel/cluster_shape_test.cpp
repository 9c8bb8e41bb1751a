// The structure cues of one cluster on hand-made points: a canopy on its
// trunk floats and a van does not; a stretch of wall seen past its end is a
// face no box shows alone, a car's rear seen from behind is not; a long tall
// face far from the sensor is a building front, the same face beside the
// ego a truck's side; a "person" taller than people; a car cut off by the
// field of view.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/annotation/label_schema.hpp"
#include "core/prelabel/cluster_shape.hpp"
#include "core/prelabel/ground_segmentation.hpp"
#include "support/polar_road.hpp"

namespace fuselabel {
namespace {

constexpr double kShapeSensorHeight = 1.7;

// A flat road around the sensor (at (0, 0, kShapeSensorHeight)) and some objects,
// each a list of world points whose indices into the sweep are kept.
struct ShapeScene {
  PointCloud cloud;
  std::vector<std::vector<std::size_t>> objects;

  ShapeScene() {
    test::layPolarRoad(
        60.0, [](double, double) { return 0.0; },
        [this](double x, double y, double z) { add(x, y, z); });
  }
  void add(double x, double y, double z) {
    cloud.append(static_cast<float>(x), static_cast<float>(y),
                 static_cast<float>(z - kShapeSensorHeight), 0.0f);
  }
  // A vertical rectangle from (x0, y0) to (x1, y1), from z0 to z1, sampled every 0.1 m.
  void face(double x0, double y0, double x1, double y1, double z0, double z1) {
    const double length = std::hypot(x1 - x0, y1 - y0);
    for (double s = 0.0; s <= length + 1e-9; s += 0.1)
      for (double z = z0; z <= z1 + 1e-9; z += 0.1) {
        const double t = length > 0.0 ? s / length : 0.0;
        objects.back().push_back(cloud.size());
        add(x0 + t * (x1 - x0), y0 + t * (y1 - y0), z);
      }
  }
  void begin() { objects.emplace_back(); }
};

Eigen::Isometry3d sensorPose() {
  Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
  T.translation() = Eigen::Vector3d(0, 0, kShapeSensorHeight);
  return T;
}

struct Measured {
  explicit Measured(const ShapeScene& scene)
      : index(SweepIndex::build(scene.cloud, sensorPose())), ground(segmentGround(index)) {}
  SweepIndex index;
  GroundSegmentation ground;
};

// The cues of object `k` of `scene`, fitted as `box` of `className`.
std::uint8_t cuesOf(const ShapeScene& scene, const Measured& m, std::size_t k, const Cuboid& box,
                    const char* className) {
  // Sweep indices are in the index's order: map the cloud's indices there.
  std::vector<std::uint32_t> toIndex(scene.cloud.size());
  for (std::uint32_t i = 0; i < m.index.size(); ++i)
    toIndex[m.index.sourceIndex(i)] = i;
  std::vector<std::uint32_t> cluster;
  for (std::size_t i : scene.objects[k])
    cluster.push_back(toIndex[i]);
  const ClassSpec* spec = defaultLabelSchema().findClass(className);
  EXPECT_NE(spec, nullptr) << className;
  const SweepView view{highestElevation(m.index), kShapeSensorHeight};
  return structureCues(m.index, m.ground, cluster, box, *spec, view);
}

Measured measure(const ShapeScene& scene) {
  return Measured(scene);
}

Cuboid boxAt(double x, double y, double yaw, double l, double w, double h) {
  return Cuboid::fromYaw(Eigen::Vector3d(x, y, 0.5 * h), Eigen::Vector3d(l, w, h), yaw);
}

TEST(ClusterShape, ACanopyOnItsTrunkFloatsAVanDoesNot) {
  ShapeScene scene;
  scene.begin();  // a tree 15 m ahead: a trunk 0.3 m thick, a 3 m canopy from 2.6 m up
  scene.face(14.85, 4.85, 14.85, 5.15, 0.3, 2.6);
  scene.face(13.5, 3.5, 13.5, 6.5, 2.6, 4.0);
  scene.face(13.5, 3.5, 16.5, 3.5, 2.6, 4.0);
  scene.begin();  // a van 12 m ahead, its rear and right side seen
  scene.face(10.0, -3.0, 10.0, -5.0, 0.3, 2.5);
  scene.face(10.0, -3.0, 15.0, -3.0, 0.3, 2.5);
  const Measured m = measure(scene);
  EXPECT_EQ(cuesOf(scene, m, 0, boxAt(15.0, 5.0, 0.0, 8.0, 3.0, 4.0), "truck"), kFloating);
  EXPECT_EQ(cuesOf(scene, m, 1, boxAt(12.5, -4.0, 0.0, 5.0, 2.0, 2.5), "van"), kNoStructureCue);
}

TEST(ClusterShape, AFaceSeenPastItsEndIsNoBoxsSide) {
  ShapeScene scene;
  scene.begin();  // 3 m of wall 12 m to the side, 20 m ahead: seen 59 degrees off its normal
  scene.face(20.0, 12.0, 23.0, 12.0, 0.2, 3.0);
  scene.begin();  // a car's rear 15 m ahead, seen from straight behind
  scene.face(15.0, -0.9, 15.0, 0.9, 0.3, 1.5);
  const Measured m = measure(scene);
  EXPECT_EQ(cuesOf(scene, m, 0, boxAt(21.5, 13.25, 0.0, 3.0, 2.5, 3.0), "truck"), kObliqueFace);
  EXPECT_EQ(cuesOf(scene, m, 1, boxAt(17.25, 0.0, 0.0, 4.5, 1.85, 1.5), "car"), kNoStructureCue);
}

TEST(ClusterShape, ALongTallFaceFarAwayIsABuildingFrontBesideTheEgoATruck) {
  ShapeScene scene;
  scene.begin();  // 10 m of building front 16 m to the side, seen from in front of it
  scene.face(-5.0, 16.0, 5.0, 16.0, 0.2, 3.0);
  scene.begin();  // a truck's side in the next lane
  scene.face(-4.0, -3.5, 5.0, -3.5, 0.3, 3.4);
  const Measured m = measure(scene);
  EXPECT_EQ(cuesOf(scene, m, 0, boxAt(0.0, 17.25, 0.0, 10.0, 2.5, 3.0), "trailer"), kLongFace);
  EXPECT_EQ(cuesOf(scene, m, 1, boxAt(0.5, -4.75, 0.0, 9.0, 2.5, 3.4), "truck"), kNoStructureCue);
}

TEST(ClusterShape, APersonTallerThanPeopleIsATrunkOrAPost) {
  ShapeScene scene;
  scene.begin();  // a post 2.2 m tall
  scene.face(10.0, 3.0, 10.0, 3.3, 0.2, 2.2);
  scene.begin();  // a person 1.8 m tall
  scene.face(10.0, -3.0, 10.0, -2.6, 0.2, 1.8);
  const Measured m = measure(scene);
  EXPECT_EQ(cuesOf(scene, m, 0, boxAt(10.35, 3.15, 0.0, 0.7, 0.7, 2.2), "pedestrian"), kTallPerson);
  EXPECT_EQ(cuesOf(scene, m, 1, boxAt(10.35, -2.8, 0.0, 0.7, 0.7, 1.8), "pedestrian"),
            kNoStructureCue);
}

TEST(ClusterShape, ACarCutOffByTheFieldOfViewIsTallerThanACar) {
  ShapeScene scene;
  scene.begin();  // 2 m of something 30 m ahead whose top is the highest point of the sweep
  scene.face(30.0, -1.0, 30.0, 1.0, 0.3, 2.5);
  const Cuboid car = boxAt(32.25, 0.0, 0.0, 4.5, 2.0, 1.5);
  EXPECT_EQ(cuesOf(scene, measure(scene), 0, car, "car"), kTopCut);
  // A sweep that reaches higher (a building's upper floors) saw its top.
  scene.begin();
  scene.face(40.0, -20.0, 40.0, -18.0, 0.2, 8.0);
  EXPECT_EQ(cuesOf(scene, measure(scene), 0, car, "car"), kNoStructureCue);
}

}  // namespace
}  // namespace fuselabel
