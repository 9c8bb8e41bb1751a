// Pre-labeling building blocks on hand-made scenes whose answer is known:
// ground segmentation on a road that bends upward and has a kerb (where one
// plane fails), clustering with its range-adaptive tolerance, the size
// classifier, the tracker's births and deaths, the evaluation matcher, and
// the nuScenes detection results reader on good and bad files.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/ground_plane.hpp"
#include "core/geometry/iou.hpp"
#include "core/prelabel/cluster_shape.hpp"
#include "core/prelabel/clustering.hpp"
#include "core/prelabel/geometric_proposals.hpp"
#include "core/prelabel/ground_segmentation.hpp"
#include "core/prelabel/proposal_evaluation.hpp"
#include "core/prelabel/proposal_tracker.hpp"
#include "core/prelabel/size_classifier.hpp"
#include "core/prelabel/track_finish.hpp"
#include "datasets/labels/detections.hpp"
#include "support/polar_road.hpp"

namespace fuselabel {
namespace {

constexpr double kSensorHeight = 1.7;

// Points are given in world; the sensor sits at (0, 0, kSensorHeight).
struct Scene {
  PointCloud cloud;
  std::vector<bool> isGround;  // truth, in append order

  void add(double x, double y, double z, bool ground) {
    cloud.append(static_cast<float>(x), static_cast<float>(y),
                 static_cast<float>(z - kSensorHeight), 0.0f);
    isGround.push_back(ground);
  }
  [[nodiscard]] SweepIndex index() const {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.translation() = Eigen::Vector3d(0, 0, kSensorHeight);
    return SweepIndex::build(cloud, T);
  }
};

// A road flat to x = 15 m, then climbing at 8 % (a steep street), with a 15 cm kerb
// for y > 6 m: no single plane fits it.
double roadHeight(double x, double y) {
  return (x > 15.0 ? 0.08 * (x - 15.0) : 0.0) + (y > 6.0 ? 0.15 : 0.0);
}

// Polar rings of ground points, as a spinning LiDAR lays them.
void addRoad(Scene& scene, double maxRange) {
  test::layPolarRoad(maxRange, roadHeight,
                     [&](double x, double y, double z) { scene.add(x, y, z, true); });
}

// The faces of a box seen from the sensor, sampled every `step` metres.
void addBox(Scene& scene, const Cuboid& box, double step) {
  const Eigen::Isometry3d T = box.pose();
  const Eigen::Vector3d h = box.halfSize();
  const Eigen::Vector3d sensorLocal = T.inverse() * Eigen::Vector3d(0, 0, kSensorHeight);
  for (int axis = 0; axis < 2; ++axis)
    for (int sign = -1; sign <= 1; sign += 2) {
      if (sign * sensorLocal[axis] <= h[axis]) continue;
      const int other = 1 - axis;
      for (double u = -h[other]; u <= h[other] + 1e-9; u += step)
        for (double v = -h.z() + 0.3; v <= h.z() + 1e-9; v += step) {
          Eigen::Vector3d local;
          local[axis] = sign * h[axis];
          local[other] = u;
          local.z() = v;
          const Eigen::Vector3d p = T * local;
          scene.add(p.x(), p.y(), p.z(), false);
        }
    }
}

Cuboid carAt(double x, double y, double yaw) {
  const Eigen::Vector3d size(4.5, 1.85, 1.5);
  return Cuboid::fromYaw(Eigen::Vector3d(x, y, roadHeight(x, y) + 0.75), size, yaw);
}

TEST(GroundSegmentation, FollowsARampAndAKerbWhereOnePlaneCannot) {
  Scene scene;
  addRoad(scene, 60.0);
  addBox(scene, carAt(10.0, -3.0, 0.1), 0.1);
  addBox(scene, carAt(30.0, 2.0, 0.0), 0.1);  // on the ramp
  const SweepIndex index = scene.index();
  const GroundSegmentation ground = segmentGround(index);

  std::size_t wrong = 0, objectsAsGround = 0, objects = 0;
  std::vector<Eigen::Vector3d> all;
  for (std::uint32_t i = 0; i < index.size(); ++i) {
    const bool truth = scene.isGround[index.sourceIndex(i)];
    if (ground.isGround(i) != truth) ++wrong;
    if (!truth) {
      ++objects;
      if (ground.isGround(i)) ++objectsAsGround;
    }
    all.push_back(index.point(i));
  }
  EXPECT_LT(static_cast<double>(wrong) / static_cast<double>(index.size()), 0.01);
  // Only the lowest rows of a car (0.3 m above the road here) may go to the ground.
  EXPECT_LT(static_cast<double>(objectsAsGround) / static_cast<double>(objects), 0.05);
  EXPECT_LT(ground.meanGroundResidual(), 0.03);
  EXPECT_NEAR(ground.planeAt(40.0, 0.0).heightAt(40.0, 0.0), roadHeight(40.0, 0.0), 0.15);

  // One plane for the sweep (the fit one-click uses): the ramp ends up far off it.
  auto single = fitGroundPlane(all);
  ASSERT_TRUE(single);
  std::size_t singleWrong = 0;
  for (std::uint32_t i = 0; i < index.size(); ++i) {
    const bool labelled = single->heightAbove(index.point(i)) < 0.2;
    if (labelled != scene.isGround[index.sourceIndex(i)]) ++singleWrong;
  }
  EXPECT_GT(singleWrong, 10 * wrong);
}

// A sensor tilted 3 degrees (the ground falls 5 cm per metre toward +x), a
// blind ring of 7 m around it (a high mount), and on the falling side a car
// at 30 m behind a stretch with no ground returns (the shadow of a parked
// van, left out): the ground under the car is 1.5 m below the sensor's
// level and half a metre below a plane carried flat over the gap.
TEST(GroundSegmentation, FollowsATiltedSensorPastItsBlindRingAndAShadow) {
  Scene scene;
  const auto tilted = [](double x) { return -0.05 * x; };
  for (double r = 7.0; r < 50.0; r *= 1.03)
    for (double a = -std::numbers::pi; a < std::numbers::pi; a += 0.004) {
      const double x = r * std::cos(a), y = r * std::sin(a);
      if (std::abs(a) < 0.15 && r > 14.0 && r < 27.0) continue;  // the shadow
      scene.add(x, y, tilted(x), true);
    }
  Cuboid car = carAt(30.0, 0.0, 0.0);
  car.center.z() = tilted(30.0) + 0.75;
  addBox(scene, car, 0.1);
  const SweepIndex index = scene.index();
  const GroundSegmentation ground = segmentGround(index);
  std::size_t carPoints = 0, carAsGround = 0, wrongGround = 0;
  for (std::uint32_t i = 0; i < index.size(); ++i) {
    const bool truth = scene.isGround[index.sourceIndex(i)];
    if (!truth) {
      ++carPoints;
      if (ground.isGround(i)) ++carAsGround;
    } else if (!ground.isGround(i)) {
      ++wrongGround;
    }
  }
  ASSERT_GT(carPoints, 100u);
  // Only its lowest row (0.3 m up) may go to the ground.
  EXPECT_LT(static_cast<double>(carAsGround) / static_cast<double>(carPoints), 0.1);
  EXPECT_LT(static_cast<double>(wrongGround) / static_cast<double>(index.size()), 0.01);
  EXPECT_NEAR(ground.planeAt(30.0, 0.0).heightAt(30.0, 0.0), tilted(30.0), 0.2);
  EXPECT_NEAR(ground.planeAt(-20.0, 0.0).heightAt(-20.0, 0.0), tilted(-20.0), 0.2);
}

TEST(Clustering, SeparatesNeighboursAndKeepsASparseFarObjectWhole) {
  Scene scene;
  addBox(scene, carAt(8.0, 0.0, 0.0), 0.1);
  addBox(scene, carAt(8.0, 2.9, 0.0), 0.1);  // 1.05 m gap between the two sides
  // A far car sampled as a LiDAR at 60 m does: 0.5 m apart across, rows 0.4 m apart.
  addBox(scene, carAt(60.0, 0.0, 0.0), 0.45);
  const SweepIndex index = scene.index();
  std::vector<std::uint8_t> all(index.size(), 1);
  const auto clusters = clusterPoints(index, all);
  ASSERT_EQ(clusters.size(), 3u);
  for (const auto& cluster : clusters) {
    // Each cluster is one car: every point within its footprint.
    double lo = 1e9, hi = -1e9;
    for (std::uint32_t i : cluster) {
      lo = std::min(lo, static_cast<double>(index.y()[i]));
      hi = std::max(hi, static_cast<double>(index.y()[i]));
    }
    EXPECT_LT(hi - lo, 2.0);
  }
}

TEST(SizeClassifier, ACarsRearSeenEndOnIsACar) {
  const LabelSchema& schema = defaultLabelSchema();
  // Width and height measured, length along the line of sight unseen.
  const ClassGuess rear = classifySize({0.3, 1.8, 1.45}, schema, {false, true, true});
  EXPECT_EQ(rear.className, "car");
  EXPECT_EQ(classifySize({0.6, 0.6, 1.75}, schema).className, "pedestrian");
  // Buses are rarer than trucks of the same size: a large vehicle either way.
  const std::string large = classifySize({12.0, 2.5, 3.2}, schema).className;
  EXPECT_TRUE(large == "bus" || large == "truck") << large;
  EXPECT_GT(rear.confidence, 0.3);
  EXPECT_LE(rear.confidence, 1.0);
}

TEST(GeometricProposals, FindTheCarsOnARampWithTheirHeading) {
  Scene scene;
  addRoad(scene, 60.0);
  const Cuboid a = carAt(10.0, -3.0, 0.3), b = carAt(30.0, 2.0, 0.0);
  addBox(scene, a, 0.1);
  addBox(scene, b, 0.1);
  // A wall 30 m long beside the road: no road user.
  for (double x = -10.0; x < 20.0; x += 0.1)
    for (double z = 0.1; z < 3.0; z += 0.1)
      scene.add(x, 12.0, z + 0.15, false);
  const SweepProposals found = proposeFromSweep(scene.index(), defaultLabelSchema());
  ASSERT_EQ(found.proposals.size(), 2u) << "clusters " << found.stats.clusters;
  EXPECT_EQ(found.stats.tooBig, 1u);
  // Each rejected cluster is listed with its reason and where it was.
  const auto wall =
      std::find_if(found.rejected.begin(), found.rejected.end(),
                   [](const RejectedCluster& r) { return r.hi.x() - r.lo.x() > 25.0; });
  ASSERT_NE(wall, found.rejected.end());
  EXPECT_EQ(wall->reason, ClusterRejection::TooBig);
  EXPECT_NEAR(wall->lo.y(), 12.0, 0.2);
  for (const Cuboid& truth : {a, b}) {
    const auto near = std::find_if(
        found.proposals.begin(), found.proposals.end(),
        [&](const Proposal& p) { return (p.box.center - truth.center).head<2>().norm() < 0.5; });
    ASSERT_NE(near, found.proposals.end());
    EXPECT_EQ(near->className, "car");
    EXPECT_NEAR(std::abs(std::remainder(near->box.yaw() - truth.yaw(), std::numbers::pi)), 0.0,
                0.05);
    EXPECT_GT(near->confidence, 0.2);
  }
}

// A truck in the next lane, its side 2.2 m from the sensor: the points
// within the 2.5 m taken for the ego's body are dropped, which cuts the side
// in two, each half too thin and short for a vehicle. It is one truck.
TEST(GeometricProposals, AVehicleInTheNextLaneIsNotCutInTwoByTheEgoDisc) {
  Scene scene;
  addRoad(scene, 40.0);
  const Cuboid truck = Cuboid::fromYaw({1.0, -3.45, 1.7}, {8.8, 2.5, 3.4}, 0.0);
  addBox(scene, truck, 0.1);
  const SweepProposals found = proposeFromSweep(scene.index(), defaultLabelSchema());
  ASSERT_EQ(found.proposals.size(), 1u) << "clusters " << found.stats.clusters;
  const Proposal& p = found.proposals[0];
  EXPECT_TRUE(p.className == "truck" || p.className == "bus" || p.className == "trailer")
      << p.className;
  EXPECT_GT(p.box.size.x(), 7.5);
  EXPECT_LT((p.box.center - truck.center).head<2>().norm(), 1.0);
  EXPECT_GT(bevIou(p.box, truck), 0.5);

  // Two cars at the ego's front and rear corners stay two.
  Scene corners;
  addRoad(corners, 40.0);
  addBox(corners, carAt(4.7, 1.5, 0.0), 0.1);
  addBox(corners, carAt(-4.7, -1.5, 0.0), 0.1);
  EXPECT_EQ(proposeFromSweep(corners.index(), defaultLabelSchema()).proposals.size(), 2u);
}

TEST(ProposalTracker, LinksMovingObjectsThroughAMissAndDropsASingleSpuriousProposal) {
  std::vector<FrameProposals> frames(10);
  for (std::size_t k = 0; k < frames.size(); ++k) {
    frames[k].frame = static_cast<FrameIndex>(k);
    frames[k].timeS = 0.1 * static_cast<double>(k);
    const double t = frames[k].timeS;
    // Car A drives at 10 m/s along x; car B comes the other way 3.5 m to the side.
    if (k != 4) frames[k].proposals.push_back({carAt(5.0 + 10.0 * t, 0.0, 0.0), "car", 0.8, 500});
    frames[k].proposals.push_back({carAt(40.0 - 8.0 * t, 3.5, std::numbers::pi), "car", 0.7, 300});
    if (k == 6) frames[k].proposals.push_back({carAt(20.0, -8.0, 0.0), "car", 0.5, 40});
  }
  const auto tracks = associateProposals(frames);
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks[0].observations.size() + tracks[1].observations.size(), 19u);
  for (const ProposalTrack& track : tracks) {
    const double y = track.observations.front().proposal.box.center.y();
    for (const TrackedProposal& o : track.observations)
      EXPECT_NEAR(o.proposal.box.center.y(), y, 1e-9);  // never swapped to the other car
  }
}

// Keyframes 1.5 and 0.5 s apart (SUSTech's example): a car parked where
// only the first frame sees it, another seen twice, and a pedestrian
// walking past a parked car, each a proposal the tracker must not lose or
// merge. At 10 Hz the same single proposal is still dropped.
TEST(ProposalTracker, SparseFramesKeepWhatEachFrameFoundAndDoNotPairUnlikeObjects) {
  const double times[] = {0.0, 1.5, 2.0, 2.5};
  std::vector<FrameProposals> frames(4);
  for (std::size_t k = 0; k < frames.size(); ++k) {
    frames[k].frame = static_cast<FrameIndex>(k);
    frames[k].timeS = times[k];
  }
  frames[0].proposals.push_back({carAt(60.0, 40.0, 0.0), "car", 0.8, 300});  // seen once
  frames[2].proposals.push_back({carAt(-10.0, 8.0, 0.0), "car", 0.7, 200});  // seen twice
  frames[3].proposals.push_back({carAt(-10.0, 8.0, 0.0), "car", 0.7, 200});
  // A parked car in frame 1; in frame 2 a pedestrian 3 m from it and no car.
  frames[1].proposals.push_back({carAt(5.0, -8.0, 0.0), "car", 0.8, 400});
  Cuboid person = Cuboid::fromYaw({5.0, -5.0, 0.9}, {0.7, 0.7, 1.8}, 0.0);
  frames[2].proposals.push_back({person, "pedestrian", 0.6, 60});
  const auto tracks = associateProposals(frames);
  // The car of frame 0 (nothing else in its first half second), the car of
  // frames 2-3 and the car of frame 1 (the next frame is in its half second,
  // but the pedestrian there is not it, so it has no second proposal) kept
  // alone would need 2: it is dropped, as is the pedestrian (born at 2.0 s,
  // two frames in its window, one proposal).
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks[0].observations.size(), 1u);
  EXPECT_NEAR(tracks[0].observations[0].proposal.box.center.x(), 60.0, 1e-9);
  EXPECT_EQ(tracks[1].observations.size(), 2u);
  for (const ProposalTrack& track : tracks)
    for (const TrackedProposal& o : track.observations)
      EXPECT_EQ(o.proposal.className, "car");

