#pragma once
// Internal: the PCD v0.7 header, parsed and checked so that nothing sized by
// it is allocated before its numbers were checked against limits.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/pointcloud/scalar_column.hpp"

namespace fuselabel::pointcloud_detail {

/// One FIELDS entry with its SIZE/TYPE/COUNT and its byte offset in a record.
struct PcdField {
  std::string name;                   ///< Field name; "_" is padding.
  ScalarType type = ScalarType::F32;  ///< From TYPE and SIZE.
  std::size_t count = 1;              ///< Values per point (COUNT); 0 occupies no bytes.
  std::size_t offset = 0;             ///< Byte offset in an interleaved record.

  /// Bytes the field occupies in one record.
  [[nodiscard]] std::size_t bytes() const noexcept { return scalarSize(type) * count; }
  /// True for padding fields ("_").
  [[nodiscard]] bool isPadding() const noexcept { return name == "_"; }
};

/// A checked PCD header.
struct PcdHeader {
  std::vector<PcdField> fields;    ///< In file order.
  std::size_t stride = 0;          ///< Bytes of one interleaved record (Σ size × count).
  std::size_t valuesPerPoint = 0;  ///< Σ count: values on one ascii line.
  std::size_t width = 0;           ///< WIDTH.
  std::size_t height = 1;          ///< HEIGHT.
  std::size_t points = 0;          ///< POINTS (= WIDTH × HEIGHT).
  PcdEncoding encoding = PcdEncoding::Ascii;  ///< DATA.
  std::size_t dataOffset = 0;                 ///< First byte after the DATA line.
  std::size_t dataLine = 0;                   ///< 1-based number of the first line after DATA.
};

/// Largest record we accept; real files use tens of bytes.
inline constexpr std::size_t kMaxPcdStride = std::size_t{1} << 20;
/// Most values on one point we accept (Σ COUNT).
inline constexpr std::size_t kMaxPcdValuesPerPoint = std::size_t{1} << 16;

/// Parses and checks the header at the start of `bytes`; warnings about
/// tolerated quirks are appended to `warnings`.
[[nodiscard]] Result<PcdHeader> parsePcdHeader(std::span<const std::byte> bytes,
                                               const PointCloudReadOptions& options,
                                               std::string_view name,
                                               std::vector<std::string>& warnings);

}  // namespace fuselabel::pointcloud_detail
