#pragma once
// A POSIX file descriptor that is closed on every exit path.

#include <unistd.h>

namespace fuselabel {

/// Owns one open descriptor (or -1); closes it when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) noexcept : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  [[nodiscard]] int get() const noexcept { return m_fd; }

  /// Closes now, reporting the error close() may carry (NFS reports late
  /// write errors here).
  int close() noexcept {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc;
  }

 private:
  int m_fd;
};

}  // namespace fuselabel
