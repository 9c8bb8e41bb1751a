#pragma once
// What a dataset's LiDAR sweeps say about labelled boxes (points inside, the
// ground under them), for the quality rules of `validate` and the point
// filter of `eval`. Sweeps are read on demand and the last one is kept, so a
// pass over a document in frame order reads each sweep once.

#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "app/cli/commands/labels_support.hpp"
#include "core/quality/quality_rules.hpp"

namespace fuselabel::cli {

/// Point counts and ground heights of boxes from a dataset's sweeps.
class SweepEvidence {
 public:
  /// Reads sweeps of `dataset` (kept by reference; it must outlive this).
  explicit SweepEvidence(const LabelDataset& dataset) : m_dataset(dataset) {}

  /// Evidence for `box` (world) at `frame`; nullopt (with error() set) when the
  /// frame is not in the dataset or its sweep cannot be read.
  std::optional<BoxEvidence> evidence(const Cuboid& box, FrameIndex frame);

  /// The first problem met (unreadable sweep, frame outside the dataset); empty when none.
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }
  /// Warnings of the sweeps read.
  [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return m_warnings; }

 private:
  bool load(FrameIndex frame);

  const LabelDataset& m_dataset;
  FrameIndex m_frame = -1;
  std::vector<Eigen::Vector3d> m_world;  // the loaded sweep, in world
  std::string m_error;
  std::vector<std::string> m_warnings;
};

}  // namespace fuselabel::cli
