#include "app/cli/commands/plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/imgproc.hpp>

namespace fuselabel::cli {
namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 420;
constexpr int kLeft = 95, kRight = 20, kTop = 40, kBottom = 55;

const cv::Scalar kInk(40, 40, 40);
const cv::Scalar kGrid(225, 225, 225);

// Distinct colours (BGR) for up to ten series, then repeating.
cv::Scalar colourOf(std::size_t i) {
  static const cv::Scalar colours[] = {
      {180, 119, 31}, {14, 127, 255},  {44, 160, 44},   {40, 39, 214},  {189, 103, 148},
      {75, 86, 140},  {194, 119, 227}, {127, 127, 127}, {34, 189, 188}, {207, 190, 23}};
  return colours[i % 10];
}

std::string tick(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", std::abs(value) < 1e-12 ? 0.0 : value);
  return text;
}

// Blank canvas with grid, axes, ticks and texts; returns the data → pixel map.
struct Canvas {
  cv::Mat image;
  PlotFrame frame;

  [[nodiscard]] cv::Point at(double x, double y) const {
    const double u = (x - frame.xMin) / std::max(frame.xMax - frame.xMin, 1e-12);
    const double v = (y - frame.yMin) / std::max(frame.yMax - frame.yMin, 1e-12);
    return {kLeft + static_cast<int>(std::lround(u * (kWidth - kLeft - kRight))),
            kHeight - kBottom - static_cast<int>(std::lround(v * (kHeight - kTop - kBottom)))};
  }
};

Canvas canvas(const PlotFrame& frame) {
  Canvas c{cv::Mat(kHeight, kWidth, CV_8UC3, cv::Scalar(255, 255, 255)), frame};
  const auto font = cv::FONT_HERSHEY_SIMPLEX;
  for (int i = 0; i <= 5; ++i) {
    const double x = frame.xMin + (frame.xMax - frame.xMin) * i / 5.0;
    const double y = frame.yMin + (frame.yMax - frame.yMin) * i / 5.0;
    cv::line(c.image, c.at(x, frame.yMin), c.at(x, frame.yMax), kGrid, 1);
    cv::line(c.image, c.at(frame.xMin, y), c.at(frame.xMax, y), kGrid, 1);
    cv::putText(c.image, tick(x), c.at(x, frame.yMin) + cv::Point(-12, 20), font, 0.4, kInk, 1,
                cv::LINE_AA);
    cv::putText(c.image, tick(y), c.at(frame.xMin, y) + cv::Point(-60, 5), font, 0.4, kInk, 1,
                cv::LINE_AA);
  }
  cv::rectangle(c.image, c.at(frame.xMin, frame.yMax), c.at(frame.xMax, frame.yMin), kInk, 1);
  cv::putText(c.image, frame.title, {kLeft, 25}, font, 0.6, kInk, 1, cv::LINE_AA);
  cv::putText(c.image, frame.xLabel, {kWidth / 2 - 40, kHeight - 12}, font, 0.5, kInk, 1,
              cv::LINE_AA);
  // The y label reads bottom to top: drawn flat, then rotated into place.
  cv::Mat label(24, kHeight - kTop - kBottom, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::putText(label, frame.yLabel, {4, 17}, font, 0.5, kInk, 1, cv::LINE_AA);
  cv::rotate(label, label, cv::ROTATE_90_COUNTERCLOCKWISE);
  label.copyTo(c.image(cv::Rect(2, kTop, label.cols, label.rows)));
  return c;
}

}  // namespace

cv::Mat linePlot(const std::vector<PlotSeries>& series, const PlotFrame& frame) {
  Canvas c = canvas(frame);
  for (std::size_t s = 0; s < series.size(); ++s) {
    const PlotSeries& line = series[s];
    const std::size_t n = std::min(line.x.size(), line.y.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0)
        cv::line(c.image, c.at(line.x[i - 1], line.y[i - 1]), c.at(line.x[i], line.y[i]),
                 colourOf(s), 2, cv::LINE_AA);
      if (n == 1) cv::circle(c.image, c.at(line.x[i], line.y[i]), 3, colourOf(s), -1);
    }
    const cv::Point legend(kWidth - kRight - 200, kTop + 18 + 18 * static_cast<int>(s));
    cv::line(c.image, legend + cv::Point(0, -4), legend + cv::Point(20, -4), colourOf(s), 2);
    cv::putText(c.image, line.label, legend + cv::Point(26, 0), cv::FONT_HERSHEY_SIMPLEX, 0.42,
                kInk, 1, cv::LINE_AA);
  }
  return c.image;
}

cv::Mat histogramPlot(const std::vector<double>& values, int bins, PlotFrame frame) {
  bins = std::max(bins, 1);
  std::vector<int> counts(static_cast<std::size_t>(bins), 0);
  const double width = (frame.xMax - frame.xMin) / bins;
  for (const double v : values) {
    if (!std::isfinite(v)) continue;
    const int bin = std::clamp(static_cast<int>(std::floor((v - frame.xMin) / width)), 0, bins - 1);
    ++counts[static_cast<std::size_t>(bin)];
  }
  frame.yMin = 0.0;
  frame.yMax = std::max(1, *std::max_element(counts.begin(), counts.end()));
  Canvas c = canvas(frame);
  for (int b = 0; b < bins; ++b) {
    const double x0 = frame.xMin + b * width;
    cv::rectangle(c.image, c.at(x0, counts[static_cast<std::size_t>(b)]), c.at(x0 + width, 0.0),
                  colourOf(0), -1);
    cv::rectangle(c.image, c.at(x0, counts[static_cast<std::size_t>(b)]), c.at(x0 + width, 0.0),
                  cv::Scalar(255, 255, 255), 1);
  }
  return c.image;
}

}  // namespace fuselabel::cli
