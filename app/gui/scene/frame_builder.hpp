#pragma once
// Worker-thread side of showing a frame: from the sweep and images a
// FrameCache loaded, lay the sweep out for the GPU and project it into each
// camera.

#include <cstdint>

#include "app/gui/render/point_batch.hpp"
#include "app/gui/scene/frame_data.hpp"
#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/sequence/frame_cache.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

/// Lays `cloud` out for the GPU in a fixed random order (seeded, so the same
/// cloud always gives the same order), dropping non-finite points.
[[nodiscard]] render::PointBatch makePointBatch(const PointCloud& cloud,
                                                const Eigen::Matrix4f& T_world_sensor);

/// Builds frame `loaded->frame` of `sequence` from what was loaded for it:
/// the point batch and each camera's image and projections. A missing image
/// is not an error (the camera says so); a missing or broken sweep is. The
/// cameras' images share `loaded` rather than being copied.
[[nodiscard]] Result<FrameData> buildFrame(const Sequence& sequence,
                                           const std::shared_ptr<const LoadedFrame>& loaded,
                                           std::uint64_t version);

}  // namespace fuselabel::gui
