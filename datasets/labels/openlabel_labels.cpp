// ASAM OpenLABEL 1.0 JSON. One object per track (key = the track number,
// `type` = schema class); per-frame geometry under frames[n].objects[uid]
// (a 10-value `cuboid` x y z qx qy qz qw sx sy sz, or a `poly3d`), static
// geometry and static attributes under objects[uid].object_data. Instance
// attributes, and fuselabel's `keyframe` (boolean), `source` and `review`
// (text) and `confidence` (num) flags, are attributes of the geometry.
// Coordinate systems: `world` (root) ← `ego` ← each sensor (pose_wrt_parent
// = T_parent_child as a 4×4, X_parent = M · X_child); the ego pose per frame
// is frame_properties.transforms.ego_to_world (src ego, dst world). Frame
// times are frame_properties.timestamp in seconds, plus `timestamp_ns` and
// `frame_id` (extra frame properties the schema allows) for exact round trips.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/geometry/transform.hpp"
#include "datasets/io/json_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr const char* kWorld = "world";
constexpr const char* kEgo = "ego";

OrderedJson matrixJson(const Eigen::Isometry3d& T) {
  OrderedJson m = OrderedJson::array();
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c)
      m.push_back(T.matrix()(r, c));
  }
  return m;
}

OrderedJson transformJson(const Eigen::Isometry3d& T) {
  return OrderedJson{{"matrix4x4", matrixJson(T)}};
}

void appendAttribute(OrderedJson& attributes, const std::string& name,
                     const AttributeValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) {
    attributes["boolean"].push_back({{"name", name}, {"val", *b}});
  } else if (const double* d = std::get_if<double>(&value)) {
    attributes["num"].push_back(
        {{"name", name}, {"val", std::isfinite(*d) ? OrderedJson(*d) : OrderedJson(nullptr)}});
  } else {
    attributes["text"].push_back({{"name", name}, {"val", std::get<std::string>(value)}});
  }
}

OrderedJson geometryJson(const Instance& instance, bool withFlags) {
  OrderedJson attributes = OrderedJson::object();
  for (const auto& [name, value] : instance.attributes)
    appendAttribute(attributes, name, value);
  if (withFlags) {
    appendAttribute(attributes, "keyframe", instance.source == InstanceSource::Keyframe);
    appendAttribute(attributes, "source", std::string(toString(instance.source)));
    appendAttribute(attributes, "review", std::string(toString(instance.review.state)));
    // Who, when and why travel as text attributes; the pin stays native-only.
    if (!instance.review.reviewer.empty())
      appendAttribute(attributes, "review_by", instance.review.reviewer);
    if (!instance.review.time.empty())
      appendAttribute(attributes, "review_time", instance.review.time);
    if (!instance.review.comment.empty())
      appendAttribute(attributes, "review_comment", instance.review.comment);
    if (instance.confidence) appendAttribute(attributes, "confidence", *instance.confidence);
  }
  OrderedJson out;
  if (const auto* box = std::get_if<Cuboid>(&instance.geometry)) {
    out["name"] = "box";
    out["val"] = {box->center.x(),   box->center.y(),   box->center.z(),   box->rotation.x(),
                  box->rotation.y(), box->rotation.z(), box->rotation.w(), box->size.x(),
                  box->size.y(),     box->size.z()};
  } else {
    const auto& line = std::get<Polyline>(instance.geometry);
    out["name"] = "polyline";
    OrderedJson val = OrderedJson::array();
    for (const Eigen::Vector3d& p : line.points) {
      val.push_back(p.x());
      val.push_back(p.y());
      val.push_back(p.z());
    }
    out["val"] = std::move(val);
    out["closed"] = line.closed;
    if (!line.vertexValues.empty())
      attributes["vec"].push_back({{"name", "vertex_values"}, {"val", line.vertexValues}});
  }
  out["coordinate_system"] = kWorld;
  if (!attributes.empty()) out["attributes"] = std::move(attributes);
  return out;
}

const char* geometryKey(const Instance& instance) {
  return std::holds_alternative<Cuboid>(instance.geometry) ? "cuboid" : "poly3d";
}

// ------------------------------------------------------------- reading --