  // The same lone proposal in a 10 Hz sequence is one frame of 6 in its
  // half second: not confirmed. In the last frames, where the sequence's end
  // cut it short, a confident one is kept and a doubtful one is not.
  std::vector<FrameProposals> dense(10);
  for (std::size_t k = 0; k < dense.size(); ++k) {
    dense[k].frame = static_cast<FrameIndex>(k);
    dense[k].timeS = 0.1 * static_cast<double>(k);
  }
  dense[0].proposals.push_back({carAt(20.0, 5.0, 0.0), "car", 0.8, 300});
  dense[8].proposals.push_back({carAt(-20.0, 5.0, 0.0), "car", 0.8, 300});
  dense[9].proposals.push_back({carAt(-20.0, 5.0, 0.0), "car", 0.8, 300});
  dense[9].proposals.push_back({carAt(0.0, -20.0, 0.0), "car", 0.4, 30});
  const auto kept = associateProposals(dense);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].observations.size(), 2u);
  EXPECT_NEAR(kept[0].observations[0].proposal.box.center.x(), -20.0, 1e-9);
  // Missed in between: not cut short by the end, not kept.
  dense[8].proposals.clear();
  dense[7].proposals.push_back({carAt(-20.0, 5.0, 0.0), "car", 0.8, 300});
  EXPECT_TRUE(associateProposals(dense).empty());
}

