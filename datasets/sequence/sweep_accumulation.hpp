#pragma once
// Several sweeps merged in `world`: static objects and lane markings gain
// density (the annotator's favourite way to see a lane). The result is a
// derived display product, so unlike sweeps it lives in world coordinates.

#include <cstddef>

#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/sequence/frame_cache.hpp"

namespace fuselabel {

/// Which sweeps to merge and how much memory they may take.
struct AccumulationOptions {
  size_t before = 5;             ///< sweeps before the centre frame
  size_t after = 0;              ///< sweeps after it
  size_t maxPoints = 3'000'000;  ///< bound on the merged cloud; sweeps are thinned evenly beyond it
  bool compensateMotion = true;  ///< de-skew each sweep first when it has per-point times
};

/// Merges the sweeps around `frame` into one cloud in world coordinates,
/// using each sweep's ego pose. Frames whose sweep fails to load are skipped
/// and counted in `skipped`.
Result<PointCloud> accumulateSweeps(const Sequence& sequence, FrameCache& cache, size_t frame,
                                    const AccumulationOptions& options, size_t* skipped = nullptr);

}  // namespace fuselabel
