#include "datasets/io/mapped_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/io/file_descriptor.hpp"
#include "datasets/pointcloud/float_records.hpp"

namespace fuselabel {
namespace {

/// A temporary file of `size` bytes, byte i holding i % 251.
class BytesFile {
 public:
  BytesFile(const std::string& name, std::size_t size)
      : m_path(std::filesystem::temp_directory_path() /
               ("fuselabel_mapped_" + std::to_string(::getpid()) + "_" + name)) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
      text[i] = static_cast<char>(i % 251);
    std::ofstream(m_path, std::ios::binary)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  BytesFile(const BytesFile&) = delete;
  BytesFile& operator=(const BytesFile&) = delete;
  ~BytesFile() { std::filesystem::remove(m_path); }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

struct ByteSum {
  std::span<const std::byte> bytes;
  std::size_t sum;
};

void sumBytes(void* context) {
  auto& job = *static_cast<ByteSum*>(context);
  for (const std::byte b : job.bytes)
    job.sum += static_cast<std::size_t>(b);
}

std::size_t expectedSum(std::size_t size) {
  std::size_t sum = 0;
  for (std::size_t i = 0; i < size; ++i)
    sum += i % 251;
  return sum;
}

TEST(MappedFile, AGuardedReadSeesTheFileBytes) {
  const BytesFile file("whole", 100'000);
  const FileDescriptor fd(::open(file.path().c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_GE(fd.get(), 0);
  Result<MappedFile> mapping = MappedFile::map(fd.get(), 100'000, file.path().string());
  ASSERT_TRUE(mapping) << mapping.error().message;
  ByteSum job{mapping->bytes(), 0};
  EXPECT_TRUE(visitMappedGuarded(mapping->bytes(), &sumBytes, &job));
  EXPECT_EQ(job.sum, expectedSum(100'000));
}

TEST(MappedFile, AnEmptyFileIsRefusedByName) {
  const BytesFile file("empty", 0);
  const FileDescriptor fd(::open(file.path().c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_GE(fd.get(), 0);
  Result<MappedFile> mapping = MappedFile::map(fd.get(), 0, file.path().string());
  ASSERT_FALSE(mapping);
  EXPECT_NE(mapping.error().message.find(file.path().string()), std::string::npos);
}

// Another program truncates the file after it was mapped: reading the pages
// past the new end raises SIGBUS, which the guard turns into `false`. The
// process lives on, and a later guarded read works (the signal mask and the
// handler are as before).
TEST(MappedFile, AFileTruncatedUnderneathIsAFailedReadNotACrash) {
  const BytesFile file("shrinks", 256 * 1024);
  const FileDescriptor fd(::open(file.path().c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_GE(fd.get(), 0);
  Result<MappedFile> mapping = MappedFile::map(fd.get(), 256 * 1024, file.path().string());
  ASSERT_TRUE(mapping) << mapping.error().message;
  std::filesystem::resize_file(file.path(), 1000);

  ByteSum job{mapping->bytes(), 0};
  EXPECT_FALSE(visitMappedGuarded(mapping->bytes(), &sumBytes, &job));
  EXPECT_FALSE(visitMappedGuarded(mapping->bytes(), &sumBytes, &job)) << "the guard holds twice";

  const BytesFile other("after", 10'000);
  const FileDescriptor otherFd(::open(other.path().c_str(), O_RDONLY | O_CLOEXEC));
  Result<MappedFile> otherMapping = MappedFile::map(otherFd.get(), 10'000, other.path().string());
  ASSERT_TRUE(otherMapping) << otherMapping.error().message;
  ByteSum whole{otherMapping->bytes(), 0};
  EXPECT_TRUE(visitMappedGuarded(otherMapping->bytes(), &sumBytes, &whole));
  EXPECT_EQ(whole.sum, expectedSum(10'000));
}

}  // namespace
}  // namespace fuselabel
