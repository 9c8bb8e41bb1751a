#pragma once
// Making new boxes: one click on a point of an object gives a fitted box
// (the cluster around the point, L-shape fit, class guessed or chosen), and a
// rectangle dragged on the ground in bird's-eye view gives a box of that
// footprint whose bottom and height snap to the ground and the points in it.
// Both work on the shown frame's sweep, placed in the labels' world and
// indexed once on a worker (FrameSweepIndex), so a click answers at once.

#include <cstddef>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <Eigen/Core>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/geometry/cuboid.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel {
class Sequence;
}

namespace fuselabel::gui {

/// The shown frame's sweep, indexed for fitting on a worker thread. Asking
/// for another frame while one is being built never blocks: the newest wish
/// is built once the worker is free (stepping through frames reads only the
/// sweep the annotator stops at, plus the one in flight).
class FrameSweepIndex {
 public:
  FrameSweepIndex() = default;
  FrameSweepIndex(const FrameSweepIndex&) = delete;
  FrameSweepIndex& operator=(const FrameSweepIndex&) = delete;
  ~FrameSweepIndex();

  /// Wants `frame` indexed (cheap when it already is or is wanted).
  void request(std::shared_ptr<const Sequence> sequence, const LabelContext& context,
               std::size_t frame);
  /// The index of `frame` once built (nullptr while building or after an error).
  [[nodiscard]] const IndexedSweep* get(std::size_t frame);
  /// Waits for the index of the wanted `frame` (a click that arrives before
  /// the worker is done: waiting beats refusing the click). nullptr on error
  /// or when `frame` is not the wanted one.
  [[nodiscard]] const IndexedSweep* wait(std::size_t frame);
  /// Why the wanted frame could not be indexed, or empty.
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }

 private:
  /// Collects a finished build and starts the wanted one when the worker is free.
  void pump(bool block);

  std::shared_ptr<const Sequence> m_sequence;
  LabelContext m_context;
  std::optional<std::size_t> m_wanted;
  std::optional<std::size_t> m_buildingFrame;
  std::future<Result<IndexedSweep>> m_building;
  std::optional<std::size_t> m_indexFrame;  // what m_index / m_error are about
  std::unique_ptr<IndexedSweep> m_index;
  std::string m_error;
};

/// A box ready to become an object.
struct NewBox {
  Cuboid box;               ///< world
  std::string className;    ///< chosen, or guessed from the size
  double confidence = 1.0;  ///< of the class guess (1 when chosen)
  std::size_t points = 0;   ///< object points the fit used
};

/// Seed radius (m) of the second, wider one-click try: half a car's length.
inline constexpr double kWideSeedRadius = 2.5;

/// One-click: the object under `clickedWorld` fitted; sized with the prior
/// of `className`, or of the class guessed from the size when it is empty.
/// `seedRadius` (m) is how far from the click the object's nearest point may
/// be: small for a click on a LiDAR point, larger for a click on the empty
/// middle of a big vehicle seen from the side (its roof is above the sensor).
[[nodiscard]] Result<NewBox> oneClickBox(const IndexedSweep& sweep,
                                         const Eigen::Vector3d& clickedWorld,
                                         const std::string& className, const LabelSchema& schema,
                                         double seedRadius = 1.0);

/// A box over the ground rectangle from `cornerA` to `cornerB` (world, the
/// drag's start and end, opposite corners of a rectangle whose sides run
/// along `yaw` and across it): footprint as dragged, bottom on the local
/// ground, top at the highest point inside (the class's typical height when
/// nothing is inside).
[[nodiscard]] Result<NewBox> boxFromGroundRectangle(const IndexedSweep& sweep,
                                                    const Eigen::Vector2d& cornerA,
                                                    const Eigen::Vector2d& cornerB, double yaw,
                                                    const std::string& className,
                                                    const LabelSchema& schema);

/// Height of the sensor above the road where no points say better (m).
inline constexpr double kAssumedSensorHeight = 1.8;

/// World z of the ground at `xy`: a plane through the low points of a patch
/// around it (the sensor height below the sensor where there are no points).
[[nodiscard]] double groundHeightNear(const IndexedSweep& sweep, const Eigen::Vector2d& xy);

/// T (fit_to_points): `box` refitted to the points around it with the size
/// prior of `className` (the schema's; none for an unknown class).
[[nodiscard]] Result<Cuboid> fittedToPoints(const IndexedSweep& sweep, const Cuboid& box,
                                            const std::string& className,
                                            const LabelSchema& schema);

/// G (snap_to_ground): `box` moved up or down so its bottom is on the ground.
[[nodiscard]] Cuboid snappedToGround(const IndexedSweep& sweep, const Cuboid& box);

/// The track of a new object holding `box` at `frame` as a keyframe (fresh
/// id and number in `document`).
[[nodiscard]] Track newBoxTrack(const Document& document, const NewBox& box, FrameIndex frame);

}  // namespace fuselabel::gui
