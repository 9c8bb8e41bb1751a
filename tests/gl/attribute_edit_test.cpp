// The inspector's attribute editing without a window: which rows the schema
// gives a class, values made valid for their spec, and each change one undo
// step on the object (object scope) or on the shown frame's instance.

#include <gtest/gtest.h>

#include <algorithm>

#include "app/gui/scene/attribute_edit.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/geometry/cuboid.hpp"

namespace fuselabel::gui {
namespace {

bool hasAttribute(const std::vector<const AttributeSpec*>& specs, const std::string& name) {
  return std::any_of(specs.begin(), specs.end(),
                     [&](const AttributeSpec* spec) { return spec->name == name; });
}

TEST(AttributeEdit, RowsFollowTheClassAndScope) {
  const LabelSchema& schema = defaultLabelSchema();
  const auto perFrame = attributesOf(schema, "car", AttributeScope::PerFrame);
  const auto object = attributesOf(schema, "car", AttributeScope::Static);
  EXPECT_TRUE(hasAttribute(perFrame, "occlusion"));
  EXPECT_TRUE(hasAttribute(perFrame, "truncation"));
  EXPECT_FALSE(hasAttribute(perFrame, "emergency_vehicle"));
  EXPECT_TRUE(hasAttribute(object, "emergency_vehicle"));
  for (const AttributeSpec* spec : object) {
    EXPECT_EQ(spec->scope, AttributeScope::Static) << spec->name;
  }
  EXPECT_TRUE(attributesOf(schema, "no_such_class", AttributeScope::PerFrame).empty());
}

TEST(AttributeEdit, ValuesAreMadeValidForTheirSpec) {
  const ClassSpec* car = defaultLabelSchema().findClass("car");
  ASSERT_NE(car, nullptr);
  const AttributeSpec* truncation = car->attribute("truncation");
  const AttributeSpec* occlusion = car->attribute("occlusion");
  const AttributeSpec* emergency = car->attribute("emergency_vehicle");
  ASSERT_NE(truncation, nullptr);
  ASSERT_NE(occlusion, nullptr);
  ASSERT_NE(emergency, nullptr);
  EXPECT_EQ(validValue(*truncation, AttributeValue(1.7)), AttributeValue(1.0));
  EXPECT_EQ(validValue(*truncation, AttributeValue(-0.5)), AttributeValue(0.0));
  EXPECT_EQ(validValue(*truncation, AttributeValue(0.25)), AttributeValue(0.25));
  EXPECT_FALSE(validValue(*truncation, AttributeValue(true)));
  EXPECT_EQ(validValue(*occlusion, AttributeValue(std::string("partly"))),
            AttributeValue(std::string("partly")));
  EXPECT_FALSE(validValue(*occlusion, AttributeValue(std::string("bogus"))));
  EXPECT_EQ(validValue(*emergency, AttributeValue(true)), AttributeValue(true));
  EXPECT_FALSE(validValue(*emergency, AttributeValue(1.0)));
  // Not set: the schema default.
  EXPECT_EQ(shownValue(*occlusion, Attributes{}), occlusion->defaultValue);
  Attributes set;
  set.set("occlusion", std::string("largely"));
  EXPECT_EQ(shownValue(*occlusion, set), AttributeValue(std::string("largely")));
}

TEST(AttributeEdit, EachChangeIsOneUndoStepOnTheRightScope) {
  Document document;
  CommandStack stack(document);
  Track track;
  track.object.id = ObjectId{7};
  track.object.number = 1;
  track.object.className = "car";
  for (FrameIndex frame : {0, 1}) {
    Instance instance;
    instance.frame = frame;
    instance.geometry =
        Cuboid::fromYaw(Eigen::Vector3d(frame, 0, 0.75), Eigen::Vector3d(4.5, 1.8, 1.5), 0.0);
    track.instances.push_back(instance);
  }
  ASSERT_TRUE(stack.push(std::make_unique<AddObjectCommand>(track)));
  const ClassSpec* car = defaultLabelSchema().findClass("car");
  const AttributeSpec& occlusion = *car->attribute("occlusion");
  const AttributeSpec& emergency = *car->attribute("emergency_vehicle");

  ASSERT_TRUE(stack.push(
      attributeCommand(ObjectId{7}, 1, occlusion, AttributeValue(std::string("partly")))));
  const AttributeValue* atOne = document.instance(ObjectId{7}, 1)->attributes.find("occlusion");
  ASSERT_NE(atOne, nullptr);
  EXPECT_EQ(*atOne, AttributeValue(std::string("partly")));
  EXPECT_EQ(document.instance(ObjectId{7}, 0)->attributes.find("occlusion"), nullptr)
      << "a per-frame attribute changes the shown frame only";

  ASSERT_TRUE(
      stack.push(attributeCommand(ObjectId{7}, kStaticFrame, emergency, AttributeValue(true))));
  const AttributeValue* flag = document.object(ObjectId{7})->attributes.find("emergency_vehicle");
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(*flag, AttributeValue(true));

  ASSERT_TRUE(stack.undo());
  EXPECT_EQ(document.object(ObjectId{7})->attributes.find("emergency_vehicle"), nullptr);
  ASSERT_TRUE(stack.undo());
  EXPECT_EQ(document.instance(ObjectId{7}, 1)->attributes.find("occlusion"), nullptr);
}

}  // namespace
}  // namespace fuselabel::gui
