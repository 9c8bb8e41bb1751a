#include "core/util/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace fuselabel {
namespace {

Result<int> parsePositive(int v) {
  if (v <= 0) {
    return Error::at("numbers.txt", "line 7",
                     "expected a positive number, found " + std::to_string(v));
  }
  return v;
}

TEST(Result, HoldsValue) {
  Result<int> r = parsePositive(5);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 5);
  EXPECT_EQ(*r, 5);
  EXPECT_EQ(r.valueOr(9), 5);
}

TEST(Result, HoldsErrorNamingFileAndLocation) {
  Result<int> r = parsePositive(-2);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error().message, "numbers.txt: line 7: expected a positive number, found -2");
  EXPECT_EQ(r.valueOr(9), 9);
}

TEST(Result, ErrorHelpers) {
  EXPECT_EQ(Error::inFile("a.bin", "truncated").message, "a.bin: truncated");
  EXPECT_EQ(Error{"bad"}.withContext("loading scene").message, "loading scene: bad");
}

TEST(Result, MoveOnlyValueAndArrow) {
  Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("hi");
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->size(), 2U);
  std::unique_ptr<std::string> taken = std::move(r).value();
  EXPECT_EQ(*taken, "hi");

  Result<std::string> s = std::string("abc");
  EXPECT_EQ(s->size(), 3U);
}

TEST(Result, VoidSpecialisation) {
  Result<void> good = success();
  EXPECT_TRUE(good.ok());
  Result<void> bad = Error{"disk full"};
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "disk full");
}

TEST(ResultDeathTest, ValueOfFailureAborts) {
  Result<int> r = Error{"nope"};
  EXPECT_DEATH({ [[maybe_unused]] int v = r.value(); }, "nope");
}

}  // namespace
}  // namespace fuselabel
