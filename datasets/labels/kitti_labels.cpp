// KITTI object (`label_2/<frame>.txt`) and tracking (`label_02/<seq>.txt`)
// labels. A KITTI box lives in rectified cam0 (x right, y down, z forward):
// location = bottom-face centre, dimensions h w l, rotation_y about cam y
// with rotation_y = 0 facing cam +x. In our terms the box frame (x heading,
// y left, z up) maps into rectified cam0 by R = Ry(rotation_y) · R0 with R0
// the axis change x→x, y→z, z→−y; the geometric centre is h/2 above the
// bottom centre, i.e. at location − (0, h/2, 0). World = T_world_ego(frame) ·
// T_ego_rect0 · box. Conventions in docs/label_formats.md.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>

#include "core/geometry/angle.hpp"
#include "core/io/text_file.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

constexpr ClassMapping kKittiClasses[] = {
    {"Car", "car", nullptr, nullptr},
    {"Van", "van", nullptr, nullptr},
    {"Truck", "truck", nullptr, nullptr},
    {"Person_sitting", "pedestrian", "pose", "sitting"},
    {"Pedestrian", "pedestrian", nullptr, nullptr},
    {"Cyclist", "cyclist", nullptr, nullptr},
    {"Tram", "tram", nullptr, nullptr},
    {"Misc", "other_object", nullptr, nullptr},
    {"DontCare", "dont_care", nullptr, nullptr},
};

constexpr const char* kOcclusionNames[] = {"none", "partly", "largely", "unknown"};

/// One KITTI label line in KITTI's own terms.
struct KittiRecord {
  std::int64_t frame = 0;
  std::int64_t trackId = -1;
  std::string type;
  double truncated = 0;
  double occluded = 0;
  double alpha = 0;
  double bbox[4] = {0, 0, 0, 0};
  double h = 0, w = 0, l = 0;
  Eigen::Vector3d location = Eigen::Vector3d::Zero();
  double rotationY = 0;
  std::optional<double> score;
};

std::vector<std::string> splitTokens(std::string_view line) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
      ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r')
      ++j;
    if (j > i) tokens.emplace_back(line.substr(i, j - i));
    i = j;
  }
  return tokens;
}

/// Parses the fields from `type` on; `tokens` starts at the type.
Result<KittiRecord> parseRecord(const std::vector<std::string>& tokens, std::size_t first,
                                const std::string& where) {
  KittiRecord r;
  r.type = tokens[first];
  double v[15] = {};
  const std::size_t numbers = tokens.size() - first - 1;
  for (std::size_t i = 0; i < numbers; ++i) {
    const auto parsed = parseNumber(tokens[first + 1 + i]);
    if (!parsed)
      return Error{where + ": value " + std::to_string(first + 2 + i) + " '" +
                   tokens[first + 1 + i] + "' is not a number"};
    v[i] = *parsed;
  }
  r.truncated = v[0];
  r.occluded = v[1];
  r.alpha = v[2];
  for (int i = 0; i < 4; ++i)
    r.bbox[i] = v[3 + i];
  r.h = v[7];
  r.w = v[8];
  r.l = v[9];
  r.location = Eigen::Vector3d(v[10], v[11], v[12]);
  r.rotationY = v[13];
  if (numbers == 15) r.score = v[14];
  return r;
}

Eigen::Matrix3d rectFromBox(double rotationY) {
  Eigen::Matrix3d R0;
  R0 << 1, 0, 0,  //
      0, 0, -1,   //
      0, 1, 0;
  return Eigen::AngleAxisd(rotationY, Eigen::Vector3d::UnitY()).toRotationMatrix() * R0;
}

class CameraCache {
 public:
  explicit CameraCache(const LabelContext& context) : m_context(context) {}
  Result<KittiCamera> at(FrameIndex frame) {
    if (!m_context.kittiCamera) {
      return Error{
          "KITTI labels are in the camera frame: they need the dataset's calibration (pass "
          "--dataset)"};
    }
    if (const auto it = m_cache.find(frame); it != m_cache.end()) return it->second;
    auto camera = m_context.kittiCamera(static_cast<std::size_t>(std::max(frame, 0)));
    if (!camera) return camera.error();
    m_cache.emplace(frame, *camera);
    return *camera;
  }

 private:
  const LabelContext& m_context;
  std::map<FrameIndex, KittiCamera> m_cache;
};

