// Label schema: the built-in driving schema, JSON errors with paths, and
// validation findings (reported, never dropped).

#include <gtest/gtest.h>

#include <fstream>

#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/annotation/schema_validation.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {
namespace {

TEST(LabelSchema, BuiltInDrivingSchemaHasTheExpectedClasses) {
  const LabelSchema& schema = defaultLabelSchema();
  EXPECT_EQ(schema.name, "driving");
  for (const char* name : {"car", "van", "truck", "bus", "trailer", "motorcycle", "bicycle",
                           "pedestrian", "cyclist", "traffic_cone", "barrier", "pole", "lane_solid",
                           "lane_dashed", "lane_double", "road_edge", "stop_line"}) {
    EXPECT_NE(schema.findClass(name), nullptr) << name;
  }
  const ClassSpec* car = schema.findClass("car");
  ASSERT_NE(car, nullptr);
  EXPECT_EQ(car->geometry, GeometryKind::Cuboid);
  ASSERT_TRUE(car->size.has_value());
  EXPECT_GT(car->size->typical.x(), car->size->typical.y());  // length > width
  const AttributeSpec* occlusion = car->attribute("occlusion");
  ASSERT_NE(occlusion, nullptr);
  EXPECT_EQ(occlusion->kind, AttributeKind::Enum);
  EXPECT_EQ(occlusion->scope, AttributeScope::PerFrame);
  const ClassSpec* lane = schema.findClass("lane_dashed");
  ASSERT_NE(lane, nullptr);
  EXPECT_EQ(lane->geometry, GeometryKind::Polyline);
  EXPECT_TRUE(lane->sequenceWide);
  EXPECT_FALSE(lane->vertexValues.empty());
}

TEST(LabelSchema, ShippedFileMatchesTheCompiledInCopy) {
  Result<std::string> file =
      readTextFile(std::filesystem::path(FUSELABEL_SOURCE_DIR) / "schemas/driving.json");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(*file, defaultLabelSchemaJson());
  Result<LabelSchema> loaded =
      loadLabelSchema(std::filesystem::path(FUSELABEL_SOURCE_DIR) / "schemas/driving.json");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->classes.size(), defaultLabelSchema().classes.size());
}

struct BadSchemaCase {
  const char* json;
  const char* expected;  // substring of the error
};

class BadSchema : public ::testing::TestWithParam<BadSchemaCase> {};

