#include "datasets/pointcloud/ply_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "datasets/pointcloud/byte_output.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

template <class T>
void appendRaw(std::vector<std::byte>& out, T value, bool bigEndian) {
  const auto* p = reinterpret_cast<const std::byte*>(&value);
  const std::size_t at = out.size();
  out.insert(out.end(), p, p + sizeof value);
  if (bigEndian) std::reverse(out.begin() + static_cast<std::ptrdiff_t>(at), out.end());
}

}  // namespace

Result<std::vector<std::byte>> serializePly(const PointCloud& cloud, PlyEncoding encoding) {
  const std::size_t n = cloud.size();
  std::string header = "ply\nformat ";
  header += encoding == PlyEncoding::Ascii                ? "ascii"
            : encoding == PlyEncoding::BinaryLittleEndian ? "binary_little_endian"
                                                          : "binary_big_endian";
  header += " 1.0\ncomment written by fuselabel\nelement vertex " + std::to_string(n) +
            "\nproperty float x\nproperty float y\nproperty float z\nproperty float intensity\n";
  if (cloud.hasRing()) header += "property ushort ring\n";
  if (cloud.hasRgb()) header += "property uchar red\nproperty uchar green\nproperty uchar blue\n";
  header += "end_header\n";

  std::vector<std::byte> out;
  appendText(out, header);
  if (encoding == PlyEncoding::Ascii) {
    char buffer[32];
    auto put = [&](auto value, char separator) {
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer - 1, value);
      (void)ec;  // 32 characters hold any float or small integer
      *end++ = separator;
      appendText(out, std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
    };
    for (std::size_t i = 0; i < n; ++i) {
      put(cloud.x()[i], ' ');
      put(cloud.y()[i], ' ');
      put(cloud.z()[i], ' ');
      put(cloud.intensity()[i], (cloud.hasRing() || cloud.hasRgb()) ? ' ' : '\n');
      if (cloud.hasRing()) put(cloud.ring()[i], cloud.hasRgb() ? ' ' : '\n');
      if (cloud.hasRgb()) {
        const Rgb8 c = cloud.rgb()[i];
        put(unsigned{c.r}, ' ');
        put(unsigned{c.g}, ' ');
        put(unsigned{c.b}, '\n');
      }
    }
    return out;
  }
  const bool big = encoding == PlyEncoding::BinaryBigEndian;
  for (std::size_t i = 0; i < n; ++i) {
    appendRaw(out, cloud.x()[i], big);
    appendRaw(out, cloud.y()[i], big);
    appendRaw(out, cloud.z()[i], big);
    appendRaw(out, cloud.intensity()[i], big);
    if (cloud.hasRing()) appendRaw(out, cloud.ring()[i], big);
    if (cloud.hasRgb()) {
      const Rgb8 c = cloud.rgb()[i];
      appendRaw(out, c.r, big);
      appendRaw(out, c.g, big);
      appendRaw(out, c.b, big);
    }
  }
  return out;
}

}  // namespace fuselabel::pointcloud_detail