TEST(TrackFinish, OneClassOneSizeAndTheMissedFrameFilledOnTheWay) {
  ProposalTrack track;
  std::vector<double> times;
  for (std::size_t k = 0; k < 6; ++k) {
    times.push_back(0.1 * static_cast<double>(k));
    if (k == 3) continue;  // missed
    Cuboid box = carAt(5.0 + 1.0 * static_cast<double>(k), 0.0, 0.0);
    box.size.x() = k == 1 ? 5.4 : 4.5;  // one frame measured long...
    track.observations.push_back({k, {box, k == 1 ? "van" : "car", k == 1 ? 0.9 : 0.6, 400}});
  }
  const FinishedTrack finished = finishTrack(track, times, {}, defaultLabelSchema());
  EXPECT_EQ(finished.className, "car");  // ...and called a van: outvoted
  ASSERT_EQ(finished.boxes.size(), 6u);
  EXPECT_FALSE(finished.boxes[3].observed);
  EXPECT_NEAR(finished.boxes[3].box.center.x(), 8.0, 0.2);  // 10 m/s, filled
  for (const FinishedBox& b : finished.boxes) {
    EXPECT_DOUBLE_EQ(b.box.size.x(), 4.5);  // the median, the same in every frame
    EXPECT_NEAR(b.box.center.z() - 0.5 * b.box.size.z(), 0.0, 0.05);  // on the road
  }
  EXPECT_FALSE(finished.sizeFromPoints);
}

