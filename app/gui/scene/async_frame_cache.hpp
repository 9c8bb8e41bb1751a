#pragma once
// FrameSource on worker threads: the datasets FrameCache reads sweeps and
// decodes images ahead of the viewer (its prefetch, window and recycled
// sweep memory), and one builder thread lays each frame out for the GPU and
// projects it into the cameras. Keeps the last few built frames and builds
// the ones after the requested frame, so stepping and playback at sensor rate
// find the next frame ready.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "app/gui/scene/frame_source.hpp"
#include "datasets/sequence/frame_cache.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

/// How many built frames an AsyncFrameCache keeps and builds ahead.
struct AsyncFrameCacheOptions {
  std::size_t capacity = 6;  ///< built frames kept (requested + ahead + recent)
  std::size_t prefetch = 2;  ///< frames after the requested one built ahead
};

class AsyncFrameCache final : public FrameSource {
 public:
  AsyncFrameCache(std::shared_ptr<const Sequence> sequence, AsyncFrameCacheOptions options = {});
  ~AsyncFrameCache() override;

  void request(std::size_t frame) override;
  [[nodiscard]] std::shared_ptr<const FrameData> get(std::size_t frame) override;
  [[nodiscard]] std::optional<std::string> error(std::size_t frame) override;

 private:
  struct Entry {
    std::shared_ptr<const FrameData> data;
    std::optional<std::string> error;
  };
  void workerLoop();
  /// The next frame to load (requested first, then prefetch), or nothing. Lock held.
  [[nodiscard]] std::optional<std::size_t> nextJob() const;
  void evict();  // lock held

  std::shared_ptr<const Sequence> m_sequence;
  AsyncFrameCacheOptions m_options;
  FrameCache m_loader;  ///< sweeps and images, read ahead of the builder
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::map<std::size_t, Entry> m_entries;
  std::size_t m_wanted = 0;
  bool m_hasWanted = false;
  bool m_stopping = false;
  std::uint64_t m_nextVersion = 1;
  std::thread m_worker;  // last: starts after everything above exists
};

}  // namespace fuselabel::gui
