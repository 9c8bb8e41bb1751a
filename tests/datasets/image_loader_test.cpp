#include "datasets/image/image_loader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace fuselabel {
namespace {

std::span<const std::byte> bytesOf(std::string_view text) {
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

TEST(ImageLoader, ErrorsNameTheInput) {
  Result<Image> r = decodeImage(bytesOf("definitely not a png"), "cam/000001.png");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind("cam/000001.png: ", 0), 0U) << r.error().message;
  r = decodeImage({}, "empty.jpg");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("empty.jpg"), std::string::npos);
  // A PNG signature followed by garbage.
  r = decodeImage(bytesOf(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDRgarbage", 23)), "trunc.png");
  ASSERT_FALSE(r);
  r = loadImage("/nonexistent/front.jpg");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/nonexistent/front.jpg"), std::string::npos);
}

TEST(ImageLoader, AsyncFuturesAlwaysCarryAResult) {
  std::vector<std::future<Result<Image>>> futures;
  {
    ImageLoader loader(1);
    for (int i = 0; i < 20; ++i)
      futures.push_back(loader.loadAsync("/nonexistent/" + std::to_string(i) + ".png"));
  }  // destroyed with jobs possibly still queued: those are cancelled, not broken
  for (auto& f : futures) {
    Result<Image> r = f.get();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("/nonexistent/"), std::string::npos);
  }
}

}  // namespace
}  // namespace fuselabel