// Two keyframes of a parked car: one fit hugs it, the other took in the
// hedge beside it and was clamped to the largest car. The track's size is
// the confident one's, not the larger (an upper median of two).
TEST(TrackFinish, TheSizeOfTwoProposalsIsTheConfidentOnes) {
  ProposalTrack track;
  Cuboid good = carAt(10.0, 0.0, 0.0);
  Cuboid merged = carAt(10.5, 0.2, 0.0);
  merged.size = Eigen::Vector3d(6.5, 2.4, 2.3);
  track.observations.push_back({0, {merged, "car", 0.45, 300}});
  track.observations.push_back({1, {good, "car", 0.8, 250}});
  const std::vector<double> times = {0.0, 0.5};
  const FinishedTrack finished = finishTrack(track, times, {}, defaultLabelSchema());
  EXPECT_DOUBLE_EQ(finished.size.x(), good.size.x());
  EXPECT_DOUBLE_EQ(finished.size.y(), good.size.y());
}

// A tree trunk under its canopy is proposed as a pedestrian as tall as the
// class allows (the fit clamps it); a person is shorter. The trunk's track
// gets confidence 0, which prelabel's default --min-track-confidence drops.
TEST(TrackFinish, APersonAsTallAsTheClassAllowsIsATrunkNotAPerson) {
  const auto standing = [](double height, double confidence) {
    ProposalTrack track;
    for (std::size_t k = 0; k < 4; ++k) {
      const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(8.0, 3.0, 0.5 * height),
                                         Eigen::Vector3d(0.7, 0.7, height), 0.0);
      track.observations.push_back({k, {box, "pedestrian", confidence, 120}});
    }
    return track;
  };
  const std::vector<double> times = {0.0, 0.1, 0.2, 0.3};
  const FinishedTrack trunk = finishTrack(standing(2.3, 0.8), times, {}, defaultLabelSchema());
  EXPECT_TRUE(trunk.tallerThanClass);
  EXPECT_DOUBLE_EQ(trackConfidence(trunk), 0.0);
  const FinishedTrack person = finishTrack(standing(1.75, 0.6), times, {}, defaultLabelSchema());
  EXPECT_FALSE(person.tallerThanClass);
  EXPECT_NEAR(trackConfidence(person), 0.6, 1e-9);
}