/// Reads an OpenLABEL transform_data (matrix4x4, quaternion + translation, or euler_angles +
/// translation).
Result<Eigen::Isometry3d> readTransform(const OrderedJson& data, const std::string& where) {
  if (!data.is_object()) return Error{where + ": expected a transform object"};
  const auto numbersOf = [&](const char* key, std::size_t n) -> Result<std::vector<double>> {
    if (!data.contains(key) || !data[key].is_array() || data[key].size() != n) {
      return Error{where + "." + key + ": expected " + std::to_string(n) + " numbers"};
    }
    std::vector<double> out;
    for (const auto& v : data[key]) {
      if (!v.is_number())
        return Error{where + "." + key + ": expected " + std::to_string(n) + " numbers"};
      out.push_back(v.get<double>());
    }
    return out;
  };
  if (data.contains("matrix4x4")) {
    auto m = numbersOf("matrix4x4", 16);
    if (!m) return m.error();
    auto T = fromRowMajor4x4(std::span<const double, 16>(m->data(), 16));
    if (!T) return T.error().withContext(where + ".matrix4x4");
    return *T;
  }
  auto t = numbersOf("translation", 3);
  if (!t) return t.error();
  const Eigen::Vector3d translation((*t)[0], (*t)[1], (*t)[2]);
  if (data.contains("quaternion")) {
    auto q = numbersOf("quaternion", 4);
    if (!q) return q.error();
    auto T = fromQuaternionXyzw(std::span<const double, 4>(q->data(), 4), translation);
    if (!T) return T.error().withContext(where + ".quaternion");
    return *T;
  }
  if (data.contains("euler_angles")) {
    auto e = numbersOf("euler_angles", 3);
    if (!e) return e.error();
    const std::string sequence = data.contains("sequence") && data["sequence"].is_string()
                                     ? data["sequence"].get<std::string>()
                                     : "ZYX";
    if (sequence != "ZYX")
      return Error{where + ".sequence: only \"ZYX\" (yaw, pitch, roll) is supported"};
    return fromYawPitchRoll((*e)[0], (*e)[1], (*e)[2], translation);
  }
  return Error{where +
               ": expected matrix4x4, quaternion + translation or euler_angles + translation"};
}

struct CoordinateSystem {
  std::string parent;
  std::optional<Eigen::Isometry3d> T_parent_self;
};

class OpenLabelReader {
 public:
  OpenLabelReader(const std::string& file, const OrderedJson& root, DocumentBuilder& builder)
      : m_file(file), m_root(root), m_builder(builder) {}

  Result<void> readCoordinateSystems() {
    if (!m_root.contains("coordinate_systems")) return {};
    const OrderedJson& systems = m_root["coordinate_systems"];
    if (!systems.is_object()) return fail("openlabel.coordinate_systems", "expected an object");
    for (const auto& [name, cs] : systems.items()) {
      const std::string where = "openlabel.coordinate_systems." + name;
      CoordinateSystem out;
      if (cs.contains("parent") && cs["parent"].is_string())
        out.parent = cs["parent"].get<std::string>();
      if (cs.contains("pose_wrt_parent")) {
        auto T = readTransform(cs["pose_wrt_parent"], m_file + ": " + where + ".pose_wrt_parent");
        if (!T) return T.error();
        out.T_parent_self = *T;
      }
      m_systems.emplace(name, std::move(out));
    }
    return {};
  }

  /// Per-frame transforms keyed by source system: (destination, T_dst_src).
  Result<void> readFrameTransforms(std::int64_t frameKey, const OrderedJson& properties,
                                   const std::string& where) {
    if (!properties.contains("transforms")) return {};
    for (const auto& [name, transform] : properties["transforms"].items()) {
      const std::string at = where + ".transforms." + name;
      if (!transform.contains("src") || !transform.contains("dst") ||
          !transform["src"].is_string() || !transform["dst"].is_string() ||
          !transform.contains("transform_src_to_dst")) {
        return fail(at, "a transform needs src, dst and transform_src_to_dst");
      }
      auto T = readTransform(transform["transform_src_to_dst"],
                             m_file + ": " + at + ".transform_src_to_dst");
      if (!T) return T.error();
      m_frameTransforms[frameKey][transform["src"].get<std::string>()] = {
          transform["dst"].get<std::string>(), *T};
    }
    return {};
  }

