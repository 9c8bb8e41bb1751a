#include "calib/projection/wireframe_projection.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace fuselabel {
namespace {

CameraModel pinhole() {
  CameraIntrinsics k;
  k.fx = k.fy = 1000.0;
  k.cx = 640.0;
  k.cy = 360.0;
  k.width = 1280;
  k.height = 720;
  auto model = CameraModel::create(k);
  EXPECT_TRUE(model.ok());
  return std::move(model).value();
}

// An axis-aligned box in the optical frame (x right, y down, z forward),
// 1.8 m wide, 1.5 m high and 4 m deep.
Cuboid boxAhead(double z) {
  Cuboid box;
  box.center = Eigen::Vector3d(0.5, 0.2, z);
  box.size = Eigen::Vector3d(1.8, 1.5, 4.0);
  return box;
}

TEST(WireframeProjection, BoxInFrontIsExactWithOnePiecePerEdge) {
  const CameraModel camera = pinhole();
  const Cuboid box = boxAhead(12.0);
  const ProjectedCuboid projected = projectCuboid(box, Eigen::Isometry3d::Identity(), camera, 1);
  ASSERT_EQ(projected.segments.size(), 14u) << "12 edges and the 2 heading diagonals";
  EXPECT_EQ(projected.faces.size(), 6u);
  const auto corners = box.corners();
  auto pixelOf = [&](const Eigen::Vector3d& p) {
    return Eigen::Vector2f(static_cast<float>(1000.0 * p.x() / p.z() + 640.0),
                           static_cast<float>(1000.0 * p.y() / p.z() + 360.0));
  };
  // First edge runs corner 0 → 1; first diagonal 0 → 5.
  EXPECT_LT((projected.segments[0].start - pixelOf(corners[0])).norm(), 1e-3F);
  EXPECT_LT((projected.segments[0].end - pixelOf(corners[1])).norm(), 1e-3F);
  EXPECT_FALSE(projected.segments[0].heading);
  EXPECT_TRUE(projected.segments[12].heading);
  EXPECT_LT((projected.segments[12].end - pixelOf(corners[5])).norm(), 1e-3F);
  // Clicks: the box centre's pixel is inside, a pixel far to the side is not.
  EXPECT_TRUE(projected.contains(pixelOf(box.center)));
  EXPECT_FALSE(projected.contains(Eigen::Vector2f(5.0F, 5.0F)));
}

TEST(WireframeProjection, BoxBehindTheCameraDrawsNothing) {
  const ProjectedCuboid projected =
      projectCuboid(boxAhead(-10.0), Eigen::Isometry3d::Identity(), pinhole());
  EXPECT_TRUE(projected.empty());
  EXPECT_TRUE(projected.faces.empty());
  EXPECT_FALSE(projected.contains(Eigen::Vector2f(640.0F, 360.0F)));
}

TEST(WireframeProjection, BoxAcrossTheCameraPlaneIsCutAtTheNearPlane) {
  // Centre at z = 1 with length 4 along z: the back half is behind the lens.
  const ProjectedCuboid projected =
      projectCuboid(boxAhead(1.0), Eigen::Isometry3d::Identity(), pinhole());
  ASSERT_FALSE(projected.empty());
  EXPECT_LT(projected.faces.size(), 6u) << "faces crossing the lens plane are not clickable";
  // Every drawn point comes from depth >= 0.1 m: |u - cx| <= f · |x| / 0.1 with |x| <= 1.4 m.
  for (const ImageSegment& s : projected.segments) {
    for (const Eigen::Vector2f& p : {s.start, s.end}) {
      ASSERT_TRUE(std::isfinite(p.x()) && std::isfinite(p.y()));
      EXPECT_LE(std::abs(p.x() - 640.0F), 1000.0F * 1.4F / 0.1F + 1.0F);
      EXPECT_LE(std::abs(p.y() - 360.0F), 1000.0F * 0.95F / 0.1F + 1.0F);
    }
  }
  // The edges along z are cut at the near plane: their ends lie at depth ≈ 0.1 m.
  float farthest = 0.0F;
  for (const ImageSegment& s : projected.segments) {
    farthest = std::max({farthest, std::abs(s.start.x() - 640.0F), std::abs(s.end.x() - 640.0F)});
  }
  EXPECT_NEAR(farthest, 1000.0F * 1.4F / 0.1F, 200.0F) << "x = 0.5 + 0.9 at depth 0.1 m";
}

TEST(WireframeProjection, DistortedEdgesFollowTheLens) {
  CameraIntrinsics k = pinhole().intrinsics();
  k.model = DistortionModel::RadialTangential;
  k.distortion = {-0.3, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  auto camera = CameraModel::create(k);
  ASSERT_TRUE(camera.ok());
  const Cuboid box = boxAhead(6.0);
  const ProjectedCuboid projected = projectCuboid(box, Eigen::Isometry3d::Identity(), *camera, 8);
  ASSERT_EQ(projected.segments.size(), 14u * 8u);
  // Every piece's ends are the lens projection of points on the 3D edge.
  const auto corners = box.corners();
  for (int i = 0; i <= 8; ++i) {
    const Eigen::Vector3d p = corners[0] + (corners[1] - corners[0]) * (i / 8.0);
    const auto expected = camera->project(p);
    ASSERT_TRUE(expected.has_value());
    const Eigen::Vector2f got =
        i < 8 ? projected.segments[static_cast<std::size_t>(i)].start : projected.segments[7].end;
    EXPECT_LT((got - expected->cast<float>()).norm(), 1e-3F) << "sample " << i;
  }
}

TEST(WireframeProjection, PolylinesAreCutIntoPiecesAndAtTheNearPlane) {
  const CameraModel camera = pinhole();
  const auto project = [&](const Eigen::Vector3d& p) -> std::optional<Eigen::Vector2d> {
    if (p.z() < 0.1) return std::nullopt;
    return camera.project(p);
  };
  // A lane line 1.5 m below the camera from 4 m to 10 m ahead, then on to 2 m behind it.
  const std::vector<Eigen::Vector3d> lane{{1.0, 1.5, 4.0}, {1.0, 1.5, 10.0}, {1.0, 1.5, -2.0}};
  const std::vector<ImageSegment> pieces = projectPolyline(lane, false, project, 1.0);
  // 6 pieces on the first segment; on the second, the 10 pieces ahead of the near plane.
  ASSERT_EQ(pieces.size(), 6u + 10u);
  EXPECT_LT((pieces.front().start - Eigen::Vector2f(640.0F + 250.0F, 360.0F + 375.0F)).norm(),
            1e-3F);
  // The last piece ends where the line crosses z = 0.1 m: u = 640 + 1000 · 1 / 0.1.
  EXPECT_NEAR(pieces.back().end.x(), 640.0F + 10000.0F, 200.0F);
  // Closing a polyline adds the way back.
  EXPECT_GT(projectPolyline({{0, 0, 5}, {1, 0, 5}, {1, 1, 5}}, true, project, 10.0).size(),
            projectPolyline({{0, 0, 5}, {1, 0, 5}, {1, 1, 5}}, false, project, 10.0).size());
  EXPECT_TRUE(projectPolyline({{0, 0, 5}}, false, project).empty());
}

TEST(WireframeProjection, DistanceToSegmentsMeasuresToTheNearestPiece) {
  const std::vector<ImageSegment> segments{{{0.0F, 0.0F}, {10.0F, 0.0F}, false},
                                           {{10.0F, 0.0F}, {10.0F, 10.0F}, false}};
  EXPECT_FLOAT_EQ(distanceToSegments(segments, {5.0F, 3.0F}), 3.0F);
  EXPECT_FLOAT_EQ(distanceToSegments(segments, {13.0F, 5.0F}), 3.0F);
  EXPECT_FLOAT_EQ(distanceToSegments(segments, {-4.0F, 3.0F}), 5.0F);
  EXPECT_TRUE(std::isinf(distanceToSegments({}, {0.0F, 0.0F})));
}

TEST(WireframeProjection, PolygonContainsFollowsTheEvenOddRule) {
  const std::vector<Eigen::Vector2f> square{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  EXPECT_TRUE(polygonContains(square, {5, 5}));
  EXPECT_FALSE(polygonContains(square, {15, 5}));
  EXPECT_FALSE(polygonContains(square, {5, -1}));
  EXPECT_FALSE(polygonContains({}, {0, 0}));
}

}  // namespace
}  // namespace fuselabel
