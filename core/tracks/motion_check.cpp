#include "core/tracks/motion_check.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

#include "core/geometry/angle.hpp"
#include "core/tracks/document_fill.hpp"

namespace fuselabel {
namespace {

struct TimedBox {
  FrameIndex frame;
  double timeS;
  const Cuboid* box;
};

std::string describe(const Object& object, FrameIndex frame, const char* what, double value,
                     const char* op, double limit, const char* unit) {
  char text[160];
  std::snprintf(text, sizeof text, ", frame %d: %s %.2f %s %s %.2f %s", frame, what, value, unit,
                op, limit, unit);
  return trackName(object) + text;
}

void checkTrack(const Track& track, std::span<const double> times,
                const MotionCheckOptions& options, const LabelSchema& schema,
                std::vector<MotionFinding>& out) {
  const MotionLimits limits = motionLimitsOf(schema.findClass(track.object.className));
  std::vector<TimedBox> boxes;
  for (const Instance& instance : track.instances) {
    const Cuboid* box = std::get_if<Cuboid>(&instance.geometry);
    if (box == nullptr || instance.frame < 0 ||
        static_cast<std::size_t>(instance.frame) >= times.size())
      continue;
    boxes.push_back({instance.frame, times[static_cast<std::size_t>(instance.frame)], box});
  }
  auto add = [&](FrameIndex frame, MotionIssue issue, double value, double limit,
                 std::string message) {
    out.push_back({track.object.id, frame, issue, value, limit, std::move(message)});
  };
  const Object& object = track.object;
  // NaN: no speed measured on the previous pair (first pair, gap or flip).
  double previousSpeed = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const TimedBox& b = boxes[i];
    if (options.ground) {
      const std::optional<double> ground =
          options.ground(b.frame, b.box->center.x(), b.box->center.y());
      const double bottom = b.box->center.z() - 0.5 * b.box->size.z();
      if (ground && bottom < *ground - options.belowGroundTolerance) {
        add(b.frame, MotionIssue::BelowGround, *ground - bottom, options.belowGroundTolerance,
            describe(object, b.frame, "bottom below the ground by", *ground - bottom, ">",
                     options.belowGroundTolerance, "m"));
      }
    }
    if (i == 0) continue;
    const TimedBox& a = boxes[i - 1];
    // Only consecutive frames: a gap says nothing about speed in between.
    if (b.frame != a.frame + 1) {
      previousSpeed = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double dt = b.timeS - a.timeS;
    const double sizeChange = (b.box->size - a.box->size).cwiseAbs().maxCoeff();
    if (sizeChange > options.sizeTolerance) {
      add(b.frame, MotionIssue::SizeChange, sizeChange, options.sizeTolerance,
          describe(object, b.frame, "size changed by", sizeChange, ">", options.sizeTolerance,
                   "m"));
    }
    const double dYaw = angleDifference(b.box->yaw(), a.box->yaw());
    if (std::abs(dYaw) > 0.75 * std::numbers::pi) {
      add(b.frame, MotionIssue::HeadingFlip, std::abs(dYaw), 0.75 * std::numbers::pi,
          describe(object, b.frame, "heading turned by", std::abs(dYaw), ">",
                   0.75 * std::numbers::pi, "rad (a flipped box?)"));
      previousSpeed = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if (dt <= 0.0) continue;
    const double speed = (b.box->center - a.box->center).head<2>().norm() / dt;
    const double yawRate = std::abs(dYaw) / dt;
    if (speed > limits.maxSpeed) {
      add(b.frame, MotionIssue::Speed, speed, limits.maxSpeed,
          describe(object, b.frame, "speed", speed, ">", limits.maxSpeed, "m/s"));
    }
    if (yawRate > limits.maxYawRate) {
      add(b.frame, MotionIssue::YawRate, yawRate, limits.maxYawRate,
          describe(object, b.frame, "yaw rate", yawRate, ">", limits.maxYawRate, "rad/s"));
    }
    if (!std::isnan(previousSpeed)) {
      const double acceleration = std::abs(speed - previousSpeed) / dt;
      if (acceleration > limits.maxAcceleration) {
        add(b.frame, MotionIssue::Acceleration, acceleration, limits.maxAcceleration,
            describe(object, b.frame, "acceleration", acceleration, ">", limits.maxAcceleration,
                     "m/s²"));
      }
    }
    previousSpeed = speed;
  }
}

}  // namespace

std::vector<MotionFinding> checkTrackMotion(const Document& document,
                                            const MotionCheckOptions& options) {
  std::vector<MotionFinding> findings;
  Result<std::vector<double>> times = frameTimesS(document);
  if (!times) return findings;
  const LabelSchema& schema = options.schema != nullptr ? *options.schema : defaultLabelSchema();
  for (const Track& track : document.tracks())
    checkTrack(track, *times, options, schema, findings);
  return findings;
}

std::string_view toString(MotionIssue issue) noexcept {
  switch (issue) {
    case MotionIssue::Speed:
      return "speed";
    case MotionIssue::Acceleration:
      return "acceleration";
    case MotionIssue::YawRate:
      return "yaw_rate";
    case MotionIssue::HeadingFlip:
      return "heading_flip";
    case MotionIssue::SizeChange:
      return "size_change";
    case MotionIssue::BelowGround:
      return "below_ground";
  }
  return "?";
}

}  // namespace fuselabel
