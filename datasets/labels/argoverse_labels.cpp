// Argoverse 2 sensor-dataset annotations (annotations.feather, here as the
// lossless annotations.csv beside city_SE3_egovehicle.csv): one row per box,
// `timestamp_ns, track_uuid, category, length_m, width_m, height_m, qw, qx,
// qy, qz, tx_m, ty_m, tz_m, num_interior_pts`, the box pose given object →
// ego at the sweep's time. World = T_city_ego(first annotated sweep)⁻¹ ·
// T_city_ego(t) · box, so `world` is anchored at the first frame (DESIGN.md).
// Read only: Argoverse is a source of ground truth, not a target.

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

#include "core/geometry/transform.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

constexpr const char* kAnnotationsHeader =
    "timestamp_ns,track_uuid,category,length_m,width_m,height_m,qw,qx,qy,qz,tx_m,ty_m,tz_m";
constexpr const char* kPosesFile = "city_SE3_egovehicle.csv";

constexpr ClassMapping kArgoverseClasses[] = {
    {"REGULAR_VEHICLE", "car", nullptr, nullptr},
    {"LARGE_VEHICLE", "truck", nullptr, nullptr},
    {"BOX_TRUCK", "truck", nullptr, nullptr},
    {"TRUCK", "truck", nullptr, nullptr},
    {"TRUCK_CAB", "truck", nullptr, nullptr},
    {"VEHICULAR_TRAILER", "trailer", nullptr, nullptr},
    {"MESSAGE_BOARD_TRAILER", "trailer", nullptr, nullptr},
    {"TRAFFIC_LIGHT_TRAILER", "trailer", nullptr, nullptr},
    {"BUS", "bus", nullptr, nullptr},
    {"SCHOOL_BUS", "bus", nullptr, nullptr},
    {"ARTICULATED_BUS", "bus", nullptr, nullptr},
    {"RAILED_VEHICLE", "tram", nullptr, nullptr},
    {"MOTORCYCLE", "motorcycle", nullptr, nullptr},
    {"BICYCLE", "bicycle", nullptr, nullptr},
    {"PEDESTRIAN", "pedestrian", nullptr, nullptr},
    {"OFFICIAL_SIGNALER", "pedestrian", nullptr, nullptr},
    {"BICYCLIST", "cyclist", nullptr, nullptr},
    {"WHEELED_RIDER", "cyclist", nullptr, nullptr},
    {"MOTORCYCLIST", "motorcyclist", nullptr, nullptr},
    {"WHEELCHAIR", "wheelchair", nullptr, nullptr},
    {"STROLLER", "stroller", nullptr, nullptr},
    {"DOG", "animal", nullptr, nullptr},
    {"CONSTRUCTION_CONE", "traffic_cone", nullptr, nullptr},
    {"CONSTRUCTION_BARREL", "traffic_cone", nullptr, nullptr},
    {"BOLLARD", "pole", nullptr, nullptr},
    {"SIGN", "traffic_sign", nullptr, nullptr},
    {"STOP_SIGN", "traffic_sign", nullptr, nullptr},
    {"MOBILE_PEDESTRIAN_CROSSING_SIGN", "traffic_sign", nullptr, nullptr},
    {"WHEELED_DEVICE", "other_object", nullptr, nullptr},
};

std::filesystem::path annotationsFile(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) ? path / "annotations.csv" : path;
}

// Splits one CSV line without quoting (none of these files quote).
std::vector<std::string_view> splitCsv(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

template <typename T>
bool parseNumber(std::string_view text, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    // libstdc++ 12 has floating-point from_chars.
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && std::isfinite(out);
  } else {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
  }
}

struct Row {
  std::int64_t timestampNs = 0;
  std::string track;
  std::string category;
  Eigen::Isometry3d T_ego_box = Eigen::Isometry3d::Identity();
  Eigen::Vector3d size = Eigen::Vector3d::Zero();
  std::optional<double> interiorPoints;
};

