#include "core/annotation/instance.hpp"

#include <array>

namespace fuselabel {

namespace {

constexpr std::array<std::string_view, 5> kSourceNames = {"keyframe", "interpolated", "predicted",
                                                          "fitted", "proposal"};
constexpr std::array<std::string_view, 5> kReviewNames = {"unreviewed", "accepted", "rejected",
                                                          "needs_fix", "fixed"};

}  // namespace

std::string_view toString(InstanceSource source) noexcept {
  return kSourceNames[static_cast<std::size_t>(source)];
}

std::string_view toString(ReviewState review) noexcept {
  return kReviewNames[static_cast<std::size_t>(review)];
}

std::optional<InstanceSource> parseInstanceSource(std::string_view text) noexcept {
  for (std::size_t i = 0; i < kSourceNames.size(); ++i) {
    if (kSourceNames[i] == text) return static_cast<InstanceSource>(i);
  }
  return std::nullopt;
}

std::optional<ReviewState> parseReviewState(std::string_view text) noexcept {
  for (std::size_t i = 0; i < kReviewNames.size(); ++i) {
    if (kReviewNames[i] == text) return static_cast<ReviewState>(i);
  }
  return std::nullopt;
}

bool sameCuboid(const Cuboid& a, const Cuboid& b) noexcept {
  return a.center == b.center && a.size == b.size && a.rotation.coeffs() == b.rotation.coeffs();
}

bool sameGeometry(const Geometry& a, const Geometry& b) noexcept {
  if (a.index() != b.index()) return false;
  if (const auto* ca = std::get_if<Cuboid>(&a)) return sameCuboid(*ca, std::get<Cuboid>(b));
  return std::get<Polyline>(a) == std::get<Polyline>(b);
}

std::size_t Instance::heapBytes() const noexcept {
  // Short strings live inside the object (no heap).
  const auto heap = [](const std::string& s) {
    return s.capacity() > std::string().capacity() ? s.capacity() : std::size_t{0};
  };
  std::size_t bytes =
      attributes.heapBytes() + heap(review.reviewer) + heap(review.time) + heap(review.comment);
  if (const auto* line = std::get_if<Polyline>(&geometry)) {
    bytes += line->points.capacity() * sizeof(Eigen::Vector3d);
    bytes += line->vertexValues.capacity() * sizeof(std::string);
    for (const auto& v : line->vertexValues)
      bytes += v.capacity();
  }
  return bytes;
}

bool operator==(const Instance& a, const Instance& b) noexcept {
  return a.frame == b.frame && a.source == b.source && a.review == b.review &&
         a.confidence == b.confidence && sameGeometry(a.geometry, b.geometry) &&
         a.attributes == b.attributes;
}

}  // namespace fuselabel
