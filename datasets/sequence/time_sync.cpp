#include "datasets/sequence/time_sync.hpp"

#include <algorithm>
#include <cstdlib>

namespace fuselabel {

std::int64_t defaultSyncTolerance(const std::vector<Frame>& frames) {
  if (frames.size() < 2) return 50'000'000;  // a lone frame: assume a 10 Hz LiDAR
  std::vector<std::int64_t> gaps;
  gaps.reserve(frames.size() - 1);
  for (size_t i = 1; i < frames.size(); ++i)
    gaps.push_back(frames[i].lidar.timestampNs - frames[i - 1].lidar.timestampNs);
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  return std::max<std::int64_t>(1, gaps[gaps.size() / 2] / 2);
}

std::vector<std::optional<size_t>> matchSamplesToFrames(const std::vector<Frame>& frames,
                                                        const std::vector<SensorSample>& samples,
                                                        const SyncOptions& options) {
  const std::int64_t tolerance = options.toleranceNs.value_or(defaultSyncTolerance(frames));
  std::vector<std::optional<size_t>> match(frames.size());
  if (samples.empty()) return match;
  for (size_t f = 0; f < frames.size(); ++f) {
    const std::int64_t target = frames[f].lidar.timestampNs + options.offsetNs;
    const auto after =
        std::lower_bound(samples.begin(), samples.end(), target,
                         [](const SensorSample& s, std::int64_t t) { return s.timestampNs < t; });
    std::optional<size_t> best;
    std::int64_t bestDistance = 0;
    for (auto it : {after, after == samples.begin() ? samples.end() : after - 1}) {
      if (it == samples.end()) continue;
      const std::int64_t distance = std::llabs(it->timestampNs - target);
      if (!best || distance < bestDistance) {
        best = static_cast<size_t>(it - samples.begin());
        bestDistance = distance;
      }
    }
    if (best && bestDistance <= tolerance) match[f] = best;
  }
  return match;
}

SyncReport syncReport(const Sequence& sequence, const CameraStream& camera) {
  SyncReport report;
  double sum = 0.0;
  for (size_t f = 0; f < sequence.frames.size() && f < camera.frameSample.size(); ++f) {
    const auto& match = camera.frameSample[f];
    if (!match) {
      ++report.unmatched;
      continue;
    }
    ++report.matched;
    const double offsetMs =
        static_cast<double>(std::llabs(camera.samples[*match].timestampNs - camera.sync.offsetNs -
                                       sequence.frames[f].lidar.timestampNs)) /
        1e6;
    sum += offsetMs;
    report.maxOffsetMs = std::max(report.maxOffsetMs, offsetMs);
  }
  if (report.matched > 0) report.meanOffsetMs = sum / static_cast<double>(report.matched);
  return report;
}

}  // namespace fuselabel