// Reads the rows of a CSV whose header starts with `header`, calling `row` for each.
Result<void> readCsv(const std::filesystem::path& file, std::string_view header,
                     const std::function<Result<void>(std::span<const std::string_view>,
                                                      const std::string& where)>& row) {
  std::ifstream stream(file);
  if (!stream) return Error::inFile(file.string(), "cannot be opened");
  std::string line;
  if (!std::getline(stream, line) || !line.starts_with(header))
    return Error::at(file.string(), "line 1",
                     "expected the header \"" + std::string(header) + "\"");
  for (std::size_t number = 2; std::getline(stream, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string_view> fields = splitCsv(line);
    if (auto ok = row(fields, "line " + std::to_string(number)); !ok)
      return Error::at(file.string(), "line " + std::to_string(number), ok.error().message);
  }
  return success();
}

Result<Eigen::Isometry3d> poseOf(std::span<const std::string_view> f, std::size_t first) {
  double v[7];
  for (std::size_t i = 0; i < 7; ++i) {
    if (!parseNumber(f[first + i], v[i]))
      return Error{"expected a number in column " + std::to_string(first + i + 1)};
  }
  Result<Eigen::Quaterniond> q = quaternionFromWxyz(v[0], v[1], v[2], v[3]);
  if (!q) return q.error();
  Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
  T.linear() = q->toRotationMatrix();
  T.translation() = Eigen::Vector3d(v[4], v[5], v[6]);
  return T;
}

Result<std::vector<Row>> readRows(const std::filesystem::path& file) {
  std::vector<Row> rows;
  auto ok = readCsv(
      file, kAnnotationsHeader,
      [&](std::span<const std::string_view> f, const std::string&) -> Result<void> {
        if (f.size() < 13)
          return Error{"expected 13 or 14 columns, found " + std::to_string(f.size())};
        Row row;
        if (!parseNumber(f[0], row.timestampNs)) return Error{"timestamp_ns is not an integer"};
        row.track = std::string(f[1]);
        row.category = std::string(f[2]);
        for (int i = 0; i < 3; ++i) {
          if (!parseNumber(f[3 + static_cast<std::size_t>(i)], row.size[i]) || row.size[i] <= 0.0)
            return Error{"box size must be positive numbers"};
        }
        Result<Eigen::Isometry3d> pose = poseOf(f, 6);
        if (!pose) return pose.error();
        row.T_ego_box = *pose;
        double points = 0.0;
        if (f.size() > 13 && parseNumber(f[13], points)) row.interiorPoints = points;
        rows.push_back(std::move(row));
        return success();
      });
  if (!ok) return ok.error();
  return rows;
}

Result<std::map<std::int64_t, Eigen::Isometry3d>> readPoses(const std::filesystem::path& file) {
  std::map<std::int64_t, Eigen::Isometry3d> poses;
  auto ok = readCsv(file, "timestamp_ns,qw,qx,qy,qz,tx_m,ty_m,tz_m",
                    [&](std::span<const std::string_view> f, const std::string&) -> Result<void> {
                      if (f.size() < 8) return Error{"expected 8 columns"};
                      std::int64_t t = 0;
                      if (!parseNumber(f[0], t)) return Error{"timestamp_ns is not an integer"};
                      Result<Eigen::Isometry3d> pose = poseOf(f, 1);
                      if (!pose) return pose.error();
                      poses[t] = *pose;
                      return success();
                    });
  if (!ok) return ok.error();
  return poses;
}

}  // namespace

bool detectArgoverse(const std::filesystem::path& path) {
  const std::filesystem::path file = annotationsFile(path);
  if (file.extension() != ".csv") return false;
  std::ifstream stream(file);
  std::string line;
  return std::getline(stream, line) && line.starts_with(kAnnotationsHeader);
}

Result<LabelImport> readArgoverse(const std::filesystem::path& path, const LabelContext& context) {
  const std::filesystem::path file = annotationsFile(path);
  if (!std::filesystem::exists(file)) return Error::inFile(file.string(), "does not exist");
  Result<std::vector<Row>> rows = readRows(file);
  if (!rows) return rows.error();
  const std::filesystem::path posesFile = file.parent_path() / kPosesFile;
  if (!std::filesystem::exists(posesFile))
    return Error::inFile(file.string(),
                         std::string("needs the ego poses in ") + kPosesFile + " beside it");
  auto poses = readPoses(posesFile);
  if (!poses) return poses.error();

  DocumentBuilder builder(context, "argoverse2");
  if (!builder.hasContextFrames()) {
    // One frame per annotated sweep, world anchored at the first.
    std::set<std::int64_t> stamps;
    for (const Row& row : *rows)
      stamps.insert(row.timestampNs);
    std::vector<LabelFrame> frames;
    std::optional<Eigen::Isometry3d> T_world_city;
    for (std::int64_t t : stamps) {
      const auto pose = poses->find(t);
      if (pose == poses->end())
        return Error::inFile(posesFile.string(),
                             "has no ego pose at the annotated sweep " + std::to_string(t));
      if (!T_world_city) T_world_city = pose->second.inverse();
      frames.push_back({std::to_string(t), t, *T_world_city * pose->second});
    }
    builder.defineFrames(std::move(frames));
  }
  std::size_t outside = 0;
  for (const Row& row : *rows) {
    const auto frame = builder.frameById(std::to_string(row.timestampNs));
    if (!frame) {
      ++outside;
      continue;
    }
    Attributes attributes;
    bool known = true;
    const std::string className = importClass(kArgoverseClasses, row.category, attributes, known);
    if (!known)
      builder.warnings.push_back(file.string() + ": unknown category " + row.category +
                                 " kept as is");
    const ObjectId id = builder.object(row.track, className);
    Instance instance;
    instance.frame = *frame;
    const Eigen::Isometry3d T_world_box = builder.T_world_ego(*frame) * row.T_ego_box;
    Cuboid box;
    box.center = T_world_box.translation();
    box.rotation = Eigen::Quaterniond(T_world_box.linear()).normalized();
    box.size = row.size;
    instance.geometry = box;
    instance.attributes = std::move(attributes);
    if (row.interiorPoints) instance.attributes.set("num_points", *row.interiorPoints);
    if (auto ok = builder.addInstance(id, std::move(instance)); !ok)
      return ok.error().withContext(file.string());
  }
  if (outside > 0) {
    builder.warnings.push_back(file.string() + ": " + std::to_string(outside) +
                               " boxes belong to sweeps the dataset does not have; left out");
  }
  return LabelImport{builder.finish(), std::move(builder.warnings)};
}

Result<LabelExport> writeArgoverse(const Document&, const std::filesystem::path& path,
                                   const LabelContext&) {
  return Error::inFile(path.string(),
                       "writing Argoverse 2 annotations is not supported (read only); use "
                       "openlabel or native");
}

}  // namespace fuselabel::labels
