#pragma once
// Keyboard nudges of a selected cuboid: move along its own axes, raise and
// lower, turn about the vertical, resize, flip the heading. Fine steps by
// default, coarse with Shift: the precision annotators ask for without
// reaching for the mouse.

#include <optional>

#include "core/geometry/cuboid.hpp"

namespace fuselabel::gui {

enum class Nudge {
  Forward,  ///< along the box's heading
  Backward,
  Left,  ///< along the box's left (y) axis
  Right,
  Up,  ///< world z
  Down,
  TurnLeft,  ///< counter-clockwise seen from above
  TurnRight,
  Longer,
  Shorter,
  Wider,
  Narrower,
  Taller,
  Lower,
  FlipHeading,  ///< 180° about z, same footprint
};

/// Step sizes.
struct NudgeSteps {
  double fineM = 0.05;
  double coarseM = 0.5;
  double fineDeg = 0.5;
  double coarseDeg = 5.0;
  double minSizeM = 0.05;  ///< a size never shrinks below this
};

/// The box after `nudge` (in the box's parent frame; yaw about its z axis).
[[nodiscard]] Cuboid nudged(const Cuboid& box, Nudge nudge, bool coarse,
                            const NudgeSteps& steps = {});

}  // namespace fuselabel::gui
