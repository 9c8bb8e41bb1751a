#include "datasets/pointcloud/atomic_file_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace fuselabel {

Result<void> writeFileAtomic(const std::filesystem::path& path, std::span<const std::byte> bytes) {
  static std::atomic<unsigned> counter{0};
  const std::string name = path.string();
  // Same folder, so the rename stays on one file system and is atomic.
  const std::string temp =
      name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return Error::inFile(name,
                         std::string("cannot create temporary file: ") + std::strerror(errno));
  auto fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return Error::inFile(name, std::string(what) + std::strerror(saved));
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("write failed: ");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("fsync failed: ");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    return Error::inFile(name, std::string("close failed: ") + std::strerror(saved));
  }
  if (std::rename(temp.c_str(), name.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    return Error::inFile(
        name, std::string("cannot rename the temporary file into place: ") + std::strerror(saved));
  }
  return success();
}

}  // namespace fuselabel