// A canopy proposed as a truck in most frames of its track, and a car whose
// cluster looked like a structure in one frame (a car behind another shows
// no low points): the first track is rejected as a whole, the second kept.
TEST(TrackFinish, ATrackWhoseClustersLookLikeAStructureInMostFramesIsNotARoadUser) {
  const auto parked = [](const char* className, std::uint8_t cues, std::size_t cued) {
    ProposalTrack track;
    for (std::size_t k = 0; k < 4; ++k) {
      Proposal p{carAt(12.0, 5.0, 0.0), className, 0.7, 300};
      p.structureCues = k < cued ? cues : std::uint8_t{kNoStructureCue};
      track.observations.push_back({k, p});
    }
    return track;
  };
  const std::vector<double> times = {0.0, 0.1, 0.2, 0.3};
  const FinishedTrack canopy =
      finishTrack(parked("truck", kFloating, 3), times, {}, defaultLabelSchema());
  EXPECT_DOUBLE_EQ(canopy.structureShare, 0.75);
  EXPECT_DOUBLE_EQ(trackConfidence(canopy), 0.0);
  const FinishedTrack car =
      finishTrack(parked("car", kFloating, 1), times, {}, defaultLabelSchema());
  EXPECT_DOUBLE_EQ(car.structureShare, 0.25);
  EXPECT_NEAR(trackConfidence(car), 0.7, 1e-9);
}