  /// T_world_cs at a frame: the chain up to the root, or up to `ego` when the
  /// context knows the ego poses.
  Result<Eigen::Isometry3d> toWorld(const std::string& cs, FrameIndex frame,
                                    const std::string& where) {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    std::string current = cs.empty() ? rootName() : cs;
    for (int depth = 0; depth < 32; ++depth) {
      if (current == kEgo && m_builder.hasContextFrames()) return m_builder.T_world_ego(frame) * T;
      const auto perFrame = m_frameTransforms.find(frame);
      if (perFrame != m_frameTransforms.end()) {
        if (const auto it = perFrame->second.find(current); it != perFrame->second.end()) {
          T = it->second.second * T;
          current = it->second.first;
          continue;
        }
      }
      const auto system = m_systems.find(current);
      if (system == m_systems.end()) {
        if (m_systems.empty() || current == rootName()) return T;
        return fail(where, "unknown coordinate system '" + current + "'");
      }
      if (system->second.parent.empty()) return T;
      if (!system->second.T_parent_self) {
        return fail(where, "coordinate system '" + current +
                               "' has no pose_wrt_parent and no transform in this frame");
      }
      T = *system->second.T_parent_self * T;
      current = system->second.parent;
    }
    return fail(where, "the coordinate systems form a cycle");
  }

  std::string rootName() const {
    for (const auto& [name, cs] : m_systems) {
      if (cs.parent.empty()) return name;
    }
    return kWorld;
  }

  /// The per-frame ego pose written in the file, if any.
  std::optional<Eigen::Isometry3d> egoPose(std::int64_t frameKey) {
    const auto perFrame = m_frameTransforms.find(frameKey);
    if (perFrame == m_frameTransforms.end()) return std::nullopt;
    const auto it = perFrame->second.find(kEgo);
    if (it == perFrame->second.end() || it->second.first != rootName()) return std::nullopt;
    return it->second.second;
  }

  /// Reads one element's attribute lists (boolean/num/text/vec) into `out`; fuselabel flags into
  /// `instance`.
  Result<void> readAttributes(const OrderedJson& data, const std::string& where, Attributes& out,
                              Instance* instance, bool& sawKeyframe, bool& keyframe,
                              Polyline* line) {
    for (const char* kind : {"boolean", "num", "text", "vec"}) {
      if (!data.contains(kind)) continue;
      if (!data[kind].is_array()) return fail(where + "." + kind, "expected an array");
      for (std::size_t i = 0; i < data[kind].size(); ++i) {
        const OrderedJson& entry = data[kind][i];
        const std::string at = where + "." + kind + "[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.contains("val")) return fail(at, "expected {name, val}");
        const std::string name = entry.contains("name") && entry["name"].is_string()
                                     ? entry["name"].get<std::string>()
                                     : kind;
        const OrderedJson& val = entry["val"];
        if (instance != nullptr && name == "keyframe" && val.is_boolean()) {
          sawKeyframe = true;
          keyframe = val.get<bool>();
        } else if (instance != nullptr && name == "source" && val.is_string()) {
          const auto source = parseInstanceSource(val.get<std::string>());
          if (!source) return fail(at, "unknown source '" + val.get<std::string>() + "'");
          instance->source = *source;
          m_sawSource = true;
        } else if (instance != nullptr && name == "review" && val.is_string()) {
          const auto review = parseReviewState(val.get<std::string>());
          if (!review) return fail(at, "unknown review state '" + val.get<std::string>() + "'");
          instance->review.state = *review;
        } else if (instance != nullptr && name == "review_by" && val.is_string()) {
          instance->review.reviewer = val.get<std::string>();
        } else if (instance != nullptr && name == "review_time" && val.is_string()) {
          instance->review.time = val.get<std::string>();
        } else if (instance != nullptr && name == "review_comment" && val.is_string()) {
          instance->review.comment = val.get<std::string>();
        } else if (instance != nullptr && name == "confidence" && val.is_number()) {
          instance->confidence = val.get<double>();
        } else if (std::string_view(kind) == "vec") {
          if (line != nullptr && name == "vertex_values" && val.is_array()) {
            for (const auto& v : val)
              line->vertexValues.push_back(v.is_string() ? v.get<std::string>() : v.dump());
          } else {
            m_builder.warnings.push_back(m_file + ": " + at + ": vector attribute '" + name +
                                         "' cannot be held; kept as text");
            out.set(name, val.dump());
          }
        } else if (val.is_boolean()) {
          out.set(name, val.get<bool>());
        } else if (val.is_number()) {
          out.set(name, val.get<double>());
        } else if (val.is_null()) {
          out.set(name, std::nan(""));
        } else if (val.is_string()) {
          out.set(name, val.get<std::string>());
        } else {
          return fail(at + ".val", "expected a boolean, number or text");
        }
      }
    }
    return {};
  }

