#include "core/annotation/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/io/file_descriptor.hpp"

namespace fuselabel {

namespace {

std::string errnoText() {
  return std::strerror(errno);
}

Result<void> writeAll(int fd, std::string_view bytes, const std::string& name) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    // Chunks of at most 1 GiB: Linux caps one write() near 2 GiB.
    const std::size_t chunk = std::min<std::size_t>(bytes.size() - done, std::size_t{1} << 30);
    const ssize_t n = ::write(fd, bytes.data() + done, chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::inFile(name, "write failed: " + errnoText());
    }
    done += static_cast<std::size_t>(n);
  }
  return success();
}

}  // namespace

Result<void> writeFileAtomically(const std::filesystem::path& path, std::string_view bytes,
                                 AtomicWriteOptions options) {
  const std::string target = path.string();
  std::filesystem::path folder = path.parent_path();
  if (folder.empty()) folder = ".";
  // A unique name per process and call: two saves never share a temp file,
  // and a leftover from a crash is recognisable by its prefix.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path temp =
      folder / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1)));
  const std::string tempName = temp.string();

  mode_t mode = 0644;
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0) mode = existing.st_mode & 07777;

  FileDescriptor fd(::open(tempName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (fd.get() < 0)
    return Error::inFile(
        target, "cannot create a temporary file in " + folder.string() + ": " + errnoText());
  const auto abandon = [&](Error error) {
    ::unlink(tempName.c_str());
    return error;
  };
  if (Result<void> w = writeAll(fd.get(), bytes, target); !w) return abandon(w.error());
  if (options.sync && ::fsync(fd.get()) != 0)
    return abandon(Error::inFile(target, "fsync failed: " + errnoText()));
  if (fd.close() != 0) return abandon(Error::inFile(target, "close failed: " + errnoText()));
  if (::rename(tempName.c_str(), target.c_str()) != 0) {
    return abandon(Error::inFile(target, "cannot replace the file: " + errnoText()));
  }
  if (options.sync) {
    // The rename lives in the folder's entries; without this a power cut can
    // bring back the old name after the data was written.
    FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) (void)::fsync(dir.get());
  }
  return success();
}

}  // namespace fuselabel