// A cyclist riding along x, 12 m to the side, shows one face 1.85 m long:
// each frame proposed it as a car's rear seen end-on, the car laid 1.9 m
// behind the face and turned across the cyclist's path. A car does not move
// sideways: the track is a cyclist, on the rider and along its path. A car
// driving away along its length, and a parked car whose fits wander between
// keyframes, stay cars.
TEST(TrackFinish, ACarMovingAlongItsOwnRearIsARiderSeenSideOn) {
  PointCloud none;
  Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
  T.translation() = Eigen::Vector3d(0, 0, kSensorHeight);
  const SweepIndex sensor = SweepIndex::build(none, T);
  std::vector<double> times;
  std::vector<const SweepIndex*> sweeps;
  for (std::size_t k = 0; k < 6; ++k) {
    times.push_back(0.1 * static_cast<double>(k));
    sweeps.push_back(&sensor);
  }
  const auto track = [&](const Eigen::Vector2d& start, const Eigen::Vector2d& step) {
    ProposalTrack out;
    for (std::size_t k = 0; k < times.size(); ++k) {
      const Eigen::Vector2d c = start + static_cast<double>(k) * step;
      const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(c.x(), c.y(), 0.75),
                                         Eigen::Vector3d(4.5, 1.85, 1.5), 0.5 * std::numbers::pi);
      out.observations.push_back({k, {box, "car", 0.9, 200}});
    }
    return out;
  };
  const FinishedTrack rider =
      finishTrack(track({5.0, -14.1}, {0.5, 0.0}), times, sweeps, defaultLabelSchema());
  EXPECT_EQ(rider.className, "cyclist");
  ASSERT_EQ(rider.boxes.size(), 6u);
  for (const FinishedBox& b : rider.boxes) {
    EXPECT_NEAR(b.box.center.y(), -12.2, 0.1);  // against the face, not 1.9 m behind it
    EXPECT_NEAR(std::abs(std::remainder(b.box.yaw(), std::numbers::pi)), 0.0, 0.05);
    EXPECT_NEAR(b.box.size.x(), 1.85, 1e-6);
  }
  const FinishedTrack away =
      finishTrack(track({0.0, 10.0}, {0.0, 0.8}), times, sweeps, defaultLabelSchema());
  EXPECT_EQ(away.className, "car");
  ProposalTrack wandering = track({5.0, -14.1}, {0.5, 0.0});
  for (std::size_t k = 0; k < wandering.observations.size(); k += 2)
    wandering.observations[k].proposal.box.center.y() += 2.0;
  EXPECT_EQ(finishTrack(wandering, times, sweeps, defaultLabelSchema()).className, "car");
}

