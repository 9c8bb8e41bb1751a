#include "app/gui/scene/class_palette.hpp"

namespace fuselabel::gui {

ClassPalette::ClassPalette()
    : m_classes{"car",     "van",     "truck",        "bus",         "pedestrian",
                "cyclist", "bicycle", "motorcyclist", "traffic_cone"} {}

Result<ClassPalette> ClassPalette::fromNames(const std::vector<std::string>& names,
                                             const LabelSchema& schema) {
  if (names.size() > 9) {
    return Error{"the class palette has " + std::to_string(names.size()) +
                 " classes; keys 1-9 hold nine"};
  }
  ClassPalette palette;
  palette.m_classes.clear();
  for (const std::string& name : names) {
    const ClassSpec* spec = schema.findClass(name);
    if (spec == nullptr) {
      return Error{"the class palette names \"" + name + "\", which the schema lacks"};
    }
    if (spec->geometry != GeometryKind::Cuboid) {
      return Error{"the class palette names \"" + name + "\", a polyline class (boxes only)"};
    }
    palette.m_classes.push_back(name);
  }
  return palette;
}

bool ClassPalette::choose(int digit) {
  if (digit == 0) {
    m_chosen.clear();
    return true;
  }
  if (digit < 1 || static_cast<std::size_t>(digit) > m_classes.size()) {
    return false;
  }
  m_chosen = m_classes[static_cast<std::size_t>(digit - 1)];
  return true;
}

}  // namespace fuselabel::gui
