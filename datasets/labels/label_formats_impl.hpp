#pragma once
// Internal: the detector, reader and writer of each format, gathered into the
// table in label_formats.cpp.

#include <filesystem>

#include "datasets/labels/label_io.hpp"

namespace fuselabel::labels {

/// KITTI object label_2: a folder of <frame>.txt or one file.
bool detectKitti(const std::filesystem::path& path);
/// Reads KITTI object labels.
Result<LabelImport> readKitti(const std::filesystem::path& path, const LabelContext& context);
/// Writes one <frame>.txt per frame into the folder `path`.
Result<LabelExport> writeKitti(const Document& document, const std::filesystem::path& path,
                               const LabelContext& context);

/// KITTI tracking label_02: one <seq>.txt.
bool detectKittiTracking(const std::filesystem::path& path);
/// Reads KITTI tracking labels.
Result<LabelImport> readKittiTracking(const std::filesystem::path& path,
                                      const LabelContext& context);
/// Writes one tracking file (`path` ending in .txt, else <folder>/<seq>.txt).
Result<LabelExport> writeKittiTracking(const Document& document, const std::filesystem::path& path,
                                       const LabelContext& context);

/// ASAM OpenLABEL 1.0 JSON.
bool detectOpenLabel(const std::filesystem::path& path);
/// Reads OpenLABEL.
Result<LabelImport> readOpenLabel(const std::filesystem::path& path, const LabelContext& context);
/// Writes OpenLABEL.
Result<LabelExport> writeOpenLabel(const Document& document, const std::filesystem::path& path,
                                   const LabelContext& context);

/// nuScenes sample_annotation.json (with instance/category/sample tables beside it).
bool detectNuscenes(const std::filesystem::path& path);
/// Reads nuScenes annotations.
Result<LabelImport> readNuscenes(const std::filesystem::path& path, const LabelContext& context);
/// Writes the nuScenes tables into the folder `path`.
Result<LabelExport> writeNuscenes(const Document& document, const std::filesystem::path& path,
                                  const LabelContext& context);

/// SUSTech label JSON: a folder of <frame>.json or one file.
bool detectSustech(const std::filesystem::path& path);
/// Reads SUSTech labels.
Result<LabelImport> readSustech(const std::filesystem::path& path, const LabelContext& context);
/// Writes one <frame>.json per frame into the folder `path`.
Result<LabelExport> writeSustech(const Document& document, const std::filesystem::path& path,
                                 const LabelContext& context);

/// Argoverse 2 annotations.csv (with city_SE3_egovehicle.csv beside it).
bool detectArgoverse(const std::filesystem::path& path);
/// Reads Argoverse 2 annotations.
Result<LabelImport> readArgoverse(const std::filesystem::path& path, const LabelContext& context);
/// Fails: Argoverse is read only.
Result<LabelExport> writeArgoverse(const Document& document, const std::filesystem::path& path,
                                   const LabelContext& context);

/// mmdetection3d info JSON (nuScenes-style, boxes in the LiDAR frame).
bool detectMmdet3dInfo(const std::filesystem::path& path);
/// Reads the boxes of an mmdetection3d info file.
Result<LabelImport> readMmdet3dInfo(const std::filesystem::path& path, const LabelContext& context);
/// Fails: mmdetection3d infos are read only.
Result<LabelExport> writeMmdet3dInfo(const Document& document, const std::filesystem::path& path,
                                     const LabelContext& context);

}  // namespace fuselabel::labels