  /// Reads the cuboid/poly3d and attributes of one object_data into an instance (nullopt: no
  /// geometry).
  Result<std::optional<Instance>> readObjectData(const OrderedJson& data, FrameIndex frame,
                                                 const std::string& objectCs,
                                                 const std::string& where, Attributes& loose) {
    if (!data.is_object()) return fail(where, "expected an object");
    std::optional<Instance> instance;
    for (const char* kind : {"cuboid", "poly3d"}) {
      if (!data.contains(kind)) continue;
      const OrderedJson& list = data[kind];
      if (!list.is_array()) return fail(where + "." + kind, "expected an array");
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = where + "." + kind + "[" + std::to_string(i) + "]";
        const OrderedJson& g = list[i];
        if (!g.is_object() || !g.contains("val")) return fail(at, "expected {name, val}");
        if (g["val"].is_null()) {
          m_builder.warnings.push_back(
              m_file + ": " + at + ": val is null (the object is absent here); nothing to keep");
          continue;
        }
        if (instance)
          return fail(at, "a second geometry for the same object and frame cannot be held");
        std::vector<double> val;
        if (!g["val"].is_array()) return fail(at + ".val", "expected an array of numbers");
        for (const auto& v : g["val"]) {
          if (!v.is_number()) return fail(at + ".val", "expected an array of numbers");
          val.push_back(v.get<double>());
        }
        const std::string cs = g.contains("coordinate_system") && g["coordinate_system"].is_string()
                                   ? g["coordinate_system"].get<std::string>()
                                   : objectCs;
        auto T = toWorld(cs, frame, at);
        if (!T) return T.error();
        Instance out;
        out.frame = frame;
        bool sawKeyframe = false;
        bool keyframe = true;
        m_sawSource = false;
        Polyline line;
        if (std::string_view(kind) == "cuboid") {
          Cuboid box;
          if (val.size() == 10) {
            box.center = Eigen::Vector3d(val[0], val[1], val[2]);
            box.rotation = Eigen::Quaterniond(val[6], val[3], val[4], val[5]);
            if (!(box.rotation.norm() > 0.5 && box.rotation.norm() < 1.5))
              return fail(at + ".val", "qx qy qz qw is not a unit quaternion");
            box.rotation.normalize();
            box.size = Eigen::Vector3d(val[7], val[8], val[9]);
          } else if (val.size() == 9) {
            box.center = Eigen::Vector3d(val[0], val[1], val[2]);
            box.rotation = Eigen::Quaterniond(rotationFromYawPitchRoll(val[5], val[4], val[3]));
            box.size = Eigen::Vector3d(val[6], val[7], val[8]);
          } else {
            return fail(at + ".val",
                        "a cuboid has 10 values (x y z qx qy qz qw sx sy sz) or 9 (x y z rx ry rz "
                        "sx sy sz), found " +
                            std::to_string(val.size()));
          }
          out.geometry = *T * box;
        } else {
          if (val.size() % 3 != 0)
            return fail(at + ".val", "a poly3d is a flat list x0 y0 z0 x1 …");
          for (std::size_t k = 0; k < val.size(); k += 3)
            line.points.push_back(*T * Eigen::Vector3d(val[k], val[k + 1], val[k + 2]));
          line.closed = g.contains("closed") && g["closed"].is_boolean() && g["closed"].get<bool>();
        }
        if (g.contains("attributes")) {
          auto read = readAttributes(g["attributes"], at + ".attributes", out.attributes, &out,
                                     sawKeyframe, keyframe, &line);
          if (!read) return read.error();
        }
        if (std::string_view(kind) == "poly3d") {
          if (!line.isConsistent()) return fail(at, "vertex_values needs one value per point");
          out.geometry = std::move(line);
        }
        // No keyframe flag and no source: every box is a keyframe (someone drew it).
        if (sawKeyframe && !m_sawSource)
          out.source = keyframe ? InstanceSource::Keyframe : InstanceSource::Interpolated;
        instance = std::move(out);
      }
    }
    bool unusedSaw = false;
    bool unusedKey = false;
    OrderedJson plain = OrderedJson::object();
    for (const char* kind : {"boolean", "num", "text", "vec"}) {
      if (data.contains(kind)) plain[kind] = data[kind];
    }
    auto read = readAttributes(plain, where, loose, nullptr, unusedSaw, unusedKey, nullptr);
    if (!read) return read.error();
    for (const auto& [key, unused] : data.items()) {
      if (key != "cuboid" && key != "poly3d" && key != "boolean" && key != "num" && key != "text" &&
          key != "vec") {
        m_builder.warnings.push_back(m_file + ": " + where + "." + key + ": " + key +
                                     " data cannot be held; left out");
      }
    }
    return instance;
  }

  Error fail(const std::string& where, const std::string& what) const {
    return Error::at(m_file, where, what);
  }

 private:
  std::string m_file;
  const OrderedJson& m_root;
  DocumentBuilder& m_builder;
  std::map<std::string, CoordinateSystem> m_systems;
  std::map<std::int64_t, std::map<std::string, std::pair<std::string, Eigen::Isometry3d>>>
      m_frameTransforms;
  bool m_sawSource = false;
};

}  // namespace

