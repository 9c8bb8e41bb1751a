#pragma once
// The accumulated view: the sweeps around the current frame merged in the
// world (datasets/sequence/sweep_accumulation) and shown in the current
// frame's ego frame, where lane paint, curbs and parked cars gain the density
// one sweep lacks. Built on a worker thread; while a build runs the view keeps
// what it showed, and a newer request replaces an older one.

#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/render/point_batch.hpp"

namespace fuselabel {
class Sequence;
}

namespace fuselabel::gui {

/// Which sweeps to merge.
struct AccumulationSettings {
  bool enabled = false;
  int before = 10;  ///< sweeps before the current one
  int after = 0;    ///< sweeps after it
  bool operator==(const AccumulationSettings&) const = default;
};

class AccumulatedLayer {
 public:
  /// Frame versions count up from 1; accumulated builds live far above them.
  static constexpr std::uint64_t kVersionBase = std::uint64_t{1} << 62;

  AccumulatedLayer() = default;
  AccumulatedLayer(const AccumulatedLayer&) = delete;
  AccumulatedLayer& operator=(const AccumulatedLayer&) = delete;
  AccumulatedLayer(AccumulatedLayer&&) = delete;
  AccumulatedLayer& operator=(AccumulatedLayer&&) = delete;
  ~AccumulatedLayer();

  /// Once per UI frame: asks for the accumulation around `frame` (nothing
  /// when disabled), and takes a finished build.
  void update(const std::shared_ptr<const Sequence>& sequence, std::size_t frame,
              const AccumulationSettings& settings);

  /// The merged points for the last finished request, or nullptr (disabled,
  /// nothing built yet, or the build failed).
  [[nodiscard]] const std::shared_ptr<const render::PointBatch>& batch() const noexcept {
    return m_batch;
  }
  /// Unique per build, for the GPU mirror (never equal to a frame's version).
  [[nodiscard]] std::uint64_t version() const noexcept { return kVersionBase + m_version; }
  /// Whether the batch on show is for the current request.
  [[nodiscard]] bool current() const noexcept { return m_batch && m_builtFor == m_wanted; }
  /// A build is running.
  [[nodiscard]] bool building() const noexcept { return m_job.valid(); }
  /// Why the last build failed, or empty.
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }
  /// Sweeps the last build could not load.
  [[nodiscard]] std::size_t skipped() const noexcept { return m_skipped; }

 private:
  struct Request {
    std::size_t frame = 0;
    int before = 0;
    int after = 0;
    bool operator==(const Request&) const = default;
  };
  struct Built {
    std::shared_ptr<const render::PointBatch> batch;
    std::string error;
    std::size_t skipped = 0;
  };
  void start(const std::shared_ptr<const Sequence>& sequence, const Request& request);

  std::optional<Request> m_wanted;
  std::optional<Request> m_running;
  std::optional<Request> m_builtFor;
  std::future<Built> m_job;
  std::shared_ptr<const render::PointBatch> m_batch;
  std::uint64_t m_version = 0;
  std::string m_error;
  std::size_t m_skipped = 0;
};

}  // namespace fuselabel::gui
