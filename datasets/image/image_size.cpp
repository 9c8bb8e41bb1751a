#include "datasets/image/image_size.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <vector>

namespace fuselabel {
namespace {

std::uint32_t bigEndian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}
std::uint16_t bigEndian16(const unsigned char* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

}  // namespace

Result<ImageSize> readImageSize(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return Error::inFile(name, "cannot open image");
  // Headers sit at the start; 64 KiB covers JPEG EXIF blocks before the SOF.
  std::vector<unsigned char> head(65536);
  stream.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  const auto n = static_cast<size_t>(stream.gcount());
  head.resize(n);

  static constexpr std::array<unsigned char, 8> kPng = {0x89, 'P',  'N',  'G',
                                                        '\r', '\n', 0x1a, '\n'};
  if (n >= 24 && std::equal(kPng.begin(), kPng.end(), head.begin())) {
    if (!(head[12] == 'I' && head[13] == 'H' && head[14] == 'D' && head[15] == 'R')) {
      return Error::at(name, "byte offset 12", "PNG without an IHDR chunk first");
    }
    const auto width = bigEndian32(&head[16]);
    const auto height = bigEndian32(&head[20]);
    if (width == 0 || height == 0 || width > (1u << 20) || height > (1u << 20)) {
      return Error::at(name, "byte offset 16", "PNG header gives an absurd size");
    }
    return ImageSize{static_cast<int>(width), static_cast<int>(height)};
  }
  if (n >= 4 && head[0] == 0xFF && head[1] == 0xD8) {
    size_t pos = 2;
    while (pos + 4 <= n) {
      if (head[pos] != 0xFF)
        return Error::at(name, "byte offset " + std::to_string(pos), "JPEG marker expected");
      const unsigned char marker = head[pos + 1];
      if (marker == 0xFF) {  // fill byte
        ++pos;
        continue;
      }
      const std::uint16_t length = bigEndian16(&head[pos + 2]);
      const bool startOfFrame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame) {
        if (pos + 9 > n) break;
        const int height = bigEndian16(&head[pos + 5]);
        const int width = bigEndian16(&head[pos + 7]);
        if (width == 0 || height == 0)
          return Error::at(name, "byte offset " + std::to_string(pos), "JPEG frame of size zero");
        return ImageSize{width, height};
      }
      if (length < 2)
        return Error::at(name, "byte offset " + std::to_string(pos), "JPEG segment length below 2");
      pos += 2 + length;
    }
    return Error::inFile(name, "no JPEG frame header in the first 64 KiB");
  }
  return Error::inFile(name, "not a PNG or JPEG file");
}

}  // namespace fuselabel
