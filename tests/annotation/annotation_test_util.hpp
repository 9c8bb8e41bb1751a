#pragma once
// Builders of documents for the annotation tests and the save/load bench.

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/document.hpp"

namespace fuselabel::test {

/// A cuboid instance at `frame` moving along x with full-precision numbers.
inline Instance movingBox(FrameIndex frame, double seed) {
  Instance i;
  i.frame = frame;
  const double t = 0.1 * frame;
  i.geometry = Cuboid::fromYaw(
      Eigen::Vector3d(seed + 8.3 * t, std::sin(seed) * 20.0 + 0.01 * t, -1.7),
      Eigen::Vector3d(4.5 + 0.1 * std::sin(seed), 1.83, 1.52), 0.2 * std::cos(seed + t));
  i.source = frame % 10 == 0 ? InstanceSource::Keyframe : InstanceSource::Interpolated;
  if (frame % 10 == 0) i.attributes.set("occlusion", std::string("none"));
  return i;
}

/// A document of `objects` cars with a box in each of `frames` frames, plus a
/// static lane, built through AddObjectCommand.
inline Document makeDocument(int objects, int frames) {
  DocumentInfo info;
  info.schema = SchemaReference{"driving", 1, ""};
  info.dataset = DatasetReference{"kitti_tracking", "/data/kitti_tracking", "0001"};
  for (int f = 0; f < frames; ++f)
    info.frameTimestampsNs.push_back(1'317'000'000'000'000'000LL + f * 100'000'000LL);
  Document doc(info);
  for (int o = 1; o <= objects; ++o) {
    Track t;
    t.object.id = ObjectId{o};
    t.object.number = o;
    t.object.className = o % 7 == 0 ? "pedestrian" : "car";
    if (o % 3 == 0) t.object.attributes.set("emergency_vehicle", false);
    t.instances.reserve(static_cast<std::size_t>(frames));
    for (int f = 0; f < frames; ++f)
      t.instances.push_back(movingBox(f, 0.37 * o));
    if (o % 5 == 0) t.instances[0].confidence = 0.875;
    (void)AddObjectCommand(std::move(t)).apply(doc);
  }
  Track lane;
  lane.object.id = ObjectId{objects + 1};
  lane.object.number = objects + 1;
  lane.object.className = "lane_dashed";
  lane.object.attributes.set("lane_colour", std::string("white"));
  Instance li;
  li.frame = kStaticFrame;
  li.geometry = Polyline{{Eigen::Vector3d(0, 1.75, -1.8), Eigen::Vector3d(50.5, 1.8, -1.75),
                          Eigen::Vector3d(100.25, 2.1, -1.7)},
                         false,
                         {"dashed", "dashed", "solid"}};
  lane.instances.push_back(li);
  (void)AddObjectCommand(std::move(lane)).apply(doc);
  return doc;
}

}  // namespace fuselabel::test
