#pragma once
// Editing the selected object's attributes as its class's schema declares
// them: which attributes a row is drawn for, the value shown (the label's,
// else the schema default), a typed value made valid for its spec (numbers
// clamped to the range, enums only from the list), and the one command that
// sets it (object-scope on the object, per-frame on the shown frame's
// instance), so each change is one undo step.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/annotation/attributes.hpp"
#include "core/annotation/commands/command.hpp"
#include "core/annotation/instance.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/annotation/object.hpp"

namespace fuselabel::gui {

/// The attributes of `className` in `scope`, in the schema's order (empty for an unknown class).
[[nodiscard]] std::vector<const AttributeSpec*> attributesOf(const LabelSchema& schema,
                                                             const std::string& className,
                                                             AttributeScope scope);

/// The value the inspector shows: the label's when it has one, else the
/// schema default, else nullopt ("not set").
[[nodiscard]] std::optional<AttributeValue> shownValue(const AttributeSpec& spec,
                                                       const Attributes& attributes);

/// `value` made valid for `spec`: a number clamped to the range; nullopt
/// when it cannot be (wrong type, an enum value not in the list).
[[nodiscard]] std::optional<AttributeValue> validValue(const AttributeSpec& spec,
                                                       const AttributeValue& value);

/// The command setting `spec` to `value` (nullopt clears it): on object `id`
/// for an object-scope attribute, on its instance at `frame` for a per-frame one.
[[nodiscard]] std::unique_ptr<Command> attributeCommand(ObjectId id, FrameIndex frame,
                                                        const AttributeSpec& spec,
                                                        std::optional<AttributeValue> value);

}  // namespace fuselabel::gui
