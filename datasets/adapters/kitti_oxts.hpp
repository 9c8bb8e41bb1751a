#pragma once
// Pieces shared by the KITTI raw and tracking adapters: OXTS GPS/IMU records
// turned into poses the way the KITTI devkit does (convertOxtsToPose.m), and
// the timestamps.txt lines of the raw drives.

#include <Eigen/Geometry>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel {

/// The part of one OXTS record the poses need (the first 6 of its 30 values).
struct KittiOxtsRecord {
  double lat = 0.0;    ///< latitude (deg)
  double lon = 0.0;    ///< longitude (deg)
  double alt = 0.0;    ///< altitude (m)
  double roll = 0.0;   ///< roll (rad), 0 = level
  double pitch = 0.0;  ///< pitch (rad), 0 = level
  double yaw = 0.0;    ///< heading (rad), 0 = east, positive counter-clockwise
};

/// Number of values on one OXTS line.
inline constexpr size_t kKittiOxtsValues = 30;

/// Parses one OXTS line (30 space-separated numbers); `where` ("oxts/0003.txt: line 5") names it in
/// errors.
Result<KittiOxtsRecord> parseKittiOxtsLine(std::string_view line, const std::string& where);

/// Earth radius the KITTI devkit uses for its Mercator projection (m).
inline constexpr double kKittiEarthRadius = 6378137.0;

/// The IMU's pose in the devkit's Mercator frame: x = scale·lon·π·er/180,
/// y = scale·er·ln(tan((90 + lat)·π/360)), z = alt, rotation Rz(yaw)·Ry(pitch)·Rx(roll),
/// with scale = cos(lat0·π/180) from the sequence's first record.
Eigen::Isometry3d kittiOxtsPose(const KittiOxtsRecord& record, double mercatorScale);

/// The devkit's Mercator scale for a sequence whose first latitude is `lat0` (deg).
double kittiMercatorScale(double lat0);

/// Parses a raw-drive timestamp "2011-09-26 13:02:25.964389445" into ns since
/// 1970-01-01, reading the (local) clock time as if it were UTC: only the
/// differences matter to the tool, and KITTI does not record the time zone.
Result<std::int64_t> parseKittiTimestamp(std::string_view text, const std::string& where);

/// Reads a raw drive's timestamps.txt: one timestamp per line, line i for file i.
/// Empty trailing lines are ignored; a malformed line is an error naming file and line.
Result<std::vector<std::int64_t>> readKittiTimestamps(const std::filesystem::path& file);

}  // namespace fuselabel
