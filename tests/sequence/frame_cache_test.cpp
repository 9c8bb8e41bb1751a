// The frame cache: loads on demand, prefetches ahead on worker threads,
// stays within its memory bound, reports unreadable frames, and merges
// sweeps in world coordinates for the accumulated view.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/geometry/transform.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/sequence/frame_cache.hpp"
#include "datasets/sequence/sweep_accumulation.hpp"
#include "tests/support/time_units.hpp"

namespace fuselabel {
namespace {

using test::kMs;

class FrameCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("fuselabel_cache_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_dir);
    m_sequence.referenceLidar = "lidar";
    m_sequence.lidarFormat = PointCloudFormat::KittiBin;
    std::vector<StampedPose> poses;
    for (int f = 0; f < 10; ++f) {
      PointCloud cloud;
      // One point 5 m ahead of the sensor, and 1000 filler points.
      cloud.append(5.0f, 0.0f, 0.0f, static_cast<float>(f));
      for (int i = 0; i < 1000; ++i)
        cloud.append(static_cast<float>(i % 7), 1.0f, 0.0f, 0.0f);
      const auto file = m_dir / (std::to_string(f) + ".bin");
      ASSERT_TRUE(writePointCloud(file, cloud, PointCloudFormat::KittiBin).ok());
      Frame frame;
      frame.id = std::to_string(f);
      frame.lidar = {f * 100 * kMs, file};
      m_sequence.frames.push_back(frame);
      // The ego drives 1 m per frame along x.
      poses.push_back(
          {f * 100 * kMs, fromYawPitchRoll(0.0, 0.0, 0.0, {static_cast<double>(f), 0.0, 0.0})});
    }
    m_sequence.poses = PoseTrack::fromGlobalPoses(poses).value();
    SensorRig rig;
    Sensor lidar;
    lidar.name = "lidar";
    lidar.kind = SensorKind::Lidar;
    ASSERT_TRUE(rig.addSensor(lidar).ok());
    m_sequence.setRig(rig);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  std::filesystem::path m_dir;
  Sequence m_sequence;
};

TEST_F(FrameCacheTest, GetLoadsAndPrefetchFillsTheNextFrames) {
  FrameCacheOptions options;
  options.prefetchAhead = 3;
  FrameCache cache(m_sequence, options);
  auto frame = cache.get(2);
  ASSERT_TRUE(frame);
  ASSERT_TRUE(frame->sweep.ok()) << frame->sweep.error().message;
  EXPECT_EQ(frame->sweep->cloud.intensity()[0], 2.0f);
  EXPECT_GT(frame->loadMs, 0.0);  // the viewer reports it as the frame's load time
  // Frames 3..5 arrive without being asked for.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (cache.framesHeld() < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (size_t f = 3; f <= 5; ++f) {
    auto next = cache.tryGet(f);
    ASSERT_TRUE(next) << "frame " << f << " was not prefetched";
    EXPECT_EQ(next->sweep->cloud.intensity()[0], static_cast<float>(f));
  }
}

TEST_F(FrameCacheTest, StaysWithinItsMemoryBound) {
  FrameCacheOptions options;
  options.maxBytes = 3 * 1001 * 16 + 1000;  // about three frames
  options.prefetchAhead = 8;
  FrameCache cache(m_sequence, options);
  for (size_t f = 0; f < 10; ++f) {
    ASSERT_TRUE(cache.get(f));
    EXPECT_LE(cache.bytesUsed(), options.maxBytes + 1001 * 16 + 1000) << "after frame " << f;
  }
}

// Playing forward, frames farther than keepAround behind are let go and the
// next sweeps are read into their memory: every frame still shows its own
// points, and the cache holds only the window.
TEST_F(FrameCacheTest, KeepsAWindowAndRecyclesWhatItLetsGo) {
  FrameCacheOptions options;
  options.keepAround = 2;
  options.prefetchAhead = 2;
  options.prefetchBehind = 1;
  FrameCache cache(m_sequence, options);
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t f = 0; f < 10; ++f) {
      auto frame = cache.get(f);
      ASSERT_TRUE(frame);
      ASSERT_TRUE(frame->sweep.ok()) << frame->sweep.error().message;
      ASSERT_EQ(frame->sweep->cloud.size(), 1001U);
      EXPECT_EQ(frame->sweep->cloud.intensity()[0], static_cast<float>(f)) << "frame " << f;
      EXPECT_EQ(frame->sweep->cloud.timestampNs(), static_cast<std::int64_t>(f) * 100 * kMs);
      EXPECT_LE(cache.framesHeld(), 2 * options.keepAround + 1) << "at frame " << f;
    }
  }
}

TEST_F(FrameCacheTest, AFrameAViewerStillHoldsIsNotRecycled) {
  FrameCacheOptions options;
  options.keepAround = 1;
  options.prefetchAhead = 1;
  FrameCache cache(m_sequence, options);
  const auto held = cache.get(0);
  for (size_t f = 1; f < 10; ++f)
    ASSERT_TRUE(cache.get(f));
  // Frame 0 left the window long ago; the viewer's copy is intact.
  ASSERT_TRUE(held->sweep.ok());
  ASSERT_EQ(held->sweep->cloud.size(), 1001U);
  EXPECT_EQ(held->sweep->cloud.intensity()[0], 0.0f);
  EXPECT_EQ(held->sweep->cloud.x()[0], 5.0f);
}

TEST_F(FrameCacheTest, UnreadableFrameIsReportedNotFatal) {
  std::filesystem::remove(m_sequence.frames[4].lidar.file);
  FrameCache cache(m_sequence);
  auto frame = cache.get(4);
  ASSERT_TRUE(frame);
  ASSERT_FALSE(frame->sweep.ok());
  EXPECT_NE(frame->sweep.error().message.find("4.bin"), std::string::npos);
  EXPECT_TRUE(cache.get(5)->sweep.ok());
}

TEST_F(FrameCacheTest, AccumulationPlacesSweepsInWorld) {
  FrameCache cache(m_sequence);
  AccumulationOptions options;
  options.before = 3;
  size_t skipped = 99;
  auto merged = accumulateSweeps(m_sequence, cache, 5, options, &skipped);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(skipped, 0u);
  EXPECT_EQ(merged->size(), 4u * 1001u);
  // Each sweep's "5 m ahead" point lands at its own ego position + 5 m.
  int found = 0;
  for (size_t i = 0; i < merged->size(); ++i) {
    if (merged->y()[i] == 0.0f && merged->intensity()[i] >= 2.0f) {
      EXPECT_FLOAT_EQ(merged->x()[i], merged->intensity()[i] + 5.0f);
      ++found;
    }
  }
  EXPECT_EQ(found, 4);
  options.maxPoints = 1000;
  auto thinned = accumulateSweeps(m_sequence, cache, 5, options);
  ASSERT_TRUE(thinned.ok());
  EXPECT_LE(thinned->size(), 1004u);
}

}  // namespace
}  // namespace fuselabel