bool detectOpenLabel(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path) || path.extension() != ".json") return false;
  std::ifstream stream(path);
  std::string head(4096, '\0');
  stream.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(stream.gcount()));
  return head.find("\"openlabel\"") != std::string::npos;
}

Result<LabelImport> readOpenLabel(const std::filesystem::path& path, const LabelContext& context) {
  auto parsed = readJsonFile(path);
  if (!parsed) return parsed.error();
  const OrderedJson json =
      OrderedJson::parse(parsed->dump());  // ordered: keep the file's order of objects
  const std::string file = path.string();
  if (!json.is_object() || !json.contains("openlabel") || !json["openlabel"].is_object()) {
    return Error::inFile(file, "not OpenLABEL: the root needs an \"openlabel\" object");
  }
  const OrderedJson& root = json["openlabel"];
  DocumentBuilder builder(context, "openlabel");
  if (!root.contains("metadata") || !root["metadata"].contains("schema_version")) {
    builder.warnings.push_back(file +
                               ": openlabel.metadata.schema_version: missing (read as 1.0.0)");
  } else if (root["metadata"]["schema_version"] != "1.0.0") {
    builder.warnings.push_back(
        file + ": openlabel.metadata.schema_version: " + root["metadata"]["schema_version"].dump() +
        " is not 1.0.0; read as 1.0.0");
  }
  OpenLabelReader reader(file, root, builder);
  if (auto r = reader.readCoordinateSystems(); !r) return r.error();

  // Frames and their properties.
  std::map<std::int64_t, const OrderedJson*> frames;
  if (root.contains("frames")) {
    if (!root["frames"].is_object())
      return Error::at(file, "openlabel.frames", "expected an object");
    for (const auto& [key, frame] : root["frames"].items()) {
      const auto number = parseInteger(key);
      if (!number || *number < 0)
        return Error::at(file, "openlabel.frames." + key, "frame keys are frame numbers");
      frames.emplace(*number, &frame);
      if (frame.contains("frame_properties")) {
        if (auto r = reader.readFrameTransforms(*number, frame["frame_properties"],
                                                "openlabel.frames." + key + ".frame_properties");
            !r) {
          return r.error();
        }
      }
    }
  }
  if (builder.hasContextFrames()) {
    if (!frames.empty() &&
        frames.rbegin()->first >= static_cast<std::int64_t>(builder.frames().size())) {
      return Error::at(
          file, "openlabel.frames." + std::to_string(frames.rbegin()->first),
          "the dataset has only " + std::to_string(builder.frames().size()) + " frames");
    }
  } else {
    std::vector<LabelFrame> defined;
    const std::int64_t count = frames.empty() ? 0 : frames.rbegin()->first + 1;
    for (std::int64_t n = 0; n < count; ++n) {
      LabelFrame f;
      char id[32];
      std::snprintf(id, sizeof id, "%06lld", static_cast<long long>(n));
      f.id = id;
      if (const auto it = frames.find(n);
          it != frames.end() && it->second->contains("frame_properties")) {
        const OrderedJson& p = (*it->second)["frame_properties"];
        if (p.contains("frame_id") && p["frame_id"].is_string())
          f.id = p["frame_id"].get<std::string>();
        if (p.contains("timestamp_ns") && p["timestamp_ns"].is_number_integer()) {
          f.timestampNs = p["timestamp_ns"].get<std::int64_t>();
        } else if (p.contains("timestamp") && p["timestamp"].is_number()) {
          f.timestampNs = std::llround(p["timestamp"].get<double>() * 1e9);
        }
      }
      if (const auto pose = reader.egoPose(n)) f.T_world_ego = *pose;
      defined.push_back(std::move(f));
    }
    builder.defineFrames(std::move(defined));
  }

  // Objects: static data first, then each frame's.
  std::map<std::string, ObjectId> ids;
  std::map<std::string, std::string> objectCs;
  if (root.contains("objects")) {
    if (!root["objects"].is_object())
      return Error::at(file, "openlabel.objects", "expected an object");
    // Numeric uids in numeric order ("2" before "10"), then the others (UUIDs) as they come.
    std::vector<std::string> uids;
    for (const auto& [uid, unused] : root["objects"].items())
      uids.push_back(uid);
    std::stable_sort(uids.begin(), uids.end(), [](const std::string& a, const std::string& b) {
      const auto na = parseInteger(a), nb = parseInteger(b);
      if (na && nb) return *na < *nb;
      return na.has_value() && !nb.has_value();
    });
    for (const std::string& uid : uids) {
      const OrderedJson& object = root["objects"][uid];
      const std::string where = "openlabel.objects." + uid;
      if (!object.is_object() || !object.contains("type") || !object["type"].is_string()) {
        return Error::at(file, where + ".type", "expected a string (the class)");
      }
      const ObjectId id = builder.object(uid, object["type"].get<std::string>());
      ids.emplace(uid, id);
      const std::string cs =
          object.contains("coordinate_system") && object["coordinate_system"].is_string()
              ? object["coordinate_system"].get<std::string>()
              : std::string();
      objectCs.emplace(uid, cs);
      if (object.contains("object_data")) {
        Attributes attributes;
        auto instance = reader.readObjectData(object["object_data"], kStaticFrame, cs,
                                              where + ".object_data", attributes);
        if (!instance) return instance.error();
        for (const auto& [name, value] : attributes)
          builder.setObjectAttribute(id, name, value);
        if (*instance) {
          if (auto added = builder.addInstance(id, std::move(**instance)); !added)
            return added.error().withContext(file);
        }
      }
    }
  }
  for (const auto& [number, frame] : frames) {
    if (!frame->contains("objects")) continue;
    const std::string whereFrame = "openlabel.frames." + std::to_string(number) + ".objects";
    for (const auto& [uid, entry] : (*frame)["objects"].items()) {
      const std::string where = whereFrame + "." + uid;
      const auto id = ids.find(uid);
      if (id == ids.end())
        return Error::at(file, where, "object '" + uid + "' is not under openlabel.objects");
      if (!entry.contains("object_data")) continue;
      Attributes attributes;
      auto instance = reader.readObjectData(entry["object_data"], static_cast<FrameIndex>(number),
                                            objectCs[uid], where + ".object_data", attributes);
      if (!instance) return instance.error();
      if (!*instance) {
        if (!attributes.empty()) {
          builder.warnings.push_back(
              file + ": " + where +
              ": attributes without a geometry in this frame cannot be held; left out");
        }
        continue;
      }
      for (const auto& [name, value] : attributes)
        (*instance)->attributes.set(name, value);
      if (auto added = builder.addInstance(id->second, std::move(**instance)); !added)
        return added.error().withContext(file);
    }
  }
  LabelImport out{builder.finish(), std::move(builder.warnings)};
  return out;
}

}  // namespace fuselabel::labels

