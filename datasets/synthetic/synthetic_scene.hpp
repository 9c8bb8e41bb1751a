#pragma once
// The synthetic driving-scene generator: writes a fuselabel scene folder
// (scene.json, LiDAR sweeps, camera images) and its exact ground truth in the
// native label format (ground_truth.json) and as OpenLABEL
// (ground_truth.openlabel.json).

#include <cstddef>
#include <filesystem>

#include "core/util/result.hpp"
#include "datasets/synthetic/synthetic_options.hpp"

namespace fuselabel {

/// What generateSyntheticScene wrote.
struct SynthSummary {
  /// Frames (sweeps) written.
  int frames = 0;
  /// LiDAR points over all sweeps.
  std::size_t points = 0;
  /// Camera images written.
  std::size_t images = 0;
  /// Actor tracks in the ground truth.
  std::size_t actors = 0;
  /// Lane lines and road edges in the ground truth.
  std::size_t laneLines = 0;
  /// The manifest.
  std::filesystem::path manifest;
  /// The native label file with the ground truth.
  std::filesystem::path labels;
  /// The same ground truth as ASAM OpenLABEL 1.0.
  std::filesystem::path openLabel;
};

/// File name of the ground truth inside the scene folder.
inline constexpr const char* kSynthLabelsFile = "ground_truth.json";
/// File name of the OpenLABEL copy of the ground truth inside the scene folder.
inline constexpr const char* kSynthOpenLabelFile = "ground_truth.openlabel.json";

/// Generates a scene into `folder` (created if missing). The same options
/// give byte-identical files. `progress` (may be empty) is told after each frame.
[[nodiscard]] Result<SynthSummary> generateSyntheticScene(const SynthOptions& options,
                                                          const std::filesystem::path& folder,
                                                          const SynthProgress& progress = {});

}  // namespace fuselabel
