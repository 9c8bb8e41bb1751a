#pragma once
// Everything the viewer shows for one frame, decoded and prepared on worker
// threads: the render-ready point batch, and per camera the decoded image and
// the sweep's points projected into it. Immutable once built and shared by
// pointer, so the main thread only uploads it (no parsing, no decoding).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/render/point_batch.hpp"
#include "datasets/image/image_loader.hpp"

namespace fuselabel::gui {

/// One camera at one frame.
struct CameraFrame {
  enum class Status { Image, NoImage, Error };

  std::string name;  ///< rig name of the camera
  Status status = Status::NoImage;
  std::string message;                 ///< the error, or "no image for frame <id>"
  std::string imagePath;               ///< empty when there is no synced image
  std::shared_ptr<const Image> image;  ///< decoded RGB8 (Status::Image only)
  int width = 0;                       ///< image size from the camera model (also without an image)
  int height = 0;
  /// Reference-sweep points inside the image: u, v (pixels), depth (m) triples.
  std::vector<float> projected;
};

[[nodiscard]] const char* toString(CameraFrame::Status status) noexcept;

struct FrameData {
  std::size_t index = 0;  ///< frame index in the sequence
  std::string id;         ///< the dataset's frame name
  std::int64_t timestampNs = 0;
  std::uint64_t version = 0;  ///< unique per load: GPU mirrors re-upload when it changes
  std::shared_ptr<const render::PointBatch> points;
  std::size_t pointCount = 0;
  std::vector<CameraFrame> cameras;   ///< in the sequence's camera order
  std::vector<std::string> warnings;  ///< reader notes (malformed headers worked around, ...)
  double loadMs = 0.0;  ///< worker time: read + decode (frame cache) + lay out + project
};

}  // namespace fuselabel::gui