TEST(ProposalEvaluation, CountsRecallByPointsAndPrecisionWithDontCareRegions) {
  const Cuboid car = carAt(10.0, 0.0, 0.0);
  Cuboid shifted = car;
  shifted.center.x() += 0.8;  // IoU 0.68 with the car, centre 0.8 m away
  Cuboid farOff = car;
  farOff.center.y() += 1.5;  // IoU < 0.5 and 1.5 m away: a miss both ways
  const std::vector<TruthBox> truth = {
      {car, "car", "vehicle", 250},
      {carAt(20.0, 5.0, 0.0), "car", "vehicle", 12},
      {carAt(40.0, 0.0, 0.0), "dont_care", "ignore", 0},
  };
  ProposalEvaluation evaluation;
  evaluation.addFrame(truth, std::vector<Cuboid>{shifted, carAt(40.2, 0.0, 0.0), carAt(0, -20, 0)});
  const auto& row = evaluation.byCategory().at("vehicle");
  EXPECT_EQ(row.iou[2].found, 1u);
  EXPECT_EQ(row.iou[2].total, 1u);
  EXPECT_EQ(row.distance[2].found, 1u);
  EXPECT_EQ(row.iou[1].found, 0u);
  EXPECT_EQ(row.iou[1].total, 1u);
  // The proposal on the don't-care region counts neither way: 1 of 2.
  EXPECT_EQ(evaluation.precisionIou().total, 2u);
  EXPECT_EQ(evaluation.precisionIou().found, 1u);
  const FrameMatch miss = matchBoxes(std::vector<Cuboid>{car}, std::vector<Cuboid>{farOff},
                                     MatchCriterion::CentreDistance, 1.0);
  EXPECT_EQ(miss.proposalOfTruth[0], -1);
}

TEST(ProposalEvaluation, ATrackFollowsOneTrueObjectWhenMostOfItsBoxesAreOnIt) {
  // Truth: a car driving along x (250 points), a parked car seen well in one
  // frame only (150, then 50), a pedestrian never seen with 100 points, and a
  // don't-care region.
  const auto drivingAt = [](int frame) { return carAt(10.0 + 2.0 * frame, 0.0, 0.0); };
  const Cuboid parked = carAt(20.0, 8.0, 0.0);
  Cuboid parkedBeside = parked;
  parkedBeside.center.y() += 0.9;  // IoU < 0.5, centre 0.9 m: paired at 1 m only
  const Cuboid person =
      Cuboid::fromYaw(Eigen::Vector3d(5.0, 5.0, 0.9), Eigen::Vector3d(0.6, 0.6, 1.8), 0.0);
  ProposalEvaluation evaluation;
  for (int frame = 0; frame < 4; ++frame) {
    const std::vector<TruthBox> truth = {
        {drivingAt(frame), "car", "vehicle", 250, 1},
        {parked, "car", "vehicle", frame == 0 ? 150u : 50u, 2},
        {person, "pedestrian", "vru", 30, 3},
        {carAt(40.0, 0.0, 0.0), "dont_care", "ignore", 0, 4},
    };
    std::vector<Cuboid> proposals;
    std::vector<std::int64_t> tracks;
    // 10: on the driving car in three of four frames, then lost: accepted.
    Cuboid onDriving = drivingAt(frame);
    onDriving.center.x() += frame < 3 ? 0.5 : 6.0;
    proposals.push_back(onDriving);
    tracks.push_back(10);
    // 11: a wall in every frame: junk.
    proposals.push_back(carAt(0.0, -20.0, 0.0));
    tracks.push_back(11);
    // 12: on the parked car in two of four frames, elsewhere in two: half is
    // not a majority, junk.
    proposals.push_back(frame < 2 ? parked : carAt(30.0, -10.0, 0.0));
    tracks.push_back(12);
    // 13: beside the parked car in the last frame only: accepted, and the
    // parked car is followed.
    if (frame == 3) {
      proposals.push_back(parkedBeside);
      tracks.push_back(13);
    }
    // 14: on the don't-care region: counts neither way.
    proposals.push_back(carAt(40.2, 0.0, 0.0));
    tracks.push_back(14);
    evaluation.addFrame(truth, proposals, tracks);
  }
  const TrackTally tally = evaluation.tracks();
  EXPECT_EQ(tally.proposalTracks, 4u);
  EXPECT_EQ(tally.acceptable, 2u);
  EXPECT_EQ(tally.truthTracks, 2u);  // the pedestrian never had 100 points
  EXPECT_EQ(tally.truthTracksFollowed, 2u);
  EXPECT_DOUBLE_EQ(tally.acceptableRate(), 0.5);
  EXPECT_NE(evaluation.table().find("tracks: 0.500 (2/4)"), std::string::npos)
      << evaluation.table();
}

