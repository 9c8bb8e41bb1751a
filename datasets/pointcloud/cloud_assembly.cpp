#include "datasets/pointcloud/cloud_assembly.hpp"

#include <vector>

namespace fuselabel::pointcloud_detail {

std::optional<ColumnSource>* ChannelSources::slot(Channel channel) noexcept {
  switch (channel) {
    case Channel::None:
      return nullptr;
    case Channel::X:
      return &x;
    case Channel::Y:
      return &y;
    case Channel::Z:
      return &z;
    case Channel::Intensity:
      return &intensity;
    case Channel::Ring:
      return &ring;
    case Channel::Time:
      return &time;
    case Channel::PackedRgb:
      return &packedRgb;
    case Channel::Red:
      return &red;
    case Channel::Green:
      return &green;
    case Channel::Blue:
      return &blue;
  }
  return nullptr;
}

std::string warningFor(std::string_view name, std::string_view what) {
  std::string text;
  text.reserve(name.size() + what.size() + 2);
  text.append(name).append(": ").append(what);
  return text;
}

namespace {

void decodeColour(const ColumnSource& source, std::span<float> scratch, std::span<Rgb8> out,
                  std::uint8_t Rgb8::*component) {
  decodeFloat(source, scratch);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const float v = scratch[i];
    // Clamp rather than cast: a hostile float must not reach an integer cast.
    const float clamped = v >= 0.0F ? (v <= 255.0F ? v : 255.0F) : 0.0F;
    out[i].*component = static_cast<std::uint8_t>(clamped + 0.5F);
  }
}

}  // namespace

Result<void> assembleCloud(const ChannelSources& sources, std::size_t count,
                           const PointCloudReadOptions& options, std::string_view name,
                           PointCloudFile& out) {
  if (!sources.x || !sources.y || !sources.z)
    return Error::inFile(name, "has no x, y and z fields");
  PointCloud& cloud = out.cloud;
  const bool wantRing = options.keepRing && sources.ring.has_value();
  // Packed colour is 0x00RRGGBB in 4 bytes; a narrower "rgb" field is not one.
  const bool packedRgb = sources.packedRgb && scalarSize(sources.packedRgb->type) == 4;
  if (sources.packedRgb && !packedRgb) {
    out.warnings.push_back(
        warningFor(name, "colour field is not 4 bytes wide, so not packed RGB; ignored"));
  }
  const bool wantRgb =
      options.keepRgb && (packedRgb || (sources.red && sources.green && sources.blue));
  if (wantRing) cloud.enableRing();
  if (wantRgb) cloud.enableRgb();
  cloud.resize(count);
  decodeXyzi(sources, cloud);
  if (wantRing) {
    const std::size_t bad = decodeRing(*sources.ring, cloud.ring());
    if (bad > 0) {
      out.warnings.push_back(warningFor(
          name, std::to_string(bad) + " ring values were not whole numbers in 0..65535; set to 0"));
    }
  }
  if (wantRgb) {
    if (packedRgb) {
      decodePackedRgb(*sources.packedRgb, cloud.rgb());
    } else {
      std::vector<float> scratch(count);
      decodeColour(*sources.red, scratch, cloud.rgb(), &Rgb8::r);
      decodeColour(*sources.green, scratch, cloud.rgb(), &Rgb8::g);
      decodeColour(*sources.blue, scratch, cloud.rgb(), &Rgb8::b);
    }
  }
  if (options.keepTime && sources.time) {
    std::vector<std::int64_t> times(count);
    decodeTimeNs(*sources.time, times);
    if (std::string problem = applyTimes(times, cloud); !problem.empty()) {
      out.warnings.push_back(warningFor(name, problem));
    }
  }
  return success();
}

void decodeXyzi(const ChannelSources& sources, PointCloud& cloud) {
  // Records of four adjacent float32s (KITTI, nuScenes) take the transpose.
  if (sources.intensity &&
      decodeXyziInterleaved(*sources.x, *sources.y, *sources.z, *sources.intensity, cloud.x(),
                            cloud.y(), cloud.z(), cloud.intensity())) {
    return;
  }
  decodeFloat(*sources.x, cloud.x());
  decodeFloat(*sources.y, cloud.y());
  decodeFloat(*sources.z, cloud.z());
  if (sources.intensity) {
    decodeFloat(*sources.intensity, cloud.intensity());
  } else {
    std::fill(cloud.intensity().begin(), cloud.intensity().end(), 0.0f);
  }
}

void finishCloud(const PointCloudReadOptions& options, PointCloudFile& out) {
  if (options.removeNonFinite && out.cloud.removeNonFinite() > 0) {
    // An organised cloud with holes removed is no longer a grid.
    out.height = 1;
  }
  if (out.height <= 1 || out.width * out.height != out.cloud.size()) {
    out.width = out.cloud.size();
    out.height = 1;
  }
}

}  // namespace fuselabel::pointcloud_detail
