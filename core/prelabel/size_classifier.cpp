#include "core/prelabel/size_classifier.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fuselabel {

double classFrequency(std::string_view className) noexcept {
  static constexpr std::pair<std::string_view, double> kShares[] = {
      {"car", 0.43},          {"pedestrian", 0.19}, {"barrier", 0.14},
      {"traffic_cone", 0.08}, {"truck", 0.08},      {"van", 0.04},
      {"trailer", 0.02},      {"bus", 0.014},       {"construction_vehicle", 0.013},
      {"motorcycle", 0.01},   {"bicycle", 0.01},
  };
  for (const auto& [name, share] : kShares)
    if (name == className) return share;
  return 0.01;
}

ClassGuess classifySize(const Eigen::Vector3d& size, const LabelSchema& schema,
                        const std::array<bool, 3>& seen) {
  ClassGuess guess;
  double total = 0.0;
  double best = 0.0;
  for (const ClassSpec& spec : schema.classes) {
    if (spec.geometry != GeometryKind::Cuboid || !spec.size || spec.category == "ignore") continue;
    // The size model of guessClassFromSize, so both tools agree on what a car is.
    const double likelihood = sizeLikelihood(size, *spec.size, seen);
    const double posterior = likelihood * classFrequency(spec.name);
    total += posterior;
    if (posterior > best) {
      best = posterior;
      guess.likelihood = likelihood;
      guess.className = spec.name;
    }
  }
  guess.confidence = total > 0.0 ? best / total : 0.0;
  return guess;
}

}  // namespace fuselabel