namespace fuselabel {

Result<std::vector<LabelSensor>> readOpenLabelSensors(const std::filesystem::path& path) {
  using labels::OrderedJson;
  using labels::readTransform;
  auto parsed = readJsonFile(path);
  if (!parsed) return parsed.error();
  const std::string file = path.string();
  if (!parsed->contains("openlabel")) return Error::inFile(file, "not OpenLABEL");
  const auto& root = (*parsed)["openlabel"];
  std::vector<LabelSensor> sensors;
  if (!root.contains("streams")) return sensors;
  for (const auto& [name, stream] : root["streams"].items()) {
    const std::string where = "openlabel.streams." + name;
    LabelSensor sensor;
    sensor.name = name;
    if (stream.contains("type") && stream["type"].is_string())
      sensor.type = stream["type"].get<std::string>();
    if (root.contains("coordinate_systems") && root["coordinate_systems"].contains(name)) {
      const auto& cs = root["coordinate_systems"][name];
      if (cs.contains("pose_wrt_parent")) {
        auto T =
            readTransform(OrderedJson::parse(cs["pose_wrt_parent"].dump()),
                          file + ": openlabel.coordinate_systems." + name + ".pose_wrt_parent");
        if (!T) return T.error();
        sensor.T_ego_sensor = *T;
      }
    }
    if (stream.contains("stream_properties") &&
        stream["stream_properties"].contains("intrinsics_pinhole")) {
      const auto& pin = stream["stream_properties"]["intrinsics_pinhole"];
      const char* matrixKey = pin.contains("camera_matrix") ? "camera_matrix" : "camera_matrix_3x4";
      if (!pin.contains(matrixKey) || !pin[matrixKey].is_array() || pin[matrixKey].size() != 12) {
        return Error::at(file, where + ".stream_properties.intrinsics_pinhole.camera_matrix",
                         "expected 12 numbers (3×4)");
      }
      Eigen::Matrix3d K;
      for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
          const auto& v = pin[matrixKey][static_cast<std::size_t>(r * 4 + c)];
          if (!v.is_number())
            return Error::at(file, where + ".stream_properties.intrinsics_pinhole." + matrixKey,
                             "expected numbers");
          K(r, c) = v.get<double>();
        }
      }
      sensor.K = K;
      if (pin.contains("width_px") && pin["width_px"].is_number_integer())
        sensor.width = pin["width_px"].get<int>();
      if (pin.contains("height_px") && pin["height_px"].is_number_integer())
        sensor.height = pin["height_px"].get<int>();
      const char* distKey =
          pin.contains("distortion_coeffs") ? "distortion_coeffs" : "distortion_coeffs_1xN";
      if (pin.contains(distKey) && pin[distKey].is_array()) {
        for (const auto& v : pin[distKey]) {
          if (!v.is_number())
            return Error::at(file, where + ".stream_properties.intrinsics_pinhole." + distKey,
                             "expected numbers");
          sensor.distortion.push_back(v.get<double>());
        }
      }
    }
    sensors.push_back(std::move(sensor));
  }
  return sensors;
}

}  // namespace fuselabel

