#include "core/annotation/label_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "core/annotation/embedded_schema.hpp"
#include "core/io/text_file.hpp"
#include "core/util/log.hpp"

namespace fuselabel {

namespace {

using Json = nlohmann::json;

/// Walks the JSON tree carrying the JSON pointer of the current node, so
/// every error says where it is.
class SchemaParser {
 public:
  explicit SchemaParser(std::string_view source) : m_source(source) {}

  Result<LabelSchema> parse(const Json& root) {
    if (!root.is_object()) return fail("", "the schema must be a JSON object");
    LabelSchema schema;
    if (auto r = requireString(root, "", "name", schema.name); !r) return r.error();
    if (root.contains("version")) {
      if (!root["version"].is_number_integer()) return fail("/version", "expected an integer");
      schema.version = root["version"].get<std::int32_t>();
    }
    std::vector<AttributeSpec> shared;
    if (root.contains("attributes")) {
      const Json& attrs = root["attributes"];
      if (!attrs.is_object())
        return fail("/attributes", "expected an object of attribute definitions");
      for (const auto& [name, def] : attrs.items()) {
        Result<AttributeSpec> spec = parseAttribute(def, "/attributes/" + name, name);
        if (!spec) return spec.error();
        shared.push_back(std::move(*spec));
      }
    }
    if (!root.contains("classes") || !root["classes"].is_array())
      return fail("/classes", "expected an array of classes");
    std::set<std::string, std::less<>> seen;
    const Json& classes = root["classes"];
    for (std::size_t i = 0; i < classes.size(); ++i) {
      const std::string path = "/classes/" + std::to_string(i);
      Result<ClassSpec> spec = parseClass(classes[i], path, shared);
      if (!spec) return spec.error();
      if (!seen.insert(spec->name).second)
        return fail(path + "/name", "class \"" + spec->name + "\" is defined twice");
      schema.classes.push_back(std::move(*spec));
    }
    return schema;
  }

 private:
  Error fail(const std::string& path, std::string_view what) const {
    return Error::at(m_source, path.empty() ? std::string("/") : path, what);
  }

  Result<void> requireString(const Json& node, const std::string& path, const char* key,
                             std::string& out) const {
    if (!node.contains(key) || !node[key].is_string() ||
        node[key].get_ref<const std::string&>().empty()) {
      return fail(path + "/" + key, "expected a non-empty string");
    }
    out = node[key].get<std::string>();
    return success();
  }

  Result<AttributeSpec> parseAttribute(const Json& def, const std::string& path,
                                       const std::string& name) const {
    if (!def.is_object()) return fail(path, "expected an attribute definition object");
    AttributeSpec spec;
    spec.name = name;
    std::string kind;
    if (auto r = requireString(def, path, "kind", kind); !r) return r.error();
    if (kind == "enum") {
      spec.kind = AttributeKind::Enum;
    } else if (kind == "bool") {
      spec.kind = AttributeKind::Bool;
    } else if (kind == "number") {
      spec.kind = AttributeKind::Number;
    } else if (kind == "text") {
      spec.kind = AttributeKind::Text;
    } else {
      return fail(path + "/kind",
                  "unknown kind \"" + kind + "\" (expected enum, bool, number or text)");
    }
    const std::string scope = def.value("scope", std::string("per_frame"));
    if (scope == "static") {
      spec.scope = AttributeScope::Static;
    } else if (scope == "per_frame") {
      spec.scope = AttributeScope::PerFrame;
    } else {
      return fail(path + "/scope",
                  "unknown scope \"" + scope + "\" (expected static or per_frame)");
    }
    if (def.contains("required")) {
      if (!def["required"].is_boolean()) return fail(path + "/required", "expected true or false");
      spec.required = def["required"].get<bool>();
    }
    if (spec.kind == AttributeKind::Enum) {
      if (!def.contains("values") || !def["values"].is_array() || def["values"].empty()) {
        return fail(path + "/values", "an enum needs a non-empty array of values");
      }
      for (std::size_t i = 0; i < def["values"].size(); ++i) {
        if (!def["values"][i].is_string())
          return fail(path + "/values/" + std::to_string(i), "expected a string");
        spec.values.push_back(def["values"][i].get<std::string>());
      }
    }
    for (const char* bound : {"min", "max"}) {
      if (!def.contains(bound)) continue;
      if (spec.kind != AttributeKind::Number || !def[bound].is_number()) {
        return fail(path + "/" + bound, "bounds are numbers and only apply to number attributes");
      }
      (bound[1] == 'i' ? spec.min : spec.max) = def[bound].get<double>();
    }
    if (def.contains("default")) {
      const Json& d = def["default"];
      const std::string at = path + "/default";
      switch (spec.kind) {
        case AttributeKind::Bool:
          if (!d.is_boolean()) return fail(at, "expected true or false");
          spec.defaultValue = d.get<bool>();
          break;
        case AttributeKind::Number:
          if (!d.is_number()) return fail(at, "expected a number");
          spec.defaultValue = d.get<double>();
          break;
        case AttributeKind::Enum:
          if (!d.is_string() || std::find(spec.values.begin(), spec.values.end(),
                                          d.get<std::string>()) == spec.values.end()) {
            return fail(at, "expected one of the enum's values");
          }
          spec.defaultValue = d.get<std::string>();
          break;
        case AttributeKind::Text:
          if (!d.is_string()) return fail(at, "expected a string");
          spec.defaultValue = d.get<std::string>();
          break;
      }
    }
    return spec;
  }

