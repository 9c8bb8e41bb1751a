#include "core/annotation/schema_validation.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace fuselabel {

namespace {

constexpr std::array<std::string_view, 11> kKindNames = {
    "unknown_class",         "wrong_geometry",          "missing_attribute", "unknown_attribute",
    "wrong_attribute_scope", "invalid_attribute_value", "invalid_size",      "size_outside_prior",
    "invalid_polyline",      "invalid_vertex_value",    "implausible_motion"};

std::string fmt(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", v);
  return buffer;
}

std::string sizeText(const Eigen::Vector3d& s) {
  return fmt(s.x()) + " x " + fmt(s.y()) + " x " + fmt(s.z());
}

class Checker {
 public:
  Checker(const Track& track, std::vector<Finding>& out)
      : m_track(track),
        m_out(out),
        m_label(track.object.className + " #" + std::to_string(track.object.number)) {}

  void add(FindingSeverity severity, FindingKind kind, std::optional<FrameIndex> frame,
           const std::string& what) {
    std::string where = m_label;
    if (frame)
      where += *frame == kStaticFrame ? " (all frames)" : " at frame " + std::to_string(*frame);
    m_out.push_back(Finding{severity, kind, m_track.object.id, frame, where + ": " + what});
  }

  void checkValue(const AttributeSpec& spec, const AttributeValue& value,
                  std::optional<FrameIndex> frame) {
    const auto bad = [&](const std::string& what) {
      add(FindingSeverity::Error, FindingKind::InvalidAttributeValue, frame,
          spec.name + " " + what);
    };
    switch (spec.kind) {
      case AttributeKind::Bool:
        if (!std::holds_alternative<bool>(value)) bad("must be true or false");
        break;
      case AttributeKind::Text:
        if (!std::holds_alternative<std::string>(value)) bad("must be text");
        break;
      case AttributeKind::Number: {
        const double* d = std::get_if<double>(&value);
        if (d == nullptr || !std::isfinite(*d)) {
          bad("must be a finite number");
        } else if ((spec.min && *d < *spec.min) || (spec.max && *d > *spec.max)) {
          bad("= " + fmt(*d) + " is outside [" + fmt(spec.min.value_or(-INFINITY)) + ", " +
              fmt(spec.max.value_or(INFINITY)) + "]");
        }
        break;
      }
      case AttributeKind::Enum: {
        const std::string* s = std::get_if<std::string>(&value);
        if (s == nullptr ||
            std::find(spec.values.begin(), spec.values.end(), *s) == spec.values.end()) {
          bad("= \"" + toDisplayString(value) + "\" is not one of the allowed values");
        }
        break;
      }
    }
  }

  void checkAttributes(const ClassSpec& cls, const Attributes& attrs, AttributeScope scope,
                       std::optional<FrameIndex> frame) {
    for (const auto& [name, value] : attrs) {
      const AttributeSpec* spec = cls.attribute(name);
      if (spec == nullptr) {
        add(FindingSeverity::Warning, FindingKind::UnknownAttribute, frame,
            "attribute " + name + " is not defined for class " + cls.name);
      } else if (spec->scope != scope) {
        add(FindingSeverity::Warning, FindingKind::WrongAttributeScope, frame,
            "attribute " + name +
                (spec->scope == AttributeScope::Static ? " is static but set per frame"
                                                       : " is per-frame but set on the object"));
      } else {
        checkValue(*spec, value, frame);
      }
    }
    for (const AttributeSpec& spec : cls.attributes) {
      if (spec.required && spec.scope == scope && attrs.find(spec.name) == nullptr) {
        add(FindingSeverity::Error, FindingKind::MissingAttribute, frame,
            "required attribute " + spec.name + " is missing");
      }
    }
  }

  void checkCuboid(const ClassSpec* cls, const Cuboid& box, FrameIndex frame) {
    // Ignore regions (KITTI DontCare) are image areas with no 3D extent: an
    // all-zero box is their documented placeholder (docs/label_formats.md).
    if (cls != nullptr && cls->category == "ignore" && box.size.isZero() && box.center.allFinite())
      return;
    if (!box.isValid()) {
      add(FindingSeverity::Error, FindingKind::InvalidSize, frame,
          "size " + sizeText(box.size) + " is not positive and finite (or the pose is not finite)");
      return;
    }
    if (cls != nullptr && cls->size) {
      const SizePrior& prior = *cls->size;
      if ((box.size.array() < prior.min.array()).any() ||
          (box.size.array() > prior.max.array()).any()) {
        add(FindingSeverity::Warning, FindingKind::SizeOutsidePrior, frame,
            "size " + sizeText(box.size) + " is outside the " + cls->name + " range " +
                sizeText(prior.min) + " .. " + sizeText(prior.max));
      }
    }
  }

  void checkPolyline(const ClassSpec* cls, const Polyline& line, FrameIndex frame) {
    const bool finite = std::all_of(line.points.begin(), line.points.end(),
                                    [](const Eigen::Vector3d& p) { return p.allFinite(); });
    if (line.points.size() < 2 || !finite || !line.isConsistent()) {
      add(FindingSeverity::Error, FindingKind::InvalidPolyline, frame,
          "a polyline needs at least two finite points and one per-vertex value per point (has " +
              std::to_string(line.points.size()) + " points, " +
              std::to_string(line.vertexValues.size()) + " values)");
    }
    if (cls == nullptr) return;
    for (const std::string& v : line.vertexValues) {
      if (std::find(cls->vertexValues.begin(), cls->vertexValues.end(), v) ==
          cls->vertexValues.end()) {
        add(FindingSeverity::Error, FindingKind::InvalidVertexValue, frame,
            "per-vertex value \"" + v + "\" is not allowed for class " + cls->name);
        break;  // one finding per line is enough to find it
      }
    }
  }

  void run(const LabelSchema& schema) {
    const ClassSpec* cls = schema.findClass(m_track.object.className);
    if (cls == nullptr) {
      add(FindingSeverity::Error, FindingKind::UnknownClass, std::nullopt,
          "class \"" + m_track.object.className + "\" is not in schema " + schema.name);
    } else {
      checkAttributes(*cls, m_track.object.attributes, AttributeScope::Static, std::nullopt);
    }
    for (const Instance& instance : m_track.instances) {
      const bool isBox = std::holds_alternative<Cuboid>(instance.geometry);
      if (cls != nullptr && isBox != (cls->geometry == GeometryKind::Cuboid)) {
        add(FindingSeverity::Error, FindingKind::WrongGeometry, instance.frame,
            std::string(isBox ? "a cuboid" : "a polyline") + " on a " +
                std::string(toString(cls->geometry)) + " class");
      }
      if (isBox) {
        checkCuboid(cls, std::get<Cuboid>(instance.geometry), instance.frame);
      } else {
        checkPolyline(cls, std::get<Polyline>(instance.geometry), instance.frame);
      }
      if (cls != nullptr)
        checkAttributes(*cls, instance.attributes, AttributeScope::PerFrame, instance.frame);
    }
  }

 private:
  const Track& m_track;
  std::vector<Finding>& m_out;
  std::string m_label;
};

}  // namespace

std::string_view toString(FindingKind kind) noexcept {
  return kKindNames[static_cast<std::size_t>(kind)];
}

void validateTrack(const Track& track, const LabelSchema& schema, std::vector<Finding>& out) {
  Checker(track, out).run(schema);
}

std::vector<Finding> validateDocument(const Document& document, const LabelSchema& schema) {
  std::vector<Finding> findings;
  for (const Track& track : document.tracks())
    validateTrack(track, schema, findings);
  return findings;
}

}  // namespace fuselabel
