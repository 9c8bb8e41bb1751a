#include "datasets/image/image_loader.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstring>
#include <exception>

#include "datasets/io/file_bytes.hpp"

namespace fuselabel {

Result<Image> decodeImage(std::span<const std::byte> bytes, std::string_view nameForMessages) {
  if (bytes.empty()) return Error::inFile(nameForMessages, "is empty, not an image");
  cv::Mat decoded;
  try {
    // imdecode does not modify its input; the Mat only wraps the bytes.
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                      const_cast<std::byte*>(bytes.data()));  // NOLINT: read-only use
    decoded = cv::imdecode(raw, cv::IMREAD_COLOR);
  } catch (const std::exception& e) {
    // OpenCV reports some corrupt files by throwing; the policy is a Result.
    return Error::inFile(nameForMessages, std::string("cannot decode image: ") + e.what());
  }
  if (decoded.empty() || decoded.type() != CV_8UC3) {
    return Error::inFile(nameForMessages,
                         "cannot decode image (not a PNG or JPEG file, or corrupt)");
  }
  Image image;
  image.width = decoded.cols;
  image.height = decoded.rows;
  image.rgb.resize(static_cast<std::size_t>(decoded.cols) * static_cast<std::size_t>(decoded.rows) *
                   3);
  std::uint8_t* out = image.rgb.data();
  for (int row = 0; row < decoded.rows; ++row) {
    const std::uint8_t* in = decoded.ptr<std::uint8_t>(row);
    for (int col = 0; col < decoded.cols; ++col, in += 3, out += 3) {
      // OpenCV decodes to BGR.
      out[0] = in[2];
      out[1] = in[1];
      out[2] = in[0];
    }
  }
  return image;
}

Result<Image> loadImage(const std::filesystem::path& path) {
  Result<FileBytes> bytes = readFileBytes(path);
  if (!bytes) return bytes.error();
  return decodeImage(bytes->bytes(), path.string());
}

ImageLoader::ImageLoader(unsigned threads) {
  if (threads == 0) threads = 1;
  m_workers.reserve(threads);
  for (unsigned i = 0; i < threads; ++i)
    m_workers.emplace_back([this] { workerLoop(); });
}

ImageLoader::~ImageLoader() {
  std::deque<Job> cancelled;
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
    cancelled.swap(m_queue);
  }
  m_wake.notify_all();
  for (Job& job : cancelled) {
    job.promise.set_value(Error::inFile(job.path.string(), "image load cancelled"));
  }
  for (std::thread& worker : m_workers)
    worker.join();
}

std::future<Result<Image>> ImageLoader::loadAsync(std::filesystem::path path) {
  Job job{std::move(path), {}};
  std::future<Result<Image>> future = job.promise.get_future();
  {
    const std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(job));
  }
  m_wake.notify_one();
  return future;
}

void ImageLoader::workerLoop() {
  while (true) {
    Job job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) return;  // stopping
      job = std::move(m_queue.front());
      m_queue.pop_front();
    }
    job.promise.set_value(loadImage(job.path));
  }
}

}  // namespace fuselabel
