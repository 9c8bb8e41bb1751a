#include "datasets/pointcloud/point_cloud_format.hpp"

#include <array>
#include <string>
#include <utility>

namespace fuselabel {
namespace {

constexpr std::array<std::pair<PointCloudFormat, std::string_view>, 5> kNames{{
    {PointCloudFormat::KittiBin, "kitti-bin"},
    {PointCloudFormat::NuscenesBin, "nuscenes-bin"},
    {PointCloudFormat::Float32, "float32"},
    {PointCloudFormat::Pcd, "pcd"},
    {PointCloudFormat::Ply, "ply"},
}};

/// Longest suffix first, so ".pcd.bin" wins over ".bin".
constexpr std::array<std::pair<std::string_view, PointCloudFormat>, 4> kSuffixes{{
    {".pcd.bin", PointCloudFormat::NuscenesBin},
    {".bin", PointCloudFormat::KittiBin},
    {".pcd", PointCloudFormat::Pcd},
    {".ply", PointCloudFormat::Ply},
}};

}  // namespace

std::string_view formatName(PointCloudFormat format) noexcept {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "unknown";
}

std::optional<PointCloudFormat> formatFromName(std::string_view name) noexcept {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::optional<PointCloudFormat> formatFromPath(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::string_view view = name;
  for (const auto& [suffix, format] : kSuffixes) {
    if (view.size() > suffix.size() && view.ends_with(suffix)) return format;
  }
  return std::nullopt;
}

}  // namespace fuselabel
