#include "datasets/io/file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/io/file_descriptor.hpp"

namespace fuselabel {

Result<FileBytes> readFileBytes(const std::filesystem::path& path, size_t maxBytes) {
  const std::string name = path.string();
  FileDescriptor fd(::open(name.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Error::inFile(name, std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return Error::inFile(name, std::string("cannot stat: ") + std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) return Error::inFile(name, "is a directory, expected a file");
  if (!S_ISREG(info.st_mode)) return Error::inFile(name, "is not a regular file");
  const auto size = static_cast<size_t>(info.st_size);
  if (size > maxBytes) {
    return Error::inFile(name, "is " + std::to_string(size) + " bytes, more than the limit of " +
                                   std::to_string(maxBytes));
  }
  auto data = std::make_unique_for_overwrite<std::byte[]>(size);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd.get(), data.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::inFile(name, std::string("read failed: ") + std::strerror(errno));
    if (n == 0) {
      return Error::at(name, "byte offset " + std::to_string(done),
                       "file ended early (it shrank while being read)");
    }
    done += static_cast<size_t>(n);
  }
  return FileBytes(std::move(data), size);
}

}  // namespace fuselabel
