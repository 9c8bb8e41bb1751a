#include "datasets/pointcloud/pcd_reader.hpp"

#include <lzf.h>

#include <cstring>
#include <memory>

#include "datasets/pointcloud/cloud_assembly.hpp"
#include "datasets/pointcloud/pcd_ascii_reader.hpp"
#include "datasets/pointcloud/pcd_header.hpp"
#include "datasets/pointcloud/pcd_layout_repair.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

/// LZF turns at most 3 bytes into 264 (a long back reference), so a payload
/// that claims to expand further is corrupt; checked before allocating.
constexpr std::size_t kMaxLzfRatio = 88;

std::string byteOffset(std::size_t offset) {
  return "byte offset " + std::to_string(offset);
}

/// First field per channel wins; padding and COUNT 0 fields feed nothing.
ChannelSources sourcesFor(const PcdHeader& header, const std::byte* data, bool planar) {
  ChannelSources sources;
  std::size_t planeStart = 0;
  for (const PcdField& field : header.fields) {
    const std::size_t fieldStart = planeStart;
    planeStart += field.bytes() * header.points;
    if (field.count == 0 || field.isPadding()) continue;
    std::optional<ColumnSource>* slot = sources.slot(channelForName(field.name));
    if (slot == nullptr || slot->has_value()) continue;
    if (planar) {
      // binary_compressed: all values of a field together, point after point.
      *slot = ColumnSource{data + fieldStart, field.bytes(), field.type, false};
    } else {
      *slot = ColumnSource{data + field.offset, header.stride, field.type, false};
    }
  }
  return sources;
}

Result<PointCloudFile> readBinary(PcdHeader& header, std::span<const std::byte> bytes,
                                  const PointCloudReadOptions& options, std::string_view name,
                                  PointCloudFile out) {
  const std::size_t available = bytes.size() - header.dataOffset;
  // points <= maxPoints and stride <= 1 MiB, so this cannot overflow 64 bits.
  const std::size_t needed = header.points * header.stride;
  if (available < needed) {
    return Error::at(name, byteOffset(bytes.size()),
                     "binary data ends after " + std::to_string(available) + " of the " +
                         std::to_string(needed) + " bytes that POINTS " +
                         std::to_string(header.points) + " × " + std::to_string(header.stride) +
                         "-byte records need (file truncated, or POINTS too large)");
  }
  if (available > needed) {
    out.warnings.push_back(warningFor(name, std::to_string(available - needed) +
                                                " bytes after the last point ignored (from " +
                                                byteOffset(header.dataOffset + needed) + ")"));
  }
  const std::span<const std::byte> records = bytes.subspan(header.dataOffset, needed);
  if (std::optional<std::string> warning = repairPcdLayout(header, records, name)) {
    out.warnings.push_back(std::move(*warning));
  }
  const ChannelSources sources = sourcesFor(header, records.data(), false);
  if (Result<void> r = assembleCloud(sources, header.points, options, name, out); !r)
    return r.error();
  return out;
}

Result<PointCloudFile> readCompressed(const PcdHeader& header, std::span<const std::byte> bytes,
                                      const PointCloudReadOptions& options, std::string_view name,
                                      PointCloudFile out) {
  const std::size_t start = header.dataOffset;
  if (bytes.size() - start < 8) {
    return Error::at(name, byteOffset(start),
                     "binary_compressed data lacks its 8-byte size prefix");
  }
  std::uint32_t compressedSize = 0;
  std::uint32_t rawSize = 0;
  std::memcpy(&compressedSize, bytes.data() + start, 4);
  std::memcpy(&rawSize, bytes.data() + start + 4, 4);
  const std::size_t needed = header.points * header.stride;
  if (rawSize != needed) {
    return Error::at(name, byteOffset(start + 4),
                     "binary_compressed uncompressed size " + std::to_string(rawSize) +
                         " differs from POINTS " + std::to_string(header.points) + " × " +
                         std::to_string(header.stride) +
                         "-byte records = " + std::to_string(needed));
  }
  const std::size_t available = bytes.size() - start - 8;
  if (compressedSize > available) {
    return Error::at(name, byteOffset(start),
                     "binary_compressed payload of " + std::to_string(compressedSize) +
                         " bytes, but only " + std::to_string(available) +
                         " remain (file truncated)");
  }
  if (available > compressedSize) {
    out.warnings.push_back(warningFor(name, std::to_string(available - compressedSize) +
                                                " bytes after the compressed payload ignored"));
  }
  if (needed == 0) {
    if (Result<void> r =
            assembleCloud(sourcesFor(header, bytes.data(), true), 0, options, name, out);
        !r) {
      return r.error();
    }
    return out;
  }
  if (needed / kMaxLzfRatio > compressedSize) {
    return Error::at(name, byteOffset(start),
                     "binary_compressed payload of " + std::to_string(compressedSize) +
                         " bytes cannot expand to " + std::to_string(needed) +
                         " bytes (corrupt size or POINTS)");
  }
  const auto raw = std::make_unique_for_overwrite<std::byte[]>(needed);
  const unsigned produced = lzf_decompress(bytes.data() + start + 8, compressedSize, raw.get(),
                                           static_cast<unsigned>(needed));
  if (produced != needed) {
    return Error::at(name, byteOffset(start + 8),
                     "binary_compressed payload is corrupt: LZF produced " +
                         std::to_string(produced) + " of " + std::to_string(needed) + " bytes");
  }
  const ChannelSources sources = sourcesFor(header, raw.get(), true);
  if (Result<void> r = assembleCloud(sources, header.points, options, name, out); !r)
    return r.error();
  return out;
}

}  // namespace

Result<PointCloudFile> parsePcd(std::span<const std::byte> bytes,
                                const PointCloudReadOptions& options, std::string_view name) {
  PointCloudFile out;
  Result<PcdHeader> header = parsePcdHeader(bytes, options, name, out.warnings);
  if (!header) return header.error();
  out.width = header->width;
  out.height = header->height;
  switch (header->encoding) {
    case PcdEncoding::Ascii:
      return parsePcdAscii(*header, bytes, options, name, std::move(out));
    case PcdEncoding::Binary:
      return readBinary(*header, bytes, options, name, std::move(out));
    case PcdEncoding::BinaryCompressed:
      return readCompressed(*header, bytes, options, name, std::move(out));
  }
  return Error::inFile(name, "unknown PCD encoding");
}

}  // namespace fuselabel::pointcloud_detail
