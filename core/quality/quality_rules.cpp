#include "core/quality/quality_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/geometry/iou.hpp"
#include "core/quality/labeled_boxes.hpp"
#include "core/tracks/motion_check.hpp"

namespace fuselabel {
namespace {

struct RuleDefault {
  const char* name;
  std::optional<RuleLevel> level;  // nullopt: the schema's own severity
};

// clang-format off
constexpr RuleDefault kRules[] = {
    {"empty_box", RuleLevel::Error},          {"few_points", RuleLevel::Warning},
    {"below_ground", RuleLevel::Error},       {"floating", RuleLevel::Warning},
    {"overlap", RuleLevel::Error},            {"track_gap", RuleLevel::Warning},
    {"lane_self_crossing", RuleLevel::Error},
    {"unknown_class", std::nullopt},          {"wrong_geometry", std::nullopt},
    {"missing_attribute", std::nullopt},      {"unknown_attribute", std::nullopt},
    {"wrong_attribute_scope", std::nullopt},  {"invalid_attribute_value", std::nullopt},
    {"invalid_size", std::nullopt},           {"size_outside_prior", std::nullopt},
    {"invalid_polyline", std::nullopt},       {"invalid_vertex_value", std::nullopt},
    {"speed", RuleLevel::Warning},            {"acceleration", RuleLevel::Warning},
    {"yaw_rate", RuleLevel::Warning},         {"heading_flip", RuleLevel::Warning},
    {"size_change", RuleLevel::Warning},
};
// clang-format on

const RuleDefault* findRule(std::string_view name) {
  for (const RuleDefault& rule : kRules)
    if (name == rule.name) return &rule;
  return nullptr;
}

std::string objectName(const Object& object) {
  return object.className + " " + std::to_string(object.number);
}

// `value` with two digits after the point.
std::string fixed(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// Collects findings, applying each rule's level.
class FindingSink {
 public:
  FindingSink(const QualityRuleConfig& config, std::vector<QualityFinding>& out)
      : m_config(config), m_out(out) {}

  // The level of `rule`, with `native` for rules that keep their schema severity.
  [[nodiscard]] RuleLevel level(std::string_view rule, FindingSeverity native) const {
    const auto it = m_config.levels.find(rule);
    if (it != m_config.levels.end()) return it->second;
    const RuleDefault* found = findRule(rule);
    if (found != nullptr && found->level) return *found->level;
    return native == FindingSeverity::Error ? RuleLevel::Error : RuleLevel::Warning;
  }
  [[nodiscard]] bool enabled(std::string_view rule) const {
    return level(rule, FindingSeverity::Warning) != RuleLevel::Off;
  }
  void add(std::string rule, std::string kind, FindingSeverity native, ObjectId object,
           std::optional<FrameIndex> frame, std::string message) {
    const RuleLevel l = level(rule, native);
    if (l == RuleLevel::Off) return;
    m_out.push_back({std::move(rule), std::move(kind),
                     l == RuleLevel::Error ? FindingSeverity::Error : FindingSeverity::Warning,
                     object, frame, std::move(message)});
  }

 private:
  const QualityRuleConfig& m_config;
  std::vector<QualityFinding>& m_out;
};

void pointRules(const Document& document, const LabelSchema& schema,
                const QualityRuleConfig& config, const BoxEvidenceFunction& evidence,
                FindingSink& sink) {
  for (const Track& track : document.tracks()) {
    const ClassSpec* spec = schema.findClass(track.object.className);
    if (spec != nullptr && spec->category == "ignore") continue;
    for (const Instance& instance : track.instances) {
      const auto* box = std::get_if<Cuboid>(&instance.geometry);
      if (box == nullptr || !box->isValid() || instance.frame == kStaticFrame) continue;
      const std::optional<BoxEvidence> e = evidence(track, instance);
      if (!e) continue;
      const std::string where =
          objectName(track.object) + ", frame " + std::to_string(instance.frame) + ": ";
      if (e->pointsInside == 0) {
        sink.add("empty_box", "empty_box", FindingSeverity::Error, track.object.id, instance.frame,
                 where + "no LiDAR point inside the box");
      } else if (e->pointsInside < config.minPoints) {
        sink.add("few_points", "few_points", FindingSeverity::Warning, track.object.id,
                 instance.frame,
                 where + std::to_string(e->pointsInside) + " LiDAR points inside the box (< " +
                     std::to_string(config.minPoints) + ")");
      }
      if (!e->groundHeight) continue;
      const double bottom = box->center.z() - 0.5 * box->size.z();
      const double height = bottom - *e->groundHeight;
      if (-height > config.belowGroundM) {
        sink.add("below_ground", "below_ground", FindingSeverity::Error, track.object.id,
                 instance.frame,
                 where + "bottom " + fixed(-height) + " m below the ground (> " +
                     fixed(config.belowGroundM) + " m)");
      } else if (height > config.floatingM) {
        sink.add("floating", "floating", FindingSeverity::Warning, track.object.id, instance.frame,
                 where + "bottom " + fixed(height) + " m above the ground (> " +
                     fixed(config.floatingM) + " m): floating");
      }
    }
  }
}

void overlapRule(const Document& document, const LabelSchema& schema,
                 const QualityRuleConfig& config, FindingSink& sink) {
  for (const auto& [frame, boxes] : boxesByFrame(document, schema)) {
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const Cuboid& a = boxes[i].box;
        const Cuboid& b = boxes[j].box;
        // Boxes farther apart than their half diagonals cannot touch.
        const double reach = 0.5 * (a.size.head<2>().norm() + b.size.head<2>().norm());
        if (!((a.center - b.center).head<2>().norm() <= reach)) continue;
        const double iou = iou3d(a, b);
        if (iou <= config.maxOverlapIou) continue;
        sink.add("overlap", "overlap", FindingSeverity::Error, boxes[i].object,
                 frame == kStaticFrame ? std::nullopt : std::optional<FrameIndex>(frame),
                 boxName(boxes[i]) + ", frame " + std::to_string(frame) + ": overlaps " +
                     boxName(boxes[j]) + " with 3D IoU " + fixed(iou) + " (> " +
                     fixed(config.maxOverlapIou) + ")");
      }
    }
  }
}

void gapRule(const Document& document, const QualityRuleConfig& config, FindingSink& sink) {
  for (const Track& track : document.tracks()) {
    FrameIndex previous = kStaticFrame;
    for (const Instance& instance : track.instances) {
      if (instance.frame == kStaticFrame) continue;
      if (previous != kStaticFrame && instance.frame - previous - 1 > config.maxGapFrames) {
        sink.add("track_gap", "track_gap", FindingSeverity::Warning, track.object.id, previous + 1,
                 objectName(track.object) + ", frame " + std::to_string(previous + 1) +
                     ": track has no box in frames " + std::to_string(previous + 1) + "-" +
                     std::to_string(instance.frame - 1));
      }
      previous = instance.frame;
    }
  }
}

double cross(const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
  return a.x() * b.y() - a.y() * b.x();
}

// Proper or touching intersection of segments pq and rs in the plane.
bool segmentsIntersect(const Eigen::Vector2d& p, const Eigen::Vector2d& q, const Eigen::Vector2d& r,
                       const Eigen::Vector2d& s) {
  const double d1 = cross(q - p, r - p);
  const double d2 = cross(q - p, s - p);
  const double d3 = cross(s - r, p - r);
  const double d4 = cross(s - r, q - r);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return true;
  const auto onSegment = [](const Eigen::Vector2d& a, const Eigen::Vector2d& b,
                            const Eigen::Vector2d& c) {
    return c.x() >= std::min(a.x(), b.x()) && c.x() <= std::max(a.x(), b.x()) &&
           c.y() >= std::min(a.y(), b.y()) && c.y() <= std::max(a.y(), b.y());
  };
  return (d1 == 0 && onSegment(p, q, r)) || (d2 == 0 && onSegment(p, q, s)) ||
         (d3 == 0 && onSegment(r, s, p)) || (d4 == 0 && onSegment(r, s, q));
}

void laneRule(const Document& document, FindingSink& sink) {
  for (const Track& track : document.tracks()) {
    for (const Instance& instance : track.instances) {
      const auto* line = std::get_if<Polyline>(&instance.geometry);
      if (line == nullptr || !polylineCrossesItself(*line)) continue;
      sink.add(
          "lane_self_crossing", "lane_self_crossing", FindingSeverity::Error, track.object.id,
          instance.frame == kStaticFrame ? std::nullopt : std::optional<FrameIndex>(instance.frame),
          objectName(track.object) + ", frame " + std::to_string(instance.frame) +
              ": the polyline crosses itself");
    }
  }
}

}  // namespace