Result<void> importRecord(const KittiRecord& r, FrameIndex frame, const std::string& where,
                          bool tracking, DocumentBuilder& builder, CameraCache& cameras) {
  Instance instance;
  instance.frame = frame;
  bool known = false;
  const std::string className = importClass(kKittiClasses, r.type, instance.attributes, known);
  if (!known)
    builder.warnings.push_back(where + ": class '" + r.type + "' has no schema class; kept as '" +
                               className + "'");
  instance.attributes.set("bbox_left", r.bbox[0]);
  instance.attributes.set("bbox_top", r.bbox[1]);
  instance.attributes.set("bbox_right", r.bbox[2]);
  instance.attributes.set("bbox_bottom", r.bbox[3]);
  if (r.score) {
    instance.confidence = *r.score;
    instance.source = InstanceSource::Predicted;
  }
  if (className == "dont_care") {
    // An ignore region has only its image box; the 3D fields are fillers.
    instance.geometry = Cuboid{};
  } else {
    instance.attributes.set("alpha", r.alpha);
    instance.attributes.set("truncation", r.truncated);
    const double occluded = std::round(r.occluded);
    if (occluded >= 0 && occluded <= 3 && occluded == r.occluded) {
      instance.attributes.set("occlusion",
                              std::string(kOcclusionNames[static_cast<int>(occluded)]));
    } else {
      builder.warnings.push_back(where + ": occluded = " + formatNumber(r.occluded) +
                                 " is not 0..3; set to unknown");
      instance.attributes.set("occlusion", std::string("unknown"));
    }
    if (!(r.h > 0 && r.w > 0 && r.l > 0)) {
      builder.warnings.push_back(where + ": dimensions h w l = " + formatNumber(r.h) + " " +
                                 formatNumber(r.w) + " " + formatNumber(r.l) +
                                 " are not positive; kept (validation reports the box)");
    }
    auto camera = cameras.at(frame);
    if (!camera) return camera.error();
    Cuboid box;
    box.rotation = Eigen::Quaterniond(rectFromBox(r.rotationY));
    box.center = r.location - Eigen::Vector3d(0, r.h / 2, 0);
    box.size = Eigen::Vector3d(r.l, r.w, r.h);
    instance.geometry = (builder.T_world_ego(frame) * camera->T_ego_rect0) * box;
  }
  const std::string key =
      tracking && r.trackId >= 0 ? std::to_string(r.trackId + 1) : std::string();
  const ObjectId id = builder.object(key, className);
  if (builder.className(id) != className) {
    builder.warnings.push_back(where + ": track " + std::to_string(r.trackId) + " is '" +
                               builder.className(id) + "' earlier and '" + className +
                               "' here; kept as '" + builder.className(id) + "'");
  }
  if (auto added = builder.addInstance(id, std::move(instance)); !added)
    return added.error().withContext(where);
  return {};
}

Result<std::vector<std::string>> readLines(const std::filesystem::path& file) {
  auto text = readTextFile(file);
  if (!text) return text.error();
  std::vector<std::string> lines;
  std::istringstream stream(*text);
  std::string line;
  while (std::getline(stream, line))
    lines.push_back(line);
  return lines;
}

// ------------------------------------------------------------- export --

struct KittiOut {
  std::string type;
  double truncated = 0;
  int occluded = 0;
  double alpha = 0;
  double bbox[4] = {0, 0, 0, 0};
  double h = 0, w = 0, l = 0;
  Eigen::Vector3d location = Eigen::Vector3d::Zero();
  double rotationY = 0;
};

std::string numberOrDash(double v) {
  return formatNumber(v);
}

std::string formatLine(const KittiOut& o, const std::optional<double>& score) {
  char bbox[128];
  std::snprintf(bbox, sizeof bbox, "%.2f %.2f %.2f %.2f", o.bbox[0], o.bbox[1], o.bbox[2],
                o.bbox[3]);
  std::string line = o.type + " " + numberOrDash(o.truncated) + " " + std::to_string(o.occluded) +
                     " " + numberOrDash(o.alpha) + " " + bbox + " " + formatNumber(o.h) + " " +
                     formatNumber(o.w) + " " + formatNumber(o.l) + " " +
                     formatNumber(o.location.x()) + " " + formatNumber(o.location.y()) + " " +
                     formatNumber(o.location.z()) + " " + formatNumber(o.rotationY);
  if (score) line += " " + formatNumber(*score);
  return line;
}

