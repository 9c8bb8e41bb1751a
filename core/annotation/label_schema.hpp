#pragma once
// The label schema: which classes exist, how they look, and which attributes
// they carry. Loaded from JSON (format in docs/native_labels.md, example in
// schemas/driving.json); the driving schema is compiled into the binary.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/attributes.hpp"
#include "core/annotation/document.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// Geometry a class is drawn with.
enum class GeometryKind : std::uint8_t { Cuboid, Polyline };
/// Type of an attribute's value.
enum class AttributeKind : std::uint8_t { Enum, Bool, Number, Text };
/// Whether an attribute belongs to the object (static) or to each instance.
enum class AttributeScope : std::uint8_t { Static, PerFrame };

/// One attribute a class may carry.
struct AttributeSpec {
  /// Key in the label ("occlusion").
  std::string name;
  /// Value type.
  AttributeKind kind = AttributeKind::Text;
  /// Object-level or per-frame.
  AttributeScope scope = AttributeScope::PerFrame;
  /// Allowed values of an enum (in display order).
  std::vector<std::string> values;
  /// Inclusive range of a number, when bounded.
  std::optional<double> min;
  /// Inclusive range of a number, when bounded.
  std::optional<double> max;
  /// A label without this attribute is reported.
  bool required = false;
  /// Value a new label starts with.
  std::optional<AttributeValue> defaultValue;
};

/// Expected box size of a class (m; x = length, y = width, z = height).
struct SizePrior {
  /// Size a new box starts with.
  Eigen::Vector3d typical = Eigen::Vector3d::Ones();
  /// Smallest plausible size, per axis.
  Eigen::Vector3d min = Eigen::Vector3d::Zero();
  /// Largest plausible size, per axis.
  Eigen::Vector3d max = Eigen::Vector3d::Constant(1e9);
};

/// Physically plausible motion of a class: what the track checks flag and
/// what the Kalman filter's process noise is scaled from.
struct MotionLimits {
  /// Largest plausible speed (m/s).
  double maxSpeed = 70.0;
  /// Largest plausible acceleration or braking (m/s²).
  double maxAcceleration = 10.0;
  /// Largest plausible yaw rate (rad/s).
  double maxYawRate = 1.5;
};

/// Display colour, 8 bits a channel.
struct Rgb {
  std::uint8_t r = 255;  ///< red
  std::uint8_t g = 255;  ///< green
  std::uint8_t b = 255;  ///< blue
};

/// One label class.
struct ClassSpec {
  /// Class name as stored in labels ("car").
  std::string name;
  /// Group for menus and statistics ("vehicle", "vru", "static", "lane").
  std::string category;
  /// Display colour.
  Rgb colour;
  /// Cuboid or polyline.
  GeometryKind geometry = GeometryKind::Cuboid;
  /// Size prior (cuboid classes).
  std::optional<SizePrior> size;
  /// Motion limits (cuboid classes); nullopt: the category's default
  /// (see motionLimitsOf()).
  std::optional<MotionLimits> motion;
  /// Attributes the class carries.
  std::vector<AttributeSpec> attributes;
  /// Allowed per-vertex values of a polyline class (empty: none allowed).
  std::vector<std::string> vertexValues;
  /// True when a new object of this class has one instance for the whole
  /// sequence (static lanes, poles) rather than one per frame.
  bool sequenceWide = false;

  /// The attribute named `name`, or nullptr.
  [[nodiscard]] const AttributeSpec* attribute(std::string_view name) const noexcept;
};

/// A set of classes with a name and version.
struct LabelSchema {
  /// Schema name ("driving").
  std::string name;
  /// Version, raised when classes change meaning.
  std::int32_t version = 1;
  /// Classes in menu order.
  std::vector<ClassSpec> classes;

  /// The class named `name`, or nullptr.
  [[nodiscard]] const ClassSpec* findClass(std::string_view name) const noexcept;
};

/// Parses schema JSON; errors name `sourceName` and the JSON path
/// ("driving.json: /classes/3/size/min: expected 3 numbers").
[[nodiscard]] Result<LabelSchema> parseLabelSchema(std::string_view json,
                                                   std::string_view sourceName);

/// Reads and parses a schema file.
[[nodiscard]] Result<LabelSchema> loadLabelSchema(const std::filesystem::path& path);

/// The built-in driving schema (schemas/driving.json, compiled in), parsed once.
[[nodiscard]] const LabelSchema& defaultLabelSchema();

/// The JSON text of the built-in driving schema.
[[nodiscard]] std::string_view defaultLabelSchemaJson() noexcept;

/// A reference to `schema` for a document; `path` empty for the built-in one.
[[nodiscard]] SchemaReference referenceTo(const LabelSchema& schema, std::string path = {});

/// The motion limits of `spec` (nullptr: an unknown class): its own when the
/// schema gives them, else a default by category (vehicle, vru, static).
[[nodiscard]] MotionLimits motionLimitsOf(const ClassSpec* spec) noexcept;

/// File name of a geometry kind ("cuboid", "polyline").
[[nodiscard]] std::string_view toString(GeometryKind kind) noexcept;

}  // namespace fuselabel
