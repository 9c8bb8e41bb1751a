#pragma once
// Headerless float32 records: KITTI velodyne .bin, nuScenes .pcd.bin and the
// generic "float32" format with caller-named fields (Argoverse 2 conversions).

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// The record of a KITTI velodyne sweep.
[[nodiscard]] const std::vector<std::string>& kittiFields();

/// The record of a nuScenes LIDAR_TOP sweep.
[[nodiscard]] const std::vector<std::string>& nuscenesFields();

/// Parses little-endian float32 records with one float per entry of
/// `fields` (see PointCloudReadOptions::float32Fields).
[[nodiscard]] Result<PointCloudFile> parseFloatRecords(std::span<const std::byte> bytes,
                                                       const std::vector<std::string>& fields,
                                                       const PointCloudReadOptions& options,
                                                       std::string_view name);

/// Reads a file of float32 records straight from a mapping of the file: the
/// records are spread into the channels in one pass with no buffer between,
/// so a sweep costs about a plain read of its bytes (the KITTI bench pair).
/// A file truncated by another program while it is read is an error, not a
/// crash. The channels are filled in `storage`'s memory (see readPointCloud).
[[nodiscard]] Result<PointCloudFile> readFloatRecordsFile(const std::filesystem::path& path,
                                                          const std::vector<std::string>& fields,
                                                          const PointCloudReadOptions& options,
                                                          PointCloud storage = {});

/// Encodes `cloud` as float32 records; fields the cloud lacks are written as 0.
[[nodiscard]] Result<std::vector<std::byte>> serializeFloatRecords(
    const PointCloud& cloud, const std::vector<std::string>& fields);

}  // namespace fuselabel::pointcloud_detail
