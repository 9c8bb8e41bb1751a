#include "app/gui/scene/box_nudge.hpp"

#include <algorithm>
#include <numbers>

namespace fuselabel::gui {

Cuboid nudged(const Cuboid& box, Nudge nudge, bool coarse, const NudgeSteps& steps) {
  Cuboid out = box;
  const double d = coarse ? steps.coarseM : steps.fineM;
  const double angle = (coarse ? steps.coarseDeg : steps.fineDeg) * std::numbers::pi / 180.0;
  const Eigen::Matrix3d axes = box.rotation.toRotationMatrix();
  const auto turn = [&](double radians) {
    out.rotation =
        (Eigen::AngleAxisd(radians, Eigen::Vector3d::UnitZ()) * box.rotation).normalized();
  };
  const auto grow = [&](int axis, double by) {
    out.size[axis] = std::max(steps.minSizeM, box.size[axis] + by);
  };
  switch (nudge) {
    case Nudge::Forward:
      out.center += d * axes.col(0);
      break;
    case Nudge::Backward:
      out.center -= d * axes.col(0);
      break;
    case Nudge::Left:
      out.center += d * axes.col(1);
      break;
    case Nudge::Right:
      out.center -= d * axes.col(1);
      break;
    case Nudge::Up:
      out.center.z() += d;
      break;
    case Nudge::Down:
      out.center.z() -= d;
      break;
    case Nudge::TurnLeft:
      turn(angle);
      break;
    case Nudge::TurnRight:
      turn(-angle);
      break;
    case Nudge::Longer:
      grow(0, d);
      break;
    case Nudge::Shorter:
      grow(0, -d);
      break;
    case Nudge::Wider:
      grow(1, d);
      break;
    case Nudge::Narrower:
      grow(1, -d);
      break;
    case Nudge::Taller:
      grow(2, d);
      break;
    case Nudge::Lower:
      grow(2, -d);
      break;
    case Nudge::FlipHeading:
      turn(std::numbers::pi);
      break;
  }
  return out;
}

}  // namespace fuselabel::gui
