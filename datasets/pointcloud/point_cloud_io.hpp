#pragma once
// Reading and writing point cloud files. Every format sits behind one
// dispatch table keyed by PointCloudFormat (see point_cloud_io.cpp): adding a
// format is one table entry. Parsing works on bytes in memory so the fuzzers
// and tests need no files; the path-based functions are thin layers over it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_format.hpp"

namespace fuselabel {

/// What a reader keeps and what it checks. The defaults keep everything the
/// file has and refuse nothing a real sensor produces.
struct PointCloudReadOptions {
  /// Keep the ring (laser index) channel when the file has one.
  bool keepRing = true;
  /// Keep per-point time when the file has one.
  bool keepTime = true;
  /// Keep per-point colour when the file has one.
  bool keepRgb = true;
  /// Drop points whose x, y or z is NaN or infinite. Off by default because
  /// organised clouds mark missing returns with NaN and dropping them loses
  /// the WIDTH × HEIGHT structure.
  bool removeNonFinite = false;
  /// Field names of a "float32" record, one float32 each. Recognised names:
  /// x, y, z, intensity (or reflectance, i), ring (or laser_number, laser_id);
  /// "_" and unknown names are skipped. The record stride is 4 × size().
  std::vector<std::string> float32Fields{"x", "y", "z", "intensity"};
  /// Files claiming more points than this are refused before any allocation,
  /// a sanity limit well above the densest sensor (an Ouster OS1-128 sweep is
  /// 262,144 points; an accumulated map of many sweeps fits too).
  std::size_t maxPoints = std::size_t{200'000'000};
};

/// A point cloud read from a file, with the file's organisation and any
/// problems the reader worked around.
struct PointCloudFile {
  /// The points, in the sensor frame.
  PointCloud cloud;
  /// Columns of an organised cloud (PCD WIDTH); equals the point count otherwise.
  std::size_t width = 0;
  /// Rows of an organised cloud (PCD HEIGHT); 1 otherwise.
  std::size_t height = 1;
  /// Human-readable notes on what was wrong in the file and how it was read
  /// anyway, each naming the file. Empty for a clean file.
  std::vector<std::string> warnings;
};

/// PCD DATA encodings.
enum class PcdEncoding { Ascii, Binary, BinaryCompressed };

/// PLY encodings.
enum class PlyEncoding { Ascii, BinaryLittleEndian, BinaryBigEndian };

/// How a writer encodes a cloud; each format uses only its own fields.
struct PointCloudWriteOptions {
  /// PCD DATA encoding (default binary: exact and fast).
  PcdEncoding pcdEncoding = PcdEncoding::Binary;
  /// PLY encoding (default binary little-endian).
  PlyEncoding plyEncoding = PlyEncoding::BinaryLittleEndian;
  /// Field names of a "float32" record, as in PointCloudReadOptions::float32Fields.
  std::vector<std::string> float32Fields{"x", "y", "z", "intensity"};
};

/// Parses `bytes` as `format`. `nameForMessages` names the source in errors
/// and warnings (usually the file path).
[[nodiscard]] Result<PointCloudFile> parsePointCloud(std::span<const std::byte> bytes,
                                                     PointCloudFormat format,
                                                     const PointCloudReadOptions& options,
                                                     std::string_view nameForMessages);

/// Reads the file at `path` as `format`.
[[nodiscard]] Result<PointCloudFile> readPointCloud(const std::filesystem::path& path,
                                                    PointCloudFormat format,
                                                    const PointCloudReadOptions& options = {});

/// As above, reading into `storage`'s memory where the format's reader can
/// (the headerless float formats): a player that hands back the sweeps it
/// played past reads each new one without touching fresh pages.
[[nodiscard]] Result<PointCloudFile> readPointCloud(const std::filesystem::path& path,
                                                    PointCloudFormat format,
                                                    const PointCloudReadOptions& options,
                                                    PointCloud storage);

/// Reads the file at `path`, taking the format from its name (formatFromPath).
[[nodiscard]] Result<PointCloudFile> readPointCloud(const std::filesystem::path& path,
                                                    const PointCloudReadOptions& options = {});

/// Encodes `cloud` as `format` in memory.
[[nodiscard]] Result<std::vector<std::byte>> serializePointCloud(
    const PointCloud& cloud, PointCloudFormat format, const PointCloudWriteOptions& options = {});

/// Writes `cloud` to `path` as `format`: into a temporary file beside it,
/// then renamed over `path`, so a crash never leaves a half-written file.
[[nodiscard]] Result<void> writePointCloud(const std::filesystem::path& path,
                                           const PointCloud& cloud, PointCloudFormat format,
                                           const PointCloudWriteOptions& options = {});

}  // namespace fuselabel
