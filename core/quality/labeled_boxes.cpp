#include "core/quality/labeled_boxes.hpp"

#include <variant>

namespace fuselabel {

std::map<FrameIndex, std::vector<LabeledBox>> boxesByFrame(const Document& document,
                                                           const LabelSchema& schema) {
  std::map<FrameIndex, std::vector<LabeledBox>> out;
  for (const Track& track : document.tracks()) {
    const ClassSpec* spec = schema.findClass(track.object.className);
    if (spec != nullptr && spec->category == "ignore") continue;
    for (const Instance& instance : track.instances) {
      const auto* box = std::get_if<Cuboid>(&instance.geometry);
      if (box == nullptr) continue;
      out[instance.frame].push_back({track.object.id, track.object.number, track.object.className,
                                     instance.frame, *box, instance.confidence});
    }
  }
  return out;
}

std::string boxName(const LabeledBox& box) {
  return box.className + " " + std::to_string(box.number);
}

}  // namespace fuselabel
