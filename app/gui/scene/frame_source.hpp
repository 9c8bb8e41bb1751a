#pragma once
// Where the viewer gets frames from. The GUI asks for a frame and polls; it
// never waits. AsyncFrameCache implements it on top of the datasets
// FrameCache; tests substitute their own sources behind this interface.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/scene/frame_data.hpp"

namespace fuselabel::gui {

class FrameSource {
 public:
  FrameSource() = default;
  FrameSource(const FrameSource&) = delete;
  FrameSource& operator=(const FrameSource&) = delete;
  FrameSource(FrameSource&&) = delete;
  FrameSource& operator=(FrameSource&&) = delete;
  virtual ~FrameSource() = default;

  /// Makes `frame` the one wanted now (loaded first) and lets the source
  /// prefetch the frames after it. Never blocks.
  virtual void request(std::size_t frame) = 0;
  /// The frame when loaded; nullptr while it is loading or failed.
  [[nodiscard]] virtual std::shared_ptr<const FrameData> get(std::size_t frame) = 0;
  /// Why the frame could not be loaded, if it failed.
  [[nodiscard]] virtual std::optional<std::string> error(std::size_t frame) = 0;
};

}  // namespace fuselabel::gui
