#pragma once
// Frames decoded ahead of time. Playback at sensor rate needs the next sweeps
// parsed and images decoded before they are shown; a FrameCache does that on
// worker threads, keeps a window of frames around the one being viewed within
// a memory bound, and reads new sweeps into the memory of the ones it let go
// (fresh pages cost as much as the parse itself).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "datasets/image/image_loader.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

/// One frame's data as loaded: the reference sweep and each camera's image.
struct LoadedFrame {
  size_t frame = 0;                          ///< frame index
  double loadMs = 0.0;                       ///< wall time to read the sweep and decode the images
  Result<PointCloudFile> sweep = Error{""};  ///< the sweep, or why it could not be read
  /// Per camera (same order as Sequence::cameras): the decoded image, nothing
  /// when the camera has no sample for this frame, or the decode error.
  std::vector<std::optional<Result<Image>>> images;
  /// Approximate bytes held, for the memory bound.
  size_t bytes() const;
};

/// Limits and look-ahead of a FrameCache.
struct FrameCacheOptions {
  size_t maxBytes = size_t{1} << 30;  ///< memory bound of loaded frames (default 1 GiB)
  size_t prefetchAhead = 4;           ///< frames after the current one loaded in advance
  size_t prefetchBehind = 1;          ///< frames before it (stepping back is common)
  /// Frames kept either side of the current one once loaded (stepping back
  /// finds them); frames farther away are let go, their sweeps' memory reused.
  size_t keepAround = 16;
  unsigned threads = 2;    ///< worker threads (each loads whole frames)
  bool loadImages = true;  ///< decode camera images too
  unsigned imageThreads =
      2;  ///< decoders shared by the workers (a frame's images decode while its sweep is read)
};

/// Loads frames of one sequence on worker threads.
class FrameCache {
 public:
  /// The sequence must outlive the cache.
  FrameCache(const Sequence& sequence, FrameCacheOptions options = {});
  FrameCache(const FrameCache&) = delete;
  FrameCache& operator=(const FrameCache&) = delete;
  /// Stops the workers; queued loads are dropped.
  ~FrameCache();

  /// The frame, loading it now if needed (blocking), and schedules prefetch around it.
  std::shared_ptr<const LoadedFrame> get(size_t frame);
  /// The frame if already loaded (never blocks); schedules it and its neighbours otherwise.
  std::shared_ptr<const LoadedFrame> tryGet(size_t frame);
  /// Bytes held by loaded frames.
  size_t bytesUsed() const;
  /// Number of frames held.
  size_t framesHeld() const;

 private:
  void schedule(size_t current);
  void workerLoop();
  std::shared_ptr<LoadedFrame> load(size_t frame, PointCloud storage);
  /// Lock held: keeps `loaded` if it is near the current frame, else recycles it.
  void keep(size_t frame, std::shared_ptr<LoadedFrame> loaded);
  void evict(size_t current);
  /// Lock held: a spare cloud's memory for the next load (empty if none).
  PointCloud takeSpare();
  /// Lock held: keeps the sweep's memory of a frame no one else holds.
  void recycle(std::shared_ptr<LoadedFrame>&& frame);
  /// Lock held: frames farther than this from the current one are let go.
  size_t keepDistance() const;

  const Sequence& m_sequence;
  FrameCacheOptions m_options;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_loaded;
  std::deque<size_t> m_queue;
  std::map<size_t, bool> m_inFlight;
  std::map<size_t, std::shared_ptr<LoadedFrame>> m_frames;
  std::vector<PointCloud> m_spare;        ///< memory of let-go sweeps, reused by the next loads
  std::unique_ptr<ImageLoader> m_images;  ///< null unless loadImages; shared by the workers
  size_t m_bytes = 0;
  size_t m_current = 0;
  bool m_stopping = false;
  std::vector<std::thread> m_workers;
};

}  // namespace fuselabel
