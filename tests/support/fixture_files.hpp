#pragma once
// Writing small hand-made dataset files for adapter tests.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace fuselabel::test {

/// Writes `text` to `file`, creating its folder.
inline void writeText(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

/// The first 24 bytes of a PNG: enough for the size, which is all opening reads.
inline void writePngHeader(const std::filesystem::path& file, std::uint32_t width,
                           std::uint32_t height) {
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes += std::string("\0\0\0\x0dIHDR", 8);
  for (std::uint32_t v : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes += static_cast<char>((v >> shift) & 0xff);
  }
  writeText(file, bytes);
}

}  // namespace fuselabel::test
