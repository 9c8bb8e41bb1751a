// Time sync on irregular and missing timestamps, and pose interpolation.

#include <gtest/gtest.h>

#include "core/geometry/transform.hpp"
#include "datasets/sequence/pose_track.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "tests/support/time_units.hpp"

namespace fuselabel {
namespace {

using test::kMs;

std::vector<Frame> framesAt(std::initializer_list<std::int64_t> timesMs) {
  std::vector<Frame> frames;
  for (std::int64_t t : timesMs) {
    Frame frame;
    frame.id = std::to_string(t);
    frame.lidar.timestampNs = t * kMs;
    frames.push_back(frame);
  }
  return frames;
}

std::vector<SensorSample> samplesAt(std::initializer_list<std::int64_t> timesMs) {
  std::vector<SensorSample> samples;
  for (std::int64_t t : timesMs)
    samples.push_back({t * kMs, "img" + std::to_string(t)});
  return samples;
}

TEST(TimeSync, DefaultToleranceIsHalfTheMedianPeriod) {
  // A 10 Hz LiDAR with one dropped sweep (300 → 500): median gap still 100 ms.
  EXPECT_EQ(defaultSyncTolerance(framesAt({0, 100, 200, 300, 500, 600})), 50 * kMs);
}

TEST(TimeSync, NearestSampleWithinToleranceIrregularAndMissing) {
  const auto frames = framesAt({0, 100, 200, 300, 500, 600});
  // Camera at its own rate with jitter, and a gap where it dropped frames.
  const auto samples = samplesAt({3, 96, 212, 460, 590, 660});
  const auto match = matchSamplesToFrames(frames, samples, {});
  ASSERT_EQ(match.size(), frames.size());
  EXPECT_EQ(match[0], 0u);             // 3 ms off
  EXPECT_EQ(match[1], 1u);             // 4 ms off
  EXPECT_EQ(match[2], 2u);             // 12 ms off
  EXPECT_FALSE(match[3].has_value());  // nearest is 212 (88 ms) or 460 (160 ms): none within 50 ms
  EXPECT_EQ(match[4], 3u);             // 40 ms off
  EXPECT_EQ(match[5], 4u);             // 10 ms, nearer than 660
}

TEST(TimeSync, KnownDelayIsRemovedBeforeMatching) {
  const auto frames = framesAt({0, 100, 200});
  // The camera's clock reads 70 ms late: without the offset the samples
  // would match the wrong frames.
  const auto samples = samplesAt({72, 168, 271});
  const auto withoutOffset = matchSamplesToFrames(frames, samples, {});
  EXPECT_EQ(withoutOffset[1], 0u);
  const auto withOffset = matchSamplesToFrames(frames, samples, {std::nullopt, 70 * kMs});
  EXPECT_EQ(withOffset[0], 0u);
  EXPECT_EQ(withOffset[1], 1u);
  EXPECT_EQ(withOffset[2], 2u);
}

TEST(TimeSync, ReportCountsAndOffsets) {
  Sequence sequence;
  sequence.frames = framesAt({0, 100, 200, 300});
  CameraStream camera;
  camera.samples = samplesAt({10, 95, 330});
  camera.frameSample = matchSamplesToFrames(sequence.frames, camera.samples, {});
  const SyncReport report = syncReport(sequence, camera);
  EXPECT_EQ(report.matched, 3u);
  EXPECT_EQ(report.unmatched, 1u);
  EXPECT_NEAR(report.meanOffsetMs, (10.0 + 5.0 + 30.0) / 3.0, 1e-9);
  EXPECT_NEAR(report.maxOffsetMs, 30.0, 1e-9);
}

TEST(PoseTrack, AnchoredAtFirstPoseAndInterpolated) {
  std::vector<StampedPose> global = {
      {0, fromYawPitchRoll(0.5, 0.0, 0.0, {1000.0, 2000.0, 30.0})},
      {100 * kMs, fromYawPitchRoll(0.7, 0.0, 0.0, {1002.0, 2001.0, 30.0})},
  };
  auto track = PoseTrack::fromGlobalPoses(global);
  ASSERT_TRUE(track.ok()) << track.error().message;
  EXPECT_TRUE(track->at(0).isApprox(Eigen::Isometry3d::Identity(), 1e-12));
  EXPECT_TRUE(track->T_global_world().isApprox(global[0].T_world_ego));
  // Halfway: yaw halfway (relative 0.1 rad), position halfway.
  const Eigen::Isometry3d mid = track->T_global_world() * track->at(50 * kMs);
  EXPECT_NEAR(yawOf(Eigen::Matrix3d(mid.linear())), 0.6, 1e-12);
  EXPECT_TRUE(mid.translation().isApprox(Eigen::Vector3d(1001.0, 2000.5, 30.0), 1e-9));
  // Outside the span the pose is held, and covers() says so.
  EXPECT_FALSE(track->covers(200 * kMs));
  EXPECT_TRUE(track->at(200 * kMs).isApprox(track->at(100 * kMs)));
}

TEST(PoseTrack, RejectsDuplicateTimesAndNonRigidPoses) {
  std::vector<StampedPose> duplicate = {{5, Eigen::Isometry3d::Identity()},
                                        {5, Eigen::Isometry3d::Identity()}};
  EXPECT_FALSE(PoseTrack::fromGlobalPoses(duplicate).ok());
  Eigen::Isometry3d scaled = Eigen::Isometry3d::Identity();
  scaled.matrix()(0, 0) = 3.0;
  auto result = PoseTrack::fromGlobalPoses({{0, scaled}});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("ego pose at 0 ns"), std::string::npos)
      << result.error().message;
}

}  // namespace
}  // namespace fuselabel
