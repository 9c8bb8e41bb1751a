// `fuselabel-cli overlay`: the camera image with the frame's LiDAR points
// drawn where the calibration puts them, coloured by depth. The quickest way
// for a person to see whether a calibration is right.

#include <algorithm>
#include <iostream>
#include <memory>
#include <numeric>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/frame_selection.hpp"
#include "datasets/sequence/frame_projection.hpp"

namespace fuselabel::cli {
namespace {

struct OverlayOptions {
  DatasetSelection dataset;
  FrameSelection frame;
  std::string camera;
  std::string out;
  float maxDepth = 60.0f;
  int radius = 0;  ///< 0: scale with the image, 1 px per 1000 px of width
};

/// Near points red, far points blue (OpenCV's turbo map, reversed).
cv::Scalar depthColour(float depth, float maxDepth) {
  static const cv::Mat lut = [] {
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
      ramp.at<std::uint8_t>(i) = static_cast<std::uint8_t>(255 - i);
    cv::Mat colours;
    cv::applyColorMap(ramp, colours, cv::COLORMAP_TURBO);
    return colours;
  }();
  const int index = std::clamp(static_cast<int>(depth / maxDepth * 255.0f), 0, 255);
  const cv::Vec3b c = lut.at<cv::Vec3b>(index);
  return {static_cast<double>(c[0]), static_cast<double>(c[1]), static_cast<double>(c[2])};
}

int runOverlay(const OverlayOptions& options) {
  auto sequence = options.dataset.open();
  if (!sequence) {
    std::cerr << "fuselabel-cli overlay: " << sequence.error().message << "\n";
    return kExitFailure;
  }
  auto frame = options.frame.resolve(*sequence);
  if (!frame) {
    std::cerr << "fuselabel-cli overlay: " << frame.error().message << "\n";
    return kExitFailure;
  }
  auto projected = projectFrame(*sequence, *frame, options.camera);
  if (!projected) {
    std::cerr << "fuselabel-cli overlay: " << projected.error().message << "\n";
    return kExitFailure;
  }
  for (const std::string& warning : projected->sweep.warnings)
    std::cerr << "warning: " << warning << "\n";
  if (!projected->image) {
    std::cerr << "fuselabel-cli overlay: camera '" << options.camera << "' has no image for frame "
              << sequence->frames[*frame].id << "\n";
    return kExitFailure;
  }
  cv::Mat image = cv::imread(projected->image->file.string(), cv::IMREAD_COLOR);
  if (image.empty()) {
    std::cerr << "fuselabel-cli overlay: " << projected->image->file.string()
              << ": cannot decode image\n";
    return kExitFailure;
  }
  const SweepProjection& p = projected->projection;
  std::vector<std::uint32_t> inside = p.indicesInsideImage();
  // Far points first so near ones, which occlude them in reality, stay on top.
  std::sort(inside.begin(), inside.end(),
            [&](std::uint32_t a, std::uint32_t b) { return p.depth[a] > p.depth[b]; });
  const int radius = options.radius > 0 ? options.radius : std::max(1, image.cols / 1000);
  for (std::uint32_t i : inside) {
    cv::circle(image, cv::Point2f(p.u[i], p.v[i]), radius,
               depthColour(p.depth[i], options.maxDepth), cv::FILLED, cv::LINE_AA);
  }
  if (!cv::imwrite(options.out, image)) {
    std::cerr << "fuselabel-cli overlay: cannot write " << options.out << "\n";
    return kExitFailure;
  }
  std::cerr << "frame " << sequence->frames[*frame].id << ": " << inside.size()
            << " points drawn on " << options.camera << " -> " << options.out << "\n";
  return kExitOk;
}

}  // namespace

Command addOverlayCommand(CLI::App& parent) {
  auto options = std::make_shared<OverlayOptions>();
  CLI::App* sub = parent.add_subcommand(
      "overlay", "Draw a frame's LiDAR points, coloured by depth, on a camera image");
  options->dataset.addOptions(*sub);
  options->frame.addOptions(*sub);
  sub->add_option("--camera", options->camera, "camera name, e.g. image_2 or front")->required();
  sub->add_option("-o,--out", options->out, "image file to write (PNG or JPEG)")->required();
  sub->add_option("--max-depth", options->maxDepth,
                  "depth in metres mapped to the far end of the colour scale")
      ->check(CLI::PositiveNumber);
  sub->add_option("--radius", options->radius,
                  "point radius in pixels (default: 1 per 1000 px of image width)")
      ->check(CLI::Range(1, 20));
  return {sub, [options] { return runOverlay(*options); }};
}

}  // namespace fuselabel::cli
