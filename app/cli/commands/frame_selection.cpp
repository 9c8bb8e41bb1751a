#include "app/cli/commands/frame_selection.hpp"

namespace fuselabel::cli {

void FrameSelection::addOptions(CLI::App& command) {
  auto* byIndex =
      command.add_option("--frame", index, "frame position in the sequence, from 0 (default 0)");
  auto* byId = command.add_option("--frame-id", id, "frame by the dataset's own name, e.g. 000008");
  byIndex->excludes(byId);
}

Result<size_t> FrameSelection::resolve(const Sequence& sequence) const {
  if (!id.empty()) {
    if (auto found = sequence.frameIndex(id)) return *found;
    return Error{"no frame named '" + id + "' in " + sequence.root.string()};
  }
  const size_t frame = index.value_or(0);
  if (frame >= sequence.frameCount()) {
    return Error{"frame " + std::to_string(frame) + " is out of range: " + sequence.root.string() +
                 " has " + std::to_string(sequence.frameCount()) + " frames (0.." +
                 std::to_string(sequence.frameCount() - 1) + ")"};
  }
  return frame;
}

}  // namespace fuselabel::cli
