#pragma once
// Detections a model wrote, read as pre-labeling proposals: each detection is
// one instance with source `proposal` and its score as the confidence. Label
// formats that carry a score already (KITTI object/tracking results with the
// 16th/18th column, OpenLABEL `confidence`) go through readLabels(); the
// nuScenes detection results file (the submission format of the detection
// benchmark: {"meta", "results": {sample_token: [box, ...]}}) has its own
// reader here, as it is a results file and not an annotation table.

#include <filesystem>
#include <string_view>

#include "core/util/result.hpp"
#include "datasets/labels/label_io.hpp"

namespace fuselabel {

/// Whether `path` looks like a nuScenes detection results file (a .json whose
/// start holds a "results" key).
[[nodiscard]] bool looksLikeNuscenesDetections(const std::filesystem::path& path);

/// Reads a nuScenes detection results file: `translation` (global, m), `size`
/// [w, l, h], `rotation` [w, x, y, z] box → global, `detection_name`,
/// `detection_score`. Samples are matched to frames by id (the sample token);
/// with a one-frame context, a file of one sample is taken as that frame.
/// Samples of no frame are skipped with one warning; an error when none matches.
[[nodiscard]] Result<LabelImport> readNuscenesDetections(const std::filesystem::path& path,
                                                         const LabelContext& context);

/// Reads detections in `format` ("nuscenes-detection", or any label format
/// name; detected when empty). Every instance is marked as a proposal; an
/// instance without a score gets confidence 1 and one warning says so.
[[nodiscard]] Result<LabelImport> readDetections(const std::filesystem::path& path,
                                                 const LabelContext& context,
                                                 std::string_view format = {});

}  // namespace fuselabel
