#pragma once
// Internal to the point cloud readers: building a PointCloudFile from typed
// columns, shared by every format whose values sit at computable places.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/pointcloud/scalar_column.hpp"

namespace fuselabel::pointcloud_detail {

/// Where each channel's values come from; an empty optional means the file
/// has no such field.
struct ChannelSources {
  std::optional<ColumnSource> x;          ///< x (required).
  std::optional<ColumnSource> y;          ///< y (required).
  std::optional<ColumnSource> z;          ///< z (required).
  std::optional<ColumnSource> intensity;  ///< intensity; zero when absent.
  std::optional<ColumnSource> ring;       ///< laser index.
  std::optional<ColumnSource> time;       ///< per-point time (see decodeTimeNs).
  std::optional<ColumnSource> packedRgb;  ///< PCL packed rgb.
  std::optional<ColumnSource> red;        ///< separate red channel (PLY).
  std::optional<ColumnSource> green;      ///< separate green channel (PLY).
  std::optional<ColumnSource> blue;       ///< separate blue channel (PLY).

  /// The slot for `channel`, or nullptr for Channel::None.
  std::optional<ColumnSource>* slot(Channel channel) noexcept;
};

/// Decodes `count` points from `sources` into out.cloud, honouring `options`
/// (which optional channels to keep), and appends warnings for values it had
/// to replace. Fails when x, y or z is missing.
[[nodiscard]] Result<void> assembleCloud(const ChannelSources& sources, std::size_t count,
                                         const PointCloudReadOptions& options,
                                         std::string_view name, PointCloudFile& out);

/// Decodes x, y, z and intensity (0 where the file has none) into the
/// cloud's channels, already sized to the point count. x, y and z must be
/// present. Allocates nothing, so it may run on a guarded mapping.
void decodeXyzi(const ChannelSources& sources, PointCloud& cloud);

/// Applies the options that act on a finished cloud (removeNonFinite) and
/// fixes width/height to match; call once per read, after the format reader.
void finishCloud(const PointCloudReadOptions& options, PointCloudFile& out);

/// "<name>: <what>", the warning format shared by all readers.
[[nodiscard]] std::string warningFor(std::string_view name, std::string_view what);

}  // namespace fuselabel::pointcloud_detail
