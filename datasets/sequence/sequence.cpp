#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

void Sequence::setRig(SensorRig rig) {
  m_rig = std::make_shared<const SensorRig>(std::move(rig));
  m_rigLoader = nullptr;
}

void Sequence::setRigLoader(RigLoader loader) {
  m_rig.reset();
  m_rigLoader = std::move(loader);
  m_rigCache = std::make_shared<RigCache>();
}

Result<std::shared_ptr<const SensorRig>> Sequence::rig(size_t frame) const {
  if (frame >= frames.size()) {
    return Error{"frame " + std::to_string(frame) + " is out of range (the sequence has " +
                 std::to_string(frames.size()) + " frames)"};
  }
  if (m_rig) return m_rig;
  if (!m_rigLoader) return Error{"the sequence has no calibration"};
  const std::lock_guard lock(m_rigCache->mutex);
  if (auto it = m_rigCache->rigs.find(frame); it != m_rigCache->rigs.end()) return it->second;
  auto loaded = m_rigLoader(frame);
  if (!loaded) return loaded.error();
  auto shared = std::make_shared<const SensorRig>(std::move(*loaded));
  m_rigCache->rigs.emplace(frame, shared);
  return shared;
}

Result<PointCloudFile> Sequence::loadSweep(size_t frame, PointCloud storage) const {
  if (frame >= frames.size()) {
    return Error{"frame " + std::to_string(frame) + " is out of range (the sequence has " +
                 std::to_string(frames.size()) + " frames)"};
  }
  auto file =
      readPointCloud(frames[frame].lidar.file, lidarFormat, lidarOptions, std::move(storage));
  if (file) file->cloud.setTimestampNs(frames[frame].lidar.timestampNs);
  return file;
}

const CameraStream* Sequence::camera(const std::string& name) const {
  for (const CameraStream& stream : cameras) {
    if (stream.sensor == name) return &stream;
  }
  return nullptr;
}

Result<std::optional<SensorSample>> Sequence::cameraSample(size_t frame,
                                                           const std::string& name) const {
  const CameraStream* stream = camera(name);
  if (stream == nullptr) {
    std::string known;
    for (const CameraStream& s : cameras)
      known += (known.empty() ? "" : ", ") + s.sensor;
    return Error{"no camera named '" + name + "' (cameras: " + (known.empty() ? "none" : known) +
                 ")"};
  }
  if (frame >= frames.size()) {
    return Error{"frame " + std::to_string(frame) + " is out of range (the sequence has " +
                 std::to_string(frames.size()) + " frames)"};
  }
  const auto& match = stream->frameSample[frame];
  if (!match) return std::optional<SensorSample>{};
  return std::optional<SensorSample>{stream->samples[*match]};
}

std::optional<size_t> Sequence::frameIndex(const std::string& id) const {
  for (size_t i = 0; i < frames.size(); ++i) {
    if (frames[i].id == id) return i;
  }
  return std::nullopt;
}

}  // namespace fuselabel
