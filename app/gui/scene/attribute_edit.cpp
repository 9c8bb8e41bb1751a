#include "app/gui/scene/attribute_edit.hpp"

#include <algorithm>

#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"

namespace fuselabel::gui {

std::vector<const AttributeSpec*> attributesOf(const LabelSchema& schema,
                                               const std::string& className, AttributeScope scope) {
  std::vector<const AttributeSpec*> out;
  if (const ClassSpec* spec = schema.findClass(className)) {
    for (const AttributeSpec& attribute : spec->attributes) {
      if (attribute.scope == scope) {
        out.push_back(&attribute);
      }
    }
  }
  return out;
}

std::optional<AttributeValue> shownValue(const AttributeSpec& spec, const Attributes& attributes) {
  if (const AttributeValue* value = attributes.find(spec.name)) {
    return *value;
  }
  return spec.defaultValue;
}

std::optional<AttributeValue> validValue(const AttributeSpec& spec, const AttributeValue& value) {
  switch (spec.kind) {
    case AttributeKind::Bool:
      if (std::holds_alternative<bool>(value)) return value;
      return std::nullopt;
    case AttributeKind::Number: {
      const double* number = std::get_if<double>(&value);
      if (number == nullptr) return std::nullopt;
      double clamped = *number;
      if (spec.min) clamped = std::max(clamped, *spec.min);
      if (spec.max) clamped = std::min(clamped, *spec.max);
      return clamped;
    }
    case AttributeKind::Enum: {
      const std::string* text = std::get_if<std::string>(&value);
      if (text == nullptr ||
          std::find(spec.values.begin(), spec.values.end(), *text) == spec.values.end()) {
        return std::nullopt;
      }
      return value;
    }
    case AttributeKind::Text:
      if (std::holds_alternative<std::string>(value)) return value;
      return std::nullopt;
  }
  return std::nullopt;
}

std::unique_ptr<Command> attributeCommand(ObjectId id, FrameIndex frame, const AttributeSpec& spec,
                                          std::optional<AttributeValue> value) {
  if (spec.scope == AttributeScope::Static) {
    return std::make_unique<SetObjectAttributeCommand>(id, spec.name, std::move(value));
  }
  return std::make_unique<SetInstanceAttributeCommand>(id, frame, spec.name, std::move(value));
}

}  // namespace fuselabel::gui