namespace fuselabel::labels {

Result<LabelExport> writeOpenLabel(const Document& document, const std::filesystem::path& path,
                                   const LabelContext& context) {
  LabelExport out;
  const auto frames = exportFrames(document, context);
  OrderedJson root;
  OrderedJson metadata = {{"schema_version", "1.0.0"}, {"annotator", "fuselabel"}};
  if (!context.dataset.sequence.empty()) metadata["name"] = context.dataset.sequence;
  metadata["comment"] = "exported by fuselabel; cuboids in world (origin at the first ego pose)";
  root["metadata"] = std::move(metadata);

  OrderedJson systems;
  OrderedJson egoChildren = OrderedJson::array();
  for (const LabelSensor& s : context.sensors)
    egoChildren.push_back(s.name);
  systems[kWorld] = {
      {"type", "scene_cs"}, {"parent", ""}, {"children", OrderedJson::array({kEgo})}};
  systems[kEgo] = {{"type", "local_cs"},
                   {"parent", kWorld},
                   {"children", egoChildren},
                   {"pose_wrt_parent", transformJson(frames.empty() ? Eigen::Isometry3d::Identity()
                                                                    : frames.front().T_world_ego)}};
  OrderedJson streams = OrderedJson::object();
  for (const LabelSensor& s : context.sensors) {
    systems[s.name] = {{"type", "sensor_cs"},
                       {"parent", kEgo},
                       {"children", OrderedJson::array()},
                       {"pose_wrt_parent", transformJson(s.T_ego_sensor)}};
    OrderedJson stream = {{"type", s.type}, {"uri", ""}, {"description", s.name}};
    if (s.K) {
      OrderedJson matrix = OrderedJson::array();
      for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 4; ++c)
          matrix.push_back(c < 3 ? (*s.K)(r, c) : 0.0);
      }
      std::vector<double> distortion = s.distortion;
      distortion.resize(std::max<std::size_t>(distortion.size(), 5),
                        0.0);  // the schema wants 5..14
      distortion.resize(std::min<std::size_t>(distortion.size(), 14));
      stream["stream_properties"] = {{"intrinsics_pinhole",
                                      {{"width_px", s.width},
                                       {"height_px", s.height},
                                       {"camera_matrix", matrix},
                                       {"distortion_coeffs", distortion}}}};
    }
    streams[s.name] = std::move(stream);
  }
  root["coordinate_systems"] = std::move(systems);
  if (!streams.empty()) root["streams"] = std::move(streams);

  OrderedJson frameJson = OrderedJson::object();
  for (std::size_t f = 0; f < frames.size(); ++f) {
    OrderedJson properties = {
        {"timestamp", static_cast<double>(frames[f].timestampNs) * 1e-9},
        {"timestamp_ns", frames[f].timestampNs},
        {"frame_id", frames[f].id},
        {"transforms",
         {{"ego_to_world",
           {{"src", kEgo},
            {"dst", kWorld},
            {"transform_src_to_dst", transformJson(frames[f].T_world_ego)}}}}}};
    frameJson[std::to_string(f)] = {{"frame_properties", std::move(properties)}};
  }

  OrderedJson objects = OrderedJson::object();
  for (const Track& track : document.tracks()) {
    const std::string uid = std::to_string(track.object.number);
    OrderedJson object = {{"name", track.object.className + " #" + uid},
                          {"type", track.object.className},
                          {"coordinate_system", kWorld}};
    OrderedJson staticData = OrderedJson::object();
    for (const auto& [name, value] : track.object.attributes)
      appendAttribute(staticData, name, value);
    OrderedJson intervals = OrderedJson::array();
    for (const Instance& instance : track.instances) {
      if (instance.frame == kStaticFrame) {
        staticData[geometryKey(instance)].push_back(geometryJson(instance, true));
        continue;
      }
      if (static_cast<std::size_t>(instance.frame) >= frames.size()) {
        out.warnings.push_back(track.object.className + " #" + uid + ": frame " +
                               std::to_string(instance.frame) +
                               " is beyond the sequence; left out");
        continue;
      }
      OrderedJson& data = frameJson[std::to_string(instance.frame)]["objects"][uid]["object_data"];
      data[geometryKey(instance)].push_back(geometryJson(instance, true));
      if (!intervals.empty() &&
          intervals.back()["frame_end"].get<std::int64_t>() + 1 == instance.frame) {
        intervals.back()["frame_end"] = instance.frame;
      } else {
        intervals.push_back({{"frame_start", instance.frame}, {"frame_end", instance.frame}});
      }
    }
    const bool sequenceWide =
        !track.instances.empty() && track.instances.front().frame == kStaticFrame;
    if (sequenceWide && !frames.empty()) {
      intervals = OrderedJson::array({{{"frame_start", 0}, {"frame_end", frames.size() - 1}}});
    }
    if (!intervals.empty()) object["frame_intervals"] = std::move(intervals);
    if (!staticData.empty()) object["object_data"] = std::move(staticData);
    objects[uid] = std::move(object);
  }
  if (!objects.empty()) root["objects"] = std::move(objects);
  if (!frameJson.empty()) {
    root["frames"] = std::move(frameJson);
    root["frame_intervals"] =
        OrderedJson::array({{{"frame_start", 0}, {"frame_end", frames.size() - 1}}});
  }
  OrderedJson top = {{"openlabel", std::move(root)}};
  if (auto written = writeTextFile(path, top.dump(1) + "\n"); !written) return written.error();
  out.files.push_back(path);
  return out;
}

}  // namespace fuselabel::labels