TEST_P(BadSchema, ErrorNamesFileAndJsonPath) {
  Result<LabelSchema> r = parseLabelSchema(GetParam().json, "my_schema.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("my_schema.json: "), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(GetParam().expected), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadSchema,
    ::testing::Values(
        BadSchemaCase{"{\"name\": \"x\", \"classes\": [", "line 1: invalid JSON"},
        BadSchemaCase{"{\"classes\": []}", "/name"}, BadSchemaCase{"{\"name\": \"x\"}", "/classes"},
        BadSchemaCase{
            "{\"name\": \"x\", \"classes\": [{\"name\": \"car\", \"geometry\": \"sphere\"}]}",
            "/classes/0/geometry: unknown geometry"},
        BadSchemaCase{"{\"name\": \"x\", \"classes\": [{\"name\": \"car\", \"size\": {\"typical\": "
                      "[1, 2]}}]}",
                      "/classes/0/size/typical: expected 3 numbers"},
        BadSchemaCase{
            "{\"name\": \"x\", \"classes\": [{\"name\": \"car\", \"attributes\": [\"nope\"]}]}",
            "/classes/0/attributes/0: attribute \"nope\" is not defined"},
        BadSchemaCase{
            "{\"name\": \"x\", \"attributes\": {\"o\": {\"kind\": \"enum\"}}, \"classes\": []}",
            "/attributes/o/values"},
        BadSchemaCase{"{\"name\": \"x\", \"classes\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
                      "/classes/1/name: class \"a\" is defined twice"},
        BadSchemaCase{"{\"name\": \"x\", \"classes\": [{\"name\": \"a\", \"colour\": \"red\"}]}",
                      "/classes/0/colour"}));

Track makeTrack(std::int64_t id, std::string cls, std::vector<Instance> instances) {
  Track t;
  t.object.id = ObjectId{id};
  t.object.number = static_cast<std::int32_t>(id);
  t.object.className = std::move(cls);
  t.instances = std::move(instances);
  return t;
}

Instance box(FrameIndex frame, const Eigen::Vector3d& size) {
  Instance i;
  i.frame = frame;
  i.geometry = Cuboid::fromYaw(Eigen::Vector3d(1, 2, 0), size, 0.3);
  return i;
}

bool hasFinding(const std::vector<Finding>& findings, FindingKind kind, std::int64_t id) {
  for (const Finding& f : findings) {
    if (f.kind == kind && f.object.value == id) return true;
  }
  return false;
}

TEST(SchemaValidation, ReportsMismatchesAndKeepsTheLabels) {
  const LabelSchema& schema = defaultLabelSchema();
  Document doc;
  Instance goodCar = box(0, {4.5, 1.8, 1.5});
  goodCar.attributes.set("occlusion", std::string("partly"));
  Instance badEnum = box(1, {4.5, 1.8, 1.5});
  badEnum.attributes.set("occlusion", std::string("sideways"));
  Instance outOfRange = box(2, {4.5, 1.8, 1.5});
  outOfRange.attributes.set("truncation", 1.5);
  Instance flat = box(3, {4.5, 0.0, 1.5});
  Instance huge = box(4, {40.0, 1.8, 1.5});
  Instance unknownAttr = box(5, {4.5, 1.8, 1.5});
  unknownAttr.attributes.set("colour_of_hat", std::string("red"));
  const std::vector<std::unique_ptr<Command>> adds = [&] {
    std::vector<std::unique_ptr<Command>> v;
    v.push_back(std::make_unique<AddObjectCommand>(
        makeTrack(1, "car", {goodCar, badEnum, outOfRange, flat, huge, unknownAttr})));
    v.push_back(
        std::make_unique<AddObjectCommand>(makeTrack(2, "hovercraft", {box(0, {3, 2, 1})})));
    Instance laneAsBox = box(0, {1, 1, 1});
    v.push_back(std::make_unique<AddObjectCommand>(makeTrack(3, "lane_solid", {laneAsBox})));
    Instance lane;
    lane.frame = kStaticFrame;
    lane.geometry =
        Polyline{{Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(10, 0, 0)}, false, {"solid", "zigzag"}};
    v.push_back(std::make_unique<AddObjectCommand>(makeTrack(4, "lane_dashed", {lane})));
    return v;
  }();
  for (const auto& c : adds)
    ASSERT_TRUE(c->apply(doc).ok());

  const std::vector<Finding> findings = validateDocument(doc, schema);
  EXPECT_TRUE(hasFinding(findings, FindingKind::InvalidAttributeValue, 1));
  EXPECT_TRUE(hasFinding(findings, FindingKind::InvalidSize, 1));
  EXPECT_TRUE(hasFinding(findings, FindingKind::SizeOutsidePrior, 1));
  EXPECT_TRUE(hasFinding(findings, FindingKind::UnknownAttribute, 1));
  EXPECT_TRUE(hasFinding(findings, FindingKind::UnknownClass, 2));
  EXPECT_TRUE(hasFinding(findings, FindingKind::WrongGeometry, 3));
  EXPECT_TRUE(hasFinding(findings, FindingKind::MissingAttribute, 4));  // lane_colour is required
  EXPECT_TRUE(hasFinding(findings, FindingKind::InvalidVertexValue, 4));
  for (const Finding& f : findings) {
    if (f.object.value == 1 && f.frame == 0)
      ADD_FAILURE() << "the good car got a finding: " << f.message;
  }
  // Nothing was dropped.
  EXPECT_EQ(doc.objectCount(), 4U);
  EXPECT_EQ(doc.instanceCount(), 9U);
  // Messages say which label and what.
  bool named = false;
  for (const Finding& f : findings)
    named |= f.message.find("car #1 at frame 3: size 4.5 x 0 x 1.5") == 0;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace fuselabel
