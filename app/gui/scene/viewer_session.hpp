#pragma once
// The open recording and where the viewer is in it: which dataset (opened on
// a worker thread), which frame, playback. Panels get this in their
// constructor; it holds no GL objects and never blocks the frame loop.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/scene/frame_source.hpp"
#include "core/util/result.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::gui {

enum class DatasetState { None, Opening, Open, Failed };

[[nodiscard]] const char* toString(DatasetState state) noexcept;

class ViewerSession {
 public:
  using SourceFactory =
      std::function<std::unique_ptr<FrameSource>(std::shared_ptr<const Sequence>)>;

  /// `makeSource` builds the frame source once a dataset is open (default: AsyncFrameCache).
  explicit ViewerSession(SourceFactory makeSource = {});
  ViewerSession(const ViewerSession&) = delete;
  ViewerSession& operator=(const ViewerSession&) = delete;
  ViewerSession(ViewerSession&&) = delete;
  ViewerSession& operator=(ViewerSession&&) = delete;
  ~ViewerSession();

  /// Starts opening `path` on a worker thread (`options.format` empty = detect).
  /// `startFrame` (a frame id) is selected once it is open, when it exists.
  void open(const std::filesystem::path& path, const DatasetOpenOptions& options,
            const std::string& startFrame = {});

  /// Once per UI frame: finishes an open, advances playback, polls the source.
  /// `nowSeconds` is a monotonic clock.
  void update(double nowSeconds);

  [[nodiscard]] DatasetState state() const noexcept { return m_state; }
  [[nodiscard]] const std::string& openError() const noexcept { return m_openError; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }
  /// "kitti-object", "sustech", ... once open.
  [[nodiscard]] std::string format() const;
  /// The open sequence, or nullptr.
  [[nodiscard]] const Sequence* sequence() const noexcept { return m_sequence.get(); }
  /// The open sequence, shared with workers that must keep it alive (or nullptr).
  [[nodiscard]] std::shared_ptr<const Sequence> sharedSequence() const noexcept {
    return m_sequence;
  }

  [[nodiscard]] std::size_t frameCount() const noexcept;
  [[nodiscard]] std::size_t currentFrame() const noexcept { return m_current; }
  [[nodiscard]] std::string frameId(std::size_t frame) const;
  [[nodiscard]] std::int64_t frameTimestampNs(std::size_t frame) const;

  void setFrame(std::size_t frame);
  void step(int delta);
  void first() { setFrame(0); }
  void last();

  [[nodiscard]] bool playing() const noexcept { return m_playing; }
  void setPlaying(bool playing);
  void togglePlay() { setPlaying(!m_playing); }
  /// True while playback waits for the next frame to finish loading.
  [[nodiscard]] bool buffering() const noexcept { return m_buffering; }

  /// The data of the current frame once loaded, else the last frame shown
  /// (so the view does not flash empty while the next one loads); nullptr before any.
  [[nodiscard]] const std::shared_ptr<const FrameData>& shown() const noexcept { return m_shown; }
  /// Whether shown() is the current frame.
  [[nodiscard]] bool currentLoaded() const noexcept {
    return m_shown && m_shown->index == m_current;
  }
  /// Why the current frame failed to load, if it did.
  [[nodiscard]] const std::optional<std::string>& currentError() const noexcept {
    return m_currentError;
  }

 private:
  SourceFactory m_makeSource;
  DatasetState m_state = DatasetState::None;
  std::filesystem::path m_path;
  std::string m_startFrame;
  std::string m_openError;
  std::future<Result<Sequence>> m_opening;
  std::shared_ptr<const Sequence> m_sequence;
  std::unique_ptr<FrameSource> m_source;
  std::size_t m_current = 0;
  std::shared_ptr<const FrameData> m_shown;
  std::optional<std::string> m_currentError;
  bool m_playing = false;
  bool m_buffering = false;
  double m_shownAt = 0.0;  // when the current frame appeared (playback clock)
  double m_now = 0.0;
};

}  // namespace fuselabel::gui
