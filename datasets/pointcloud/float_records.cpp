#include "datasets/pointcloud/float_records.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/io/file_descriptor.hpp"
#include "datasets/io/file_bytes.hpp"
#include "datasets/io/mapped_file.hpp"
#include "datasets/pointcloud/cloud_assembly.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

std::string joinFields(const std::vector<std::string>& fields) {
  std::string text;
  for (const std::string& f : fields) {
    if (!text.empty()) text += ' ';
    text += f;
  }
  return text;
}

}  // namespace

const std::vector<std::string>& kittiFields() {
  static const std::vector<std::string> fields{"x", "y", "z", "intensity"};
  return fields;
}

const std::vector<std::string>& nuscenesFields() {
  static const std::vector<std::string> fields{"x", "y", "z", "intensity", "ring"};
  return fields;
}

namespace {

/// Checks the field list and the byte size; returns the point count.
Result<std::size_t> recordCount(std::size_t byteSize, const std::vector<std::string>& fields,
                                const PointCloudReadOptions& options, std::string_view name) {
  if (fields.empty() || fields.size() > 4096) {
    return Error::inFile(name, "float32 record needs between 1 and 4096 field names, got " +
                                   std::to_string(fields.size()));
  }
  const std::size_t stride = fields.size() * sizeof(float);
  if (byteSize % stride != 0) {
    return Error::inFile(name, "size " + std::to_string(byteSize) +
                                   " bytes is not a multiple of the " + std::to_string(stride) +
                                   "-byte record (" + joinFields(fields) +
                                   "): the file is truncated or not in this format");
  }
  const std::size_t count = byteSize / stride;
  if (count > options.maxPoints) {
    return Error::inFile(name, "holds " + std::to_string(count) +
                                   " points, more than the limit of " +
                                   std::to_string(options.maxPoints));
  }
  return count;
}

/// Column sources for records starting at `base`; "_", unknown names and
/// repeated channels are skipped.
ChannelSources sourcesAt(const std::byte* base, const std::vector<std::string>& fields) {
  ChannelSources sources;
  const std::size_t stride = fields.size() * sizeof(float);
  for (std::size_t k = 0; k < fields.size(); ++k) {
    std::optional<ColumnSource>* slot = sources.slot(channelForName(fields[k]));
    if (slot == nullptr || slot->has_value()) continue;
    *slot = ColumnSource{base + k * sizeof(float), stride, ScalarType::F32, false};
  }
  return sources;
}

}  // namespace

Result<PointCloudFile> parseFloatRecords(std::span<const std::byte> bytes,
                                         const std::vector<std::string>& fields,
                                         const PointCloudReadOptions& options,
                                         std::string_view name) {
  Result<std::size_t> count = recordCount(bytes.size(), fields, options, name);
  if (!count) return count.error();
  PointCloudFile out;
  if (Result<void> r = assembleCloud(sourcesAt(bytes.data(), fields), *count, options, name, out);
      !r) {
    return r.error();
  }
  return out;
}

namespace {

/// What decodeMappedRecords needs; plain data, as the guarded read may be
/// left by a jump (see visitMappedGuarded).
struct MappedDecode {
  const ChannelSources* sources;
  PointCloud* cloud;
  std::size_t badRing;
};

/// Spreads every record of the mapping into the cloud's channels, which are
/// already sized: nothing is allocated while the mapping is read.
void decodeMappedRecords(void* context) {
  auto& job = *static_cast<MappedDecode*>(context);
  const ChannelSources& sources = *job.sources;
  PointCloud& cloud = *job.cloud;
  decodeXyzi(sources, cloud);
  if (cloud.hasRing()) job.badRing = decodeRing(*sources.ring, cloud.ring());
}

}  // namespace

Result<PointCloudFile> readFloatRecordsFile(const std::filesystem::path& path,
                                            const std::vector<std::string>& fields,
                                            const PointCloudReadOptions& options,
                                            PointCloud storage) {
  const std::string name = path.string();
  const FileDescriptor fd(::open(name.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Error::inFile(name, std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    return Error::inFile(name, std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) return Error::inFile(name, "is not a regular file");
  const auto size = static_cast<std::size_t>(info.st_size);
  Result<std::size_t> count = recordCount(size, fields, options, name);
  if (!count) return count.error();

  // Decode the channels once, on an empty cloud, to learn which exist and
  // to report a missing x/y/z before reading anything.
  PointCloudFile out;
  out.cloud = std::move(storage);
  out.cloud.resetKeepingCapacity();
  // One zero record gives the columns real addresses (offsetting null is undefined).
  const std::vector<std::byte> oneRecord(fields.size() * sizeof(float));
  if (Result<void> r = assembleCloud(sourcesAt(oneRecord.data(), fields), 0, options, name, out);
      !r) {
    return r.error();
  }
  if (*count == 0) return out;

  Result<MappedFile> mapping = MappedFile::map(fd.get(), size, name);
  if (!mapping) {
    // A file system that cannot map: read the bytes instead.
    Result<FileBytes> bytes = readFileBytes(path);
    if (!bytes) return bytes.error();
    return parseFloatRecords(bytes->bytes(), fields, options, name);
  }
  // Every value is written by the decode, so no zero-fill pass touches the memory.
  out.cloud.resizeForOverwrite(*count);
  const ChannelSources sources = sourcesAt(mapping->bytes().data(), fields);
  MappedDecode job{&sources, &out.cloud, 0};
  if (!visitMappedGuarded(mapping->bytes(), &decodeMappedRecords, &job)) {
    return Error::inFile(name, "file shrank while being read (another program truncated it)");
  }
  if (job.badRing > 0) {
    out.warnings.push_back(warningFor(
        name,
        std::to_string(job.badRing) + " ring values were not whole numbers in 0..65535; set to 0"));
  }
  return out;
}

Result<std::vector<std::byte>> serializeFloatRecords(const PointCloud& cloud,
                                                     const std::vector<std::string>& fields) {
  if (fields.empty()) return Error{"float32 writer: no field names given"};
  const std::size_t n = cloud.size();
  const std::size_t width = fields.size();
  std::vector<std::byte> bytes(n * width * sizeof(float));
  for (std::size_t k = 0; k < width; ++k) {
    const Channel channel = channelForName(fields[k]);
    std::byte* column = bytes.data() + k * sizeof(float);
    const std::size_t stride = width * sizeof(float);
    auto put = [&](std::size_t i, float v) { std::memcpy(column + i * stride, &v, sizeof v); };
    for (std::size_t i = 0; i < n; ++i) {
      float v = 0.0F;
      switch (channel) {
        case Channel::X:
          v = cloud.x()[i];
          break;
        case Channel::Y:
          v = cloud.y()[i];
          break;
        case Channel::Z:
          v = cloud.z()[i];
          break;
        case Channel::Intensity:
          v = cloud.intensity()[i];
          break;
        case Channel::Ring:
          v = cloud.hasRing() ? static_cast<float>(cloud.ring()[i]) : 0.0F;
          break;
        default:
          break;
      }
      put(i, v);
    }
  }
  return bytes;
}

}  // namespace fuselabel::pointcloud_detail
