#include "datasets/pointcloud/point_cloud_io.hpp"

#include <array>

#include "datasets/io/file_bytes.hpp"
#include "datasets/pointcloud/atomic_file_write.hpp"
#include "datasets/pointcloud/cloud_assembly.hpp"
#include "datasets/pointcloud/float_records.hpp"
#include "datasets/pointcloud/pcd_reader.hpp"
#include "datasets/pointcloud/pcd_writer.hpp"
#include "datasets/pointcloud/ply_reader.hpp"
#include "datasets/pointcloud/ply_writer.hpp"

namespace fuselabel {
namespace {

using namespace pointcloud_detail;

using ReadFn = Result<PointCloudFile> (*)(std::span<const std::byte>, const PointCloudReadOptions&,
                                          std::string_view);
using WriteFn = Result<std::vector<std::byte>> (*)(const PointCloud&,
                                                   const PointCloudWriteOptions&);
/// Optional: reads straight from the file when that beats reading all bytes
/// first; null means readPointCloud reads the bytes and calls `read`.
using ReadFileFn = Result<PointCloudFile> (*)(const std::filesystem::path&,
                                              const PointCloudReadOptions&, PointCloud&&);

/// One row per format: adding a format is adding a row (names and file
/// suffixes live in point_cloud_format.cpp).
struct FormatEntry {
  PointCloudFormat format;
  ReadFn read;
  WriteFn write;
  ReadFileFn readFile;
};

constexpr std::array<FormatEntry, 5> kFormats{{
    {PointCloudFormat::KittiBin,
     [](std::span<const std::byte> b, const PointCloudReadOptions& o, std::string_view n) {
       return parseFloatRecords(b, kittiFields(), o, n);
     },
     [](const PointCloud& c, const PointCloudWriteOptions&) {
       return serializeFloatRecords(c, kittiFields());
     },
     [](const std::filesystem::path& p, const PointCloudReadOptions& o, PointCloud&& storage) {
       return readFloatRecordsFile(p, kittiFields(), o, std::move(storage));
     }},
    {PointCloudFormat::NuscenesBin,
     [](std::span<const std::byte> b, const PointCloudReadOptions& o, std::string_view n) {
       return parseFloatRecords(b, nuscenesFields(), o, n);
     },
     [](const PointCloud& c, const PointCloudWriteOptions&) {
       return serializeFloatRecords(c, nuscenesFields());
     },
     [](const std::filesystem::path& p, const PointCloudReadOptions& o, PointCloud&& storage) {
       return readFloatRecordsFile(p, nuscenesFields(), o, std::move(storage));
     }},
    {PointCloudFormat::Float32,
     [](std::span<const std::byte> b, const PointCloudReadOptions& o, std::string_view n) {
       return parseFloatRecords(b, o.float32Fields, o, n);
     },
     [](const PointCloud& c, const PointCloudWriteOptions& o) {
       return serializeFloatRecords(c, o.float32Fields);
     },
     [](const std::filesystem::path& p, const PointCloudReadOptions& o, PointCloud&& storage) {
       return readFloatRecordsFile(p, o.float32Fields, o, std::move(storage));
     }},
    {PointCloudFormat::Pcd, &parsePcd,
     [](const PointCloud& c, const PointCloudWriteOptions& o) {
       return serializePcd(c, o.pcdEncoding);
     },
     nullptr},
    {PointCloudFormat::Ply, &parsePly,
     [](const PointCloud& c, const PointCloudWriteOptions& o) {
       return serializePly(c, o.plyEncoding);
     },
     nullptr},
}};

const FormatEntry* entryFor(PointCloudFormat format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.format == format) return &entry;
  }
  return nullptr;
}

}  // namespace

Result<PointCloudFile> parsePointCloud(std::span<const std::byte> bytes, PointCloudFormat format,
                                       const PointCloudReadOptions& options,
                                       std::string_view nameForMessages) {
  const FormatEntry* entry = entryFor(format);
  if (entry == nullptr)
    return Error::inFile(nameForMessages, "no reader for this point cloud format");
  Result<PointCloudFile> file = entry->read(bytes, options, nameForMessages);
  if (file) finishCloud(options, *file);
  return file;
}

Result<PointCloudFile> readPointCloud(const std::filesystem::path& path, PointCloudFormat format,
                                      const PointCloudReadOptions& options) {
  return readPointCloud(path, format, options, PointCloud{});
}

Result<PointCloudFile> readPointCloud(const std::filesystem::path& path, PointCloudFormat format,
                                      const PointCloudReadOptions& options, PointCloud storage) {
  const FormatEntry* entry = entryFor(format);
  if (entry != nullptr && entry->readFile != nullptr) {
    Result<PointCloudFile> file = entry->readFile(path, options, std::move(storage));
    if (file) finishCloud(options, *file);
    return file;
  }
  Result<FileBytes> bytes = readFileBytes(path);
  if (!bytes) return bytes.error();
  return parsePointCloud(bytes->bytes(), format, options, path.string());
}

Result<PointCloudFile> readPointCloud(const std::filesystem::path& path,
                                      const PointCloudReadOptions& options) {
  const std::optional<PointCloudFormat> format = formatFromPath(path);
  if (!format) {
    return Error::inFile(path.string(),
                         "unknown point cloud file type (expected .bin, .pcd.bin, .pcd or .ply)");
  }
  return readPointCloud(path, *format, options);
}

Result<std::vector<std::byte>> serializePointCloud(const PointCloud& cloud, PointCloudFormat format,
                                                   const PointCloudWriteOptions& options) {
  const FormatEntry* entry = entryFor(format);
  if (entry == nullptr || entry->write == nullptr) {
    return Error{"no writer for point cloud format " + std::string(formatName(format))};
  }
  return entry->write(cloud, options);
}

Result<void> writePointCloud(const std::filesystem::path& path, const PointCloud& cloud,
                             PointCloudFormat format, const PointCloudWriteOptions& options) {
  Result<std::vector<std::byte>> bytes = serializePointCloud(cloud, format, options);
  if (!bytes) return bytes.error().withContext(path.string());
  return writeFileAtomic(path, *bytes);
}

}  // namespace fuselabel
