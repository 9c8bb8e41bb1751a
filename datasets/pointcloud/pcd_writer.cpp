#include "datasets/pointcloud/pcd_writer.hpp"

#include <lzf.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "datasets/pointcloud/byte_output.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

/// One output column: its header entries and how to fetch point i.
struct OutField {
  const char* name;
  const char* type;
  std::size_t size;
};

std::uint32_t packRgb(Rgb8 c) {
  return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | std::uint32_t{c.b};
}

template <class T>
void appendRaw(std::vector<std::byte>& out, T value) {
  const auto* p = reinterpret_cast<const std::byte*>(&value);
  out.insert(out.end(), p, p + sizeof value);
}

}  // namespace

Result<std::vector<std::byte>> serializePcd(const PointCloud& cloud, PcdEncoding encoding) {
  const std::size_t n = cloud.size();
  std::vector<OutField> fields{{"x", "F", 4}, {"y", "F", 4}, {"z", "F", 4}, {"intensity", "F", 4}};
  if (cloud.hasRing()) fields.push_back({"ring", "U", 2});
  if (cloud.hasTime()) fields.push_back({"timestamp", "I", 8});
  if (cloud.hasRgb()) fields.push_back({"rgb", "U", 4});

  std::string header = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS";
  for (const OutField& f : fields)
    header.append(" ").append(f.name);
  header += "\nSIZE";
  for (const OutField& f : fields)
    header.append(" ").append(std::to_string(f.size));
  header += "\nTYPE";
  for (const OutField& f : fields)
    header.append(" ").append(f.type);
  header += "\nCOUNT";
  for (std::size_t i = 0; i < fields.size(); ++i)
    header += " 1";
  header += "\nWIDTH " + std::to_string(n) + "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " +
            std::to_string(n) + "\nDATA ";
  header += encoding == PcdEncoding::Ascii    ? "ascii\n"
            : encoding == PcdEncoding::Binary ? "binary\n"
                                              : "binary_compressed\n";
  std::size_t stride = 0;
  for (const OutField& f : fields)
    stride += f.size;

  std::vector<std::byte> out;
  auto absoluteTime = [&](std::size_t i) { return cloud.timestampNs() + cloud.timeOffsetNs()[i]; };

  if (encoding == PcdEncoding::Ascii) {
    out.reserve(header.size() + n * fields.size() * 12);
    appendText(out, header);
    char buffer[32];
    auto put = [&](auto value, bool last) {
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer - 1, value);
      (void)ec;  // 32 characters hold any float, int64 or uint32
      *end = last ? '\n' : ' ';
      appendText(out, std::string_view(buffer, static_cast<std::size_t>(end - buffer + 1)));
    };
    const bool hasExtra = cloud.hasRing() || cloud.hasTime() || cloud.hasRgb();
    for (std::size_t i = 0; i < n; ++i) {
      // Shortest round-trip formatting: reading the text back is bit-exact.
      put(cloud.x()[i], false);
      put(cloud.y()[i], false);
      put(cloud.z()[i], false);
      put(cloud.intensity()[i], !hasExtra);
      if (cloud.hasRing()) put(cloud.ring()[i], !cloud.hasTime() && !cloud.hasRgb());
      if (cloud.hasTime()) put(absoluteTime(i), !cloud.hasRgb());
      if (cloud.hasRgb()) put(packRgb(cloud.rgb()[i]), true);
    }
    return out;
  }

  if (encoding == PcdEncoding::Binary) {
    out.reserve(header.size() + n * stride);
    appendText(out, header);
    for (std::size_t i = 0; i < n; ++i) {
      appendRaw(out, cloud.x()[i]);
      appendRaw(out, cloud.y()[i]);
      appendRaw(out, cloud.z()[i]);
      appendRaw(out, cloud.intensity()[i]);
      if (cloud.hasRing()) appendRaw(out, cloud.ring()[i]);
      if (cloud.hasTime()) appendRaw(out, absoluteTime(i));
      if (cloud.hasRgb()) appendRaw(out, packRgb(cloud.rgb()[i]));
    }
    return out;
  }

  // binary_compressed: planar layout (all x, then all y, ...), LZF-compressed.
  const std::size_t rawSize = n * stride;
  if (rawSize > std::numeric_limits<std::uint32_t>::max()) {
    return Error{"PCD writer: " + std::to_string(n) +
                 " points exceed binary_compressed's 4 GiB limit"};
  }
  std::vector<std::byte> planar;
  planar.reserve(rawSize);
  for (const float v : cloud.x())
    appendRaw(planar, v);
  for (const float v : cloud.y())
    appendRaw(planar, v);
  for (const float v : cloud.z())
    appendRaw(planar, v);
  for (const float v : cloud.intensity())
    appendRaw(planar, v);
  if (cloud.hasRing()) {
    for (const std::uint16_t v : cloud.ring())
      appendRaw(planar, v);
  }
  if (cloud.hasTime()) {
    for (std::size_t i = 0; i < n; ++i)
      appendRaw(planar, absoluteTime(i));
  }
  if (cloud.hasRgb()) {
    for (const Rgb8 c : cloud.rgb())
      appendRaw(planar, packRgb(c));
  }
  // Incompressible data grows by about 1/32; leave room so LZF never gives up.
  std::vector<std::byte> packed(rawSize + rawSize / 16 + 64);
  unsigned compressed = 0;
  if (rawSize > 0) {
    compressed = lzf_compress(planar.data(), static_cast<unsigned>(rawSize), packed.data(),
                              static_cast<unsigned>(packed.size()));
    if (compressed == 0) return Error{"PCD writer: LZF compression failed"};
  }
  out.reserve(header.size() + 8 + compressed);
  appendText(out, header);
  appendRaw(out, static_cast<std::uint32_t>(compressed));
  appendRaw(out, static_cast<std::uint32_t>(rawSize));
  out.insert(out.end(), packed.begin(), packed.begin() + compressed);
  return out;
}

}  // namespace fuselabel::pointcloud_detail
