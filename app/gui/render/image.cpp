#include "app/gui/render/image.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <exception>

namespace fuselabel::render {

Result<void> writePng(const std::string& path, const ImageRgba8& image) {
  if (image.empty()) {
    return Error::inFile(path, "refusing to write an empty image");
  }
  try {
    // OpenCV wants BGRA; wrap our buffer without copying, convert into a new Mat.
    const cv::Mat rgba(image.height, image.width, CV_8UC4,
                       const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgra;
    cv::cvtColor(rgba, bgra, cv::COLOR_RGBA2BGRA);
    if (!cv::imwrite(path, bgra)) {
      return Error::inFile(path, "cannot write PNG (does the folder exist?)");
    }
  } catch (const std::exception& e) {
    return Error::inFile(path, std::string("cannot write PNG: ") + e.what());
  }
  return success();
}

Result<ImageRgba8> readPng(const std::string& path) {
  cv::Mat bgra;
  try {
    const cv::Mat raw = cv::imread(path, cv::IMREAD_UNCHANGED);
    if (raw.empty()) {
      return Error::inFile(path, "cannot read image");
    }
    if (raw.channels() == 4) {
      cv::cvtColor(raw, bgra, cv::COLOR_BGRA2RGBA);
    } else if (raw.channels() == 3) {
      cv::cvtColor(raw, bgra, cv::COLOR_BGR2RGBA);
    } else {
      cv::cvtColor(raw, bgra, cv::COLOR_GRAY2RGBA);
    }
  } catch (const std::exception& e) {
    return Error::inFile(path, std::string("cannot read image: ") + e.what());
  }
  ImageRgba8 image;
  image.width = bgra.cols;
  image.height = bgra.rows;
  image.pixels.resize(static_cast<std::size_t>(image.width) *
                      static_cast<std::size_t>(image.height) * 4U);
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(image.pixels.data() +
                    static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) * 4U,
                bgra.ptr(y), static_cast<std::size_t>(image.width) * 4U);
  }
  return image;
}

}  // namespace fuselabel::render
