#include "core/tracks/truth_fitter.hpp"

namespace fuselabel {

std::function<FrameFitter(const Object&)> truthFitterFactory(const Document& truth, int minPoints) {
  return [&truth, minPoints](const Object& object) -> FrameFitter {
    const Track* track = nullptr;
    for (const Track& t : truth.tracks())
      if (t.object.id == object.id) track = &t;
    return [track, minPoints](FrameIndex frame, const Cuboid&) -> std::optional<FrameFit> {
      const Instance* instance = track != nullptr ? track->at(frame) : nullptr;
      if (instance == nullptr) return std::nullopt;
      const Cuboid* box = std::get_if<Cuboid>(&instance->geometry);
      const AttributeValue* points = instance->attributes.find("num_points");
      const double* count = points != nullptr ? std::get_if<double>(points) : nullptr;
      // Without a point count the truth does not say whether a sensor saw it.
      if (box == nullptr || count == nullptr || *count < minPoints) return std::nullopt;
      return FrameFit{*box, 0.0, 1.0};
    };
  };
}

}  // namespace fuselabel
