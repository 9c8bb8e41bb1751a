#include "app/gui/scene/accumulated_layer.hpp"

#include <chrono>
#include <exception>

#include "app/gui/scene/frame_builder.hpp"
#include "datasets/sequence/sweep_accumulation.hpp"

namespace fuselabel::gui {
AccumulatedLayer::~AccumulatedLayer() {
  if (m_job.valid()) {
    m_job.wait();
  }
}

void AccumulatedLayer::start(const std::shared_ptr<const Sequence>& sequence,
                             const Request& request) {
  m_running = request;
  m_job = std::async(std::launch::async, [sequence, request]() -> Built {
    Built built;
    try {
      FrameCacheOptions cacheOptions;
      cacheOptions.loadImages = false;
      cacheOptions.prefetchAhead = 0;
      cacheOptions.prefetchBehind = 0;
      FrameCache cache(*sequence, cacheOptions);
      AccumulationOptions options;
      options.before = static_cast<std::size_t>(request.before);
      options.after = static_cast<std::size_t>(request.after);
      auto merged = accumulateSweeps(*sequence, cache, request.frame, options, &built.skipped);
      if (!merged) {
        built.error = merged.error().message;
        return built;
      }
      // Merged points are in world; the view is the current frame's ego frame.
      const std::int64_t t = sequence->frames[request.frame].lidar.timestampNs;
      const Eigen::Isometry3d T_ego_world =
          sequence->poses.empty() ? Eigen::Isometry3d::Identity() : sequence->poses.at(t).inverse();
      built.batch = std::make_shared<const render::PointBatch>(
          makePointBatch(*merged, T_ego_world.matrix().cast<float>()));
    } catch (const std::exception& e) {
      built.error = std::string("accumulating sweeps: ") + e.what();
    }
    return built;
  });
}

void AccumulatedLayer::update(const std::shared_ptr<const Sequence>& sequence, std::size_t frame,
                              const AccumulationSettings& settings) {
  if (m_job.valid() && m_job.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Built built = m_job.get();
    m_builtFor = m_running;
    m_running.reset();
    m_error = std::move(built.error);
    m_skipped = built.skipped;
    m_batch = std::move(built.batch);
    ++m_version;
  }
  if (!settings.enabled || !sequence || frame >= sequence->frameCount()) {
    m_wanted.reset();
    m_batch.reset();
    m_builtFor.reset();
    return;
  }
  m_wanted = Request{frame, settings.before, settings.after};
  if (!m_job.valid() && m_builtFor != m_wanted) {
    start(sequence, *m_wanted);
  }
}

}  // namespace fuselabel::gui