  Result<Eigen::Vector3d> parseVector3(const Json& node, const std::string& path) const {
    if (!node.is_array() || node.size() != 3 ||
        !std::all_of(node.begin(), node.end(), [](const Json& v) { return v.is_number(); })) {
      return fail(path, "expected 3 numbers [length, width, height]");
    }
    Eigen::Vector3d v(node[0].get<double>(), node[1].get<double>(), node[2].get<double>());
    if (!v.allFinite() || (v.array() < 0.0).any())
      return fail(path, "sizes must be finite and non-negative");
    return v;
  }

  Result<MotionLimits> parseMotion(const Json& node, const std::string& path) const {
    if (!node.is_object())
      return fail(path, "expected {max_speed, max_acceleration, max_yaw_rate}");
    MotionLimits limits;
    for (const auto& [key, field] : {std::pair{"max_speed", &limits.maxSpeed},
                                     std::pair{"max_acceleration", &limits.maxAcceleration},
                                     std::pair{"max_yaw_rate", &limits.maxYawRate}}) {
      if (!node.contains(key)) continue;
      const Json& v = node[key];
      if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() <= 0.0)
        return fail(path + "/" + key, "expected a positive number");
      *field = v.get<double>();
    }
    return limits;
  }

  Result<Rgb> parseColour(const Json& node, const std::string& path) const {
    unsigned r = 0;
    unsigned g = 0;
    unsigned b = 0;
    char tail = 0;
    if (!node.is_string() ||
        std::sscanf(node.get_ref<const std::string&>().c_str(), "#%2x%2x%2x%c", &r, &g, &b,
                    &tail) != 3 ||
        node.get_ref<const std::string&>().size() != 7) {
      return fail(path, "expected a colour \"#rrggbb\"");
    }
    return Rgb{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
               static_cast<std::uint8_t>(b)};
  }

  Result<ClassSpec> parseClass(const Json& node, const std::string& path,
                               const std::vector<AttributeSpec>& shared) const {
    if (!node.is_object()) return fail(path, "expected a class object");
    ClassSpec spec;
    if (auto r = requireString(node, path, "name", spec.name); !r) return r.error();
    spec.category = node.value("category", std::string());
    if (node.contains("colour")) {
      Result<Rgb> colour = parseColour(node["colour"], path + "/colour");
      if (!colour) return colour.error();
      spec.colour = *colour;
    }
    const std::string geometry = node.value("geometry", std::string("cuboid"));
    if (geometry == "cuboid") {
      spec.geometry = GeometryKind::Cuboid;
    } else if (geometry == "polyline") {
      spec.geometry = GeometryKind::Polyline;
    } else {
      return fail(path + "/geometry",
                  "unknown geometry \"" + geometry + "\" (expected cuboid or polyline)");
    }
    if (node.contains("sequence_wide")) {
      if (!node["sequence_wide"].is_boolean())
        return fail(path + "/sequence_wide", "expected true or false");
      spec.sequenceWide = node["sequence_wide"].get<bool>();
    }
    if (node.contains("size")) {
      if (spec.geometry != GeometryKind::Cuboid)
        return fail(path + "/size", "only cuboid classes have a size prior");
      const Json& size = node["size"];
      if (!size.is_object() || !size.contains("typical"))
        return fail(path + "/size", "expected {typical, min, max}");
      SizePrior prior;
      Result<Eigen::Vector3d> typical = parseVector3(size["typical"], path + "/size/typical");
      if (!typical) return typical.error();
      prior.typical = *typical;
      if (size.contains("min")) {
        Result<Eigen::Vector3d> v = parseVector3(size["min"], path + "/size/min");
        if (!v) return v.error();
        prior.min = *v;
      }
      if (size.contains("max")) {
        Result<Eigen::Vector3d> v = parseVector3(size["max"], path + "/size/max");
        if (!v) return v.error();
        prior.max = *v;
      }
      if ((prior.min.array() > prior.typical.array()).any() ||
          (prior.typical.array() > prior.max.array()).any()) {
        return fail(path + "/size", "expected min <= typical <= max on every axis");
      }
      spec.size = prior;
    }
    if (node.contains("motion")) {
      if (spec.geometry != GeometryKind::Cuboid)
        return fail(path + "/motion", "only cuboid classes have motion limits");
      Result<MotionLimits> motion = parseMotion(node["motion"], path + "/motion");
      if (!motion) return motion.error();
      spec.motion = *motion;
    }
    if (node.contains("attributes")) {
      const Json& list = node["attributes"];
      if (!list.is_array())
        return fail(path + "/attributes", "expected an array of attribute names");
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/attributes/" + std::to_string(i);
        if (!list[i].is_string())
          return fail(at, "expected the name of an attribute defined under /attributes");
        const std::string& name = list[i].get_ref<const std::string&>();
        const auto it = std::find_if(shared.begin(), shared.end(),
                                     [&](const AttributeSpec& a) { return a.name == name; });
        if (it == shared.end())
          return fail(at, "attribute \"" + name + "\" is not defined under /attributes");
        spec.attributes.push_back(*it);
      }
    }
    if (node.contains("vertex_values")) {
      const Json& list = node["vertex_values"];
      if (spec.geometry != GeometryKind::Polyline || !list.is_array()) {
        return fail(path + "/vertex_values", "expected an array of strings on a polyline class");
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string())
          return fail(path + "/vertex_values/" + std::to_string(i), "expected a string");
        spec.vertexValues.push_back(list[i].get<std::string>());
      }
    }
    return spec;
  }

  std::string_view m_source;
};

