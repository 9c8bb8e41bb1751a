#include "core/io/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fuselabel {

Result<std::string> readTextFile(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Error::inFile(name, "file not found");
  if (std::filesystem::is_directory(status))
    return Error::inFile(name, "is a directory, expected a file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::inFile(name, "cannot read its size: " + ec.message());
  if (size > kMaxTextFileBytes) {
    return Error::inFile(name, "is " + std::to_string(size) + " bytes, too large for a text file");
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return Error::inFile(name, std::string("cannot open: ") + std::strerror(errno));
  std::string content(static_cast<size_t>(size), '\0');
  stream.read(content.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(stream.gcount()) != size) {
    return Error::inFile(name, "read came up short");
  }
  return content;
}

}  // namespace fuselabel
