#pragma once
// The point cloud file formats fuselabel reads and writes, and how a format is
// named in manifests ("kitti-bin", "pcd", ...) or guessed from a file name.

#include <filesystem>
#include <optional>
#include <string_view>

namespace fuselabel {

/// A point cloud file format. The manifest names are part of the file format
/// of dataset manifests: keep them stable.
enum class PointCloudFormat {
  KittiBin,     ///< "kitti-bin": headerless float32 x, y, z, intensity.
  NuscenesBin,  ///< "nuscenes-bin": headerless float32 x, y, z, intensity, ring.
  Float32,      ///< "float32": headerless float32 records with named fields.
  Pcd,          ///< "pcd": PCD v0.7, ascii, binary or binary_compressed.
  Ply,          ///< "ply": PLY ascii or binary, vertex element.
};

/// The manifest name of `format` ("kitti-bin", "nuscenes-bin", "float32", "pcd", "ply").
[[nodiscard]] std::string_view formatName(PointCloudFormat format) noexcept;

/// The format with manifest name `name`, or nullopt for an unknown name.
[[nodiscard]] std::optional<PointCloudFormat> formatFromName(std::string_view name) noexcept;

/// Guesses the format from the file name: ".pcd.bin" is nuScenes (it is not
/// PCD), another ".bin" is KITTI, ".pcd" and ".ply" are themselves. Case-insensitive.
[[nodiscard]] std::optional<PointCloudFormat> formatFromPath(const std::filesystem::path& path);

}  // namespace fuselabel