bool polylineCrossesItself(const Polyline& line) {
  const std::size_t n = line.points.size();
  if (n < 4 && !(line.closed && n >= 3)) return false;
  const std::size_t segments = line.closed ? n : n - 1;
  const auto at = [&](std::size_t i) -> Eigen::Vector2d { return line.points[i % n].head<2>(); };
  for (std::size_t i = 0; i < segments; ++i) {
    for (std::size_t j = i + 2; j < segments; ++j) {
      if (line.closed && i == 0 && j == segments - 1) continue;  // they share the first point
      if (segmentsIntersect(at(i), at(i + 1), at(j), at(j + 1))) return true;
    }
  }
  return false;
}

std::optional<RuleLevel> defaultRuleLevel(std::string_view rule) {
  const RuleDefault* found = findRule(rule);
  if (found == nullptr) return std::nullopt;
  return found->level.value_or(RuleLevel::Warning);
}

const std::vector<std::string>& qualityRuleNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const RuleDefault& rule : kRules)
      out.emplace_back(rule.name);
    return out;
  }();
  return names;
}

std::optional<RuleLevel> parseRuleLevel(std::string_view text) noexcept {
  if (text == "off") return RuleLevel::Off;
  if (text == "warning") return RuleLevel::Warning;
  if (text == "error") return RuleLevel::Error;
  return std::nullopt;
}