double numberAttribute(const Attributes& a, const char* name, double fallback) {
  const AttributeValue* v = a.find(name);
  const double* d = v != nullptr ? std::get_if<double>(v) : nullptr;
  return d != nullptr ? *d : fallback;
}

Result<KittiOut> exportBox(const FrameCuboid& fc, const LabelFrame& frame, CameraCache& cameras,
                           bool& tilted) {
  KittiOut o;
  const Attributes& attrs = fc.instance->attributes;
  o.type = exportClass(kKittiClasses, fc.track->object.className, attrs);
  if (fc.track->object.className == "dont_care") {
    o.type = "DontCare";
    o.truncated = -1;
    o.occluded = -1;
    o.alpha = -10;
    o.bbox[0] = numberAttribute(attrs, "bbox_left", 0);
    o.bbox[1] = numberAttribute(attrs, "bbox_top", 0);
    o.bbox[2] = numberAttribute(attrs, "bbox_right", 0);
    o.bbox[3] = numberAttribute(attrs, "bbox_bottom", 0);
    o.h = o.w = o.l = -1;
    o.location = Eigen::Vector3d::Constant(-1000);
    o.rotationY = -10;
    return o;
  }
  auto camera = cameras.at(fc.frame);
  if (!camera) return camera.error();
  const Cuboid rect = (frame.T_world_ego * camera->T_ego_rect0).inverse() * *fc.box;
  const Eigen::Matrix3d R = rect.rotation.toRotationMatrix();
  const Eigen::Vector3d up = R.col(2);
  // KITTI boxes only turn about cam y; a box that does not stand upright in
  // the camera loses its pitch and roll (reported).
  if (std::acos(std::clamp(-up.y(), -1.0, 1.0)) > 1e-6) tilted = true;
  const Eigen::Vector3d heading = R.col(0);
  o.rotationY = std::atan2(-heading.z(), heading.x());
  o.l = rect.size.x();
  o.w = rect.size.y();
  o.h = rect.size.z();
  o.location = rect.center + Eigen::Vector3d(0, o.h / 2, 0);
  o.alpha = normalizeAngle(o.rotationY - std::atan2(o.location.x(), o.location.z()));
  const AttributeValue* occlusion = attrs.find("occlusion");
  const std::string* occlusionName =
      occlusion != nullptr ? std::get_if<std::string>(occlusion) : nullptr;
  o.occluded = 3;
  if (occlusionName != nullptr) {
    if (*occlusionName == "none") o.occluded = 0;
    if (*occlusionName == "partly") o.occluded = 1;
    if (*occlusionName == "largely") o.occluded = 2;
  }

  // 2D box and truncation from the projection of the (upright) box into image_2.
  Cuboid upright;
  upright.center = rect.center;
  upright.size = rect.size;
  upright.rotation = Eigen::Quaterniond(rectFromBox(o.rotationY));
  double u0 = INFINITY, v0 = INFINITY, u1 = -INFINITY, v1 = -INFINITY;
  for (const Eigen::Vector3d& corner : upright.corners()) {
    const Eigen::Vector3d p = camera->P2 * corner.homogeneous();
    if (p.z() <= 1e-3) continue;  // corners behind the camera do not bound the image box
    u0 = std::min(u0, p.x() / p.z());
    u1 = std::max(u1, p.x() / p.z());
    v0 = std::min(v0, p.y() / p.z());
    v1 = std::max(v1, p.y() / p.z());
  }
  if (!(u1 >= u0) || camera->width <= 0 || camera->height <= 0) {
    o.truncated = 1;
    return o;
  }
  const double W = camera->width - 1, H = camera->height - 1;
  const double area = (u1 - u0) * (v1 - v0);
  o.bbox[0] = std::clamp(u0, 0.0, W);
  o.bbox[1] = std::clamp(v0, 0.0, H);
  o.bbox[2] = std::clamp(u1, 0.0, W);
  o.bbox[3] = std::clamp(v1, 0.0, H);
  const double inside = (o.bbox[2] - o.bbox[0]) * (o.bbox[3] - o.bbox[1]);
  o.truncated = area > 0 ? std::clamp(1.0 - inside / area, 0.0, 1.0) : 1.0;
  return o;
}

/// Whether every frame id is a number: then the tracking file's frame column
/// is that number (the dataset's own), else the frame's position.
bool numericFrameIds(const std::vector<LabelFrame>& frames) {
  return std::all_of(frames.begin(), frames.end(),
                     [](const LabelFrame& f) { return parseInteger(f.id).has_value(); });
}

}  // namespace