std::filesystem::path scratchFile(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("fuselabel_prelabel_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

LabelContext oneFrame(const std::string& id) {
  LabelContext context;
  context.frames.push_back({id, 1'000'000'000, Eigen::Isometry3d::Identity()});
  context.T_global_world.translation() = Eigen::Vector3d(100.0, 200.0, 0.0);
  return context;
}

TEST(NuscenesDetections, ReadsBoxesIntoWorldWithTheirScores) {
  const auto file = scratchFile("results.json", R"({"meta": {"use_lidar": true}, "results": {
    "tok1": [
      {"sample_token": "tok1", "translation": [110.0, 203.0, 1.0], "size": [1.9, 4.6, 1.6],
       "rotation": [1, 0, 0, 0], "velocity": [0, 0], "detection_name": "car",
       "detection_score": 0.83, "attribute_name": "vehicle.parked"}],
    "other": []}})");
  auto read = readDetections(file, oneFrame("tok1"));
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->document.tracks().size(), 1u);
  const Track& track = read->document.tracks()[0];
  EXPECT_EQ(track.object.className, "car");
  const Instance& instance = track.instances.at(0);
  EXPECT_EQ(instance.source, InstanceSource::Proposal);
  EXPECT_DOUBLE_EQ(instance.confidence.value_or(-1), 0.83);
  const auto& box = std::get<Cuboid>(instance.geometry);
  EXPECT_NEAR(box.center.x(), 10.0, 1e-9);  // global → world
  EXPECT_NEAR(box.center.y(), 3.0, 1e-9);
  EXPECT_NEAR(box.size.x(), 4.6, 1e-12);  // [w, l, h] → l, w, h
  EXPECT_EQ(read->warnings.size(), 1u);   // the sample that is not a frame
}

TEST(NuscenesDetections, BadInputNamesTheFileAndThePlace) {
  const auto noScore = scratchFile("noscore.json", R"({"results": {"tok1": [
      {"translation": [0, 0, 0], "size": [1, 1, 1], "rotation": [1, 0, 0, 0],
       "detection_name": "car"}]}})");
  auto read = readDetections(noScore, oneFrame("tok1"));
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("noscore.json"), std::string::npos);
  EXPECT_NE(read.error().message.find("detection_score"), std::string::npos);

  const auto truncated = scratchFile("truncated.json", R"({"results": {"tok1": [)");
  auto broken = readNuscenesDetections(truncated, oneFrame("tok1"));
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("truncated.json"), std::string::npos);

  const auto elsewhere = scratchFile("elsewhere.json", R"({"results": {"a": [], "b": []}})");
  auto none = readNuscenesDetections(elsewhere, oneFrame("tok1"));
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("none of its 2 samples"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
