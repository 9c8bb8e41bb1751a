// Reading a table of rows while keeping only the wanted ones (the nuScenes
// tables): rows come back whole, nested values included; refused rows are
// gone; a table that is not an array, or broken JSON, is a clear error.

#include <gtest/gtest.h>

#include "datasets/io/json_rows.hpp"

namespace fuselabel {
namespace {

constexpr const char* kTable = R"([
  {"token": "a", "scene": "s1", "translation": [1.5, -2, 3e2], "meta": {"keyframe": true, "tags": ["x", {"deep": null}]}},
  {"token": "b", "scene": "s2", "n": 18446744073709551615},
  {"token": "c", "scene": "s1", "n": -7}
])";

bool inSceneS1(const nlohmann::json& row) {
  return row.is_object() && row.value("scene", "") == "s1";
}

TEST(JsonRows, KeepsOnlyTheRowsTheFilterAcceptsEachWhole) {
  Result<nlohmann::json> rows = parseJsonRows(kTable, inSceneS1, "sample_data.json");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_TRUE(rows->is_array());
  ASSERT_EQ(rows->size(), 2U);
  // Built exactly as the DOM parser builds it.
  const nlohmann::json whole = nlohmann::json::parse(kTable);
  EXPECT_EQ((*rows)[0], whole[0]);
  EXPECT_EQ((*rows)[1], whole[2]);
  EXPECT_EQ((*rows)[0]["meta"]["tags"][1]["deep"], nullptr);
  EXPECT_EQ((*rows)[1]["n"].get<int>(), -7);
}

TEST(JsonRows, NoFilterKeepsEveryRow) {
  Result<nlohmann::json> rows = parseJsonRows(kTable, {}, "t.json");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(*rows, nlohmann::json::parse(kTable));
  rows = parseJsonRows("[]", {}, "t.json");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_TRUE(rows->empty());
}

TEST(JsonRows, ATableThatIsNotAnArrayIsRefused) {
  for (const char* text : {R"({"token": "a"})", "42", R"("rows")"}) {
    Result<nlohmann::json> rows = parseJsonRows(text, {}, "scene.json");
    ASSERT_FALSE(rows) << text;
    EXPECT_EQ(rows.error().message, "scene.json: expected a JSON array of rows") << text;
  }
}

TEST(JsonRows, BrokenJsonNamesTheFileAndTheByte) {
  Result<nlohmann::json> rows =
      parseJsonRows(R"([{"token": "a"}, {"token": ])", inSceneS1, "ego_pose.json");
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("ego_pose.json"), std::string::npos);
  EXPECT_NE(rows.error().message.find("byte 28"), std::string::npos) << rows.error().message;
  EXPECT_NE(rows.error().message.find("invalid JSON"), std::string::npos);
  rows = parseJsonRows("", {}, "empty.json");
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("empty.json"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