// ------------------------------------------------------------ formats --

bool detectKitti(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) {
    const auto files = listFiles(path, ".txt");
    if (files.empty()) return false;
    auto lines = readLines(files.front());
    if (!lines) return false;
    for (const auto& line : *lines) {
      const auto tokens = splitTokens(line);
      if (!tokens.empty()) return tokens.size() == 15 || tokens.size() == 16;
    }
    return path.filename() == "label_2";
  }
  if (path.extension() != ".txt") return false;
  auto lines = readLines(path);
  if (!lines) return false;
  for (const auto& line : *lines) {
    const auto tokens = splitTokens(line);
    if (!tokens.empty())
      return (tokens.size() == 15 || tokens.size() == 16) && !parseNumber(tokens[0]);
  }
  return false;
}

bool detectKittiTracking(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) return path.filename() == "label_02";
  if (path.extension() != ".txt") return false;
  auto lines = readLines(path);
  if (!lines) return false;
  for (const auto& line : *lines) {
    const auto tokens = splitTokens(line);
    if (!tokens.empty())
      return (tokens.size() == 17 || tokens.size() == 18) && parseInteger(tokens[0]).has_value();
  }
  return false;
}

Result<LabelImport> readKitti(const std::filesystem::path& path, const LabelContext& context) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path)) {
    files = listFiles(path, ".txt");
  } else if (std::filesystem::exists(path)) {
    files.push_back(path);
  } else {
    return Error::inFile(path.string(), "does not exist");
  }
  DocumentBuilder builder(context, "kitti");
  if (!builder.hasContextFrames()) {
    std::vector<LabelFrame> frames;
    for (const auto& file : files)
      frames.push_back({stemWithout(file, ".txt"), 0, Eigen::Isometry3d::Identity()});
    builder.defineFrames(std::move(frames));
  }
  CameraCache cameras(context);
  for (const auto& file : files) {
    const std::string id = stemWithout(file, ".txt");
    const auto frame = builder.frameById(id);
    if (!frame) return Error::inFile(file.string(), "the dataset has no frame '" + id + "'");
    auto lines = readLines(file);
    if (!lines) return lines.error();
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const auto tokens = splitTokens((*lines)[i]);
      if (tokens.empty()) continue;
      const std::string where = file.string() + ": line " + std::to_string(i + 1);
      if (tokens.size() != 15 && tokens.size() != 16) {
        return Error{where + ": expected 15 or 16 values (16 with a score), found " +
                     std::to_string(tokens.size())};
      }
      auto record = parseRecord(tokens, 0, where);
      if (!record) return record.error();
      if (auto added = importRecord(*record, *frame, where, false, builder, cameras); !added)
        return added.error();
    }
  }
  LabelImport out{builder.finish(), std::move(builder.warnings)};
  return out;
}

