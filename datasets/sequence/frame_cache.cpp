#include "datasets/sequence/frame_cache.hpp"

#include <algorithm>
#include <chrono>
#include <future>

namespace fuselabel {
namespace {

size_t distance(size_t a, size_t b) {
  return a > b ? a - b : b - a;
}

/// Spare clouds beyond this are freed: one per loader in flight is all that is ever taken at once.
constexpr size_t kMaxSpareClouds = 8;

}  // namespace

size_t LoadedFrame::bytes() const {
  size_t total = sizeof(LoadedFrame);
  if (sweep) {
    const PointCloud& c = sweep->cloud;
    total += c.size() * (4 * sizeof(float) + (c.hasRing() ? 2 : 0) + (c.hasTime() ? 4 : 0) +
                         (c.hasRgb() ? 3 : 0));
  }
  for (const auto& image : images) {
    if (image && image->ok()) total += image->value().rgb.size();
  }
  return total;
}

FrameCache::FrameCache(const Sequence& sequence, FrameCacheOptions options)
    : m_sequence(sequence), m_options(options) {
  if (m_options.loadImages && !m_sequence.cameras.empty())
    m_images = std::make_unique<ImageLoader>(std::max(1u, m_options.imageThreads));
  const unsigned threads = std::max(1u, m_options.threads);
  for (unsigned i = 0; i < threads; ++i)
    m_workers.emplace_back([this] { workerLoop(); });
}

FrameCache::~FrameCache() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_queue.clear();
  }
  m_wake.notify_all();
  for (std::thread& worker : m_workers)
    worker.join();
}

std::shared_ptr<LoadedFrame> FrameCache::load(size_t frame, PointCloud storage) {
  const auto start = std::chrono::steady_clock::now();
  auto loaded = std::make_shared<LoadedFrame>();
  loaded->frame = frame;
  // Images decode on the loader's threads while this one reads the sweep.
  std::vector<std::optional<std::future<Result<Image>>>> decoding;
  if (m_images) {
    for (const CameraStream& camera : m_sequence.cameras) {
      const auto& match =
          frame < camera.frameSample.size() ? camera.frameSample[frame] : std::nullopt;
      decoding.emplace_back();
      if (match) decoding.back() = m_images->loadAsync(camera.samples[*match].file);
    }
  }
  loaded->sweep = m_sequence.loadSweep(frame, std::move(storage));
  for (auto& image : decoding) {
    if (image) {
      loaded->images.emplace_back(image->get());
    } else {
      loaded->images.emplace_back(std::nullopt);
    }
  }
  loaded->loadMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return loaded;
}

void FrameCache::schedule(size_t current) {
  // Called with m_mutex held. Nearest frames first: the next one, then the
  // previous, then further ahead.
  m_current = current;
  m_queue.clear();
  const size_t count = m_sequence.frameCount();
  std::vector<size_t> wanted;
  for (size_t step = 1; step <= m_options.prefetchAhead; ++step) {
    if (current + step < count) wanted.push_back(current + step);
    if (step <= m_options.prefetchBehind && current >= step) wanted.push_back(current - step);
  }
  for (size_t frame : wanted) {
    if (m_frames.count(frame) == 0 && m_inFlight.count(frame) == 0) m_queue.push_back(frame);
  }
  m_wake.notify_all();
}

size_t FrameCache::keepDistance() const {
  return std::max({m_options.keepAround, m_options.prefetchAhead, m_options.prefetchBehind});
}

PointCloud FrameCache::takeSpare() {
  if (m_spare.empty()) return {};
  PointCloud cloud = std::move(m_spare.back());
  m_spare.pop_back();
  return cloud;
}

void FrameCache::recycle(std::shared_ptr<LoadedFrame>&& frame) {
  // Only a frame nobody else holds: a viewer may still be drawing the others.
  if (frame.use_count() == 1 && frame->sweep && m_spare.size() < kMaxSpareClouds)
    m_spare.push_back(std::move(frame->sweep->cloud));
  frame.reset();
}

void FrameCache::keep(size_t frame, std::shared_ptr<LoadedFrame> loaded) {
  // A frame the viewer moved far away from while it loaded is not kept.
  if (frame != m_current && distance(frame, m_current) > keepDistance()) {
    recycle(std::move(loaded));
    return;
  }
  m_bytes += loaded->bytes();
  m_frames[frame] = std::move(loaded);
  evict(m_current);
}

void FrameCache::evict(size_t current) {
  // Called with m_mutex held. First the frames outside the window around
  // `current`, then the farthest ones until under the bound, never `current`.
  for (auto it = m_frames.begin(); it != m_frames.end();) {
    if (it->first != current && distance(it->first, current) > keepDistance()) {
      m_bytes -= it->second->bytes();
      recycle(std::move(it->second));
      it = m_frames.erase(it);
    } else {
      ++it;
    }
  }
  while (m_bytes > m_options.maxBytes && m_frames.size() > 1) {
    auto farthest = m_frames.end();
    for (auto it = m_frames.begin(); it != m_frames.end(); ++it) {
      if (it->first == current) continue;
      if (farthest == m_frames.end() ||
          distance(it->first, current) > distance(farthest->first, current)) {
        farthest = it;
      }
    }
    if (farthest == m_frames.end()) break;
    m_bytes -= farthest->second->bytes();
    recycle(std::move(farthest->second));
    m_frames.erase(farthest);
  }
}

void FrameCache::workerLoop() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_stopping) return;
    const size_t frame = m_queue.front();
    m_queue.pop_front();
    if (m_frames.count(frame) != 0 || m_inFlight.count(frame) != 0) continue;
    m_inFlight[frame] = true;
    PointCloud storage = takeSpare();
    lock.unlock();
    auto loaded = load(frame, std::move(storage));
    lock.lock();
    m_inFlight.erase(frame);
    keep(frame, std::move(loaded));
    m_loaded.notify_all();
  }
}

std::shared_ptr<const LoadedFrame> FrameCache::tryGet(size_t frame) {
  const std::lock_guard lock(m_mutex);
  schedule(frame);
  if (auto it = m_frames.find(frame); it != m_frames.end()) return it->second;
  if (m_inFlight.count(frame) == 0) {
    m_queue.push_front(frame);
    m_wake.notify_one();
  }
  return nullptr;
}

std::shared_ptr<const LoadedFrame> FrameCache::get(size_t frame) {
  std::unique_lock lock(m_mutex);
  schedule(frame);
  if (auto it = m_frames.find(frame); it != m_frames.end()) return it->second;
  if (m_inFlight.count(frame) != 0) {
    // A worker is on it: wait rather than read the same files twice.
    m_loaded.wait(lock, [&] { return m_inFlight.count(frame) == 0 || m_stopping; });
    if (auto it = m_frames.find(frame); it != m_frames.end()) return it->second;
  }
  m_inFlight[frame] = true;
  PointCloud storage = takeSpare();
  lock.unlock();
  std::shared_ptr<LoadedFrame> loaded = load(frame, std::move(storage));
  lock.lock();
  m_inFlight.erase(frame);
  m_bytes += loaded->bytes();
  m_frames[frame] = loaded;
  evict(frame);
  m_loaded.notify_all();
  return loaded;
}

size_t FrameCache::bytesUsed() const {
  const std::lock_guard lock(m_mutex);
  return m_bytes;
}

size_t FrameCache::framesHeld() const {
  const std::lock_guard lock(m_mutex);
  return m_frames.size();
}

}  // namespace fuselabel
