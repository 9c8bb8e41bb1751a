#pragma once
// Decoding camera images (PNG, JPEG) into a plain RGB8 buffer, synchronously
// or on worker threads: the GUI must never decode on its main thread.
// OpenCV stays inside image_loader.cpp.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel {

/// A decoded 8-bit RGB image, rows top to bottom, no padding between rows.
struct Image {
  int width = 0;                  ///< Columns (pixels).
  int height = 0;                 ///< Rows (pixels).
  std::vector<std::uint8_t> rgb;  ///< width × height × 3 bytes, R G B.
};

/// Decodes the PNG or JPEG at `path` (greyscale and 16-bit files are
/// converted to RGB8). Errors name the file.
[[nodiscard]] Result<Image> loadImage(const std::filesystem::path& path);

/// Decodes an image held in memory; `nameForMessages` names it in errors.
[[nodiscard]] Result<Image> decodeImage(std::span<const std::byte> bytes,
                                        std::string_view nameForMessages);

/// A small pool of decode threads. Futures are always fulfilled: with the
/// image, with a decode error, or with a "cancelled" error when the pool is
/// destroyed before the job ran, so waiting on one never throws.
class ImageLoader {
 public:
  /// Starts `threads` workers (at least one).
  explicit ImageLoader(unsigned threads = 2);
  ImageLoader(const ImageLoader&) = delete;
  ImageLoader& operator=(const ImageLoader&) = delete;
  /// Cancels queued jobs and joins the workers.
  ~ImageLoader();

  /// Queues a decode of `path`; the future becomes ready when it is done.
  [[nodiscard]] std::future<Result<Image>> loadAsync(std::filesystem::path path);

 private:
  struct Job {
    std::filesystem::path path;
    std::promise<Result<Image>> promise;
  };
  void workerLoop();

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_queue;
  bool m_stopping = false;
  std::vector<std::thread> m_workers;
};

}  // namespace fuselabel