Result<LabelImport> readKittiTracking(const std::filesystem::path& path,
                                      const LabelContext& context) {
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(path)) {
    const auto files = listFiles(path, ".txt");
    const auto named = path / (context.dataset.sequence + ".txt");
    if (!context.dataset.sequence.empty() && std::filesystem::exists(named)) {
      file = named;
    } else if (files.size() == 1) {
      file = files.front();
    } else {
      return Error::inFile(path.string(), "holds " + std::to_string(files.size()) +
                                              " sequence files; name one (label_02/<seq>.txt)");
    }
  }
  auto lines = readLines(file);
  if (!lines) return lines.error();
  std::vector<std::pair<std::string, KittiRecord>> records;
  std::int64_t largestFrame = -1;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const auto tokens = splitTokens((*lines)[i]);
    if (tokens.empty()) continue;
    const std::string where = file.string() + ": line " + std::to_string(i + 1);
    if (tokens.size() != 17 && tokens.size() != 18) {
      return Error{
          where +
          ": expected 17 or 18 values (frame, track id, type … rotation_y [score]), found " +
          std::to_string(tokens.size())};
    }
    const auto frame = parseInteger(tokens[0]);
    const auto track = parseInteger(tokens[1]);
    if (!frame || *frame < 0)
      return Error{where + ": the frame '" + tokens[0] + "' is not a frame number"};
    if (!track || *track < -1)
      return Error{where + ": the track id '" + tokens[1] + "' is not -1 or a track number"};
    auto record = parseRecord(tokens, 2, where);
    if (!record) return record.error();
    record->frame = *frame;
    record->trackId = *track;
    largestFrame = std::max(largestFrame, *frame);
    records.emplace_back(where, std::move(*record));
  }
  DocumentBuilder builder(context, "kitti-tracking");
  std::map<std::int64_t, FrameIndex> frameOfNumber;
  if (builder.hasContextFrames()) {
    const bool numeric = numericFrameIds(builder.frames());
    for (std::size_t i = 0; i < builder.frames().size(); ++i) {
      const auto n =
          numeric ? parseInteger(builder.frames()[i].id) : std::optional<std::int64_t>(i);
      frameOfNumber.emplace(*n, static_cast<FrameIndex>(i));
    }
  } else {
    std::vector<LabelFrame> frames;
    for (std::int64_t n = 0; n <= largestFrame; ++n) {
      char id[32];
      std::snprintf(id, sizeof id, "%06lld", static_cast<long long>(n));
      frames.push_back({id, 0, Eigen::Isometry3d::Identity()});
      frameOfNumber.emplace(n, static_cast<FrameIndex>(n));
    }
    builder.defineFrames(std::move(frames));
  }
  CameraCache cameras(context);
  for (const auto& [where, record] : records) {
    const auto it = frameOfNumber.find(record.frame);
    if (it == frameOfNumber.end()) {
      return Error{where + ": the dataset has no frame " + std::to_string(record.frame)};
    }
    if (auto added = importRecord(record, it->second, where, true, builder, cameras); !added)
      return added.error();
  }
  LabelImport out{builder.finish(), std::move(builder.warnings)};
  return out;
}

namespace {

Result<LabelExport> writeKittiAny(const Document& document, const std::filesystem::path& path,
                                  const LabelContext& context, bool tracking) {
  LabelExport out;
  const auto frames = exportFrames(document, context);
  const auto byFrame =
      cuboidsByFrame(document, frames.size(), tracking ? "KITTI tracking" : "KITTI", out.warnings);
  CameraCache cameras(context);
  std::map<std::int64_t, bool> tiltedObjects;
  std::string trackingText;
  const bool numeric = numericFrameIds(frames);
  for (std::size_t f = 0; f < frames.size(); ++f) {
    std::string text;
    for (const FrameCuboid& fc : byFrame[f]) {
      bool tilted = false;
      auto line = exportBox(fc, frames[f], cameras, tilted);
      if (!line) return line.error().withContext("frame " + frames[f].id);
      if (tilted) tiltedObjects[fc.track->object.id.value] = true;
      if (tracking) {
        const std::int64_t frameNumber =
            numeric ? *parseInteger(frames[f].id) : static_cast<std::int64_t>(f);
        const std::int64_t trackId =
            fc.track->object.className == "dont_care" ? -1 : fc.track->object.number - 1;
        text += std::to_string(frameNumber) + " " + std::to_string(trackId) + " ";
      }
      text += formatLine(*line, fc.instance->confidence) + "\n";
    }
    if (tracking) {
      trackingText += text;
      continue;
    }
    const auto file = path / (frames[f].id + ".txt");
    if (auto written = writeTextFile(file, text); !written) return written.error();
    out.files.push_back(file);
  }
  for (const auto& [id, unused] : tiltedObjects) {
    const Object* object = document.object(ObjectId{id});
    out.warnings.push_back(object->className + " #" + std::to_string(object->number) +
                           ": pitch/roll relative to the camera cannot be written as KITTI; "
                           "rotation_y keeps the heading only");
  }
  if (tracking) {
    std::filesystem::path file = path;
    if (std::filesystem::is_directory(path) || path.extension() != ".txt") {
      file = path /
             ((context.dataset.sequence.empty() ? std::string("0000") : context.dataset.sequence) +
              ".txt");
    }
    if (auto written = writeTextFile(file, trackingText); !written) return written.error();
    out.files.push_back(file);
  }
  return out;
}

}  // namespace

Result<LabelExport> writeKitti(const Document& document, const std::filesystem::path& path,
                               const LabelContext& context) {
  return writeKittiAny(document, path, context, false);
}

Result<LabelExport> writeKittiTracking(const Document& document, const std::filesystem::path& path,
                                       const LabelContext& context) {
  return writeKittiAny(document, path, context, true);
}

}  // namespace fuselabel::labels