std::size_t lineOfOffset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

const AttributeSpec* ClassSpec::attribute(std::string_view attributeName) const noexcept {
  for (const AttributeSpec& a : attributes) {
    if (a.name == attributeName) return &a;
  }
  return nullptr;
}

const ClassSpec* LabelSchema::findClass(std::string_view className) const noexcept {
  for (const ClassSpec& c : classes) {
    if (c.name == className) return &c;
  }
  return nullptr;
}

Result<LabelSchema> parseLabelSchema(std::string_view json, std::string_view sourceName) {
  Json root;
  try {
    root = Json::parse(json.begin(), json.end());
  } catch (const Json::parse_error& e) {
    // nlohmann's byte offset points just past the offending character.
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    return Error::at(sourceName, "line " + std::to_string(lineOfOffset(json, byte)),
                     "invalid JSON");
  }
  try {
    return SchemaParser(sourceName).parse(root);
  } catch (const Json::exception& e) {
    // Reached only for shapes the checks above missed; still no throw out.
    return Error::inFile(sourceName, std::string("unexpected JSON shape: ") + e.what());
  }
}

Result<LabelSchema> loadLabelSchema(const std::filesystem::path& path) {
  Result<std::string> text = readTextFile(path);
  if (!text) return text.error();
  return parseLabelSchema(*text, path.string());
}

const LabelSchema& defaultLabelSchema() {
  static const LabelSchema schema = [] {
    Result<LabelSchema> parsed =
        parseLabelSchema(defaultLabelSchemaJson(), "built-in schemas/driving.json");
    if (!parsed) {
      // A build-time file that does not parse is a programmer error; the
      // schema tests catch it before it ships.
      logError(parsed.error().message);
      return LabelSchema{};
    }
    return std::move(*parsed);
  }();
  return schema;
}

std::string_view defaultLabelSchemaJson() noexcept {
  return embeddedDrivingSchemaJson();
}

SchemaReference referenceTo(const LabelSchema& schema, std::string path) {
  return SchemaReference{schema.name, schema.version, std::move(path)};
}

MotionLimits motionLimitsOf(const ClassSpec* spec) noexcept {
  if (spec != nullptr && spec->motion) return *spec->motion;
  const std::string_view category = spec != nullptr ? std::string_view(spec->category) : "";
  // Defaults a little past what the class does on a public road, so the
  // checks flag label errors rather than hard braking.
  if (category == "vru")
    return MotionLimits{.maxSpeed = 12.0, .maxAcceleration = 5.0, .maxYawRate = 4.0};
  if (category == "static")
    return MotionLimits{.maxSpeed = 0.5, .maxAcceleration = 1.0, .maxYawRate = 0.5};
  return MotionLimits{};
}

std::string_view toString(GeometryKind kind) noexcept {
  return kind == GeometryKind::Cuboid ? "cuboid" : "polyline";
}

}  // namespace fuselabel
