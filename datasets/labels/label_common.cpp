#include "datasets/labels/label_common.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/annotation/atomic_file.hpp"
#include "core/annotation/document_editor.hpp"

namespace fuselabel::labels {

DocumentBuilder::DocumentBuilder(const LabelContext& context, std::string_view format)
    : m_context(context), m_format(format), m_frames(context.frames) {}

void DocumentBuilder::defineFrames(std::vector<LabelFrame> frames) {
  if (m_context.frames.empty()) m_frames = std::move(frames);
}

std::optional<FrameIndex> DocumentBuilder::frameById(std::string_view id) const {
  for (std::size_t i = 0; i < m_frames.size(); ++i) {
    if (m_frames[i].id == id) return static_cast<FrameIndex>(i);
  }
  return std::nullopt;
}

Eigen::Isometry3d DocumentBuilder::T_world_ego(FrameIndex frame) const {
  if (frame < 0 || static_cast<std::size_t>(frame) >= m_frames.size())
    return Eigen::Isometry3d::Identity();
  return m_frames[static_cast<std::size_t>(frame)].T_world_ego;
}

ObjectId DocumentBuilder::object(const std::string& key, const std::string& className) {
  if (!key.empty()) {
    if (const auto it = m_byKey.find(key); it != m_byKey.end())
      return m_tracks[it->second].object.id;
  }
  Track track;
  track.object.id = ObjectId{static_cast<std::int64_t>(m_tracks.size()) + 1};
  track.object.className = className;
  std::int32_t number = 0;
  if (const auto parsed = parseInteger(key);
      parsed && *parsed > 0 && *parsed <= INT32_MAX &&
      !m_numbers.contains(static_cast<std::int32_t>(*parsed))) {
    number = static_cast<std::int32_t>(*parsed);
  } else {
    // Keys that are not numbers (uuids, tokens) or clash get the next free number.
    number = m_numbers.empty() ? 1 : m_numbers.rbegin()->first + 1;
    while (m_numbers.contains(number))
      ++number;
  }
  m_numbers[number] = true;
  track.object.number = number;
  if (!key.empty()) m_byKey.emplace(key, m_tracks.size());
  m_tracks.push_back(std::move(track));
  return m_tracks.back().object.id;
}

void DocumentBuilder::setObjectAttribute(ObjectId id, std::string name, AttributeValue value) {
  m_tracks[static_cast<std::size_t>(id.value - 1)].object.attributes.set(std::move(name),
                                                                         std::move(value));
}

const std::string& DocumentBuilder::className(ObjectId id) const {
  return m_tracks[static_cast<std::size_t>(id.value - 1)].object.className;
}

Result<void> DocumentBuilder::addInstance(ObjectId id, Instance instance) {
  Track& track = m_tracks[static_cast<std::size_t>(id.value - 1)];
  auto& list = track.instances;
  const auto it = std::lower_bound(list.begin(), list.end(), instance.frame,
                                   [](const Instance& i, FrameIndex key) { return i.frame < key; });
  if (it != list.end() && it->frame == instance.frame) {
    return Error{track.object.className + " #" + std::to_string(track.object.number) +
                 " has two boxes in frame " + std::to_string(instance.frame)};
  }
  list.insert(it, std::move(instance));
  return {};
}

Document DocumentBuilder::finish() {
  DocumentInfo info;
  info.dataset = m_context.dataset;
  if (info.dataset.format.empty()) info.dataset.format = m_format;
  info.schema = SchemaReference{"driving", 1, ""};
  for (const LabelFrame& f : m_frames)
    info.frameTimestampsNs.push_back(f.timestampNs);
  Document document(std::move(info));
  DocumentEditor editor(document);
  for (Track& track : m_tracks)
    editor.appendTrackInOrder(std::move(track));
  m_tracks.clear();
  return document;
}

std::vector<LabelFrame> exportFrames(const Document& document, const LabelContext& context) {
  if (!context.frames.empty()) return context.frames;
  std::vector<LabelFrame> frames;
  std::size_t count = document.info().frameTimestampsNs.size();
  for (const Track& track : document.tracks()) {
    if (!track.instances.empty() && track.instances.back().frame >= 0) {
      count = std::max(count, static_cast<std::size_t>(track.instances.back().frame) + 1);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "%06zu", i);
    LabelFrame frame;
    frame.id = id;
    if (i < document.info().frameTimestampsNs.size())
      frame.timestampNs = document.info().frameTimestampsNs[i];
    frames.push_back(std::move(frame));
  }
  return frames;
}

std::vector<std::vector<FrameCuboid>> cuboidsByFrame(const Document& document,
                                                     std::size_t frameCount,
                                                     std::string_view formatName,
                                                     std::vector<std::string>& warnings) {
  std::vector<std::vector<FrameCuboid>> out(frameCount);
  for (const Track& track : document.tracks()) {
    const std::string label = track.object.className + " #" + std::to_string(track.object.number);
    for (const Instance& instance : track.instances) {
      const auto* box = std::get_if<Cuboid>(&instance.geometry);
      if (box == nullptr) {
        warnings.push_back(label + ": a polyline cannot be written as " + std::string(formatName) +
                           "; left out");
        continue;
      }
      if (instance.frame == kStaticFrame) {
        if (frameCount == 0)
          warnings.push_back(label +
                             ": a sequence-wide box with no frames to write it in; left out");
        for (std::size_t f = 0; f < frameCount; ++f) {
          // A frame-specific instance of the same object wins over the static one.
          if (track.at(static_cast<FrameIndex>(f)) != nullptr) continue;
          out[f].push_back({&track, &instance, static_cast<FrameIndex>(f), box});
        }
        continue;
      }
      if (static_cast<std::size_t>(instance.frame) >= frameCount) {
        warnings.push_back(label + ": frame " + std::to_string(instance.frame) +
                           " is beyond the sequence's " + std::to_string(frameCount) +
                           " frames; left out");
        continue;
      }
      out[static_cast<std::size_t>(instance.frame)].push_back(
          {&track, &instance, instance.frame, box});
    }
  }
  // Static instances were appended per object in id order already; keep object order per frame.
  for (auto& list : out) {
    std::stable_sort(list.begin(), list.end(), [](const FrameCuboid& a, const FrameCuboid& b) {
      return a.track->object.id < b.track->object.id;
    });
  }
  return out;
}

std::string importClass(std::span<const ClassMapping> table, std::string_view external,
                        Attributes& attributes, bool& known) {
  for (const ClassMapping& row : table) {
    if (external == row.external) {
      if (row.attribute != nullptr) attributes.set(row.attribute, std::string(row.value));
      known = true;
      return row.internal;
    }
  }
  known = false;
  return std::string(external);
}

std::string exportClass(std::span<const ClassMapping> table, std::string_view internal,
                        const Attributes& attributes) {
  for (const ClassMapping& row : table) {
    if (internal != row.internal) continue;
    if (row.attribute != nullptr) {
      const AttributeValue* v = attributes.find(row.attribute);
      const std::string* s = v != nullptr ? std::get_if<std::string>(v) : nullptr;
      if (s == nullptr || *s != row.value) continue;
    }
    return row.external;
  }
  return std::string(internal);
}

std::string formatNumber(double value) {
  if (value == 0.0) return "0";  // also turns -0 into 0
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "nan";
  return std::string(buffer, end);
}

std::optional<double> parseNumber(std::string_view token) {
  if (!token.empty() && token.front() == '+') token.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size() || token.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parseInteger(std::string_view token) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size() || token.empty()) return std::nullopt;
  return value;
}

Result<void> writeTextFile(const std::filesystem::path& path, std::string_view text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    return Error::inFile(path.parent_path().string(), "cannot create the folder: " + ec.message());
  return writeFileAtomically(path, text);
}

std::string hexToken(std::string_view text) {
  // Two FNV-1a 64 hashes with different offsets: stable across runs and
  // platforms, which random tokens would not be.
  auto fnv = [&](std::uint64_t hash) {
    for (const char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    return hash;
  };
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx",
                static_cast<unsigned long long>(fnv(14695981039346656037ULL)),
                static_cast<unsigned long long>(fnv(0x84222325cbf29ce4ULL)));
  return out;
}

}  // namespace fuselabel::labels
