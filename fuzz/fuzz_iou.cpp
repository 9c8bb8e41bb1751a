// Fuzzes the oriented-box IoU with box parameters decoded from the input.
//
// Invariants (trap on violation): every IoU is in [0, 1] and never NaN, for
// any doubles at all; for boxes decoded into a realistic range (sizes 1 mm to
// 50 m, centres within 100 m) IoU is also symmetric within 1e-9, the
// intersection area never exceeds the smaller footprint, and a valid box has
// IoU 1 with itself and with its copy turned by 180°.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numbers>

#include "core/geometry/iou.hpp"

namespace {

using fuselabel::Cuboid;

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}

  std::uint8_t byte() { return m_offset < m_size ? m_data[m_offset++] : std::uint8_t{0}; }

  // A double taken as raw bits: any value, including NaN, Inf and denormals.
  double rawDouble() {
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      bits = (bits << 8) | byte();
    }
    double value = 0.0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  // A double in [lo, hi] from 16 bits.
  double inRange(double lo, double hi) {
    const auto raw = static_cast<std::uint16_t>((byte() << 8) | byte());
    return lo + (hi - lo) * (static_cast<double>(raw) / 65535.0);
  }

  // A size from 1 mm to 50 m, spread logarithmically.
  double size() { return 1e-3 * std::pow(5e4, inRange(0.0, 1.0)); }

 private:
  const std::uint8_t* m_data;
  std::size_t m_size;
  std::size_t m_offset = 0;
};

void check(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

void checkUnit(double v) {
  check(!std::isnan(v) && v >= 0.0 && v <= 1.0);
}

Cuboid rawBox(ByteReader& in) {
  Cuboid box;
  box.center = Eigen::Vector3d(in.rawDouble(), in.rawDouble(), in.rawDouble());
  box.size = Eigen::Vector3d(in.rawDouble(), in.rawDouble(), in.rawDouble());
  box.rotation = Eigen::Quaterniond(in.rawDouble(), in.rawDouble(), in.rawDouble(), in.rawDouble());
  return box;
}

Cuboid realisticBox(ByteReader& in) {
  const Eigen::Vector3d center(in.inRange(-100, 100), in.inRange(-100, 100), in.inRange(-5, 5));
  const Eigen::Vector3d size(in.size(), in.size(), in.size());
  return Cuboid::fromYaw(center, size, in.inRange(-4 * std::numbers::pi, 4 * std::numbers::pi));
}

// A second box related to the first the way hard cases are: touching, sharing
// an edge direction, turned by quarter turns, nested.
Cuboid relatedBox(const Cuboid& a, ByteReader& in) {
  const std::uint8_t how = in.byte();
  const double yawStep = (how & 3) * std::numbers::pi / 2;
  Eigen::Vector3d size = a.size;
  if (how & 4) {
    size = Eigen::Vector3d(in.size(), in.size(), in.size());
  }
  // Offset in a's frame along its axes: exactly touching for (how & 8).
  Eigen::Vector3d offset(in.inRange(-1, 1) * a.size.x(), in.inRange(-1, 1) * a.size.y(),
                         in.inRange(-1, 1) * a.size.z());
  if (how & 8) {
    offset.x() = 0.5 * (a.size.x() + size.x());
  }
  const Eigen::Vector3d center = a.center + a.rotation * offset;
  return Cuboid::fromYaw(center, size,
                         a.yaw() + yawStep + ((how & 16) ? in.inRange(-1e-6, 1e-6) : 0.0));
}

void checkPair(const Cuboid& a, const Cuboid& b, bool realistic) {
  const double bevAb = fuselabel::bevIou(a, b);
  const double bevBa = fuselabel::bevIou(b, a);
  const double iouAb = fuselabel::iou3d(a, b);
  const double iouBa = fuselabel::iou3d(b, a);
  checkUnit(bevAb);
  checkUnit(bevBa);
  checkUnit(iouAb);
  checkUnit(iouBa);
  const double area = fuselabel::bevIntersectionArea(a, b);
  const double volume = fuselabel::intersectionVolume(a, b);
  check(!std::isnan(area) && area >= 0.0);
  check(!std::isnan(volume) && volume >= 0.0);
  if (!realistic) {
    return;
  }
  check(std::abs(bevAb - bevBa) <= 1e-9);
  check(std::abs(iouAb - iouBa) <= 1e-9);
  check(area <= std::min(a.size.x() * a.size.y(), b.size.x() * b.size.y()) * (1.0 + 1e-12));
}

void checkSelf(const Cuboid& a) {
  check(fuselabel::bevIou(a, a) == 1.0);
  check(fuselabel::iou3d(a, a) == 1.0);
  Cuboid turned = a;
  turned.rotation = a.rotation * Eigen::Quaterniond(
                                     Eigen::AngleAxisd(std::numbers::pi, Eigen::Vector3d::UnitZ()));
  check(std::abs(fuselabel::bevIou(a, turned) - 1.0) <= 1e-9);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::uint8_t mode = in.byte();
  switch (mode % 3) {
    case 0: {
      const Cuboid a = rawBox(in);
      const Cuboid b = rawBox(in);
      checkPair(a, b, false);
      checkPair(a, a, false);
      break;
    }
    case 1: {
      const Cuboid a = realisticBox(in);
      const Cuboid b = realisticBox(in);
      checkPair(a, b, true);
      checkSelf(a);
      break;
    }
    default: {
      const Cuboid a = realisticBox(in);
      const Cuboid b = relatedBox(a, in);
      checkPair(a, b, true);
      checkSelf(b);
      break;
    }
  }
  return 0;
}
