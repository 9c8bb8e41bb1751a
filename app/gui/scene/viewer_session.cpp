#include "app/gui/scene/viewer_session.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include "app/gui/scene/async_frame_cache.hpp"
#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel::gui {
namespace {

// Playback never runs faster than this or stalls longer on odd timestamps.
constexpr double k_minPeriodS = 0.02;
constexpr double k_maxPeriodS = 2.0;

}  // namespace

const char* toString(DatasetState state) noexcept {
  switch (state) {
    case DatasetState::None:
      return "none";
    case DatasetState::Opening:
      return "opening";
    case DatasetState::Open:
      return "open";
    case DatasetState::Failed:
      return "failed";
  }
  return "none";
}

ViewerSession::ViewerSession(SourceFactory makeSource) : m_makeSource(std::move(makeSource)) {
  if (!m_makeSource) {
    m_makeSource = [](std::shared_ptr<const Sequence> sequence) {
      return std::make_unique<AsyncFrameCache>(std::move(sequence));
    };
  }
}

ViewerSession::~ViewerSession() {
  // The source's threads read the sequence: stop them first.
  m_source.reset();
  if (m_opening.valid()) {
    m_opening.wait();
  }
}

void ViewerSession::open(const std::filesystem::path& path, const DatasetOpenOptions& options,
                         const std::string& startFrame) {
  m_source.reset();
  m_sequence.reset();
  m_shown.reset();
  m_currentError.reset();
  m_current = 0;
  m_playing = false;
  m_path = path;
  m_startFrame = startFrame;
  m_openError.clear();
  m_state = DatasetState::Opening;
  m_opening = std::async(std::launch::async, [path, options]() -> Result<Sequence> {
    try {
      return openDataset(path, options);
    } catch (const std::exception& e) {
      return Error{path.string() + ": " + e.what()};
    }
  });
}

std::string ViewerSession::format() const {
  return m_sequence ? m_sequence->format : std::string();
}

std::size_t ViewerSession::frameCount() const noexcept {
  return m_sequence ? m_sequence->frameCount() : 0;
}

std::string ViewerSession::frameId(std::size_t frame) const {
  return m_sequence && frame < m_sequence->frameCount() ? m_sequence->frames[frame].id
                                                        : std::string();
}

std::int64_t ViewerSession::frameTimestampNs(std::size_t frame) const {
  return m_sequence && frame < m_sequence->frameCount()
             ? m_sequence->frames[frame].lidar.timestampNs
             : 0;
}

void ViewerSession::setFrame(std::size_t frame) {
  const std::size_t count = frameCount();
  if (count == 0) {
    return;
  }
  frame = std::min(frame, count - 1);
  if (frame == m_current) {
    return;
  }
  m_current = frame;
  m_currentError.reset();
  m_shownAt = m_now;
  if (m_source) {
    m_source->request(m_current);
  }
}

void ViewerSession::step(int delta) {
  const std::size_t count = frameCount();
  if (count == 0) {
    return;
  }
  const auto target = static_cast<long long>(m_current) + delta;
  setFrame(static_cast<std::size_t>(
      std::clamp<long long>(target, 0, static_cast<long long>(count) - 1)));
}

void ViewerSession::last() {
  if (frameCount() > 0) {
    setFrame(frameCount() - 1);
  }
}

void ViewerSession::setPlaying(bool playing) {
  m_playing = playing && frameCount() > 1;
  m_shownAt = m_now;
  m_buffering = false;
}

void ViewerSession::update(double nowSeconds) {
  m_now = nowSeconds;
  if (m_state == DatasetState::Opening && m_opening.valid() &&
      m_opening.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Result<Sequence> opened = m_opening.get();
    if (!opened) {
      m_state = DatasetState::Failed;
      m_openError = opened.error().message;
    } else if (opened->frameCount() == 0) {
      m_state = DatasetState::Failed;
      m_openError = m_path.string() + ": the dataset has no frames";
    } else {
      m_sequence = std::make_shared<const Sequence>(std::move(opened).value());
      m_source = m_makeSource(m_sequence);
      m_state = DatasetState::Open;
      m_current = m_sequence->frameIndex(m_startFrame).value_or(0);
      m_source->request(m_current);
      m_shownAt = nowSeconds;
    }
  }
  if (!m_source) {
    return;
  }
  if (!currentLoaded()) {
    if (auto data = m_source->get(m_current)) {
      m_shown = std::move(data);
      m_shownAt = nowSeconds;
      m_currentError.reset();
    } else {
      m_currentError = m_source->error(m_current);
    }
  }
  m_buffering = false;
  if (m_playing && currentLoaded()) {
    const std::size_t count = frameCount();
    const std::size_t next = m_current + 1 < count ? m_current + 1 : 0;
    const double gap =
        next > m_current
            ? static_cast<double>(frameTimestampNs(next) - frameTimestampNs(m_current)) * 1e-9
            : 0.1;
    const double period = std::clamp(gap, k_minPeriodS, k_maxPeriodS);
    if (nowSeconds - m_shownAt >= period) {
      const double dueAt = m_shownAt + period;
      setFrame(next);
      // Keep the sensor's cadence even when a UI frame arrives late.
      m_shownAt = std::max(dueAt, nowSeconds - period);
      if (auto data = m_source->get(m_current)) {
        m_shown = std::move(data);
      } else {
        m_buffering = true;
      }
    }
  } else if (m_playing) {
    m_buffering = !m_currentError.has_value();
  }
}

}  // namespace fuselabel::gui
