#pragma once
// Small charts drawn with OpenCV for `fuselabel-cli report`: line plots (PR
// curves, per-frame timelines) and histograms, as PNG-ready images. No
// plotting library: axes, ticks and labels are drawn here, so the report
// needs nothing beyond the OpenCV the CLI already links.

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace fuselabel::cli {

/// One line of a line plot.
struct PlotSeries {
  std::vector<double> x;  ///< abscissae
  std::vector<double> y;  ///< ordinates, as many as x
  std::string label;      ///< legend text
};

/// Axis ranges and texts of a plot.
struct PlotFrame {
  std::string title;                                      ///< above the plot
  std::string xLabel;                                     ///< under the x axis
  std::string yLabel;                                     ///< left of the y axis
  double xMin = 0.0, xMax = 1.0, yMin = 0.0, yMax = 1.0;  ///< data ranges
};

/// A 640 × 420 line plot of `series`, each in its own colour, with a legend.
[[nodiscard]] cv::Mat linePlot(const std::vector<PlotSeries>& series, const PlotFrame& frame);

/// A 640 × 420 histogram of `values` in `bins` equal bins over [frame.xMin,
/// frame.xMax] (values outside go to the end bins); the y range is the
/// largest count.
[[nodiscard]] cv::Mat histogramPlot(const std::vector<double>& values, int bins, PlotFrame frame);

}  // namespace fuselabel::cli
