#pragma once
// Internal to the point cloud readers: typed scalar columns in interleaved or
// planar records (PCD, PLY) converted into the PointCloud's channel types.
// Conversions never invoke undefined behaviour on hostile values: a NaN or
// out-of-range number bound for an integer channel becomes a flagged 0.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel::pointcloud_detail {

/// A scalar type a file can declare.
enum class ScalarType : std::uint8_t { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 };

/// Size in bytes of one `type` value.
[[nodiscard]] std::size_t scalarSize(ScalarType type) noexcept;

/// True for F32 and F64.
[[nodiscard]] bool isFloat(ScalarType type) noexcept;

/// Where one column's values sit: value i is at base + i * stride.
struct ColumnSource {
  /// First value.
  const std::byte* base = nullptr;
  /// Bytes from one value to the next.
  std::size_t stride = 0;
  /// Stored type.
  ScalarType type = ScalarType::F32;
  /// Values are big-endian (PLY binary_big_endian); otherwise little-endian.
  bool bigEndian = false;
};

/// Marks a time value that was NaN or out of range in decodeTimeNs output.
inline constexpr std::int64_t kInvalidTime = INT64_MIN;

/// Decodes out.size() values as float.
void decodeFloat(const ColumnSource& source, std::span<float> out);

/// Decodes x, y, z and intensity in one pass when they are little-endian
/// float32 values at offsets 0, 4, 8, 12 of the same records (KITTI,
/// nuScenes and most PCD files): a 4×4 transpose per four points instead of
/// four strided passes. Returns false, decoding nothing, for other layouts.
bool decodeXyziInterleaved(const ColumnSource& x, const ColumnSource& y, const ColumnSource& z,
                           const ColumnSource& intensity, std::span<float> outX,
                           std::span<float> outY, std::span<float> outZ,
                           std::span<float> outIntensity);

/// Decodes out.size() values as a laser index; values that are not a whole
/// number in 0..65535 become 0. Returns how many were out of range.
std::size_t decodeRing(const ColumnSource& source, std::span<std::uint16_t> out);

/// Decodes out.size() times to nanoseconds: floating-point values are
/// seconds, integers are nanoseconds (the conventions of the files we know:
/// SUSTech and Velodyne drivers write seconds as float, Ouster and Argoverse
/// write integer nanoseconds). Invalid values become kInvalidTime.
void decodeTimeNs(const ColumnSource& source, std::span<std::int64_t> out);

/// Decodes packed PCL colours (0x00RRGGBB in 4 bytes, stored as F4, U4 or I4).
void decodePackedRgb(const ColumnSource& source, std::span<Rgb8> out);

/// Reads one value as double, for plausibility checks.
[[nodiscard]] double loadAsDouble(const std::byte* at, ScalarType type, bool bigEndian) noexcept;

/// The channel a field name feeds, following common naming in the wild.
enum class Channel : std::uint8_t {
  None,
  X,
  Y,
  Z,
  Intensity,
  Ring,
  Time,
  PackedRgb,
  Red,
  Green,
  Blue
};

/// Maps a field or property name (case-insensitive) to its channel.
[[nodiscard]] Channel channelForName(std::string_view name) noexcept;

/// Converts ns values (with kInvalidTime) into the cloud's timestamp and
/// offsets: the earliest valid time becomes timestampNs(). Returns an empty
/// string on success, or a warning when the channel had to be dropped.
[[nodiscard]] std::string applyTimes(std::span<const std::int64_t> absoluteNs, PointCloud& cloud);

}  // namespace fuselabel::pointcloud_detail
