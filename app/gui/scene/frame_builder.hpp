#pragma once
// Worker-thread side of loading a frame: read the sweep, lay it out for the
// GPU, decode the synced camera images and project the sweep into each camera.

#include <cstdint>

#include "app/gui/render/point_batch.hpp"
#include "app/gui/scene/frame_data.hpp"
#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/image/image_loader.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

/// Lays `cloud` out for the GPU in a fixed random order (seeded, so the same
/// cloud always gives the same order), dropping non-finite points.
[[nodiscard]] render::PointBatch makePointBatch(const PointCloud& cloud,
                                                const Eigen::Matrix4f& T_world_sensor);

/// Loads frame `frame` of `sequence`: sweep, images (decoded by `images`),
/// projections. A missing image is not an error (the camera says so); a
/// missing or broken sweep is.
[[nodiscard]] Result<FrameData> buildFrame(const Sequence& sequence, std::size_t frame,
                                           ImageLoader& images, std::uint64_t version);

}  // namespace fuselabel::gui
