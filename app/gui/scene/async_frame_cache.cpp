#include "app/gui/scene/async_frame_cache.hpp"

#include <algorithm>
#include <exception>

#include "app/gui/scene/frame_builder.hpp"

namespace fuselabel::gui {

namespace {

/// The loader reads a little further ahead than frames are built, so the
/// builder never waits on a file, and keeps a short window behind (stepping
/// back rebuilds from memory, not disk).
FrameCacheOptions loaderOptions(const AsyncFrameCacheOptions& options) {
  FrameCacheOptions loader;
  loader.prefetchAhead = options.prefetch + 2;
  loader.prefetchBehind = 1;
  loader.keepAround = std::max<std::size_t>(options.capacity, loader.prefetchAhead);
  return loader;
}

}  // namespace

AsyncFrameCache::AsyncFrameCache(std::shared_ptr<const Sequence> sequence,
                                 AsyncFrameCacheOptions options)
    : m_sequence(std::move(sequence)),
      m_options(options),
      m_loader(*m_sequence, loaderOptions(options)),
      m_worker([this] { workerLoop(); }) {}

AsyncFrameCache::~AsyncFrameCache() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_worker.join();
}

void AsyncFrameCache::request(std::size_t frame) {
  {
    const std::lock_guard lock(m_mutex);
    if (m_hasWanted && m_wanted == frame) {
      return;
    }
    m_wanted = frame;
    m_hasWanted = true;
    evict();
  }
  m_wake.notify_all();
}

std::shared_ptr<const FrameData> AsyncFrameCache::get(std::size_t frame) {
  const std::lock_guard lock(m_mutex);
  const auto it = m_entries.find(frame);
  return it == m_entries.end() ? nullptr : it->second.data;
}

std::optional<std::string> AsyncFrameCache::error(std::size_t frame) {
  const std::lock_guard lock(m_mutex);
  const auto it = m_entries.find(frame);
  return it == m_entries.end() ? std::nullopt : it->second.error;
}

std::optional<std::size_t> AsyncFrameCache::nextJob() const {
  if (!m_hasWanted) {
    return std::nullopt;
  }
  const std::size_t count = m_sequence->frameCount();
  for (std::size_t k = 0; k <= m_options.prefetch; ++k) {
    const std::size_t frame = m_wanted + k;
    if (frame >= count) {
      break;
    }
    if (m_entries.find(frame) == m_entries.end()) {
      return frame;
    }
  }
  return std::nullopt;
}

void AsyncFrameCache::evict() {
  // Drop the frames farthest from the wanted one beyond the capacity.
  while (m_entries.size() > m_options.capacity) {
    auto farthest = m_entries.begin();
    std::size_t worst = 0;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
      const std::size_t d =
          it->first > m_wanted ? it->first - m_wanted : (m_wanted - it->first) * 2 + 1;
      if (d >= worst) {
        worst = d;
        farthest = it;
      }
    }
    m_entries.erase(farthest);
  }
}

void AsyncFrameCache::workerLoop() {
  while (true) {
    std::size_t frame = 0;
    std::uint64_t version = 0;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stopping || nextJob().has_value(); });
      if (m_stopping) {
        return;
      }
      frame = *nextJob();
      version = m_nextVersion++;
    }
    Entry entry;
    try {
      Result<FrameData> built = buildFrame(*m_sequence, m_loader.get(frame), version);
      if (built) {
        entry.data = std::make_shared<const FrameData>(std::move(built).value());
      } else {
        entry.error = built.error().message;
      }
    } catch (const std::exception& e) {
      // Out of memory on a huge sweep, say: the frame fails, the viewer goes on.
      entry.error = std::string("loading frame failed: ") + e.what();
    }
    {
      const std::lock_guard lock(m_mutex);
      m_entries[frame] = std::move(entry);
      evict();
    }
  }
}

}  // namespace fuselabel::gui