Result<QualityRuleConfig> applyRuleOverride(QualityRuleConfig config, std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos)
    return Error{"--rule " + std::string(assignment) + ": expected RULE=off|warning|error"};
  const std::string_view name = assignment.substr(0, equals);
  if (findRule(name) == nullptr)
    return Error{"--rule " + std::string(assignment) + ": unknown rule '" + std::string(name) +
                 "'"};
  const auto level = parseRuleLevel(assignment.substr(equals + 1));
  if (!level)
    return Error{"--rule " + std::string(assignment) + ": level must be off, warning or error"};
  config.levels[std::string(name)] = *level;
  return config;
}

Result<QualityRuleConfig> applyRuleOverrides(QualityRuleConfig config, std::string_view json,
                                             std::string_view sourceName) {
  const nlohmann::json root = nlohmann::json::parse(json, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return Error::inFile(sourceName, "not a JSON object");
  for (const auto& item : root.items()) {
    // Named references, not structured bindings: clang before 16 cannot capture those in a lambda.
    const std::string& key = item.key();
    const nlohmann::json& value = item.value();
    const auto number = [&](double& target) -> std::optional<Error> {
      if (!value.is_number() || value.get<double>() < 0.0)
        return Error::at(sourceName, "/" + key, "expected a non-negative number");
      target = value.get<double>();
      return std::nullopt;
    };
    std::optional<Error> error;
    if (key == "rules") {
      if (!value.is_object()) return Error::at(sourceName, "/rules", "expected an object");
      for (const auto& [name, level] : value.items()) {
        if (findRule(name) == nullptr)
          return Error::at(sourceName, "/rules/" + name, "unknown rule");
        const auto parsed =
            level.is_string() ? parseRuleLevel(level.get<std::string>()) : std::nullopt;
        if (!parsed)
          return Error::at(sourceName, "/rules/" + name,
                           "expected \"off\", \"warning\" or \"error\"");
        config.levels[name] = *parsed;
      }
    } else if (key == "min_points") {
      double v = 0.0;
      error = number(v);
      config.minPoints = static_cast<std::size_t>(v);
    } else if (key == "below_ground_m") {
      error = number(config.belowGroundM);
    } else if (key == "floating_m") {
      error = number(config.floatingM);
    } else if (key == "max_overlap_iou") {
      error = number(config.maxOverlapIou);
    } else if (key == "max_gap_frames") {
      double v = 0.0;
      error = number(v);
      config.maxGapFrames = static_cast<int>(v);
    } else if (key == "size_change_m") {
      error = number(config.sizeChangeM);
    } else {
      return Error::at(sourceName, "/" + key, "unknown setting");
    }
    if (error) return *error;
  }
  return config;
}

std::vector<QualityFinding> runQualityRules(const Document& document, const LabelSchema& schema,
                                            const QualityRuleConfig& config,
                                            const BoxEvidenceFunction& evidence) {
  std::vector<QualityFinding> out;
  FindingSink sink(config, out);
  for (const Finding& f : validateDocument(document, schema)) {
    const std::string kind(toString(f.kind));
    sink.add(kind, kind, f.severity, f.object, f.frame, f.message);
  }
  MotionCheckOptions motion;
  motion.schema = &schema;
  motion.sizeTolerance = config.sizeChangeM;
  for (const MotionFinding& m : checkTrackMotion(document, motion))
    sink.add(std::string(toString(m.issue)), "implausible_motion", FindingSeverity::Warning, m.id,
             m.frame, m.message);
  if (evidence && (sink.enabled("empty_box") || sink.enabled("few_points") ||
                   sink.enabled("below_ground") || sink.enabled("floating")))
    pointRules(document, schema, config, evidence, sink);
  if (sink.enabled("overlap")) overlapRule(document, schema, config, sink);
  if (sink.enabled("track_gap")) gapRule(document, config, sink);
  if (sink.enabled("lane_self_crossing")) laneRule(document, sink);
  std::stable_sort(out.begin(), out.end(), [](const QualityFinding& a, const QualityFinding& b) {
    if (a.object != b.object) return a.object < b.object;
    return a.frame.value_or(kStaticFrame) < b.frame.value_or(kStaticFrame);
  });
  return out;
}

}  // namespace fuselabel
